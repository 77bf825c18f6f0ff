"""A request posted over Open311 reaches the community's desktop through the ordinary sync
(community_app.sync.engine against the real city API) as a complete, workable local request."""

from __future__ import annotations

from pathlib import Path

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.auth import login
from community_app.core.first_run import create_first_admin, seed_reference_data
from community_app.core.requests import request_detail
from community_app.sync.engine import SyncEngine
from community_app.sync.enrolment import enroll
from community_app.sync.http import HttpSettings
from community_app.sync.tokens import MemoryTokenStore
from db.migrate import create_database
from db.models import RequestEvent, ServiceRequest
from tests.city_api.open311.conftest import Open311Server
from tests.city_api.open311.helpers import CELL_A_ID, INSIDE_A, ZHANSHAN

FAST = HttpSettings(connect_timeout=2.0, read_timeout=10.0, retries=1, backoff_factor=0.05, backoff_jitter=0.05)


def test_an_open311_request_syncs_to_the_community_desktop(open311_server: Open311Server, tmp_path: Path) -> None:
    r = requests.post(open311_server.url + "/requests.json", timeout=10, data={
        "api_key": open311_server.api_key, "service_code": "E0103", "lat": INSIDE_A[0], "long": INSIDE_A[1],
        "description": "路口有油污", "last_name": "王", "first_name": "小红"})
    request_id = r.json()[0]["service_request_id"]

    engine = create_database(tmp_path / "desk.sqlite")
    with Session(engine) as s:
        seed_reference_data(s)
        s.commit()
    from city_api.enrolment import issue_code

    with open311_server.sessions() as session:
        code = issue_code(session, ZHANSHAN, "office")
        session.commit()
    tokens = MemoryTokenStore()
    enroll(engine, open311_server.base_url, code, "网格员电脑", tokens=tokens, http=FAST)
    report = SyncEngine(engine, tokens=tokens, http=FAST).run_once()
    assert report.finished and report.problem is None, report.problem

    with Session(engine) as s:
        row = s.get(ServiceRequest, request_id)
        assert row is not None and row.channel == "open311" and row.stage == "reported"
        assert row.grid_cell_id == CELL_A_ID and row.reporter_name == "王小红"
        assert row.ticket_no.startswith("O311-") and row.due_at is not None and row.reported_at.tzinfo is not None
        [event] = s.scalars(select(RequestEvent).where(RequestEvent.request_id == request_id)).all()
        assert event.action == "report" and event.actor_name == "Open311：12345热线平台"
        # the desktop's own detail page reads it like any other request
        create_first_admin(s, community_code=ZHANSHAN, username="admin", display_name="管理员",
                           password="secret-pw1", password_again="secret-pw1")
        detail = request_detail(s, login(s, "admin", "secret-pw1"), request_id)
        assert detail.ticket_no == row.ticket_no and detail.category_name == "道路不洁"
        assert detail.channel_name in ("open311", "Open311接入")  # the name once CHANNELS has it
        assert [e.action for e in detail.timeline] == ["report"]
    engine.dispose()
