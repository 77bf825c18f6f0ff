"""Pulling from another Open311 server (a tiny http.server serving fixture files): JSON with
numeric ids and codes, XML with string codes, missing fields, re-pulls, and the error format."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from community_app.sync.errors import NETWORK_UNREACHABLE, TIMED_OUT, SyncError
from community_app.sync.http import HttpSettings
from community_app.sync.open311_client import Open311Client, parse_requests
from community_app.sync.open311_pull import CLOSED_UNSEEN, NO_CATEGORY, NO_LOCATION, OUTSIDE, pull_open311
from db.models import OutboxEntry, RequestEvent, ServiceRequest
from tests.sync.open311.conftest import FIXTURES, LocalDb, OutsideServer

FAST = HttpSettings(connect_timeout=2, read_timeout=2, retries=0)


def local_requests(db: LocalDb) -> dict[str, ServiceRequest]:
    rows = db.session.scalars(select(ServiceRequest).where(ServiceRequest.channel == "open311")).all()
    return {r.external_id or "": r for r in rows}


def test_numeric_json_is_imported_by_code_name_fallback_and_place(local_db: LocalDb,
                                                                   outside_server: OutsideServer) -> None:
    outside_server.serve_file("/open311/v2/requests.json", "requests_numeric.json")
    outside_server.serve_file("/open311/v2/services.json", "services.xml")  # XML under .json: still read
    client = Open311Client(outside_server.url, settings=FAST)
    result = pull_open311(local_db.session, client, community_code="370202010004", fallback_category="S0401")
    local_db.session.commit()

    rows = local_requests(local_db)
    assert set(rows) == {"638344", "638345", "638347"}
    by_name = rows["638344"]  # code 101 is not ours; its name 道路不洁 is
    assert by_name.category_code == "E0103" and by_name.grid_cell_id == local_db.cell_a
    assert by_name.description == "人行道上有大片油污" and by_name.stage == "reported"
    assert by_name.reported_at == datetime(2026, 11, 20, 1, 15, tzinfo=UTC)  # +08:00 read as such
    assert by_name.ticket_no.startswith("ZS") and by_name.due_at is not None
    assert rows["638345"].category_code == "S0401"  # "Pothole": the fallback category
    assert rows["638345"].latitude == pytest.approx(36.0561)  # a string number is still a number
    addressed = rows["638347"]  # no point, but its address names our building
    assert addressed.building_id == local_db.building and addressed.grid_cell_id == local_db.cell_a
    assert addressed.reported_at == datetime(2026, 11, 22, 10, 0, tzinfo=UTC)  # naive = UTC
    assert {(s.service_request_id, s.reason) for s in result.skipped} == {
        ("638346", OUTSIDE), ("638348", NO_LOCATION), ("638349", CLOSED_UNSEEN)}
    assert "未导入 3 条" in result.summary and "新增 3 条" in result.summary

    # every write is in the outbox: the city gets them on the next sync
    queued = {(e.table_name, e.row_id) for e in local_db.session.scalars(select(OutboxEntry))}
    assert {("service_request", r.id) for r in rows.values()} <= queued
    events = local_db.session.scalars(select(RequestEvent).where(
        RequestEvent.request_id.in_([r.id for r in rows.values()]))).all()
    assert sorted(e.action for e in events) == ["report"] * 3
    assert {("request_event", e.id) for e in events} <= queued


def test_without_a_fallback_an_unknown_service_is_reported_not_guessed(local_db: LocalDb,
                                                                      outside_server: OutsideServer) -> None:
    outside_server.serve_file("/open311/v2/requests.json", "requests_numeric.json")
    result = pull_open311(local_db.session, Open311Client(outside_server.url, settings=FAST),
                          community_code="370202010004")
    assert ("638345", NO_CATEGORY) in {(s.service_request_id, s.reason) for s in result.skipped}
    assert "类别代码在本地没有对应类别" in next(s.message for s in result.skipped if s.reason == NO_CATEGORY)


def test_pulling_again_updates_instead_of_duplicating(local_db: LocalDb, outside_server: OutsideServer) -> None:
    outside_server.serve_file("/open311/v2/requests.xml", "requests_strings.xml")
    client = Open311Client(outside_server.url, fmt="xml", settings=FAST)
    first = pull_open311(local_db.session, client, community_code="370202010004")
    local_db.session.commit()
    assert len(first.created) == 2 and first.skipped == ()
    rows = local_requests(local_db)
    assert rows["A-1001"].category_code == "E0101" and rows["A-1001"].grid_cell_id == local_db.cell_c
    assert rows["A-1002"].description == "乱吊挂晾晒"  # no description: the category's name
    assert rows["A-1001"].due_at == datetime(2026, 11, 24, 0, 30, tzinfo=UTC)  # the remote's expected time

    again = pull_open311(local_db.session, client, community_code="370202010004")
    assert again.created == () and again.updated == () and again.unchanged == 2

    # the remote changes a description and closes A-1002
    text = (FIXTURES / "requests_strings.xml").read_text("utf-8")
    text = text.replace("垃圾桶满溢", "垃圾桶满溢，已有异味").replace(
        "<status>open</status>\n    <service_code>E0105</service_code>",
        "<status>closed</status>\n    <status_notes>已处理</status_notes>\n    <service_code>E0105</service_code>")
    outside_server.routes["/open311/v2/requests.xml"] = (200, "text/xml", text.encode("utf-8"))
    before = local_db.session.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1))
    third = pull_open311(local_db.session, client, community_code="370202010004")
    local_db.session.commit()
    assert set(third.updated) == {rows["A-1001"].id, rows["A-1002"].id} and third.created == ()
    assert len(local_requests(local_db)) == 2
    assert rows["A-1001"].description == "垃圾桶满溢，已有异味"
    assert rows["A-1002"].stage == "reported"  # the local workflow is not moved from outside
    note = local_db.session.scalar(select(RequestEvent.note).where(RequestEvent.request_id == rows["A-1002"].id,
                                                                   RequestEvent.action == "note"))
    assert note == "外部平台状态：已关闭（已处理）"
    new_entries = local_db.session.scalars(select(OutboxEntry).where(OutboxEntry.seq > before)).all()
    assert {(e.table_name, e.op) for e in new_entries} == {("service_request", "update"), ("request_event", "insert")}
    assert next(e for e in new_entries if e.table_name == "service_request").changes == {
        "description": "垃圾桶满溢，已有异味"}
    # the same closed state once more: no second note
    fourth = pull_open311(local_db.session, client, community_code="370202010004")
    assert fourth.updated == () and fourth.unchanged == 2


def test_xml_and_json_of_the_same_requests_parse_alike() -> None:
    xml = parse_requests((FIXTURES / "requests_strings.xml").read_bytes(), "text/xml")
    as_json = json.dumps([{"service_request_id": "A-1001", "status": "open", "service_name": "暴露垃圾",
                           "service_code": "E0101", "description": "垃圾桶满溢", "status_notes": None,
                           "requested_datetime": "2026-11-23T08:30:00+08:00",
                           "updated_datetime": "2026-11-23T08:30:00+08:00",
                           "expected_datetime": "2026-11-24T08:30:00+08:00", "address": "湛山三路5号",
                           "lat": 36.0651, "long": 120.4022, "media_url": "http://example.cn/p/1.jpg",
                           "agency_responsible": ""}]).encode()
    assert parse_requests(as_json) == xml[:1]
    # wrapped lists and a namespaced XML document are read too
    assert parse_requests(json.dumps({"service_requests": [{"service_request_id": 7}]}).encode())[0] \
        .service_request_id == "7"
    ns = b'<service_requests xmlns="http://open311.org"><request><service_request_id>9</service_request_id>' \
         b'<status>closed</status></request></service_requests>'
    [one] = parse_requests(ns)
    assert one.service_request_id == "9" and one.status == "closed" and one.lat is None


def test_the_error_format_becomes_a_plain_message(local_db: LocalDb, outside_server: OutsideServer) -> None:
    outside_server.serve_file("/open311/v2/requests.xml", "error_403.xml", status=403)
    with pytest.raises(SyncError) as caught:
        pull_open311(local_db.session, Open311Client(outside_server.url, fmt="xml", settings=FAST),
                     community_code="370202010004")
    assert caught.value.problem.code == "open311_refused"
    assert "api_key" in caught.value.problem.message and "Invalid api_key received" in caught.value.problem.message
    assert local_requests(local_db) == {}
    outside_server.routes["/open311/v2/requests.json"] = (
        400, "application/json", b'[{"code": 400, "description": "start_date is invalid"}]')
    with pytest.raises(SyncError) as caught:
        Open311Client(outside_server.url, settings=FAST).requests_page()
    assert "参数有误" in caught.value.problem.message and "start_date is invalid" in caught.value.problem.message
    # the error list with status 200, as some servers send it, is still an error
    outside_server.routes["/open311/v2/requests.json"] = (
        200, "application/json", b'[{"code": "403", "description": "api_key required"}]')
    with pytest.raises(SyncError) as caught:
        Open311Client(outside_server.url, settings=FAST).requests_page()
    assert "拒绝了访问" in caught.value.problem.message and "api_key required" in caught.value.problem.message
    # an empty list is just an empty list
    outside_server.routes["/open311/v2/requests.json"] = (200, "application/json", b"[]")
    assert Open311Client(outside_server.url, settings=FAST).requests_page() == []


def test_a_server_that_ignores_page_is_read_once(outside_server: OutsideServer) -> None:
    outside_server.serve_file("/open311/v2/requests.xml", "requests_strings.xml")
    outside_server.honour_page = False
    got = list(Open311Client(outside_server.url, fmt="xml", settings=FAST).all_requests(page_size=2))
    assert [r.service_request_id for r in got] == ["A-1001", "A-1002"]
    pages = [q.get("page") for path, q in outside_server.log if path.endswith("requests.xml")]
    assert pages == [["1"], ["2"]]  # page 2 repeated page 1: stop there


def test_unreachable_and_silent_servers_say_so() -> None:
    with pytest.raises(SyncError) as caught:
        Open311Client("http://127.0.0.1:9/open311/v2", settings=FAST).services()  # discard port: refused
    assert caught.value.problem.code == NETWORK_UNREACHABLE

    import socket
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    try:
        port = listener.getsockname()[1]
        slow = HttpSettings(connect_timeout=1, read_timeout=0.3, retries=0)
        with pytest.raises(SyncError) as caught:
            Open311Client(f"http://127.0.0.1:{port}/v2", settings=slow).services()
        assert caught.value.problem.code == TIMED_OUT
    finally:
        for conn in accepted:
            conn.close()
        listener.close()
