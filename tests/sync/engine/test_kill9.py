"""kill -9 of a REAL client process at each of the four dangerous points, many times: the
server ends with exactly one copy of every record (each mutation applied once), and a clean
re-run drains the outbox to zero and leaves the device equal to the server.

The client is `python -m community_app.sync.runner`; the fault hook
(community_app.sync.faults, env COMMUNITY_SYNC_CRASH_AT) sends it SIGKILL at the point."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from city_api.models import Community
from city_api.store import query_records
from community_app.sync import pull
from community_app.sync.faults import ENV_POINT, ENV_SKIP, POINTS
from community_app.sync.tokens import FileTokenStore
from db.models import OutboxEntry, Resident
from tests.city_server import ROOT, CityServer
from tests.sync.engine.devices import Device

# kills per point: 4 in the suite; COMMUNITY_SYNC_KILL_ROUNDS=25 for a long soak
ROUNDS = int(os.environ.get("COMMUNITY_SYNC_KILL_ROUNDS", "4"))
BATCH = 4  # small batches and pages, so a run has several and the kill lands at different ones


def _run_client(device: Device, token_file: Path, point: str | None, skip: int = 0) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (ENV_POINT, ENV_SKIP)}
    if point:
        env[ENV_POINT], env[ENV_SKIP] = point, str(skip)
    return subprocess.run(
        [sys.executable, "-m", "community_app.sync.runner", "--db", str(device.path), "--token-file",
         str(token_file), "--batch", str(BATCH), "--page", str(BATCH)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _local_work(device: Device, community: str, round_no: int, rng: random.Random) -> None:
    for i in range(3):
        device.add_resident(community, f"居民{round_no}-{i}", phone=f"139{round_no:04d}{i:04d}")
    with device.session() as s:
        ids = list(s.scalars(select(Resident.id).where(Resident.deleted_at.is_(None))))
    for rid in rng.sample(ids, 2):
        device.update(Resident, rid, notes=f"第{round_no}轮修改 {uuid.uuid4().hex[:6]}")


def _server_work(server: CityServer, community: str, round_no: int) -> set[str]:
    """Records made elsewhere (another office, Open311), for the pull to bring in."""
    made = {str(uuid.uuid4()) for _ in range(2)}
    for i, record_id in enumerate(sorted(made)):
        server.put_record(community, "resident", record_id,
                          {"name": f"平台居民{round_no}-{i}", "sex": "M", "community_code": community})
    return made


@pytest.mark.parametrize("point", POINTS)
def test_kill9_loses_and_duplicates_nothing(point: str, server: CityServer, office_a: Device, community: str,
                                            tmp_path: Path) -> None:
    token_file = tmp_path / "token.json"
    FileTokenStore(token_file).set(office_a.server_url, office_a.tokens.get(office_a.server_url) or "")
    rng = random.Random(point)
    killed, from_server = 0, set()
    for round_no in range(ROUNDS):
        _local_work(office_a, community, round_no, rng)
        from_server |= _server_work(server, community, round_no)
        result = _run_client(office_a, token_file, point, skip=rng.randrange(3))
        if result.returncode == -signal.SIGKILL:
            killed += 1
        else:  # the point was not reached this time (fewer batches or pages than the skip)
            assert result.returncode == 0, result.stderr
    assert killed >= ROUNDS - 2, f"the client died only {killed} times at {point}"

    clean = _run_client(office_a, token_file, None)
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout.splitlines()[-1])["finished"]

    with office_a.session() as s:
        statuses = Counter(s.scalars(select(OutboxEntry.status)))
        per_row = Counter(s.scalars(select(OutboxEntry.row_id)))
        local = {r.id: r for r in s.scalars(select(Resident))}
    assert statuses == Counter({"sent": sum(per_row.values())})  # drained: nothing pending, refused or in conflict
    with server.session() as s:
        records = {r.id: r for r in query_records(s, "resident", community_code=community)}
        last_seq = s.get_one(Community, community).last_seq
    # exactly one copy: every mutation applied once, so a record's version = its number of mutations
    # (plus the server's own first version of the records made there)
    for row_id, mutations in per_row.items():
        assert records[row_id].version == mutations + (row_id in from_server), records[row_id]
    assert len(records) == ROUNDS * 5
    # the device holds exactly the server's records at the server's versions, and its cursor is at the end
    assert {i: r.version for i, r in local.items()} == {i: r.version for i, r in records.items()}
    assert {i: r.notes for i, r in local.items()} == {i: r.data.get("notes") for i, r in records.items()}
    with office_a.engine.connect() as conn:
        assert pull.read_cursor(conn) == last_seq
        found = conn.exec_driver_sql("SELECT count(*) FROM resident_fts WHERE resident_fts MATCH 'pingtai*'").scalar()
        # FTS5 compares the index with the resident table: raises if a row is missing or stale
        conn.exec_driver_sql("INSERT INTO resident_fts(resident_fts, rank) VALUES ('integrity-check', 1)")
    assert found == ROUNDS * 2  # the residents pulled from the server are searchable
    with office_a.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == ROUNDS * 5
