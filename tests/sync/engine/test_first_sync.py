"""The first sync of a new device: progress from the server's total, Cancel between pages,
resume from the stored cursor; the search index is rebuilt once (and repaired after a kill)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from sqlalchemy import func, select

from community_app.sync import pull
from community_app.sync.faults import ENV_POINT, ENV_SKIP
from community_app.sync.tokens import FileTokenStore
from db import derived, search_index, visit_watch
from db.models import Resident
from tests.city_server import ROOT, CityServer
from tests.sync.engine.devices import Device

COUNT = 100
TOTAL = COUNT + 1 + COUNT // 4  # the residents, a visit rule, a tag for every fourth resident
PAGE = 25
BULK_MIN = 50  # so this small community is pulled the way a big one is (index rebuilt once)


def _seed(server: CityServer, community: str) -> None:
    surnames = "王李张刘陈杨赵黄周吴"
    residents = [str(uuid.uuid4()) for _ in range(COUNT)]
    for i, resident in enumerate(residents):
        server.put_record(community, "resident", resident, {
            "name": f"{surnames[i % 10]}{'秀英' if i % 2 else '建国'}", "sex": "F", "community_code": community,
            "phone": f"1390000{i:04d}", "birth_date": "1950-01-02"})
    # after the residents, in the feed's last pages: a visit rule and 独居老人, never visited,
    # whom the visit watch (db.visit_watch) must hold once the sync is done
    server.put_record(community, "visit_rule", str(uuid.uuid4()), {
        "tag_code": "elderly_alone", "interval_days": 7, "active": True})
    for resident in residents[::4]:
        server.put_record(community, "resident_tag", str(uuid.uuid4()),
                          {"resident_id": resident, "tag_code": "elderly_alone"})


def _residents(device: Device) -> int:
    with device.session() as s:
        return s.scalar(select(func.count()).select_from(Resident)) or 0


def _index_ok(device: Device) -> bool:
    with device.engine.connect() as conn:
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        conn.exec_driver_sql("INSERT INTO resident_fts(resident_fts, rank) VALUES ('integrity-check', 1)")
        kept = all(sorted(conn.exec_driver_sql(f"SELECT * FROM {table.TABLE}").all())
                   == sorted(conn.exec_driver_sql(table.EXPECTED_SQL).all()) for table in derived.TABLES)
        return set(search_index.TRIGGER_NAMES) | derived.TRIGGER_NAMES <= triggers and kept \
            and not pull.rebuild_owed(conn)


def _watched(device: Device) -> int:
    with device.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {visit_watch.TABLE}").scalar_one())


def _search(device: Device, query: str) -> int:
    with device.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM resident_fts WHERE resident_fts MATCH ?",
                                        (query,)).scalar_one())


def test_progress_cancel_and_resume(server: CityServer, office_a: Device, community: str) -> None:
    _seed(server, community)

    first = office_a.sync(cancel_after_pages=2, first_sync_page_size=PAGE, bulk_min=BULK_MIN)

    assert first.cancelled and not first.finished and first.problem is not None
    assert first.problem.code == "cancelled" and "下次会从中断处继续" in first.problem.message
    assert [(p.done, p.total) for p in office_a.progress] == [(25, TOTAL), (50, TOTAL)]
    assert office_a.progress[-1].text == f"正在下载城市平台的数据：50 / {TOTAL} 条"
    assert _residents(office_a) == 50
    assert _index_ok(office_a) and _search(office_a, "wang*") == 5  # what arrived is searchable already

    office_a.progress.clear()
    second = office_a.sync(first_sync_page_size=PAGE, bulk_min=BULK_MIN)

    assert second.finished and second.pulled == TOTAL - 50  # resumed: pages 1-2 were not fetched again
    assert [(p.done, p.total) for p in office_a.progress] == [(75, TOTAL), (100, TOTAL), (125, TOTAL),
                                                              (TOTAL, TOTAL)]
    assert _residents(office_a) == COUNT and _index_ok(office_a)
    assert _search(office_a, "wang*") == 10 and _search(office_a, "xiuy*") == 50
    assert _watched(office_a) == COUNT // 4

    office_a.progress.clear()
    server.put_record(community, "resident", str(uuid.uuid4()), {"name": "新来的", "sex": "M",
                                                                   "community_code": community})
    third = office_a.sync(first_sync_page_size=PAGE, bulk_min=BULK_MIN)
    assert third.pulled == 1 and [p.total for p in office_a.progress] == [None]  # later syncs: no total


def test_killed_first_sync_repairs_the_index(server: CityServer, office_a: Device, community: str,
                                             tmp_path: Path) -> None:
    _seed(server, community)
    token_file = tmp_path / "token.json"
    FileTokenStore(token_file).set(office_a.server_url, office_a.tokens.get(office_a.server_url) or "")
    cmd = [sys.executable, "-m", "community_app.sync.runner", "--db", str(office_a.path), "--token-file",
           str(token_file), "--page", str(PAGE), "--bulk-min", str(BULK_MIN)]
    env = {**os.environ, ENV_POINT: "saving_cursor", ENV_SKIP: "1"}

    killed = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    assert killed.returncode == -signal.SIGKILL
    assert _residents(office_a) == PAGE  # page 2 died with its transaction: neither rows nor cursor
    with office_a.engine.connect() as conn:
        assert pull.rebuild_owed(conn)
    clean = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr
    assert _residents(office_a) == COUNT and _index_ok(office_a) and _search(office_a, "zhao*") == 10
    assert _watched(office_a) == COUNT // 4
