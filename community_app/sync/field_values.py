"""Between the wire and the row: which model a table name means, which of its columns sync,
and turning JSON values (dates as ISO strings) back into what the column holds. Used when
a conflict resolution or a quarantine fix writes values to a local row."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, inspect
from sqlalchemy.orm import Session

from db.models import Base, Resident, SyncedMixin, UTCDateTime
from db.search_keys import derived_columns

BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at"})


class UnknownTableError(KeyError):
    pass


def model_for(table: str) -> type[SyncedMixin]:
    for mapper in Base.registry.mappers:
        if mapper.tables[0].name == table and issubclass(mapper.class_, SyncedMixin):
            return mapper.class_  # type: ignore[no-any-return]
    raise UnknownTableError(table)


def synced_columns(model: type[SyncedMixin]) -> list[str]:
    """Columns a mutation may carry (deleted_at included: it is how a delete travels)."""
    return [c.key for c in inspect(model).mapper.column_attrs
            if c.key not in BOOKKEEPING and c.key not in model.local_columns]


def to_json(value: Any) -> Any:
    """What core.changes writes into the outbox for this value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def from_json(model: type[SyncedMixin], name: str, value: Any) -> Any:
    """The Python value for column `name` from its JSON form. Raises ValueError/TypeError
    when the value cannot be one (the caller turns that into a problem for the user)."""
    if value is None:
        return None
    column = inspect(model).mapper.columns[name]
    kind = column.type
    if isinstance(kind, UTCDateTime):
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(kind, Date):
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if isinstance(kind, Boolean):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "是")
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, Float):
        return float(value)
    return value if isinstance(value, str) else str(value)


def write_values(session: Session, row: SyncedMixin, values: dict[str, Any]) -> None:
    """Set JSON-form values on a row (unknown or bookkeeping names are skipped) and refresh
    the columns each device derives for itself."""
    model = type(row)
    allowed = set(synced_columns(model))
    for name, value in values.items():
        if name in allowed:
            setattr(row, name, from_json(model, name, value))
    if isinstance(row, Resident):
        for name, value in derived_columns(row.name, row.id_number, row.phone).items():
            setattr(row, name, value)
    session.flush()
