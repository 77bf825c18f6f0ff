"""Seeding a community from a device database (the demo): every synced row at version 1 with a
fresh seq, values as the device's changes module sends them, local columns left out."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from city_api.cli import main as cli_main
from city_api.database import make_engine, upgrade
from city_api.models import Community, Record
from city_api.seed import seed_from_sqlite
from city_api.tables import BOOKKEEPING, table_specs
from db.demo import generate_demo
from tests.city_api.sync_helpers import all_changes, changes
from tests.city_server import DEMO_COMMUNITY, CityServer, new_pg_schema, start_server

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo(path, residents=300, seed=20201, now=NOW)
    return path


def device_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in table_specs()}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_seed_loads_every_synced_row_and_a_device_can_pull_them(backend: str, demo_db: Path, tmp_path: Path) -> None:
    pg = new_pg_schema() if backend == "postgresql" else None
    url = pg.url if pg else f"sqlite:///{tmp_path / 'city.sqlite'}"
    try:
        upgrade(url)
        counts = seed_from_sqlite(url, demo_db, DEMO_COMMUNITY)
        expected = device_counts(demo_db)
        assert counts == expected and expected["resident"] == 300
        engine = make_engine(url)
        try:
            _check_stored(engine, demo_db, sum(expected.values()))
            with pytest.raises(ValueError, match="already has records"):
                seed_from_sqlite(engine, demo_db, DEMO_COMMUNITY)
        finally:
            engine.dispose()
        server = start_server(url)
        try:
            _check_pull(server, expected)
        finally:
            server.stop()
    finally:
        if pg:
            pg.drop()


def _check_stored(engine: object, demo_db: Path, total: int) -> None:
    from sqlalchemy.orm import Session

    with Session(engine) as s:  # type: ignore[arg-type]
        community = s.get(Community, DEMO_COMMUNITY)
        assert community is not None and community.name == "湛山社区" and community.last_seq == total
        seqs = s.scalars(select(Record.seq).where(Record.community_code == DEMO_COMMUNITY)
                         .order_by(Record.seq)).all()
        assert seqs == list(range(1, total + 1))
        assert s.scalar(select(func.count()).select_from(Record).where(Record.version != 1)) == 0
        conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        device = conn.execute("SELECT * FROM resident ORDER BY id LIMIT 1").fetchone()
        rec = s.get(Record, (DEMO_COMMUNITY, "resident", device["id"]))
        assert rec is not None
        spec = table_specs()["resident"]
        assert set(rec.data) == set(spec.columns)  # no search_* columns, no bookkeeping
        assert not (set(rec.data) & (BOOKKEEPING | spec.local))
        assert rec.data["name"] == device["name"] and rec.data["id_number"] == device["id_number"]
        assert rec.data["birth_date"] == device["birth_date"]  # dates stay ISO text
        assert rec.created_at == datetime.fromisoformat(device["created_at"]).replace(tzinfo=UTC)
        request = conn.execute("SELECT * FROM service_request WHERE closed_at IS NOT NULL LIMIT 1").fetchone()
        data = s.get(Record, (DEMO_COMMUNITY, "service_request", request["id"])).data  # type: ignore[union-attr]
        assert data["closed_at"] == datetime.fromisoformat(request["closed_at"]).replace(tzinfo=UTC).isoformat()
        assert isinstance(data["closed_on_time"], bool) and data["closed_on_time"] == bool(request["closed_on_time"])
        cell = conn.execute("SELECT * FROM grid_cell LIMIT 1").fetchone()
        json_cols = [c.name for c in table_specs()["grid_cell"].columns.values() if c.kind == "json"]
        for col in json_cols:
            cell_data = s.get(Record, (DEMO_COMMUNITY, "grid_cell", cell["id"])).data  # type: ignore[union-attr]
            assert cell_data[col] == (json.loads(cell[col]) if cell[col] is not None else None)
        conn.close()


def _check_pull(server: CityServer, expected: dict[str, int]) -> None:
    office = server.enroll(DEMO_COMMUNITY, "office")
    first = changes(server, office, since=0, limit=500)
    assert first["total_estimate"] == sum(expected.values()) and first["more"] is True
    pulled = all_changes(server, office, limit=5000)
    per_table: dict[str, int] = {}
    for c in pulled:
        per_table[c["table"]] = per_table.get(c["table"], 0) + 1
    assert per_table == {t: n for t, n in expected.items() if n}


def test_cli_seed_and_enroll(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'city.sqlite'}"
    assert cli_main(["seed", "--db", url, "--from-sqlite", str(demo_db), "--community", DEMO_COMMUNITY]) == 0
    out = capsys.readouterr().out
    assert "resident 300" in out
    assert cli_main(["enroll", "--db", url, "--community", DEMO_COMMUNITY, "--role", "kiosk"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 14 and code.count("-") == 2
    assert cli_main(["enroll", "--db", url, "--community", "370202999999", "--role", "office"]) == 2
    assert "add-community" in capsys.readouterr().err


def test_stamp_to_iso_is_what_the_device_sends() -> None:
    from city_api.seed import STAMP_FORMAT, stamp_to_iso

    for value in (datetime(2026, 11, 24, 2, 0, tzinfo=UTC), datetime(2026, 1, 2, 3, 4, 5, 60, tzinfo=UTC),
                  datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)):
        assert stamp_to_iso(value.strftime(STAMP_FORMAT)) == value.isoformat()
    assert stamp_to_iso("2026-11-24 02:00:00") == "2026-11-24T02:00:00+00:00"
    assert stamp_to_iso(None) is None
