"""A pulled record whose code already belongs to a local row under another id: a device's own
never-synced reference row takes the server's id; a synced one is never silently merged."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Category, OutboxEntry, ServiceRequest
from tests.city_server import CityServer
from tests.sync.engine.devices import Device


def test_unsynced_reference_row_takes_the_servers_id(server: CityServer, office_a: Device, community: str) -> None:
    local_id = str(uuid.uuid4())
    with Session(office_a.engine) as s, s.begin():  # seeded by this device itself (first run), never queued
        s.add(Category(id=local_id, code=f"Z{community[-5:]}", name="井盖破损", time_limit=24))
    office_a.add_resident(community, "王秀英")
    with office_a.session() as s, s.begin():  # a request of this device pointing at its category by code
        from community_app.core import changes
        from db.models import utcnow

        request = changes.insert(s, ServiceRequest(
            ticket_no=f"T{community}", community_code=community, category_code=f"Z{community[-5:]}",
            channel="walk_in", title="井盖破损", stage="reported", reported_at=utcnow()))
    server_id = str(uuid.uuid4())
    server.put_record(community, "category", server_id,
                      {"code": f"Z{community[-5:]}", "name": "井盖破损或缺失", "time_limit": 48})

    report = office_a.sync()

    assert report.finished
    with office_a.session() as s:
        categories = s.scalars(select(Category).where(Category.code == f"Z{community[-5:]}")).all()
        assert [(c.id, c.name, c.time_limit, c.version) for c in categories] == [(server_id, "井盖破损或缺失", 48, 1)]
        assert s.get_one(ServiceRequest, request.id).category_code == f"Z{community[-5:]}"
        assert not s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == local_id)).all()


def test_second_city_record_with_a_taken_code_is_skipped_not_merged(
        server: CityServer, office_a: Device, community: str) -> None:
    code = f"Y{community[-5:]}"
    with office_a.session() as s, s.begin():
        from community_app.core import changes

        mine = changes.insert(s, Category(code=code, name="甲设备的分类"))
    office_a.sync()
    server.put_record(community, "category", str(uuid.uuid4()), {"code": code, "name": "另一台设备的分类"})

    report = office_a.sync()

    assert report.finished
    with office_a.session() as s:
        rows = s.scalars(select(Category).where(Category.code == code)).all()
    assert [(r.id, r.name) for r in rows] == [(mine.id, "甲设备的分类")]


def test_a_record_the_local_schema_refuses_does_not_block_the_feed(
        server: CityServer, office_a: Device, community: str) -> None:
    """Two offices created the same category code offline: the city holds both; a new device can
    store one of them (the first), skips the other, and goes on with the feed."""
    from db.models import Resident

    code = f"X{community[-5:]}"
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    server.put_record(community, "category", first, {"code": code, "name": "一号设备建的"})
    server.put_record(community, "category", second, {"code": code, "name": "二号设备建的"})
    later = str(uuid.uuid4())
    server.put_record(community, "resident", later, {"name": "李明", "sex": "M", "community_code": community})

    report = office_a.sync()

    assert report.finished and report.problem is None
    with office_a.session() as s:
        assert [(c.id, c.name) for c in s.scalars(select(Category).where(Category.code == code))] == [
            (first, "一号设备建的")]
    assert office_a.get(Resident, later).name == "李明"
