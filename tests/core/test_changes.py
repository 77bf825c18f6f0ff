"""Synced rows change only together with an outbox entry carrying what changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes
from db.migrate import create_database
from db.models import Division, OutboxEntry


def test_insert_update_tombstone_each_queue_one_entry(tmp_path: Path) -> None:
    engine = create_database(tmp_path / "c.sqlite")
    with Session(engine) as s:
        d = changes.insert(s, Division(code="370202", name="市南", level="district"))
        changes.update(s, d, name="市南区", level="district")  # level unchanged: not sent
        changes.update(s, d, name="市南区")  # nothing changed: nothing queued
        changes.tombstone(s, d)
        changes.tombstone(s, d)
        s.commit()
        entries = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).all()
        assert [e.op for e in entries] == ["insert", "update", "delete"]
        assert entries[0].changes["name"] == "市南" and "id" not in entries[0].changes
        assert entries[1].changes == {"name": "市南区"}
        assert entries[2].changes["deleted_at"] == d.deleted_at.isoformat()
        assert len({e.mutation_id for e in entries}) == 3
        assert s.get(Division, d.id) is not None  # a tombstone, never a delete
    engine.dispose()


def test_update_many_writes_what_update_would(tmp_path: Path) -> None:
    engine = create_database(tmp_path / "m.sqlite")
    with Session(engine) as s:
        rows = [Division(code=f"37020{i}", name=f"区{i}", level="district") for i in range(3)]
        s.add_all(rows)
        s.flush()
        rows[0].name = "新名"  # already what will be set: unchanged, no outbox entry
        s.flush()
        assert changes.update_many(s, rows, name="新名") == 2
        entries = s.scalars(select(OutboxEntry).order_by(OutboxEntry.row_id)).all()
        assert sorted(e.row_id for e in entries) == sorted(r.id for r in rows[1:])
        assert all(e.op == "update" and e.changes == {"name": "新名"} for e in entries)
        assert [r.name for r in rows] == ["新名"] * 3
    engine.dispose()
