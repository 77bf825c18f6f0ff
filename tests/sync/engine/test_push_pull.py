"""Push drains the outbox and sets versions; pull applies pages with their cursor, derives the
residents' search columns and never queues what it pulled; a rejected mutation is quarantined
without blocking the rest."""

from __future__ import annotations

from sqlalchemy import select, text

from community_app.core import changes
from community_app.sync import pull
from db.models import OutboxEntry, Resident, ResidentTag, SpecialGroupTag, SyncCursor
from tests.city_server import CityServer
from tests.sync.engine.devices import Device


def _fts(device: Device, query: str) -> set[str]:
    with device.engine.connect() as conn:
        return set(conn.execute(text(
            "SELECT r.name FROM resident_fts JOIN resident r ON r.rowid = resident_fts.rowid "
            "WHERE resident_fts MATCH :q"), {"q": query}).scalars())


def test_outbox_drains_and_versions_come_from_the_server(office_a: Device, community: str) -> None:
    ids = [office_a.add_resident(community, name, phone=f"1391234{i:04d}") for i, name in
           enumerate(["王秀英", "李明", "张伟"])]
    office_a.update(Resident, ids[0], phone="13800001111")
    assert office_a.outbox() == 4

    report = office_a.sync()

    assert report.finished and report.problem is None
    assert (report.pushed, report.applied, report.rejected) == (4, 4, 0)
    assert office_a.outbox("pending") == 0
    assert office_a.outbox("sent") == 4  # kept: the resident timeline reads the outbox
    # insert → version 1; the second edit was re-based on it and applied as version 2
    assert [office_a.get(Resident, i).version for i in ids] == [2, 1, 1]


def test_second_device_pulls_everything_searchable_and_queues_nothing(
        office_a: Device, office_b: Device, community: str) -> None:
    rid = office_a.add_resident(community, "王秀英", phone="13912345678", id_number="370202195001011236")
    with office_a.session() as s, s.begin():
        tag = changes.insert(s, SpecialGroupTag(code=f"t{community}", name="独居老人"))
        changes.insert(s, ResidentTag(resident_id=rid, tag_code=tag.code))
    assert office_a.sync().finished

    report = office_b.sync()

    assert report.finished and report.pulled >= 3
    row = office_b.get(Resident, rid)
    assert (row.name, row.phone, row.version) == ("王秀英", "13912345678", 1)
    assert row.search_sort.startswith("wang xiu ying")
    assert _fts(office_b, "wangx*") == {"王秀英"}
    assert _fts(office_b, '"5678"*') == set()  # numbers are indexed forwards and backwards:
    assert _fts(office_b, "8765*") == {"王秀英"}  # a tail is found through the reversed form
    assert office_b.outbox("pending") == 0 and office_b.outbox("sent") == 0  # nothing pulled is queued
    with office_b.session() as s:
        assert s.get_one(SyncCursor, "changes").cursor == str(_server_seq(office_b))
        assert s.scalar(select(ResidentTag.tag_code).where(ResidentTag.resident_id == rid)) == tag.code


def _server_seq(device: Device) -> int:
    with device.engine.connect() as conn:
        return pull.read_cursor(conn)


def test_later_server_changes_arrive_as_updates(office_a: Device, office_b: Device, community: str) -> None:
    rid = office_a.add_resident(community, "李明", phone="13912340000")
    office_a.sync()
    office_b.sync()
    office_a.update(Resident, rid, name="李明明", phone="13800002222")
    office_a.sync()

    office_b.sync()

    row = office_b.get(Resident, rid)
    assert (row.name, row.phone, row.version) == ("李明明", "13800002222", 2)
    assert _fts(office_b, "limingm*") == {"李明明"}  # the index followed the new name
    assert _fts(office_b, "liming*") == {"李明明"}


def test_tombstones_travel(office_a: Device, office_b: Device, community: str) -> None:
    rid = office_a.add_resident(community, "赵强")
    office_a.sync()
    office_b.sync()
    with office_a.session() as s, s.begin():
        changes.tombstone(s, s.get_one(Resident, rid))
    office_a.sync()

    office_b.sync()

    assert office_b.get(Resident, rid).deleted_at is not None  # kept as a tombstone, never removed


def test_rejected_mutation_is_quarantined_and_the_rest_goes_on(
        office_a: Device, office_b: Device, community: str) -> None:
    first = office_a.add_resident(community, "孙桂兰")
    # a row the server never saw, changed locally: its update is refused (unknown_record)
    with office_a.session() as s, s.begin():
        ghost = Resident(name="周𠮷", sex="M", community_code=community)
        s.add(ghost)
        s.flush()
        changes.update(s, ghost, phone="13700000000")
        ghost_id = ghost.id
    last = office_a.add_resident(community, "钱芳")

    report = office_a.sync()

    assert report.finished and (report.applied, report.rejected) == (2, 1)
    with office_a.session() as s:
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == ghost_id)).one()
    assert entry.status == "rejected" and entry.last_error  # the server's reason, in Chinese
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry.last_error)
    assert office_a.outbox("pending") == 0
    office_b.sync()
    assert office_b.get(Resident, first) is not None and office_b.get(Resident, last) is not None
    assert office_b.get(Resident, ghost_id) is None
    # the quarantined field stays as the worker typed it, even after a pull
    office_a.sync()
    assert office_a.get(Resident, ghost_id).phone == "13700000000"


def test_not_enrolled_says_so(tmp_path: object) -> None:
    from pathlib import Path

    from community_app.sync.engine import SyncEngine
    from community_app.sync.tokens import MemoryTokenStore
    from db.migrate import create_database

    engine = create_database(Path(str(tmp_path)) / "x.sqlite")
    report = SyncEngine(engine, tokens=MemoryTokenStore()).run_once()
    engine.dispose()
    assert not report.finished and report.problem is not None
    assert report.problem.code == "not_enrolled" and "登记码" in report.problem.message


def test_server_holds_one_copy(server: CityServer, office_a: Device, community: str) -> None:
    office_a.add_resident(community, "吴敏")
    office_a.sync()
    office_a.sync()  # nothing new: nothing pushed again
    from city_api.store import query_records

    with server.session() as s:
        records = query_records(s, "resident", community_code=community)
    assert [(r.data["name"], r.version) for r in records] == [("吴敏", 1)]
