"""Two devices edit the same resident offline: fields that do not overlap merge; a field both
changed becomes a visible conflict holding both values; nothing is overwritten silently."""

from __future__ import annotations

from sqlalchemy import select

from community_app.sync.convert import row_values
from db.models import OutboxEntry, Resident, SyncConflict
from tests.sync.engine.devices import Device


def _shared_resident(a: Device, b: Device, community: str) -> str:
    rid = a.add_resident(community, "王秀英", phone="13900000001", notes="原备注")
    assert a.sync().finished and b.sync().finished
    return rid


def test_non_overlapping_fields_merge(office_a: Device, office_b: Device, community: str) -> None:
    rid = _shared_resident(office_a, office_b, community)
    office_a.update(Resident, rid, phone="13911112222")  # offline on A
    office_b.update(Resident, rid, notes="独居，需每周走访")  # offline on B

    report_a = office_a.sync()
    report_b = office_b.sync()
    office_a.sync()

    assert (report_a.applied, report_b.merged, report_b.conflicts) == (1, 1, 0)
    for device in (office_a, office_b):
        row = device.get(Resident, rid)
        assert (row.phone, row.notes, row.version) == ("13911112222", "独居，需每周走访", 3)
        assert device.outbox("pending") == 0


def test_overlapping_field_becomes_a_visible_conflict(office_a: Device, office_b: Device, community: str) -> None:
    rid = _shared_resident(office_a, office_b, community)
    office_a.update(Resident, rid, phone="13911112222")
    office_b.update(Resident, rid, phone="13733334444", notes="搬到女儿家附近")

    assert office_a.sync().applied == 1
    report = office_b.sync()

    assert report.finished and report.conflicts == 1
    with office_b.session() as s:
        conflict = s.scalars(select(SyncConflict)).one()
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.mutation_id == conflict.mutation_id)).one()
    assert (conflict.table_name, conflict.row_id, conflict.status) == ("resident", rid, "open")
    assert conflict.mine == {"phone": "13733334444", "notes": "搬到女儿家附近"}
    assert conflict.theirs["phone"] == "13911112222" and conflict.server_version == 2
    assert row_values("resident", conflict.theirs)["phone"] == "13911112222"
    assert entry.status == "conflict"
    # nothing overwritten silently: B still shows what its worker typed until someone decides
    row_b = office_b.get(Resident, rid)
    assert (row_b.phone, row_b.notes) == ("13733334444", "搬到女儿家附近")
    # and the server kept A's accepted value (B's change did not land)
    office_a.sync()
    row_a = office_a.get(Resident, rid)
    assert (row_a.phone, row_a.notes) == ("13911112222", "原备注")


def test_pending_local_field_survives_a_pull(office_a: Device, office_b: Device, community: str) -> None:
    """B pulls A's change while B's own edit of another field waits: B's field is kept and then
    pushed; both end up with both changes."""
    rid = _shared_resident(office_a, office_b, community)
    office_a.update(Resident, rid, phone="13911112222")
    office_a.sync()
    office_b.update(Resident, rid, notes="新备注")
    with office_b.engine.begin() as conn:  # pull only (as if the push had failed), by the engine's own pull
        from community_app.sync.client import ApiClient
        from community_app.sync.pull import apply_page

        client = ApiClient(office_b.server_url, office_b.tokens.get(office_b.server_url))
        page = client.changes(0, 1000)
        client.close()
        apply_page(conn, page["changes"], page["next"])
    row = office_b.get(Resident, rid)
    assert (row.phone, row.notes, row.version) == ("13911112222", "新备注", 1)  # version kept: notes not sent yet

    assert office_b.sync().merged == 1
    office_a.sync()
    for device in (office_a, office_b):
        row = device.get(Resident, rid)
        assert (row.phone, row.notes) == ("13911112222", "新备注")


def test_later_edits_of_a_row_in_conflict_wait_for_the_decision(
        office_a: Device, office_b: Device, community: str) -> None:
    rid = _shared_resident(office_a, office_b, community)
    office_a.update(Resident, rid, phone="13911112222")
    office_a.sync()
    office_b.update(Resident, rid, phone="13733334444")
    assert office_b.sync().conflicts == 1
    office_b.update(Resident, rid, notes="冲突期间又改了备注")

    report = office_b.sync()

    assert report.pushed == 0 and office_b.outbox("pending") == 1  # waiting, not a second conflict
    with office_b.session() as s:
        assert len(s.scalars(select(SyncConflict)).all()) == 1
    assert office_b.get(Resident, rid).notes == "冲突期间又改了备注"
