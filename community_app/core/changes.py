"""The one way synced rows change: update the row and append an outbox entry in the same
transaction, so every local change reaches the city exactly once (see DESIGN.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from db.models import OutboxEntry, SyncedMixin, utcnow

Row = TypeVar("Row", bound=SyncedMixin)
_BOOKKEEPING = {"id", "version", "created_at", "updated_at"}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _values(row: SyncedMixin, names: list[str]) -> dict[str, object]:
    return {name: _jsonable(getattr(row, name)) for name in names}


def _outbox(session: Session, row: SyncedMixin, op: str, changes: dict[str, object]) -> None:
    session.add(OutboxEntry(table_name=row.__tablename__, row_id=row.id, op=op,  # type: ignore[attr-defined]
                            base_version=row.version, changes=changes))


def insert(session: Session, row: Row) -> Row:
    """Add a new synced row and queue it for the city."""
    session.add(row)
    session.flush()  # fills defaults (id, timestamps)
    columns = [c.key for c in inspect(row).mapper.column_attrs
               if c.key not in _BOOKKEEPING and c.key not in row.local_columns]
    _outbox(session, row, "insert", _values(row, columns))
    return row


def update(session: Session, row: Row, **changes: object) -> Row:
    """Change fields of a synced row and queue only the fields that really changed."""
    changed = [name for name, value in changes.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, changes[name])
    synced = [name for name in changed if name not in row.local_columns]
    if changed:
        session.flush()
    if synced:
        _outbox(session, row, "update", _values(row, synced))
    return row


def update_many(session: Session, rows: Iterable[Row], **changes: object) -> int:
    """update() of the same fields on many rows with one flush (a flush per row costs most
    of a millisecond); each changed row gets the same outbox entry update() would write.
    Returns how many rows changed."""
    touched: list[tuple[Row, list[str]]] = []
    for row in rows:
        changed = [name for name, value in changes.items() if getattr(row, name) != value]
        for name in changed:
            setattr(row, name, changes[name])
        if changed:
            touched.append((row, changed))
    if touched:
        session.flush()
    for row, changed in touched:
        synced = [name for name in changed if name not in row.local_columns]
        if synced:
            _outbox(session, row, "update", _values(row, synced))
    return len(touched)


def tombstone(session: Session, row: Row) -> Row:
    """Mark a synced row deleted; synced rows are never removed."""
    if row.deleted_at is None:
        row.deleted_at = utcnow()
        session.flush()
        _outbox(session, row, "delete", _values(row, ["deleted_at"]))
    return row
