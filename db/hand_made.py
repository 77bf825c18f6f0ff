"""Tables the migrations make by hand, not from the models: Alembic's autogenerate must leave them
alone (the resident full-text index and its shadow tables, the visit watch)."""

from __future__ import annotations

from db import search_index, visit_watch


def include_name(name: str | None, type_: str, parent: object) -> bool:
    """Alembic autogenerate's filter."""
    if type_ == "table" and name == visit_watch.TABLE:
        return False
    if type_ == "index" and name is not None and name.startswith(f"ix_{visit_watch.TABLE}_"):
        return False
    return search_index.include_name(name, type_, parent)
