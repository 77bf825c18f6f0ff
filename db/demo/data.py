"""Reading the demo's data files (db/data/*.csv, *.json), which ship as package data.

CSV tables come through db.reference_data.table, the one CSV loader of the package; the
JSON documents (name pools, texts, notices) are the demo's own.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from db.reference_data import table

__all__ = ["document", "split", "table"]


@cache
def document(name: str) -> Any:
    return json.loads(files("db").joinpath("data", name).read_text(encoding="utf-8"))


def split(cell: str) -> list[str]:
    """A ';'-separated cell as a list (empty cell → [])."""
    return [part for part in cell.split(";") if part]
