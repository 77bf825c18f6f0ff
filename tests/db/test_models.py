"""Model-level rules every synced table relies on."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from db.ids import uuid7
from db.migrate import create_database
from db.models import Base, Division, SyncedMixin, synced_tables


def test_uuid7_is_version_7_and_time_ordered() -> None:
    ids = [uuid7(ms=1_700_000_000_000 + i) for i in range(50)]
    assert ids == sorted(ids)
    for value in ids:
        parsed = uuid.UUID(value)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert len(set(uuid7(ms=1) for _ in range(1000))) == 1000


def test_every_synced_table_has_the_sync_columns() -> None:
    names = synced_tables()
    assert {"resident", "household", "building", "grid_cell", "service_request", "visit"} <= set(names)
    for table in names:
        cols = Base.metadata.tables[table].c
        for col in ("id", "version", "created_at", "updated_at", "deleted_at"):
            assert col in cols, f"{table}.{col}"
        assert cols["id"].primary_key


def test_bookkeeping_tables_are_not_synced() -> None:
    assert not {"sync_outbox", "sync_cursor", "sync_conflict", "audit_log"} & set(synced_tables())
    for mapper in Base.registry.mappers:
        if mapper.class_.__tablename__ in synced_tables():
            assert issubclass(mapper.class_, SyncedMixin)


def test_times_are_stored_utc_and_read_back_aware(tmp_path: Path) -> None:
    engine = create_database(tmp_path / "t.sqlite")
    shanghai = timezone(timedelta(hours=8))
    with Session(engine) as s:
        d = Division(code="370202", name="市南区", level="district")
        d.created_at = datetime(2026, 11, 24, 9, 0, tzinfo=shanghai)
        s.add(d)
        s.commit()
        raw = s.connection().exec_driver_sql("SELECT created_at FROM division").scalar()
        assert str(raw).startswith("2026-11-24 01:00:00")
        s.expire_all()
        back = s.scalars(select(Division)).one()
        assert back.created_at == datetime(2026, 11, 24, 1, 0, tzinfo=UTC_)
        assert back.version == 0 and back.deleted_at is None
        assert re.fullmatch(r"[0-9a-f-]{36}", back.id)
        back.updated_at = datetime(2026, 1, 1)  # naive: refused, local time must not sneak in
        with pytest.raises(StatementError, match="naive datetime"):
            s.commit()
    engine.dispose()


UTC_ = UTC


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    engine = create_database(tmp_path / "fk.sqlite")
    with Session(engine) as s:
        s.add(Division(code="370202001", name="街道", level="street", parent_code="999999"))
        with pytest.raises(Exception, match="FOREIGN KEY"):
            s.commit()
    assert inspect(engine).get_foreign_keys("division")
    engine.dispose()
