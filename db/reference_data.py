"""Reference data shipped with the program (db/data/*.csv): divisions of Qingdao 市南区,
special-group tags, visit rules, categories. Used to seed a new database and by the demo."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.resources import files


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of db/data/<name> as dicts of strings (empty cells are '')."""
    text = files("db").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def divisions() -> tuple[dict[str, str], ...]:
    """Real codes of 市南区 (370202), its 11 streets and 50 communities (statistics bureau, 2023)."""
    return table("divisions_370202.csv")
