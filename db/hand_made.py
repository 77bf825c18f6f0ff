"""Tables the migrations make by hand, not from the models: Alembic's autogenerate must leave them
alone (the resident full-text index and its shadow tables, db.derived's tables)."""

from __future__ import annotations

from db import derived, search_index

_DERIVED = {table.TABLE for table in derived.TABLES}


def include_name(name: str | None, type_: str, parent: object) -> bool:
    """Alembic autogenerate's filter."""
    if type_ == "table" and name in _DERIVED:
        return False
    if type_ == "index" and name is not None and any(name.startswith(f"ix_{table}_") for table in _DERIVED):
        return False
    return search_index.include_name(name, type_, parent)
