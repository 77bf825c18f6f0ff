"""Patrols (巡查): due plans on the demo equal an independent computation; plans, rounds item
by item and coverage arithmetic on the tiny community."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from shapely.geometry import Point, shape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.dashboard import dashboard_counts
from community_app.core.fieldwork_rules import FieldworkError
from community_app.core.patrol_coverage import month_bounds, windows
from community_app.core.patrols import (
    PatrolPlanInput,
    cancel_round,
    create_plan,
    finish_round,
    patrol_coverage,
    patrol_plans,
    patrols_due,
    recent_rounds,
    record_item,
    round_detail,
    start_round,
    update_plan,
)
from db.engine import make_engine
from db.models import Building, GridCell, OutboxEntry, PatrolPlan, PatrolRound, PatrolRoundItem, ServiceRequest
from tests.core.conftest import COMMUNITY, NOW
from tests.core.fieldwork_helpers import (
    DEMO_COMMUNITY,
    DEMO_NOW,
    SHANGHAI,
    as_role,
    expected_coverage,
    expected_patrols,
    make_demo,
    sign_in,
    worker_cells,
)

CHECKLIST = ("消防通道是否畅通", "井盖是否完好", "有无乱堆乱放")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("patrols") / "demo.sqlite")


@pytest.fixture
def demo(demo_path: Path) -> Iterator[tuple[Session, sqlite3.Connection]]:
    engine = make_engine(demo_path)
    conn = sqlite3.connect(demo_path)
    with Session(engine) as s:
        yield s, conn
    conn.close()
    engine.dispose()


# ---- the demo -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("days_later", [0, 2, 5, 9, 30])
@pytest.mark.parametrize("username", ["chenjing", "wangli", "zhaoqiang"])
def test_due_plans_equal_an_independent_computation(demo: tuple[Session, sqlite3.Connection], username: str,
                                                    days_later: int) -> None:
    s, conn = demo
    user = sign_in(s, username)
    now = DEMO_NOW + timedelta(days=days_later)
    cells = None if username == "chenjing" else worker_cells(conn, username)
    want = expected_patrols(conn, now, cells)
    plans = patrol_plans(s, user, now=now)
    assert {p.id: p.state for p in plans} == want and want
    due = patrols_due(s, user, now)
    assert {p.id for p in due} == {pid for pid, state in want.items() if state in ("due", "overdue")}
    assert [p.days_overdue for p in due] == sorted((p.days_overdue for p in due), reverse=True)


def test_the_demo_has_due_and_overdue_plans_over_time(demo: tuple[Session, sqlite3.Connection]) -> None:
    s, _conn = demo
    chen = sign_in(s, "chenjing")
    assert {p.state for p in patrol_plans(s, chen, now=DEMO_NOW + timedelta(days=5))} >= {"due", "overdue"}
    assert all(p.state == "overdue" for p in patrols_due(s, chen, DEMO_NOW + timedelta(days=30)))


@pytest.mark.parametrize(("start", "end", "days_later"), [
    (date(2026, 11, 1), date(2026, 11, 30), 0),  # this month so far
    (date(2026, 10, 1), date(2026, 10, 31), 0),  # last month
    (date(2026, 6, 1), date(2026, 11, 30), 0),  # half a year
    (date(2026, 11, 1), date(2026, 11, 30), 6),  # no round since: the last window is missed
])
def test_coverage_equals_an_independent_computation(demo: tuple[Session, sqlite3.Connection], start: date,
                                                    end: date, days_later: int) -> None:
    s, conn = demo
    now = DEMO_NOW + timedelta(days=days_later)
    report = patrol_coverage(s, DEMO_COMMUNITY, start, end, now=now)
    want = expected_coverage(conn, start, end, now.astimezone(SHANGHAI).date())
    assert {r.grid_cell_id: (r.planned, r.covered, r.rounds_done) for r in report.rows} == want
    assert report.planned == sum(p for p, _c, _d in want.values()) > 0
    assert report.coverage == report.covered / report.planned


# ---- coverage arithmetic -------------------------------------------------------------------------------
def test_windows_split_the_days_and_the_last_takes_the_rest() -> None:
    nov = windows(date(2026, 11, 1), date(2026, 11, 30), 7)
    assert [(a.day, b.day) for a, b in nov] == [(1, 7), (8, 14), (15, 21), (22, 30)]
    assert windows(date(2026, 11, 1), date(2026, 11, 3), 7) == [(date(2026, 11, 1), date(2026, 11, 3))]
    assert windows(date(2026, 11, 5), date(2026, 11, 4), 7) == []
    assert len(windows(date(2026, 1, 1), date(2026, 12, 31), 30)) == 12
    assert month_bounds(date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))


def chen(s: Session) -> CurrentUser:
    return sign_in(s, "chen", "secret-pw")


def cell(s: Session, code: str) -> GridCell:
    return s.scalars(select(GridCell).where(GridCell.code == code)).one()


def plan_for(s: Session, code: str, frequency: int = 7, checklist: tuple[str, ...] = CHECKLIST) -> str:
    plan_id = create_plan(s, chen(s), PatrolPlanInput(cell(s, code).id, f"{code}日常巡查", frequency, checklist))
    plan = s.get(PatrolPlan, plan_id)
    assert plan is not None
    plan.created_at = NOW - timedelta(days=60)  # test setup: the plan predates the periods below
    s.commit()
    return plan_id


def walk(s: Session, user: CurrentUser, plan_id: str, days_ago: float) -> str:
    """A complete round, every item ok, started `days_ago` before NOW."""
    at = NOW - timedelta(days=days_ago)
    round_id = start_round(s, user, plan_id, now=at)
    for item in s.get(PatrolPlan, plan_id).checklist:  # type: ignore[union-attr]
        record_item(s, user, round_id, item, "ok")
    finish_round(s, user, round_id, now=at + timedelta(hours=1))
    s.commit()
    return round_id


def test_coverage_counts_windows_with_a_finished_round(community: Session) -> None:
    """November 1–24 (NOW is 24 Nov, 10:00 in Qingdao), weekly: windows 1–7, 8–14, 15–24."""
    wang, zhao = sign_in(community, "wang", "secret-pw"), sign_in(community, "zhao", "secret-pw")
    a, b = plan_for(community, "A"), plan_for(community, "B", frequency=14)
    walk(community, wang, a, 21)  # 3 Nov → window 1
    walk(community, wang, a, 20)  # 4 Nov → window 1 again: one window, two rounds
    walk(community, wang, a, 2)  # 22 Nov → window 3
    unfinished = start_round(community, wang, a, now=NOW - timedelta(days=12))  # 12 Nov, never finished
    community.commit()
    walk(community, zhao, b, 40)  # October: outside the period
    report = patrol_coverage(community, COMMUNITY, date(2026, 11, 1), date(2026, 11, 30), now=NOW)
    rows = {r.grid_code: r for r in report.rows}
    assert (rows["A"].planned, rows["A"].covered, rows["A"].rounds_done) == (3, 2, 3)
    assert rows["A"].coverage == pytest.approx(2 / 3)
    assert (rows["B"].planned, rows["B"].covered, rows["B"].rounds_done) == (1, 0, 0)  # 24 days // 14
    assert report.period_end == date(2026, 11, 24)  # days to come are not counted
    assert (report.planned, report.covered) == (4, 2) and report.coverage == 0.5
    # a plan made on 20 November counts from then: one window (20–24), covered by the 22nd's round
    community.get(PatrolPlan, a).created_at = NOW - timedelta(days=4)  # type: ignore[union-attr]
    community.commit()
    rows = {r.grid_code: r for r in patrol_coverage(community, COMMUNITY, date(2026, 11, 1), date(2026, 11, 30),
                                                     now=NOW).rows}
    assert (rows["A"].planned, rows["A"].covered, rows["A"].rounds_done) == (1, 1, 1)
    # an inactive plan asks for nothing; a cell without a plan shows no coverage
    update_plan(community, chen(community), b, PatrolPlanInput(cell(community, "B").id, "B日常巡查", 14, CHECKLIST,
                                                               active=False))
    community.commit()
    rows = {r.grid_code: r for r in patrol_coverage(community, COMMUNITY, date(2026, 11, 1), date(2026, 11, 30),
                                                     now=NOW).rows}
    assert rows["B"].planned == 0 and rows["B"].coverage is None and rows["B"].plans == 0
    assert unfinished in {r.id for r in recent_rounds(community, a)}


# ---- plans -------------------------------------------------------------------------------------------
def test_plans_are_made_by_supervisors_and_checked(community: Session) -> None:
    wang = sign_in(community, "wang", "secret-pw")
    data = PatrolPlanInput(cell(community, "A").id, "  第一网格  日常巡查 ", 7, (" 井盖是否完好 ", "", "有无乱堆乱放"))
    with pytest.raises(FieldworkError) as refused:
        create_plan(community, wang, data)
    assert refused.value.codes == ("not_permitted_plan",)
    plan_id = create_plan(community, chen(community), data)
    community.commit()
    plan = community.get(PatrolPlan, plan_id)
    assert plan is not None and plan.name == "第一网格 日常巡查" and plan.checklist == ["井盖是否完好", "有无乱堆乱放"]
    assert community.scalars(select(OutboxEntry).where(OutboxEntry.row_id == plan_id)).one().op == "insert"
    bad = PatrolPlanInput(cell(community, "A").id, "", 0, ("井盖是否完好", "井盖是否完好", "长" * 121))
    with pytest.raises(FieldworkError) as refused:
        create_plan(community, chen(community), bad)
    assert set(refused.value.codes) == {"plan_name_required", "frequency_range", "checklist_duplicate",
                                        "checklist_item_too_long"}
    with pytest.raises(FieldworkError) as refused:
        create_plan(community, chen(community), PatrolPlanInput("nowhere", "巡查", 7, CHECKLIST))
    assert refused.value.codes == ("cell_not_found",)
    # never patrolled, a plan is due from the day it was made
    plan.created_at = NOW - timedelta(hours=1)  # made at the wall clock; the test counts at NOW (10:00 Beijing)
    [row] = patrol_plans(community, wang, now=NOW)
    assert (row.state, row.due_date, row.last_round_at, row.worker_name) == ("due", date(2026, 11, 24), None, "王丽")
    assert patrol_plans(community, sign_in(community, "zhao", "secret-pw"), now=NOW) == []  # not zhao's cell


# ---- rounds ------------------------------------------------------------------------------------------
def test_a_round_is_walked_item_by_item_and_finished(community: Session) -> None:
    wang = sign_in(community, "wang", "secret-pw")
    plan_id = plan_for(community, "A")
    round_id = start_round(community, wang, plan_id, now=NOW)
    community.commit()
    assert start_round(community, wang, plan_id, now=NOW) == round_id  # resumes the unfinished one
    [row] = patrol_plans(community, wang, now=NOW)
    assert row.open_round_id == round_id and row.state == "overdue"  # made 60 days ago; unfinished rounds do not count
    record_item(community, wang, round_id, CHECKLIST[0], "ok")
    record_item(community, wang, round_id, CHECKLIST[1], "problem", note="井盖松动")
    with pytest.raises(FieldworkError) as refused:
        finish_round(community, wang, round_id, now=NOW)
    assert refused.value.codes == ("items_missing",) and CHECKLIST[2] in str(refused.value)
    record_item(community, wang, round_id, CHECKLIST[1], "ok", note="复查后正常")  # a new answer replaces the old
    record_item(community, wang, round_id, CHECKLIST[2], "problem", note="单元门口堆放旧家具")
    detail = finish_round(community, wang, round_id, now=NOW + timedelta(hours=1))
    community.commit()
    assert detail.missing == () and detail.notes == "发现问题1处" and detail.finished_at is not None
    assert [(i.item, i.result, i.note) for i in detail.items] == [
        (CHECKLIST[0], "ok", None), (CHECKLIST[1], "ok", "复查后正常"), (CHECKLIST[2], "problem", "单元门口堆放旧家具")]
    assert community.scalar(select(func.count()).select_from(PatrolRoundItem)) == 3
    [row] = patrol_plans(community, wang, now=NOW)
    assert (row.state, row.due_date, row.last_round_by, row.open_round_id) == ("upcoming", date(2026, 12, 1), "王丽",
                                                                               None)
    assert patrols_due(community, wang, NOW) == []
    assert patrols_due(community, wang, NOW + timedelta(days=7))[0].id == plan_id
    [summary] = recent_rounds(community, plan_id)
    assert (summary.staff_name, summary.problems, summary.requests) == ("王丽", 1, 0)
    item_ops = community.scalars(select(OutboxEntry.op).where(OutboxEntry.table_name == "patrol_round_item")).all()
    assert sorted(item_ops) == ["insert", "insert", "insert", "update"]
    with pytest.raises(FieldworkError) as refused:
        record_item(community, wang, round_id, CHECKLIST[0], "ok")
    assert refused.value.codes == ("round_finished",)


def test_rounds_refuse_what_does_not_belong(community: Session) -> None:
    wang, zhao = sign_in(community, "wang", "secret-pw"), sign_in(community, "zhao", "secret-pw")
    plan_id = plan_for(community, "A")
    round_id = start_round(community, wang, plan_id, now=NOW)
    cases = [
        (zhao, CHECKLIST[0], "ok", None, "round_not_yours"),
        (wang, "有无外星人", "ok", None, "item_not_in_checklist"),
        (wang, CHECKLIST[0], "maybe", None, "result_unknown"),
        (wang, CHECKLIST[0], "problem", "  ", "problem_note_required"),
    ]
    for who, item, result, note, code in cases:
        with pytest.raises(FieldworkError) as refused:
            record_item(community, who, round_id, item, result, note=note)
        assert refused.value.codes == (code,)
    with pytest.raises(FieldworkError) as refused:
        start_round(community, as_role(community, "wang", roles.ADMIN), plan_id, now=NOW)
    assert refused.value.codes == ("not_permitted_record",)
    record_item(community, wang, round_id, CHECKLIST[0], "ok")
    cancel_round(community, wang, round_id)
    community.commit()
    patrol = community.get(PatrolRound, round_id)
    assert patrol is not None and patrol.deleted_at is not None
    assert community.scalars(select(PatrolRoundItem)).one().deleted_at is not None
    with pytest.raises(FieldworkError) as refused:
        round_detail(community, round_id)
    assert refused.value.codes == ("round_not_found",)
    assert start_round(community, wang, plan_id, now=NOW) != round_id  # a fresh round
    update_plan(community, chen(community), plan_id, PatrolPlanInput(cell(community, "A").id, "A", 7, CHECKLIST,
                                                                     active=False))
    with pytest.raises(FieldworkError) as refused:
        start_round(community, zhao, plan_id, now=NOW)
    assert refused.value.codes == ("plan_inactive",)
    assert [p.state for p in patrol_plans(community, chen(community), now=NOW)] == ["inactive"]


def test_the_dashboard_counts_the_same_due_plans(demo: tuple[Session, sqlite3.Connection]) -> None:
    s, _conn = demo
    for username in ("chenjing", "wangli", "zhaoqiang"):
        user = sign_in(s, username)
        for days in (0, 3, 9):
            now = DEMO_NOW + timedelta(days=days)
            assert dashboard_counts(s, now=now, user=user).patrols_due == len(patrols_due(s, user, now))


# ---- problems become requests (on a copy of the demo: real categories and places) -------------------
@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "demo.sqlite"
    shutil.copy2(demo_path, path)
    engine = make_engine(path)
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_a_reported_problem_creates_exactly_one_linked_request(demo_copy: Session) -> None:
    s = demo_copy
    wang = sign_in(s, "wangli")
    plan = next(p for p in patrol_plans(s, wang, now=DEMO_NOW) if p.active)
    building = s.scalars(select(Building).where(Building.grid_cell_id == plan.grid_cell_id)).first()
    assert building is not None
    round_id = start_round(s, wang, plan.id, now=DEMO_NOW)
    first, second = plan.checklist[0], plan.checklist[1]
    before = s.scalar(select(func.count()).select_from(ServiceRequest))
    record_item(s, wang, round_id, first, "problem", note="单元门口堆放旧家具", report_category="E0104",
                building_id=building.id, now=DEMO_NOW)
    record_item(s, wang, round_id, first, "problem", note="单元门口堆放旧家具，已告知物业", report_category="E0104",
                building_id=building.id, now=DEMO_NOW)  # answered again: not reported twice
    record_item(s, wang, round_id, second, "problem", note="路面坑洼", report_category="C0204", now=DEMO_NOW)
    s.commit()
    assert s.scalar(select(func.count()).select_from(ServiceRequest)) == before + 2
    detail = round_detail(s, round_id)
    one, two = detail.answer(first), detail.answer(second)
    assert one is not None and two is not None and one.request_id and two.request_id
    at_building = s.get(ServiceRequest, one.request_id)
    assert at_building is not None
    assert (at_building.channel, at_building.category_code, at_building.building_id, at_building.grid_cell_id) == (
        "patrol", "E0104", building.id, plan.grid_cell_id)
    assert at_building.description == f"{first}：单元门口堆放旧家具" and one.ticket_no == at_building.ticket_no
    in_cell = s.get(ServiceRequest, two.request_id)
    assert in_cell is not None and in_cell.building_id is None and in_cell.grid_cell_id == plan.grid_cell_id
    cell = s.get(GridCell, plan.grid_cell_id)
    assert cell is not None and in_cell.address == cell.name
    assert shape(json.loads(cell.geometry_geojson)).contains(Point(in_cell.longitude, in_cell.latitude))
    assert [r.requests for r in recent_rounds(s, plan.id) if r.id == round_id] == [2]
