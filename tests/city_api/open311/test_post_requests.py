"""POST requests: api_key, routing by point or address to the community and grid cell, the
stored records (seq, changes feed of that community), tokens, and every refusal."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

import pytest
import requests
from sqlalchemy import select

from city_api.models import Record
from city_api.open311.keys import list_api_keys, revoke_api_key
from tests.city_api.open311.conftest import Open311Server, device_headers
from tests.city_api.open311.helpers import (
    BUILDING_ID,
    CELL_A_ID,
    CELL_B_ID,
    INSIDE_A,
    INSIDE_B,
    OUTSIDE,
    XIANGGANG,
    ZHANSHAN,
    check_schema,
)


def post(server: Open311Server, fmt: str = "json", **fields: Any) -> requests.Response:
    data = {"api_key": server.api_key, "service_code": "E0103", "description": "路口有一大片油污，很滑", **fields}
    return requests.post(f"{server.url}/requests.{fmt}", data={k: v for k, v in data.items() if v is not None},
                         timeout=10)


def stored(server: Open311Server, table: str, record_id: str | None = None) -> list[Record]:
    with server.sessions() as session:
        query = select(Record).where(Record.table_name == table)
        if record_id:
            query = query.where(Record.id == record_id)
        rows = list(session.scalars(query.order_by(Record.seq)))
        session.expunge_all()
        return rows


def test_a_point_request_lands_in_the_community_and_cell_that_hold_it(open311_server: Open311Server) -> None:
    r = post(open311_server, lat=INSIDE_A[0], long=INSIDE_A[1], first_name="小红", last_name="王",
             phone="138-1234-5678", email="w@example.cn", **{"attribute[urgency]": "urgent"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body, list) and set(body[0]) == {"service_request_id", "token", "service_notice", "account_id"}
    request_id = body[0]["service_request_id"]
    [rec] = stored(open311_server, "service_request", request_id)
    assert rec.community_code == ZHANSHAN and rec.version == 1 and rec.seq > 0
    d = rec.data
    assert d["grid_cell_id"] == CELL_A_ID and d["channel"] == "open311" and d["stage"] == "reported"
    assert d["category_code"] == "E0103" and d["urgency"] == "urgent"
    assert d["reporter_name"] == "王小红" and d["reporter_phone"] == "13812345678"
    assert d["ticket_no"].startswith("O311-") and d["ticket_no"] in body[0]["service_notice"]
    assert d["due_at"] is not None and d["reported_at"].endswith("+00:00")
    [event] = [e for e in stored(open311_server, "request_event") if e.data["request_id"] == request_id]
    assert event.data["action"] == "report" and event.data["to_stage"] == "reported"
    assert event.community_code == ZHANSHAN and event.seq > rec.seq

    # the community's devices get both in their changes feed; the neighbour's do not
    feed = requests.get(open311_server.base_url + "/sync/changes", params={"since": 0},
                        headers=device_headers(open311_server, ZHANSHAN), timeout=10).json()
    assert {(c["table"], c["id"]) for c in feed["changes"]} >= {("service_request", request_id),
                                                                 ("request_event", event.id)}
    other = requests.get(open311_server.base_url + "/sync/changes", params={"since": 0},
                         headers=device_headers(open311_server, XIANGGANG), timeout=10).json()
    assert request_id not in {c["id"] for c in other["changes"]}


def test_the_neighbours_point_goes_to_the_neighbour(open311_server: Open311Server) -> None:
    r = post(open311_server, lat=INSIDE_B[0], long=INSIDE_B[1])
    [rec] = stored(open311_server, "service_request", r.json()[0]["service_request_id"])
    assert rec.community_code == XIANGGANG and rec.data["grid_cell_id"] == CELL_B_ID


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_point_outside_every_community_is_refused(open311_server: Open311Server, fmt: str) -> None:
    r = post(open311_server, fmt, lat=OUTSIDE[0], long=OUTSIDE[1])
    assert r.status_code == 400
    text = r.json()[0]["description"] if fmt == "json" else ET.fromstring(r.content).findtext("error/description")
    assert text is not None and "outside every community" in text
    assert stored(open311_server, "service_request") == []


def test_an_address_names_a_building_and_its_cell(open311_server: Open311Server) -> None:
    r = post(open311_server, address_string="山东省青岛市市南区湛山三路1号 2单元楼道")
    assert r.status_code == 200, r.text
    [rec] = stored(open311_server, "service_request", r.json()[0]["service_request_id"])
    assert rec.community_code == ZHANSHAN
    assert rec.data["building_id"] == BUILDING_ID and rec.data["grid_cell_id"] == CELL_A_ID
    assert rec.data["address"] == "山东省青岛市市南区湛山三路1号 2单元楼道"
    assert rec.data["title"] == "山东省青岛市市南区湛山三路1号2单元楼道道路不洁"
    r = post(open311_server, address_id=BUILDING_ID)
    [rec] = stored(open311_server, "service_request", r.json()[0]["service_request_id"])
    assert rec.data["building_id"] == BUILDING_ID and rec.data["address"] == "湛山三路1号"


@pytest.mark.parametrize(("fields", "words"), [
    ({"service_code": None, "lat": INSIDE_A[0], "long": INSIDE_A[1]}, "service_code is required"),
    ({"service_code": "E9999", "lat": INSIDE_A[0], "long": INSIDE_A[1]}, "not a service"),
    ({"service_code": "E0201", "lat": INSIDE_A[0], "long": INSIDE_A[1]}, "not a service"),  # switched off there
    ({}, "location is required"),
    ({"lat": INSIDE_A[0]}, "lat and long must be sent together"),
    ({"lat": "north", "long": "120.4"}, "lat must be a decimal number"),
    ({"lat": 95, "long": 120.4}, "within -90..90"),
    ({"address_string": "北京市朝阳区某某路"}, "send lat and long instead"),
    ({"address_id": "no-such-building"}, "address_id"),
    ({"lat": INSIDE_A[0], "long": INSIDE_A[1], "attribute[urgency]": "very"}, "normal, urgent"),
    ({"lat": INSIDE_A[0], "long": INSIDE_A[1], "description": "长" * 4001}, "at most 4000"),
    ({"lat": INSIDE_A[0], "long": INSIDE_A[1], "media_url": "javascript:alert(1)"}, "media_url"),
])
def test_bad_submissions_are_refused_with_what_is_wrong(open311_server: Open311Server, fields: dict[str, Any],
                                                        words: str) -> None:
    r = post(open311_server, **fields)
    assert r.status_code == 400, r.text
    [error] = r.json()
    assert error["code"] == 400 and words in error["description"]
    assert stored(open311_server, "service_request") == []


def test_the_switched_off_service_still_works_in_the_community_that_keeps_it(open311_server: Open311Server) -> None:
    r = post(open311_server, service_code="E0201", lat=INSIDE_B[0], long=INSIDE_B[1])
    assert r.status_code == 200, r.text


def test_api_key_is_required_and_a_revoked_one_stops_working(open311_server: Open311Server) -> None:
    for key in (None, "made-up-key"):
        r = post(open311_server, api_key=key, lat=INSIDE_A[0], long=INSIDE_A[1])
        assert r.status_code == 403 and "api_key" in r.json()[0]["description"]
    with open311_server.sessions() as session:
        [info] = list_api_keys(session)
        assert info.name == "12345热线平台" and info.last_used_at is None
        assert revoke_api_key(session, info.id)
        session.commit()
    r = post(open311_server, lat=INSIDE_A[0], long=INSIDE_A[1])
    assert r.status_code == 403
    assert stored(open311_server, "service_request") == []


def test_json_bodies_are_refused_as_the_spec_wants_forms(open311_server: Open311Server) -> None:
    r = requests.post(open311_server.url + "/requests.json", timeout=10, json={
        "api_key": open311_server.api_key, "service_code": "E0103", "lat": INSIDE_A[0], "long": INSIDE_A[1]})
    assert r.status_code == 400 and "form-encoded" in r.json()[0]["description"]


def test_xml_answer_and_the_token_leads_to_the_request(open311_server: Open311Server) -> None:
    r = post(open311_server, "xml", lat=INSIDE_A[0], long=INSIDE_A[1])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(r.content)
    assert root.tag == "service_requests"
    request_id, token = root.findtext("request/service_request_id"), root.findtext("request/token")
    assert request_id and token
    found = requests.get(f"{open311_server.url}/tokens/{token}.json", timeout=10)
    assert found.json() == [{"service_request_id": request_id, "token": token}]
    xml = ET.fromstring(requests.get(f"{open311_server.url}/tokens/{token}.xml", timeout=10).content)
    assert xml.findtext("request/service_request_id") == request_id
    missing = requests.get(f"{open311_server.url}/tokens/nope.json", timeout=10)
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404
    # and the request reads back, valid against the schema, as "open" with the stage code
    one = requests.get(f"{open311_server.url}/requests/{request_id}.json", timeout=10).json()
    check_schema("requests", one)
    assert one[0]["status"] == "open" and one[0]["external_status_code"] == "reported"
    assert one[0]["service_code"] == "E0103" and one[0]["agency_responsible"] == "湛山社区"


def test_ticket_numbers_count_up_city_wide(open311_server: Open311Server) -> None:
    ids = [post(open311_server, lat=lat, long=lng).json()[0]["service_request_id"]
           for lat, lng in (INSIDE_A, INSIDE_B, INSIDE_A)]
    numbers = [int(stored(open311_server, "service_request", i)[0].data["ticket_no"][-6:]) for i in ids]
    assert numbers[1] == numbers[0] + 1 and numbers[2] == numbers[0] + 2
