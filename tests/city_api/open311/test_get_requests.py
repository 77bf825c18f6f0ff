"""GET requests, one request and servicerequestupdates: filters, the 90-day and 1000-result
defaults, paging, stages as open/closed, both formats, and the schemas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import requests

from city_api import store
from city_api.models import utcnow
from tests.city_api.open311.conftest import Open311Server
from tests.city_api.open311.helpers import XIANGGANG, ZHANSHAN, bulk_requests, check_schema, put_request

NOW = utcnow()
R_NEW = "0190f000-0000-7000-8000-000000000101"  # open, 2 days old
R_CLOSED = "0190f000-0000-7000-8000-000000000102"  # closed, 10 days old, neighbour community
R_OTHER = "0190f000-0000-7000-8000-000000000103"  # in progress, E0104, 30 days old
R_OLD = "0190f000-0000-7000-8000-000000000104"  # 120 days old: outside the default window


@pytest.fixture
def seeded(open311_server: Open311Server) -> Open311Server:
    with open311_server.sessions() as session:
        put_request(session, ZHANSHAN, R_NEW, stage="reported", reported_at=NOW - timedelta(days=2),
                    description="联系电话13912345678，身份证370202199001011234")
        put_request(session, XIANGGANG, R_CLOSED, stage="closed", reported_at=NOW - timedelta(days=10),
                    closed_at=(NOW - timedelta(days=9)).isoformat(), due_at=(NOW - timedelta(days=8)).isoformat())
        put_request(session, ZHANSHAN, R_OTHER, stage="in_progress", category="E0104",
                    reported_at=NOW - timedelta(days=30))
        put_request(session, ZHANSHAN, R_OLD, stage="reported", reported_at=NOW - timedelta(days=120))
        session.commit()
    return open311_server


def get(server: Open311Server, path: str, **params: Any) -> requests.Response:
    return requests.get(server.url + path, params=params, timeout=10)


def ids(server: Open311Server, **params: Any) -> list[str]:
    r = get(server, "/requests.json", **params)
    assert r.status_code == 200, r.text
    check_schema("requests", r.json())
    return [x["service_request_id"] for x in r.json()]


def test_default_is_the_last_90_days_newest_first(seeded: Open311Server) -> None:
    assert ids(seeded) == [R_NEW, R_CLOSED, R_OTHER]


def test_status_maps_stages(seeded: Open311Server) -> None:
    assert ids(seeded, status="open") == [R_NEW, R_OTHER]
    assert ids(seeded, status="closed") == [R_CLOSED]
    assert ids(seeded, status="open,closed") == [R_NEW, R_CLOSED, R_OTHER]
    bad = get(seeded, "/requests.json", status="pending")
    assert bad.status_code == 400 and "open or closed" in bad.json()[0]["description"]


def test_service_code_filter_takes_a_comma_list(seeded: Open311Server) -> None:
    assert ids(seeded, service_code="E0104") == [R_OTHER]
    assert ids(seeded, service_code="E0104,E0103") == [R_NEW, R_CLOSED, R_OTHER]


def test_date_range_and_its_limits(seeded: Open311Server) -> None:
    start = (NOW - timedelta(days=125)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (NOW - timedelta(days=50)).strftime("%Y-%m-%dT%H:%M:%S+08:00")
    assert ids(seeded, start_date=start, end_date=end) == [R_OLD]
    assert ids(seeded, start_date=(NOW - timedelta(days=5)).date().isoformat()) == [R_NEW]
    for params, words in (({"start_date": start}, None), ({"start_date": start, "end_date": NOW.isoformat()},
                                                           "90 days"),
                          ({"start_date": "yesterday"}, "W3C"), ({"start_date": NOW.isoformat(), "end_date": start},
                                                                 "before")):
        r = get(seeded, "/requests.json", **params)
        if words is None:
            assert r.status_code == 200  # one date: 90 days from it
        else:
            assert r.status_code == 400 and words in r.json()[0]["description"]


def test_ids_ignore_every_other_parameter(seeded: Open311Server) -> None:
    assert ids(seeded, service_request_id=f"{R_OLD},{R_NEW},unknown", status="closed") == [R_OLD, R_NEW]


def test_paging(seeded: Open311Server) -> None:
    pages = [ids(seeded, page=n, page_size=2) for n in (1, 2, 3)]
    assert pages == [[R_NEW, R_CLOSED], [R_OTHER], []]
    assert get(seeded, "/requests.json", page=0).status_code == 400
    assert get(seeded, "/requests.json", page_size="many").status_code == 400


def test_at_most_1000_requests_per_answer(open311_server: Open311Server) -> None:
    with open311_server.sessions() as session:
        bulk_requests(session, ZHANSHAN, 1003, NOW)
        session.commit()
    assert len(ids(open311_server)) == 1000
    assert len(ids(open311_server, page_size=5000)) == 1000
    assert len(ids(open311_server, page=2)) == 3


def test_a_request_reads_as_the_spec_describes_it(seeded: Open311Server) -> None:
    closed_list = get(seeded, f"/requests/{R_CLOSED}.json").json()
    check_schema("requests", closed_list)
    [closed] = closed_list
    assert closed["status"] == "closed" and closed["external_status_code"] == "closed"
    assert closed["status_notes"] == "已结案" and closed["agency_responsible"] == "香港中路社区"
    assert closed["updated_datetime"] == (NOW - timedelta(days=9)).isoformat(timespec="seconds")
    assert closed["expected_datetime"] == (NOW - timedelta(days=8)).isoformat(timespec="seconds")
    assert closed["service_name"] == "道路不洁" and closed["lat"] == 36.055
    new_list = get(seeded, f"/request/{R_NEW}.json").json()  # the swagger's singular path works too
    check_schema("requests", new_list)
    [new] = new_list
    assert new["description"] == "联系电话139****5678，身份证370***********1234"  # public: masked
    missing = get(seeded, "/requests/0190f000-0000-7000-8000-999999999999.xml")
    assert missing.status_code == 404 and ET.fromstring(missing.content).findtext("error/code") == "404"


def test_xml_holds_what_json_holds(seeded: Open311Server) -> None:
    as_json = get(seeded, "/requests.json").json()
    check_schema("requests", as_json)
    root = ET.fromstring(get(seeded, "/requests.xml").content)
    assert root.tag == "service_requests"
    as_xml = [{child.tag: child.text for child in item} for item in root.findall("request")]
    assert len(as_xml) == len(as_json)
    for j, x in zip(as_json, as_xml, strict=True):
        assert set(x) == set(j)
        assert {k: (None if v is None else str(v)) for k, v in j.items()} == x


def test_updates_are_the_timeline_by_the_citys_clock(seeded: Open311Server) -> None:
    before = utcnow() - timedelta(seconds=1)
    with seeded.sessions() as session:
        # the device's clock was a day behind: `at` is yesterday, but the city received it now
        store.put_record(session, XIANGGANG, "request_event", "0190f000-0000-7000-8000-0000000e0001", {
            "request_id": R_CLOSED, "action": "close", "from_stage": "pending_verification", "to_stage": "closed",
            "at": (NOW - timedelta(days=1)).isoformat(), "note": "已清理，回访电话13812345678", "deleted_at": None})
        store.put_record(session, ZHANSHAN, "request_event", "0190f000-0000-7000-8000-0000000e0002", {
            "request_id": R_OTHER, "action": "note", "at": NOW.isoformat(), "note": None, "deleted_at": None})
        session.commit()
    r = get(seeded, "/servicerequestupdates.json", start_date=before.isoformat())
    assert r.status_code == 200
    updates = r.json()
    assert [(u["service_request_id"], u["status"], u["external_status_code"], u["description"]) for u in updates] == [
        (R_CLOSED, "closed", "closed", "结案：已清理，回访电话138****5678"),
        (R_OTHER, "open", "in_progress", "备注"),
    ]
    assert all(u["updated_datetime"] >= before.isoformat(timespec="seconds") for u in updates)
    later = get(seeded, "/servicerequestupdates.xml", start_date=(utcnow() + timedelta(minutes=1)).isoformat())
    assert ET.fromstring(later.content).tag == "service_request_updates" and not list(ET.fromstring(later.content))
    xml = ET.fromstring(get(seeded, "/servicerequestupdates.xml", start_date=before.isoformat()).content)
    assert [u.findtext("update_id") for u in xml.findall("request_update")] == [u["update_id"] for u in updates]
