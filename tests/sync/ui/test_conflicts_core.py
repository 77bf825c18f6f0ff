"""community_app.sync.conflicts and .quarantine on a demo database: what a supervisor's choice
writes to the local row, the outbox, the conflict and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from community_app.core.problems import ValidationFailed
from community_app.sync import quarantine
from community_app.sync.conflicts import EDITED, MINE, THEIRS, Choice, get_conflict, open_conflicts, resolve
from community_app.sync.status import record_state
from community_app.ui.db_startup import OpenedDatabase
from db.models import AuditEntry, OutboxEntry, Resident, SyncConflict
from tests.sync.ui.helpers import make_conflict, make_rejected, supervisor_id


def _new_entries(session, row_id: str) -> list[OutboxEntry]:
    return list(session.scalars(select(OutboxEntry).where(OutboxEntry.row_id == row_id,
                                                          OutboxEntry.status == "pending")))


def test_open_conflicts_show_each_field_both_sides(demo: OpenedDatabase) -> None:
    cid, rid, _ = make_conflict(demo.session_factory, mine={"phone": "13800001111", "notes": "同一备注"},
                                theirs={"phone": "13900002222", "notes": "同一备注"})
    with demo.session_factory() as s:
        [info] = open_conflicts(s)
        assert record_state(s, "resident", rid) == "conflict"
    assert info.id == cid and info.table == "resident" and info.server_version == 5
    fields = {f.name: f for f in info.fields}
    assert (fields["phone"].mine, fields["phone"].theirs, fields["phone"].differs) == ("13800001111", "13900002222",
                                                                                      True)
    assert fields["notes"].differs is False
    assert [f.name for f in info.differing] == ["phone"]


@pytest.mark.parametrize(("kind", "value", "expected"), [(MINE, None, "13800001111"),
                                                         (EDITED, "13700003333", "13700003333")])
def test_resolving_queues_a_new_mutation_on_the_server_version(demo: OpenedDatabase, kind: str, value: str | None,
                                                               expected: str) -> None:
    cid, rid, refused = make_conflict(demo.session_factory, mine={"phone": "13800001111"},
                                      theirs={"phone": "13900002222", "ethnicity": "回族"})
    with demo.session_factory() as s:
        actor = supervisor_id(s)
        mutation_id = resolve(s, cid, {"phone": Choice(kind, value)}, actor_id=actor)
        s.commit()
    with demo.session_factory() as s:
        row = s.get(Resident, rid)
        assert row is not None
        assert (row.phone, row.version) == (expected, 5)
        assert row.ethnicity == "回族"  # the server's other change is taken too
        [entry] = _new_entries(s, rid)
        assert entry.mutation_id == mutation_id and entry.mutation_id != refused
        assert (entry.op, entry.base_version, entry.changes) == ("update", 5, {"phone": expected})
        old = s.scalars(select(OutboxEntry).where(OutboxEntry.mutation_id == refused)).one()
        assert old.status == "resolved"
        c = s.get(SyncConflict, cid)
        assert c is not None and c.status == "resolved" and c.resolved_by_id == actor and c.resolved_at is not None
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "sync_conflict_resolved")).one()
        assert audit.subject_id == rid and audit.detail["choices"] == {"phone": kind}
        assert "13800001111" not in str(audit.detail) and expected not in str(audit.detail)  # no personal data
        assert record_state(s, "resident", rid) == "waiting"
        assert open_conflicts(s) == []


def test_taking_the_servers_values_sends_nothing(demo: OpenedDatabase) -> None:
    cid, rid, _ = make_conflict(demo.session_factory, mine={"phone": "13800001111"},
                                theirs={"phone": "13900002222"})
    with demo.session_factory() as s:
        assert resolve(s, cid, {"phone": Choice(THEIRS)}, actor_id=supervisor_id(s)) is None
        s.commit()
    with demo.session_factory() as s:
        row = s.get(Resident, rid)
        assert row is not None and (row.phone, row.version) == ("13900002222", 5)
        assert _new_entries(s, rid) == []
        assert record_state(s, "resident", rid) == "synced"
        assert "13900002222" in (row.search_numbers or "")  # search keys follow the new number


def test_later_local_edits_are_folded_into_the_resolution(demo: OpenedDatabase) -> None:
    cid, rid, _ = make_conflict(demo.session_factory, mine={"phone": "13800001111"},
                                theirs={"phone": "13900002222"})
    with demo.session_factory() as s:  # edited again after the refused change, before the resolution
        from community_app.core import changes

        row = s.get(Resident, rid)
        assert row is not None
        changes.update(s, row, notes="后来补充的备注")
        s.commit()
    with demo.session_factory() as s:
        resolve(s, cid, {"phone": Choice(MINE)}, actor_id=supervisor_id(s))
        s.commit()
    with demo.session_factory() as s:
        [entry] = _new_entries(s, rid)
        assert entry.changes == {"phone": "13800001111", "notes": "后来补充的备注"}
        assert entry.base_version == 5
        assert s.scalars(select(OutboxEntry.status).where(OutboxEntry.row_id == rid,
                                                          OutboxEntry.status == "superseded")).all() == ["superseded"]


def test_every_differing_field_needs_a_choice(demo: OpenedDatabase) -> None:
    cid, _, _ = make_conflict(demo.session_factory, mine={"phone": "13800001111", "notes": "甲"},
                              theirs={"phone": "13900002222", "notes": "乙"})
    with demo.session_factory() as s:
        with pytest.raises(ValidationFailed) as refused:
            resolve(s, cid, {"phone": Choice(MINE)}, actor_id=None)
        assert refused.value.codes == ("conflict.choice_missing",)
        assert refused.value.problems[0].field == "notes"
        s.rollback()
        assert get_conflict(s, cid).id == cid
        assert s.get(SyncConflict, cid).status == "open"  # type: ignore[union-attr]


def test_quarantine_requeue_with_a_fix_and_discard(demo: OpenedDatabase) -> None:
    seq, rid = make_rejected(demo.session_factory, changes_={"ethnicity": "火星族"}, reason="民族代码不在国家标准中。")
    with demo.session_factory() as s:
        [entry] = quarantine.rejected_entries(s)
        assert (entry.seq, entry.reason, entry.changes) == (seq, "民族代码不在国家标准中。", {"ethnicity": "火星族"})
        assert record_state(s, "resident", rid) == "error"
        new_id = quarantine.requeue(s, seq, {"ethnicity": "汉族"}, actor_id=supervisor_id(s))
        s.commit()
    with demo.session_factory() as s:
        old = s.get(OutboxEntry, seq)
        assert old is not None and old.status == "requeued"
        new = s.scalars(select(OutboxEntry).where(OutboxEntry.mutation_id == new_id)).one()
        assert (new.status, new.changes, new.base_version) == ("pending", {"ethnicity": "汉族"}, 2)
        assert new.mutation_id != old.mutation_id
        assert s.get(Resident, rid).ethnicity == "汉族"  # type: ignore[union-attr]
        assert quarantine.rejected_entries(s) == []
        assert record_state(s, "resident", rid) == "waiting"
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.action == "sync_requeued")).all()

    seq2, _ = make_rejected(demo.session_factory, changes_={"notes": "x"}, reason="字段不允许。")
    with demo.session_factory() as s:
        quarantine.discard(s, seq2, actor_id=supervisor_id(s), reason="不需要了")
        s.commit()
    with demo.session_factory() as s:
        assert s.get(OutboxEntry, seq2).status == "discarded"  # type: ignore[union-attr]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "sync_discarded")).one()
        assert audit.reason == "不需要了"
        with pytest.raises(ValidationFailed):
            quarantine.discard(s, seq2, actor_id=None)
