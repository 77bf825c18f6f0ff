"""Reading the demo's data files (db/data/*.csv, *.json), which ship as package data."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib.resources import files
from typing import Any


def _text(name: str) -> str:
    return files("db").joinpath("data", name).read_text(encoding="utf-8")


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of db/data/<name> as dicts of strings (empty cells are '')."""
    return tuple(csv.DictReader(io.StringIO(_text(name))))


@cache
def document(name: str) -> Any:
    return json.loads(_text(name))


def split(cell: str) -> list[str]:
    """A ';'-separated cell as a list (empty cell → [])."""
    return [part for part in cell.split(";") if part]
