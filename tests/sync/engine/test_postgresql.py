"""The same engine against the city API on PostgreSQL (production): push, pull, merge and
conflict end to end. Skipped when no PostgreSQL can be reached (CI provides one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Resident, SyncConflict
from tests.city_server import CityServer, new_pg_schema, start_server
from tests.sync.engine.devices import Device, new_community, new_device


@pytest.fixture(scope="module")
def pg_server() -> Iterator[CityServer]:
    schema = new_pg_schema()
    server = start_server(schema.url)
    yield server
    server.stop()
    schema.drop()


def test_two_devices_on_postgresql(pg_server: CityServer, tmp_path: Path) -> None:
    community = new_community()
    a: Device = new_device(pg_server, community, tmp_path / "a")
    b: Device = new_device(pg_server, community, tmp_path / "b")
    try:
        rid = a.add_resident(community, "王秀英", phone="13900000001")
        assert a.sync().applied == 1 and b.sync().pulled == 1
        a.update(Resident, rid, phone="13911112222")
        b.update(Resident, rid, notes="B 的备注")
        assert a.sync().applied == 1
        assert b.sync().merged == 1
        a.sync()  # A now has B's notes (version 3) before it edits them
        a.update(Resident, rid, notes="A 又改了备注")
        b.update(Resident, rid, notes="B 也改了备注")
        assert a.sync().applied == 1
        assert b.sync().conflicts == 1
        with b.session() as s:
            assert s.scalars(select(SyncConflict.theirs)).one()["notes"] == "A 又改了备注"
        a.sync()
        row = a.get(Resident, rid)
        assert (row.phone, row.notes, row.version) == ("13911112222", "A 又改了备注", 4)
    finally:
        a.engine.dispose()
        b.engine.dispose()
