"""Sync against a real city API process (uvicorn on 127.0.0.1, SQLite), seeded from a demo database.

First sync — ours: a new device's SyncEngine.run_once() into an empty local database (every
record of the community: pages applied with their cursor in one transaction each, search keys
derived, the resident index rebuilt once). Baseline, measured in the same run: fetch the same
feed pages (same page size, same server) and insert the records' columns as they come into
the same schema with one plain sqlite3 executemany per table and page, one commit at the end.
Target: ours ≤ 3× baseline.

Incremental — 100 local changes pushed and 100 changes made elsewhere pulled, in one
run_once(). Target ≤ 0.5 s. Baseline (information): the two bare HTTP round trips a sync needs.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.results import BenchResult

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
PAGE = 2000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _community(demo: Path) -> str:
    conn = sqlite3.connect(demo)
    try:
        return str(conn.execute("SELECT code FROM division WHERE level = 'community' ORDER BY code").fetchone()[0])
    finally:
        conn.close()


def seeded_city(demo: Path, folder: Path) -> tuple[str, str]:
    """(db_url, community) of a copy in folder of a city database holding the demo's community
    (seeded once and cached; benches change the copy, never the cache)."""
    community = _community(demo)
    path = CACHE / f"city-{demo.stem}.sqlite"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "city_api.cli", "seed", "--db", f"sqlite:///{partial}",
                        "--from-sqlite", str(demo), "--community", community], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        partial.rename(path)
    copy = folder / "city.sqlite"
    shutil.copyfile(path, copy)
    return f"sqlite:///{copy}", community


class CityProcess:
    def __init__(self, db_url: str) -> None:
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "city_api.cli", "serve", "--db", db_url, "--host", "127.0.0.1",
             "--port", str(self.port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base_url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("city-api serve did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def _issue_code(db_url: str, community: str) -> str:
    from city_api.database import make_engine, make_sessionmakers
    from city_api.enrolment import issue_code

    engine = make_engine(db_url)
    try:
        with make_sessionmakers(engine)[1]() as s:
            code = issue_code(s, community, "office")
            s.commit()
    finally:
        engine.dispose()
    return code


def _new_device(folder: Path, city: CityProcess, db_url: str, community: str) -> Any:
    from community_app.sync.enrolment import enroll
    from community_app.sync.tokens import MemoryTokenStore
    from db.migrate import create_database

    engine = create_database(folder / "device.sqlite")
    tokens = MemoryTokenStore()
    enroll(engine, city.base_url, _issue_code(db_url, community), "基准测试电脑", tokens=tokens)
    return engine, tokens


def _baseline_first_sync(folder: Path, city: CityProcess, token: str) -> tuple[float, int, int]:
    """Seconds, records and payload bytes of: fetch every page, executemany the columns as they come."""
    from db.migrate import create_database

    path = folder / "baseline.sqlite"
    create_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    columns = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]
               for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    since, records, size = 0, 0, 0
    stamp = {"created_at": "2026-01-01 00:00:00.000000", "updated_at": "2026-01-01 00:00:00.000000"}
    start = time.perf_counter()
    while True:
        body = http.get(f"{city.base_url}/sync/changes", params={"since": since, "limit": PAGE}, timeout=120).content
        size += len(body)
        page = json.loads(body)
        by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for change in page["changes"]:
            by_table[change["table"]].append(change)
        for table, changes in by_table.items():
            names = [c for c in columns[table] if c not in ("id", "version")]
            quoted = ", ".join(f'"{n}"' for n in ["id", "version", *names])
            sql = (f'INSERT INTO "{table}" ({quoted}) '
                   f'VALUES ({", ".join("?" * (len(names) + 2))})')
            conn.executemany(sql, [(c["id"], c["version"], *[_plain(c["data"].get(n, stamp.get(n))) for n in names])
                                   for c in changes])
        records += len(page["changes"])
        since = page["next"]
        if not page["more"]:
            break
    conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed, records, size


def _plain(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, dict | list) else value


def bench_first_sync(demo: Path) -> BenchResult:
    from community_app.sync.engine import SyncEngine

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_url, community = seeded_city(demo, folder)
        city = CityProcess(db_url)
        try:
            engine, tokens = _new_device(folder, city, db_url, community)
            start = time.perf_counter()
            report = SyncEngine(engine, tokens=tokens).run_once()
            ours = time.perf_counter() - start
            engine.dispose()
            assert report.finished, report.problem
            baseline, records, size = _baseline_first_sync(folder, city, tokens.get(city.base_url) or "")
            assert records == report.pulled, (records, report.pulled)
        finally:
            city.stop()
    return BenchResult(f"sync: first sync, {demo.stem}", ours, baseline,
                       "fetch the same pages + sqlite3 executemany", limit=3.0,
                       note=f"{records:,} records, {size / 1e6:,.0f} MB of JSON, {records / ours:,.0f} records/s")


def bench_incremental(demo: Path, repeat: int = 3) -> BenchResult:
    """100 local changes up and 100 changes from elsewhere down, in one sync (device already synced)."""
    from community_app.core import changes
    from community_app.sync.client import ApiClient
    from community_app.sync.engine import SyncEngine
    from db.models import Resident

    ours_times, base_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_url, community = seeded_city(demo, folder)
        city = CityProcess(db_url)
        try:
            engine, tokens = _new_device(folder, city, db_url, community)
            sync = SyncEngine(engine, tokens=tokens)
            other = ApiClient(city.base_url, _other_token(city, db_url, community))
            assert sync.run_once().finished  # the first sync (not timed here)
            with Session(engine) as s:
                ids = list(s.scalars(select(Resident.id).limit(200 * repeat)))
            for round_no in range(repeat):
                mine, theirs = ids[round_no * 200:round_no * 200 + 100], ids[round_no * 200 + 100:round_no * 200 + 200]
                with Session(engine) as s, s.begin():
                    for rid in mine:
                        changes.update(s, s.get_one(Resident, rid), notes=f"本机修改 {round_no}")
                versions = _versions(engine, theirs)
                other.push([{"mutation_id": str(uuid.uuid4()), "table": "resident", "id": rid, "op": "update",
                             "base_version": versions[rid], "changes": {"notes": f"别处修改 {round_no}"}}
                            for rid in theirs])
                start = time.perf_counter()
                report = sync.run_once()
                ours_times.append(time.perf_counter() - start)
                assert report.finished and report.pushed == 100 and report.pulled >= 200, report
                start = time.perf_counter()
                sync_client = ApiClient(city.base_url, tokens.get(city.base_url))
                sync_client.push([])
                sync_client.changes(10**12, 1000)
                base_times.append(time.perf_counter() - start)
                sync_client.close()
            other.close()
            engine.dispose()
        finally:
            city.stop()
    ours_times.sort()
    base_times.sort()
    return BenchResult("sync: 100 changes up + 100 down", ours_times[len(ours_times) // 2],
                       base_times[len(base_times) // 2], "two bare HTTP round trips", max_seconds=0.5)


def _versions(engine: Any, ids: list[str]) -> dict[str, int]:
    from db.models import Resident

    with Session(engine) as s:
        return {rid: version for rid, version in s.execute(select(Resident.id, Resident.version)
                                                            .where(Resident.id.in_(ids)))}


def _other_token(city: CityProcess, db_url: str, community: str) -> str:
    r = requests.post(f"{city.base_url}/sync/enroll", json={"code": _issue_code(db_url, community),
                                                           "device_name": "另一台电脑"}, timeout=30)
    r.raise_for_status()
    return str(r.json()["token"])


if __name__ == "__main__":
    from bench.__main__ import demo_db

    residents = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    demo, _ = demo_db(residents)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    from bench.results import format_table

    print(format_table([bench_incremental(demo), bench_first_sync(demo)]))
