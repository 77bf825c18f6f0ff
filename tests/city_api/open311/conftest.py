"""The REAL city API (tests.city_server: `city-api serve` subprocess on 127.0.0.1) on SQLite and on
PostgreSQL, one server per test session and backend; each test starts from an emptied database seeded
by helpers.seed_city (emptying rows is much cheaper than starting a server per test)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from city_api.database import make_sessionmakers
from city_api.enrolment import issue_code
from city_api.models import Blob, Community, Device, EnrolmentCode, Mutation, Record
from city_api.open311.models import Open311ApiKey, Open311Submission
from tests.city_api.open311.helpers import seed_city
from tests.city_server import CityServer, new_pg_schema, start_server

# children first: foreign keys
_TABLES = (Open311Submission, Open311ApiKey, Mutation, Record, EnrolmentCode, Device, Blob, Community)


@dataclass(frozen=True)
class Open311Server:
    base_url: str  # http://127.0.0.1:port
    api_key: str
    sessions: sessionmaker[Session]  # write sessions on the server's database

    @property
    def url(self) -> str:
        return self.base_url + "/open311/v2"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def open311_city(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CityServer]:
    if request.param == "sqlite":
        server = start_server(f"sqlite:///{tmp_path_factory.mktemp('open311') / 'city.sqlite'}")
        yield server
        server.stop()
        return
    pg = new_pg_schema()  # skips (or fails with CITY_API_REQUIRE_PG) when there is no PostgreSQL
    server = start_server(pg.url)
    yield server
    server.stop()
    pg.drop()


@pytest.fixture
def open311_server(open311_city: CityServer) -> Open311Server:
    write = make_sessionmakers(open311_city.engine)[1]
    with write() as session:
        for model in _TABLES:
            session.execute(delete(model))
        session.commit()
        key = seed_city(session)
    return Open311Server(open311_city.base_url, key, write)


def device_headers(server: Open311Server, community: str) -> dict[str, str]:
    """Enrol an office device of `community` through the real /sync/enroll; its Bearer header."""
    with server.sessions() as session:
        code = issue_code(session, community, "office")
        session.commit()
    r = requests.post(server.base_url + "/sync/enroll", json={"code": code, "device_name": "测试电脑"}, timeout=10)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['token']}"}


__all__ = ["Iterator", "Open311Server", "device_headers", "open311_city", "open311_server"]
