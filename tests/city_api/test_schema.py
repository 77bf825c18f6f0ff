"""Models and migrations agree (alembic check), on SQLite and PostgreSQL; the committed
OpenAPI spec is the app's; the embedded server starts and stops."""

from __future__ import annotations

import json

import requests
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from city_api.app import create_app
from city_api.cli import OPENAPI_PATH, main, openapi_text
from city_api.database import head_revisions, make_engine, upgrade
from city_api.embedded import start_in_thread
from city_api.enrolment import ensure_community, issue_code
from city_api.models import Base, load_all_models
from tests.city_server import new_pg_schema


def _assert_migrations_match_models(url: str) -> None:
    upgrade(url)
    upgrade(url)  # idempotent: a second start changes nothing
    load_all_models()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert set(context.get_current_heads()) == head_revisions()
        tables = set(inspect(engine).get_table_names())
        assert {"community", "device", "enrolment_code", "record", "mutation", "blob"} <= tables
    finally:
        engine.dispose()


def test_migrations_match_models_on_sqlite(tmp_path: object) -> None:
    _assert_migrations_match_models(f"sqlite:///{tmp_path}/city.sqlite")


def test_migrations_match_models_on_postgresql() -> None:
    pg = new_pg_schema()
    try:
        _assert_migrations_match_models(pg.url)
    finally:
        pg.drop()


def test_committed_openapi_is_the_apps_spec() -> None:
    committed = OPENAPI_PATH.read_text(encoding="utf-8")
    assert committed == openapi_text(), "run `city-api openapi` and commit city_api/openapi.json"
    spec = json.loads(committed)
    for path in ("/sync/enroll", "/sync/whoami", "/sync/changes", "/sync/push", "/sync/blobs/{sha256}"):
        assert path in spec["paths"], path
    assert set(spec["paths"]["/sync/blobs/{sha256}"]) == {"head", "get", "put"}
    assert "Bearer" not in json.dumps(spec["paths"]["/sync/enroll"])
    assert spec == create_app("sqlite://").openapi()


def test_openapi_subcommand_writes_the_spec(tmp_path: object) -> None:
    out = f"{tmp_path}/openapi.json"
    assert main(["openapi", "--out", out]) == 0
    with open(out, encoding="utf-8") as f:
        assert f.read() == openapi_text()


def test_embedded_server_runs_in_a_thread_and_stops(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/demo-city.sqlite"
    base, stop = start_in_thread(url)
    try:
        engine = make_engine(url)
        from sqlalchemy.orm import Session

        with Session(engine) as s:
            ensure_community(s, "370202010004", "湛山社区")
            code = issue_code(s, "370202010004", "office")
            s.commit()
        engine.dispose()
        token = requests.post(base + "/sync/enroll", json={"code": code}, timeout=10).json()["token"]
        me = requests.get(base + "/sync/whoami", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert me.json()["community_name"] == "湛山社区"
    finally:
        stop()
    try:
        requests.get(base + "/healthz", timeout=2)
        still_up = True
    except requests.ConnectionError:
        still_up = False
    assert not still_up
    stop()  # idempotent


def test_serve_with_worker_processes(tmp_path: object) -> None:
    from tests.city_server import start_server

    server = start_server(f"sqlite:///{tmp_path}/city.sqlite", workers=2)
    try:
        device = server.enroll("370202010004", "office")
        answers = {requests.get(server.url("/sync/whoami"), headers=device.headers, timeout=10).json()["device_id"]
                   for _ in range(6)}
        assert answers == {device.device_id}
    finally:
        server.stop()
    assert server.process.poll() is not None


def test_the_running_server_serves_its_spec(api: object) -> None:
    from tests.city_server import CityServer

    assert isinstance(api, CityServer)
    served = requests.get(api.url("/openapi.json"), timeout=10).json()
    assert served == json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    assert requests.get(api.url("/docs"), timeout=10).status_code == 200
