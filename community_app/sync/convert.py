"""The server's JSON values ↔ local column values.

The wire carries what community_app.core.changes writes into the outbox: dates and datetimes as
ISO strings, booleans, JSON objects. The pull writes raw SQLite values for speed
(storage_values: datetimes in SQLAlchemy's 'YYYY-MM-DD HH:MM:SS.ffffff' naive-UTC form, booleans
as 0/1, JSON as text); row_values gives Python values for code that goes through the ORM (the
conflicts page applying "theirs").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Table

import db.models  # noqa: F401 — fills Base.metadata
from db.models import Base, SyncedMixin

BOOKKEEPING = ("id", "version", "created_at", "updated_at", "deleted_at")


def _utc(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:  # the protocol says UTC; a bare time is taken as UTC, never local
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _store_datetime(value: Any) -> Any:
    if value is None:
        return None
    parsed = _utc(value) if isinstance(value, str) else value.astimezone(UTC)
    return parsed.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _store_date(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else value.isoformat()


def _store_bool(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _store_json(value: Any) -> Any:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _py_datetime(value: Any) -> Any:
    return _utc(value) if isinstance(value, str) else value


def _py_date(value: Any) -> Any:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class TableInfo:
    """What the pull needs to know of one synced table."""

    name: str
    table: Table
    synced: tuple[str, ...]  # columns the server holds, without the bookkeeping ones
    local: frozenset[str]  # derived on the device (never on the wire)
    store: dict[str, Callable[[Any], Any]]  # column → JSON value to SQLite value
    python: dict[str, Callable[[Any], Any]]  # column → JSON value to ORM value
    defaults: dict[str, Any]  # column → scalar default for an insert whose data lacks it


def _converters(table: Table) -> tuple[dict[str, Callable[[Any], Any]], dict[str, Callable[[Any], Any]]]:
    store: dict[str, Callable[[Any], Any]] = {}
    python: dict[str, Callable[[Any], Any]] = {}
    for column in table.columns:
        kind = column.type
        impl = getattr(kind, "impl", kind)
        if isinstance(impl, DateTime):
            store[column.name], python[column.name] = _store_datetime, _py_datetime
        elif isinstance(impl, Date):
            store[column.name], python[column.name] = _store_date, _py_date
        elif isinstance(impl, Boolean):
            store[column.name], python[column.name] = _store_bool, _same
        elif isinstance(impl, JSON):
            store[column.name], python[column.name] = _store_json, _same
        else:
            store[column.name], python[column.name] = _same, _same
    return store, python


@cache
def table_info(name: str) -> TableInfo | None:
    """None for a table this version of the app does not have (a newer server's)."""
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, SyncedMixin) and mapper.local_table.name == name:
            table = mapper.local_table
            assert isinstance(table, Table)
            local = frozenset(cls.local_columns)
            synced = tuple(c.name for c in table.columns if c.name not in BOOKKEEPING and c.name not in local)
            store, python = _converters(table)
            defaults = {c.name: c.default.arg for c in table.columns  # type: ignore[attr-defined]
                        if c.default is not None and c.default.is_scalar}
            return TableInfo(name, table, synced, local, store, python, defaults)
    return None


def storage_values(info: TableInfo, data: dict[str, Any]) -> dict[str, Any]:
    """The known synced columns present in data, as SQLite values."""
    return {name: info.store[name](data[name]) for name in info.synced if name in data}


def row_values(table_name: str, data: dict[str, Any]) -> dict[str, object]:
    """The server's JSON values → Python values for the ORM; unknown and local columns dropped
    (so is the bookkeeping: id, version, created_at, updated_at), deleted_at kept."""
    info = table_info(table_name)
    if info is None:
        raise KeyError(table_name)
    names = (*info.synced, "deleted_at")
    return {name: info.python[name](data[name]) for name in names if name in data}
