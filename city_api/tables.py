"""What the city accepts in a record: the synced tables of the device schema (db.models), their
columns (minus bookkeeping and device-local ones) and the JSON kind each value must have.

The server and the desktop ship from the same source tree, so the device models are the
single description of the wire format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import JSON, Boolean, Date, Float, Integer, Numeric, String, Text
from sqlalchemy.types import TypeEngine

BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at"})
KIOSK_PUSH_TABLES = frozenset({"service_request", "request_event", "attachment", "booking", "help_call"})
KIOSK_READ_TABLES = frozenset({"notice", "category"})
KIOSK_OWN_TABLES = frozenset({"service_request"})  # rows a kiosk created itself: ticket status


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str | int | float | bool | datetime | date | json
    nullable: bool
    required: bool  # must be given on insert: NOT NULL and no default


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: dict[str, Column]
    local: frozenset[str]  # derived on each device, never sent


class InvalidValueError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def _kind(col_type: TypeEngine[object]) -> str:
    from db.models import UTCDateTime

    if isinstance(col_type, UTCDateTime):
        return "datetime"
    if isinstance(col_type, Boolean):
        return "bool"
    if isinstance(col_type, Integer):
        return "int"
    if isinstance(col_type, Float | Numeric):
        return "float"
    if isinstance(col_type, Date):
        return "date"
    if isinstance(col_type, JSON):
        return "json"
    if isinstance(col_type, String | Text):
        return "str"
    return "json"  # anything else: accept any JSON value


@cache
def table_specs() -> dict[str, TableSpec]:
    import db.models  # noqa: F401  (fills the device metadata)
    from db.models import Base, SyncedMixin, synced_tables

    local = {m.local_table.name: frozenset(m.class_.local_columns)
             for m in Base.registry.mappers if issubclass(m.class_, SyncedMixin)}
    specs: dict[str, TableSpec] = {}
    for name in synced_tables():
        table = Base.metadata.tables[name]
        cols = {}
        for c in table.columns:
            if c.name in BOOKKEEPING or c.name in local[name]:
                continue
            has_default = c.default is not None or c.server_default is not None
            cols[c.name] = Column(c.name, _kind(c.type), bool(c.nullable), not c.nullable and not has_default)
        specs[name] = TableSpec(name, cols, local[name])
    return specs


def check_value(column: Column, value: object) -> None:
    """Raise InvalidValueError if value is not what the device writes for this column."""
    if value is None:
        if not column.nullable:
            raise InvalidValueError("null_not_allowed", f"字段 {column.name} 不能为空。请填写后重新提交。")
        return
    kind = column.kind
    ok = True
    if kind == "str":
        ok = isinstance(value, str)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind in ("datetime", "date"):
        ok = isinstance(value, str) and _parses(kind, value)
    if not ok:
        raise InvalidValueError("wrong_type", f"字段 {column.name} 的值类型不对（应为 {kind}）。请检查数据后重新提交。")


def _parses(kind: str, text: str) -> bool:
    try:
        if kind == "date":
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def check_changes(table: str, changes: object, *, insert: bool) -> TableSpec:
    """Validate a mutation's (or a server write's) changes for table; return the table's spec."""
    spec = table_specs().get(table)
    if spec is None:
        raise InvalidValueError("unknown_table", f"城市平台不认识数据表 {table}。请升级程序后重试。")
    if not isinstance(changes, dict):
        raise InvalidValueError("invalid_changes", "变更内容格式不对。请升级程序后重试。")
    for name, value in changes.items():
        if name in BOOKKEEPING:
            raise InvalidValueError("bookkeeping_column", f"字段 {name} 由系统维护，不能直接修改。")
        column = spec.columns.get(name)
        if column is None:
            raise InvalidValueError("unknown_column", f"数据表 {table} 没有字段 {name}。请升级程序后重试。")
        check_value(column, value)
    if insert:
        missing = [c.name for c in spec.columns.values() if c.required and c.name not in changes]
        if missing:
            raise InvalidValueError("missing_column", f"新记录缺少必填字段：{'、'.join(missing)}。请补全后重新提交。")
    return spec


def parse_datetime(text: str | None) -> datetime | None:
    """An ISO string from the device as an aware UTC datetime (naive means UTC: the DB stores UTC)."""
    if text is None:
        return None
    from datetime import UTC

    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
