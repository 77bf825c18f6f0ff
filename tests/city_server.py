"""The REAL city API for tests: `city-api serve` as a uvicorn subprocess on 127.0.0.1 and a free
port, against SQLite or a real PostgreSQL, plus helpers to create communities, issue
enrolment codes and enroll devices. Shared by tests/city_api, tests/sync, tests/ui, tests/e2e.

Use it from any test package:

    from tests.city_server import CityServer, start_server, DEMO_COMMUNITY
    from tests.city_server import city_sqlite_url, city_pg_url, city_server, city_server_pg  # noqa: F401 (fixtures)

    def test_push(city_server: CityServer) -> None:
        device = city_server.enroll(DEMO_COMMUNITY, role="office")      # community created if missing
        requests.get(city_server.base_url + "/sync/whoami", headers=device.headers, timeout=5)
        city_server.put_record(DEMO_COMMUNITY, "notice", "n1", {...})    # a server-side change (new seq)

Fixtures (function scope: every test gets a clean database or PostgreSQL schema):
- city_sqlite_url  a fresh SQLite file URL;  city_pg_url  a fresh schema on PostgreSQL (see below)
- city_server      the server on SQLite;     city_server_pg  the server on PostgreSQL
- city_server_any  parametrized: both (the PostgreSQL run skips when no PostgreSQL can be reached)
PostgreSQL: env CITY_API_TEST_PG_URL (a postgresql+psycopg:// URL of a database the role may create
schemas in; .ci/run exports it), else the local Debian cluster (`pg_ctlcluster 15 main start`, a role and
database city_api_test made via `su postgres -c psql`, when running as root). If neither works the test
is skipped with the reason — or fails when env CITY_API_REQUIRE_PG is set.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from city_api.database import make_engine, make_sessionmakers, upgrade
from city_api.enrolment import ensure_community, issue_code
from city_api.store import put_record

ROOT = Path(__file__).resolve().parent.parent
DEMO_COMMUNITY = "370202010004"  # 湛山社区 of db.demo
OTHER_COMMUNITY = "370202010005"
START_TIMEOUT_S = 30.0
LOCAL_PG = "postgresql+psycopg://city_api_test:city_api_test@127.0.0.1:5432/city_api_test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Enrolled:
    token: str
    device_id: str
    community_code: str
    role: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class CityServer:
    """A running `city-api serve` process and direct access to its database."""

    base_url: str
    db_url: str
    process: subprocess.Popen[bytes]
    engine: Engine = field(repr=False)
    log_path: Path = field(repr=False)  # the server's stderr (warnings, tracebacks)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def session(self) -> Session:
        """A write session on the server's database (commit it yourself)."""
        return make_sessionmakers(self.engine)[1]()

    def add_community(self, code: str, name: str = "测试社区") -> None:
        with self.session() as s:
            ensure_community(s, code, name)
            s.commit()

    def issue_code(self, community: str, role: str = "office", ttl: timedelta = timedelta(hours=1)) -> str:
        """A one-time code (the community is created if missing)."""
        with self.session() as s:
            if not _has_community(s, community):
                ensure_community(s, community, "测试社区")
            code = issue_code(s, community, role, ttl)
            s.commit()
        return code

    def enroll(self, community: str = DEMO_COMMUNITY, role: str = "office", name: str = "测试电脑") -> Enrolled:
        """Issue a code and trade it over HTTP, as a device does."""
        code = self.issue_code(community, role)
        r = requests.post(f"{self.base_url}/sync/enroll", json={"code": code, "device_name": name}, timeout=10)
        r.raise_for_status()
        body = r.json()
        return Enrolled(body["token"], body["device_id"], body["community_code"], body["role"])

    def put_record(self, community: str, table: str, record_id: str, data: dict[str, Any]) -> tuple[int, int]:
        """A server-side change (as Open311 makes): returns (version, seq)."""
        with self.session() as s:
            result = put_record(s, community, table, record_id, data)
            s.commit()
        return result

    def url(self, path: str) -> str:
        return self.base_url + path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.engine.dispose()
        self.log_path.unlink(missing_ok=True)


def _has_community(session: Session, code: str) -> bool:
    from city_api.models import Community

    return session.get(Community, code) is not None


def start_server(db_url: str, *, workers: int = 1, extra_args: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> CityServer:
    """Upgrade the schema, start `python -m city_api.cli serve` on a free port, wait until /healthz answers.
    env: extra environment for the server (e.g. CITY_API_SQLITE_BUSY_MS)."""
    upgrade(db_url)
    last_error = ""
    for _attempt in range(3):  # the free port may be taken between choosing and binding it
        port = free_port()
        cmd = [sys.executable, "-m", "city_api.cli", "serve", "--db", db_url, "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers), *extra_args]
        fd, log_name = tempfile.mkstemp(prefix="city-api-", suffix=".log")
        with os.fdopen(fd, "wb") as log:  # a file, not a pipe: a full pipe would stall the server
            process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                                       env={**os.environ, **(env or {})})
        log_path = Path(log_name)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if requests.get(base + "/healthz", timeout=1).status_code == 200:
                    return CityServer(base, db_url, process, make_engine(db_url), log_path)
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        if process.poll() is None:
            process.kill()
        process.wait(10)
        last_error = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        log_path.unlink(missing_ok=True)
    raise RuntimeError(f"city-api serve did not start: {last_error}")


# ---- PostgreSQL -------------------------------------------------------------------------------


def _pg_reachable(url: str) -> str | None:
    """None when a connection works, else the reason."""
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any driver or network failure means: not reachable
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None


def _as_postgres(sql: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["su", "postgres", "-c", f"psql -v ON_ERROR_STOP=1 -qAtc \"{sql}\""],
                          capture_output=True, text=True, timeout=60)


def _start_local_cluster() -> str | None:
    """Start this machine's Debian cluster and make the test role/database; None or the reason it failed."""
    if os.geteuid() != 0 or not shutil.which("pg_ctlcluster") or not shutil.which("su"):
        return "not root or no pg_ctlcluster: cannot start a local PostgreSQL"
    clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, timeout=30).stdout.split()
    if len(clusters) < 2:
        return "no PostgreSQL cluster on this machine"
    version, name = clusters[0], clusters[1]
    subprocess.run(["pg_ctlcluster", version, name, "start"], capture_output=True, text=True, timeout=60)
    exists = _as_postgres("SELECT 1 FROM pg_roles WHERE rolname='city_api_test'")
    if exists.returncode != 0:
        return f"psql as postgres failed: {exists.stderr.strip()[:200]}"
    if exists.stdout.strip() != "1":
        _as_postgres("CREATE ROLE city_api_test LOGIN PASSWORD 'city_api_test' CREATEDB")
    if _as_postgres("SELECT 1 FROM pg_database WHERE datname='city_api_test'").stdout.strip() != "1":
        _as_postgres("CREATE DATABASE city_api_test OWNER city_api_test")
    return None


@cache
def pg_base_url() -> tuple[str | None, str]:
    """(URL, "") of a PostgreSQL to test on, or (None, why not)."""
    url = os.environ.get("CITY_API_TEST_PG_URL")
    if url:
        reason = _pg_reachable(url)
        return (url, "") if reason is None else (None, f"CITY_API_TEST_PG_URL unreachable: {reason}")
    if _pg_reachable(LOCAL_PG) is None:
        return LOCAL_PG, ""
    reason = _start_local_cluster()
    if reason is None:
        reason = _pg_reachable(LOCAL_PG)
    return (LOCAL_PG, "") if reason is None else (None, reason)


def require_pg() -> str:
    url, reason = pg_base_url()
    if url is None:
        message = f"no PostgreSQL for the city API tests ({reason})"
        if os.environ.get("CITY_API_REQUIRE_PG"):
            pytest.fail(message + "; CITY_API_REQUIRE_PG is set")
        pytest.skip(message)
    return url


def _with_search_path(url: str, schema: str) -> str:
    parsed = make_url(url)
    return parsed.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@dataclass
class PgSchema:
    url: str  # search_path set to the fresh schema
    schema: str
    admin: Engine

    def drop(self) -> None:
        with self.admin.begin() as conn:
            # a server that died mid-transaction may still hold locks: end its sessions first
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE pid <> pg_backend_pid() AND datname = current_database() "
                              "AND query NOT ILIKE '%pg_stat_activity%' AND state = 'idle in transaction'"))
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        self.admin.dispose()


def new_pg_schema() -> PgSchema:
    base = require_pg()
    schema = "t_" + secrets.token_hex(6)
    admin = create_engine(base, pool_size=1)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    return PgSchema(_with_search_path(base, schema), schema, admin)


# ---- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def city_sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'city.sqlite'}"


@pytest.fixture
def city_pg_url() -> Iterator[str]:
    pg = new_pg_schema()
    try:
        yield pg.url
    finally:
        pg.drop()


@pytest.fixture
def city_server(city_sqlite_url: str) -> Iterator[CityServer]:
    server = start_server(city_sqlite_url)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def city_server_pg(city_pg_url: str) -> Iterator[CityServer]:
    server = start_server(city_pg_url)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def city_server_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CityServer]:
    if request.param == "sqlite":
        server = start_server(f"sqlite:///{tmp_path / 'city.sqlite'}")
        try:
            yield server
        finally:
            server.stop()
        return
    pg = new_pg_schema()
    try:
        server = start_server(pg.url)
        try:
            yield server
        finally:
            server.stop()
    finally:
        pg.drop()
