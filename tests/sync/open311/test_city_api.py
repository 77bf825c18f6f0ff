"""Pulling from our own city API's Open311 endpoint (real uvicorn on 127.0.0.1), both formats."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from sqlalchemy import select

from city_api import store
from city_api.models import Record, utcnow
from community_app.sync.open311_client import Open311Client
from community_app.sync.open311_pull import OUTSIDE, pull_open311
from db.models import RequestEvent, ServiceRequest
from tests.city_api.open311.conftest import Open311Server
from tests.city_api.open311.helpers import INSIDE_A, INSIDE_B
from tests.sync.open311.conftest import LocalDb


def submit(server: Open311Server, lat: float, lng: float, text: str) -> str:
    r = requests.post(server.url + "/requests.json", timeout=10, data={
        "api_key": server.api_key, "service_code": "E0103", "lat": lat, "long": lng, "description": text})
    r.raise_for_status()
    return str(r.json()[0]["service_request_id"])


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_requests_of_our_city_api_come_in_once_and_follow_its_status(
        local_db: LocalDb, open311_server: Open311Server, fmt: str) -> None:
    ours = submit(open311_server, *INSIDE_A, "路口油污，电话13812345678")
    theirs = submit(open311_server, *INSIDE_B, "隔壁社区的")
    client = Open311Client(open311_server.url, fmt=fmt)
    result = pull_open311(local_db.session, client, community_code="370202010004",
                          start=utcnow() - timedelta(days=1))
    local_db.session.commit()
    assert [(s.service_request_id, s.reason) for s in result.skipped] == [(theirs, OUTSIDE)]
    [row] = local_db.session.scalars(select(ServiceRequest).where(ServiceRequest.external_id == ours)).all()
    assert row.id in result.created and row.channel == "open311"
    assert row.category_code == "E0103" and row.grid_cell_id == local_db.cell_a
    assert row.description == "路口油污，电话138****5678"  # what the city publishes
    assert row.latitude == pytest.approx(INSIDE_A[0]) and row.stage == "reported"

    # the community closes it on the city side (as a device's push would): the next pull notes it
    with open311_server.sessions() as session:
        community = session.scalar(select(Record.community_code).where(Record.id == ours))
        assert community is not None
        store.put_record(session, community, "service_request", ours,
                         {"stage": "closed", "closed_at": utcnow().isoformat()})
        session.commit()
    again = pull_open311(local_db.session, client, community_code="370202010004",
                         start=utcnow() - timedelta(days=1))
    local_db.session.commit()
    assert again.updated == (row.id,) and again.created == ()
    note = local_db.session.scalar(select(RequestEvent.note).where(RequestEvent.request_id == row.id,
                                                                   RequestEvent.action == "note"))
    assert note == "外部平台状态：已关闭（已结案）"
    assert len(local_db.session.scalars(select(ServiceRequest).where(ServiceRequest.channel == "open311")).all()) == 1
