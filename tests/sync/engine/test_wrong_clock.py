"""A device whose clock is a day fast (or slow) changes nothing: order is the server's
sequence, so a later edit by a device with an earlier clock still counts as later, an edit on
a stale base is a visible conflict whichever clock looks newer, and the feed misses nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from city_api.models import Community
from city_api.store import get_record
from community_app.sync import pull
from community_app.sync.tokens import FileTokenStore
from db.models import Resident, SyncConflict
from tests.city_server import ROOT, CityServer
from tests.sync.engine.devices import Device

DAY = 86_400


def _skewed(device: Device, shift: int, token_file: Path, action: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.sync.engine.skewed_client", str(shift), str(device.path), str(token_file),
         json.dumps(action, ensure_ascii=False)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    assert result["report"]["finished"]
    return result


@pytest.mark.parametrize("shift", [DAY, -DAY], ids=["a_day_fast", "a_day_slow"])
def test_wrong_clock_changes_nothing(shift: int, server: CityServer, office_a: Device, office_b: Device,
                                     community: str, tmp_path: Path) -> None:
    token_file = tmp_path / "a-token.json"
    FileTokenStore(token_file).set(office_a.server_url, office_a.tokens.get(office_a.server_url) or "")

    # A (wrong clock) registers a resident; B pulls it and edits the notes
    rid = _skewed(office_a, shift, token_file, {"add": {"name": "王秀英", "sex": "F", "community_code": community,
                                                        "phone": "13900000001", "notes": "原备注"}})["ids"][0]
    created = office_a.get(Resident, rid).created_at
    assert abs((created - datetime.now(UTC)).total_seconds() - shift) < 600  # the skew was real
    office_b.sync()
    office_b.update(Resident, rid, notes="B 的备注")
    assert office_b.sync().applied == 1

    # A changes the phone: merged on top of B's notes (A's base is older, its clock says nothing)
    a_second = _skewed(office_a, shift, token_file, {"update": {"id": rid, "values": {"phone": "13911112222"}},
                                                     "add": {"name": "李明", "sex": "M", "community_code": community}})
    assert a_second["report"]["merged"] == 1

    # B, on its stale base, changes the phone too: a visible conflict, whichever clock looks newer
    office_b.update(Resident, rid, phone="13733334444")
    report_b = office_b.sync()
    assert report_b.conflicts == 1
    with office_b.session() as s:
        conflict = s.scalars(select(SyncConflict)).one()
    assert conflict.theirs["phone"] == "13911112222" and conflict.mine == {"phone": "13733334444"}

    # the feed missed nothing: B has A's second resident; A ends at the server's state and cursor
    lee = a_second["ids"][0]
    assert office_b.get(Resident, lee).name == "李明"
    _skewed(office_a, shift, token_file, {})
    with server.session() as s:
        record = get_record(s, community, "resident", rid)
        last_seq = s.get_one(Community, community).last_seq
    assert record is not None and (record.data["phone"], record.data["notes"], record.version) == (
        "13911112222", "B 的备注", 3)
    assert abs((record.updated_at - datetime.now(UTC)).total_seconds()) < 600  # server time, not A's
    row_a = office_a.get(Resident, rid)
    assert (row_a.phone, row_a.notes, row_a.version) == ("13911112222", "B 的备注", 3)
    with office_a.engine.connect() as conn:
        assert pull.read_cursor(conn) == last_seq
    assert datetime.now(UTC) - timedelta(days=2) < created + timedelta(seconds=-shift) < datetime.now(UTC)
