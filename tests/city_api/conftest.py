"""Fixtures of the city API core tests. One real server per backend for the package (starting one
costs seconds on a loaded machine); each test gets its own fresh community on it, so no test
sees another's records. Tests that need a whole clean database use tests.city_server's
function-scoped fixtures."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from tests.city_server import CityServer, Enrolled, new_pg_schema, start_server


@pytest.fixture(scope="package", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CityServer]:
    if request.param == "sqlite":
        server = start_server(f"sqlite:///{tmp_path_factory.mktemp('city') / 'city.sqlite'}")
        yield server
        server.stop()
        return
    pg = new_pg_schema()
    server = start_server(pg.url)
    yield server
    server.stop()
    pg.drop()


def new_community_code() -> str:
    return "3702021" + "".join(secrets.choice("0123456789") for _ in range(5))


@pytest.fixture
def community(api: CityServer) -> str:
    code = new_community_code()
    api.add_community(code, "测试社区")
    return code


@pytest.fixture
def office(api: CityServer, community: str) -> Enrolled:
    return api.enroll(community, "office", "网格员电脑-1")


@pytest.fixture
def kiosk(api: CityServer, community: str) -> Enrolled:
    return api.enroll(community, "kiosk", "社区中心自助终端")
