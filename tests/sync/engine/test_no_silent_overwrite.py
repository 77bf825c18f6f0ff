"""A merged push whose pull then fails: the device must not claim the merged version (it holds
another device's change it has not seen), so its next edit of that field is a visible conflict,
never a silent overwrite."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from community_app.sync.http import HttpSettings
from db.models import Resident, SyncConflict
from tests.city_server import CityServer
from tests.sync.engine.devices import Device, new_device
from tests.sync.engine.faulty_proxy import RESET, FaultyProxy


def test_merged_version_is_not_claimed_before_the_pull(server: CityServer, office_a: Device, community: str,
                                                       tmp_path: Path) -> None:
    proxy = FaultyProxy(server.base_url, only="/sync/changes").start()
    office_b = new_device(server, community, tmp_path / "b", url=proxy.base_url)
    try:
        rid = office_a.add_resident(community, "王秀英", phone="13900000001")
        office_a.sync()
        office_b.sync()
        office_a.update(Resident, rid, phone="13911112222")  # A's change, v2
        office_a.sync()
        office_b.update(Resident, rid, notes="B 的备注")
        proxy.inject(RESET, RESET)  # B's pull after its push fails

        report = office_b.sync(http=HttpSettings(retries=1, backoff_factor=0.01))

        assert report.merged == 1 and report.problem is not None and report.problem.code == "network_unreachable"
        assert office_b.get(Resident, rid).version == 1  # not 3: B has not seen A's phone
        office_b.update(Resident, rid, phone="13733334444")  # edited on B's stale view
        report = office_b.sync()
        assert report.conflicts == 1
        with office_b.session() as s:
            assert s.scalars(select(SyncConflict.theirs)).one()["phone"] == "13911112222"
        office_a.sync()
        assert office_a.get(Resident, rid).phone == "13911112222"  # A's change stands
    finally:
        office_b.engine.dispose()
        proxy.stop()
