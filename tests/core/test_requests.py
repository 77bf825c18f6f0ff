"""Logging requests, the duplicate hint, lists and the request page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.attachments import PhotoStore
from community_app.core.problems import ValidationFailed
from community_app.core.requests import (
    RequestFilter,
    RequestInput,
    count_requests,
    duplicate_candidates,
    list_requests,
    log_request,
    request_detail,
)
from community_app.core.workflow import perform
from db.models import Attachment, Building, Household, OutboxEntry, RequestEvent, Resident, ServiceRequest
from tests.core.casework_helpers import add_admin, add_categories, as_user, bj, cell_id, make_request
from tests.core.places_helpers import square_cells

NOW = bj(2026, 11, 24, 10, 0)  # Tuesday


@pytest.fixture
def office(community: Session) -> Session:
    add_categories(community)
    square_cells(community)  # A: 120.38–120.39, B: 120.39–120.40 (the fixture's share one triangle)
    return community


def building(s: Session) -> Building:
    return s.scalars(select(Building)).one()


def phone_report(s: Session, **changes: object) -> RequestInput:
    values: dict[str, object] = {"category_code": "E0101", "description": "楼下垃圾桶满了，周边有散落垃圾。",
                                 "channel": "phone", "building_id": building(s).id, "reporter_name": "王先生",
                                 "reporter_phone": "138 1234 5678"}
    values.update(changes)
    return RequestInput(**values)  # type: ignore[arg-type]


def test_logging_a_request_from_a_building(office: Session) -> None:
    s = office
    wang = as_user(s, "wang")
    rid = log_request(s, wang, phone_report(s), now=NOW)
    r = s.get(ServiceRequest, rid)
    assert r is not None
    assert r.ticket_no == "ZS20261124000001"  # 湛山社区 → ZS, Beijing date, device 00 (not enrolled), first of the day
    assert (r.stage, r.channel, r.category_code, r.urgency) == ("reported", "phone", "E0101", "normal")
    assert r.title == "湛山三路1号暴露垃圾" and r.address == "湛山三路1号"
    assert r.grid_cell_id == cell_id(s, "A") and r.building_id == building(s).id
    assert (r.latitude, r.longitude) == (36.065, 120.385)
    assert (r.reporter_name, r.reporter_phone, r.created_by_id) == ("王先生", "13812345678", wang.id)
    assert r.reported_at == NOW
    assert r.due_at == r.due_at_original == bj(2026, 11, 24, 12, 0)  # 2 working hours
    [event] = s.scalars(select(RequestEvent).where(RequestEvent.request_id == rid)).all()
    assert (event.action, event.from_stage, event.to_stage, event.actor_id, event.actor_name, event.at) == (
        "report", None, "reported", wang.id, "王丽", NOW)
    outbox = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id.in_([rid, event.id])))
    queued = {(o.table_name, o.op) for o in outbox}
    assert queued == {("service_request", "insert"), ("request_event", "insert")}
    # the daily sequence goes on; a new Beijing day starts again at 0001 (17:00 UTC is 01:00 the next day)
    second = s.get(ServiceRequest, log_request(s, wang, phone_report(s), now=NOW + timedelta(hours=1)))
    third = s.get(ServiceRequest, log_request(s, wang, phone_report(s), now=datetime(2026, 11, 24, 17, 0, tzinfo=UTC)))
    assert (second.ticket_no, third.ticket_no) == ("ZS20261124000002", "ZS20261125000001")  # type: ignore[union-attr]


def test_ticket_numbers_carry_the_device_number_so_offline_devices_never_clash(office: Session) -> None:
    """Two devices enrolled in one community log requests the same day while offline: the city
    API's device number in the ticket keeps them apart, and each device counts its own day."""
    from community_app.sync.device import save_enrolment

    s = office
    wang = as_user(s, "wang")
    before = s.get(ServiceRequest, log_request(s, wang, phone_report(s), now=NOW))
    save_enrolment(s, server_url="https://city.example", device_id="d7", community_code="370202002003",
                   community_name="湛山社区", role="office", device_name="网格员电脑", device_no=7)
    first = s.get(ServiceRequest, log_request(s, wang, phone_report(s), now=NOW))
    second = s.get(ServiceRequest, log_request(s, wang, phone_report(s), now=NOW))
    assert before.ticket_no == "ZS20261124000001"  # type: ignore[union-attr]
    assert (first.ticket_no, second.ticket_no) == ("ZS20261124070001", "ZS20261124070002")  # type: ignore[union-attr]


def test_a_map_point_gets_its_cell_by_polygon(office: Session) -> None:
    s = office
    rid = log_request(s, as_user(s, "zhao"), RequestInput(
        category_code="S0501", description="需要开具居住证明", channel="walk_in", latitude=36.065, longitude=120.395,
        address="湛山四路口"), now=NOW)
    r = s.get(ServiceRequest, rid)
    assert r is not None
    assert r.grid_cell_id == cell_id(s, "B") and r.building_id is None
    assert r.title == "湛山四路口居住证明"
    assert r.due_at == bj(2026, 11, 25, 17, 30)  # 1 working day: close of business tomorrow
    assert r.reporter_name is None and r.reporter_phone is None  # anonymous is allowed
    outside = log_request(s, as_user(s, "zhao"), RequestInput(
        category_code="S0501", description="x", channel="walk_in", latitude=36.2, longitude=120.5), now=NOW)
    assert s.get(ServiceRequest, outside).grid_cell_id is None  # type: ignore[union-attr]


def test_reporter_from_the_register_and_a_household_address(office: Session) -> None:
    s = office
    resident = s.scalars(select(Resident).where(Resident.name == "李秀英")).one()
    resident.phone = "13900001111"
    home = s.get(Household, resident.household_id)
    rid = log_request(s, as_user(s, "wang"), RequestInput(
        category_code="E0102", description="楼道堆放杂物", channel="visit", household_id=home.id,  # type: ignore[union-attr]
        reporter_resident_id=resident.id, urgency="urgent"), now=NOW)
    r = s.get(ServiceRequest, rid)
    assert r is not None
    assert (r.reporter_resident_id, r.reporter_name, r.reporter_phone) == (resident.id, "李秀英", "13900001111")
    assert r.address == "湛山三路1号 101室" and r.title == "湛山三路1号101室积存垃圾渣土"
    assert r.urgency == "urgent" and r.building_id == building(s).id
    detail = request_detail(s, as_user(s, "chen"), rid, now=NOW)
    assert detail.reporter_phone_masked == "139****1111"
    assert "13900001111" not in repr(detail)


def test_every_problem_is_reported_at_once_and_nothing_is_written(office: Session) -> None:
    s = office
    before = s.scalar(select(func.count()).select_from(ServiceRequest))
    with pytest.raises(ValidationFailed) as failed:
        log_request(s, as_user(s, "wang"), RequestInput(
            category_code="E01", description=" ", channel="fax", reporter_phone="12345", urgency="critical"), now=NOW)
    assert set(failed.value.codes) == {"category.unknown", "required", "channel.unknown", "urgency.unknown",
                                       "location.required", "phone.invalid"}
    assert "请选择楼栋，或在地图上标出问题的位置" in str(failed.value)
    with pytest.raises(ValidationFailed) as failed:
        log_request(s, as_user(s, "wang"), phone_report(s, category_code="E0199"), now=NOW)
    assert failed.value.codes == ("category.inactive",) and "已停用" in str(failed.value)
    with pytest.raises(ValidationFailed) as failed:
        log_request(s, as_user(s, "wang"), phone_report(s, building_id="nope"), now=NOW)
    assert failed.value.codes == ("building.unknown",)
    assert s.scalar(select(func.count()).select_from(ServiceRequest)) == before


def test_only_staff_who_handle_requests_log_them(office: Session) -> None:
    s = office
    add_admin(s)
    with pytest.raises(PermissionError, match="没有登记诉求的权限"):
        log_request(s, as_user(s, "root"), phone_report(s), now=NOW)
    # the kiosk logs with no staff behind it
    rid = log_request(s, None, phone_report(s, channel="kiosk", community_code="370202010004"), now=NOW)
    [event] = s.scalars(select(RequestEvent).where(RequestEvent.request_id == rid)).all()
    assert (event.actor_id, event.actor_name) == (None, "自助终端")


def jpeg(path: Path, colour: tuple[int, int, int] = (90, 90, 200)) -> Path:
    Image.new("RGB", (64, 48), colour).save(path, "JPEG")
    return path


def test_photos_go_with_the_report_and_a_bad_one_refuses_the_request(office: Session, tmp_path: Path) -> None:
    s = office
    store = PhotoStore(tmp_path / "attachments")
    bad = tmp_path / "说明.jpg"
    bad.write_text("不是照片")
    with pytest.raises(ValidationFailed) as failed:
        log_request(s, as_user(s, "wang"), phone_report(s, photos=[jpeg(tmp_path / "a.jpg"), bad]), now=NOW,
                    photo_store=store)
    assert failed.value.codes == ("photo.not_image",) and "说明.jpg" in str(failed.value)
    assert s.scalar(select(func.count()).select_from(Attachment)) == 0
    rid = log_request(s, as_user(s, "wang"), phone_report(s, photos=[tmp_path / "a.jpg"]), now=NOW, photo_store=store)
    event_id = perform(s, as_user(s, "wang"), rid, "note", photos=[jpeg(tmp_path / "b.jpg", (1, 2, 3))],
                       photo_store=store, now=NOW + timedelta(minutes=5))
    detail = request_detail(s, as_user(s, "wang"), rid, now=NOW, photo_store=store)
    assert [e.action for e in detail.timeline] == ["report", "note"]  # oldest first
    assert [p.filename for p in detail.timeline[0].photos] == ["a.jpg"]
    assert [p.filename for p in detail.timeline[1].photos] == ["b.jpg"] and detail.timeline[1].id == event_id
    assert all(p.thumbnail.exists() for p in detail.photos) and len(detail.photos) == 2


def test_duplicates_within_50_m_and_3_days(office: Session) -> None:
    s = office
    at = bj(2026, 11, 24, 10, 0)
    lat, lng = 36.0650, 120.3850
    metre_lat = 1 / 111_320  # degrees of latitude per metre
    near = make_request(s, "in_progress", lat=lat + 40 * metre_lat, lng=lng, reported_at=at - timedelta(days=2))
    make_request(s, "accepted", lat=lat + 60 * metre_lat, lng=lng, reported_at=at - timedelta(hours=1))  # 60 m
    make_request(s, "reported", lat=lat, lng=lng, reported_at=at - timedelta(days=4))  # 4 days ago
    make_request(s, "reported", lat=lat, lng=lng, reported_at=at, category="E0102")  # other category
    make_request(s, "closed", lat=lat, lng=lng, reported_at=at - timedelta(hours=2))  # finished
    same_spot = make_request(s, "reported", lat=lat, lng=lng, reported_at=at - timedelta(minutes=30))
    found = duplicate_candidates(s, "E0101", lat, lng, at=at)
    assert [c.id for c in found] == [same_spot.id, near.id]  # nearest first
    assert found[0].distance_m == 0.0 and 39.5 < found[1].distance_m < 40.5
    assert found[1].stage_name == "处置中"
    assert [c.id for c in duplicate_candidates(s, "E0101", lat, lng, at=at, exclude_id=same_spot.id)] == [near.id]


def test_lists_filter_sort_and_page_in_sql(office: Session) -> None:
    s = office
    wang, chen = as_user(s, "wang"), as_user(s, "chen")
    now = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # the conftest's NOW: Tue 10:00
    # the conftest community: T0001–T0007 (A: 1, 2, 3, 6; B: 4, 5, 7); plus one of B assigned to wang
    assigned = make_request(s, "dispatched", cell="B", assignee="wang", due_at=now + timedelta(days=3),
                            reported_at=now - timedelta(hours=5))

    def tickets(**f: object) -> list[str]:
        return [r.ticket_no for r in list_requests(s, wang, RequestFilter(**f), now=now)]  # type: ignore[arg-type]

    assert tickets(mine=True) == ["T0002", "T0003", "T0001", assigned.ticket_no, "T0006"]  # by due; finished last
    assert tickets(due="overdue") == ["T0002"]
    assert tickets(due="due_soon") == ["T0003"]  # T0005 is 23 h away but 6.5 office hours
    assert tickets(due="paused") == ["T0004"]
    assert tickets(stages=("reported", "accepted")) == ["T0001", "T0007"]  # T0007 has no deadline: after
    # by due time (the paused one by its own), the one without a deadline last
    assert tickets(grid_cell_id=cell_id(s, "B"), open_only=True) == ["T0004", "T0005", assigned.ticket_no, "T0007"]
    assert set(tickets(grid_cell_id=cell_id(s, "B"))) == {"T0004", "T0005", "T0007", assigned.ticket_no}
    assert set(tickets(text="T000")) == {f"T000{i}" for i in range(1, 8)}
    assert tickets(text="测试") == [assigned.ticket_no]  # words in the title
    assert tickets(category_code="E01") == [assigned.ticket_no]  # a 大类 covers its 小类
    assert tickets(reported_from=now - timedelta(hours=6), reported_until=now) == [assigned.ticket_no]
    assert tickets(limit=2) == tickets()[:2] and tickets(limit=2, offset=2) == tickets()[2:4]
    assert count_requests(s, chen, RequestFilter(open_only=True), now=now) == 7
    rows = list_requests(s, chen, RequestFilter(mine=False, stages=("in_progress",)), now=now)
    states = {r.ticket_no: (r.deadline.state, r.stage_name, r.grid_cell_name) for r in rows}
    assert states == {"T0003": ("due_soon", "处置中", "第一网格"), "T0004": ("paused", "处置中", "第二网格")}
    newest = list_requests(s, chen, RequestFilter(sort="reported", limit=1), now=now)[0]
    assert newest.ticket_no == assigned.ticket_no and newest.assignee_name == "王丽"


def test_request_page_shows_the_timeline_with_names(office: Session) -> None:
    s = office
    wang, chen = as_user(s, "wang"), as_user(s, "chen")
    rid = log_request(s, wang, phone_report(s), now=NOW)
    target = make_request(s, "accepted")
    perform(s, chen, rid, "merge", merge_into_id=target.id, note="重复反映", now=NOW + timedelta(minutes=3))
    detail = request_detail(s, chen, rid, now=NOW)
    assert [(e.action_name, e.actor_name) for e in detail.timeline] == [("上报", "王丽"), ("并单", "陈静")]
    assert detail.timeline[1].target_ticket_no == target.ticket_no and detail.merged_into_ticket_no == target.ticket_no
    assert (detail.stage_name, detail.deadline.state, detail.channel_name) == ("已并单", "finished", "来电")
    assert (detail.category_name, detail.major_category_name, detail.grid_cell_name) == (
        "暴露垃圾", "市容环境", "第一网格")
    assert [a.code for a in detail.actions] == ["note"]
    assert request_detail(s, chen, target.id, now=NOW).merged_here == ((rid, detail.ticket_no),)
