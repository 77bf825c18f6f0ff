"""Visits (走访): the due lists on the demo equal an independent computation and the
dashboard's number; rules, recording, history and follow-ups on the tiny community."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.dashboard import dashboard_counts
from community_app.core.fieldwork_rules import FieldworkError
from community_app.core.problems import ValidationFailed
from community_app.core.visits import (
    VisitInput,
    record_visit,
    set_visit_rule,
    visit_history,
    visit_rules,
    visits_due,
)
from db.engine import make_engine
from db.models import Attachment, OutboxEntry, Resident, ResidentTag, ServiceRequest, Visit, VisitRule
from tests.core.conftest import NOW
from tests.core.fieldwork_helpers import (
    DEMO_NOW,
    add_admin,
    as_role,
    expected_visits,
    make_demo,
    sign_in,
    worker_cells,
)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("visits") / "demo.sqlite")


@pytest.fixture
def demo(demo_path: Path) -> Iterator[tuple[Session, sqlite3.Connection]]:
    engine = make_engine(demo_path)
    conn = sqlite3.connect(demo_path)
    with Session(engine) as s:
        yield s, conn
    conn.close()
    engine.dispose()


# ---- due lists on the demo ---------------------------------------------------------------------
@pytest.mark.parametrize("days_later", [0, 3, 12, 45])
@pytest.mark.parametrize("username", ["chenjing", "wangli", "zhaoqiang"])
def test_due_lists_equal_an_independent_computation(demo: tuple[Session, sqlite3.Connection], username: str,
                                                    days_later: int) -> None:
    s, conn = demo
    user = sign_in(s, username)
    now = DEMO_NOW + timedelta(days=days_later)
    cells = None if username == "chenjing" else worker_cells(conn, username)
    for status in ("due", "overdue", "all"):
        got = visits_due(s, user, now=now, status=status)  # type: ignore[arg-type]
        assert {r.resident_id: (r.due_date, r.days_overdue) for r in got} == expected_visits(conn, now, cells, status)
        assert len({r.resident_id for r in got}) == len(got)
        lateness = [r.days_overdue for r in got]
        assert lateness == sorted(lateness, reverse=True)  # most overdue first
    due = visits_due(s, user, now=now, status="due")
    assert len(due) == dashboard_counts(s, now=now, user=user).visits_due  # the dashboard's 待走访
    assert due and all(r.state in ("due", "overdue") for r in due)


def test_lists_show_masked_phones_addresses_tags_and_the_last_visit(demo: tuple[Session, sqlite3.Connection]) -> None:
    s, conn = demo
    rows = visits_due(s, sign_in(s, "chenjing"), now=DEMO_NOW + timedelta(days=12), status="all")
    states = {r.state for r in rows}
    assert states == {"upcoming", "due", "overdue"}  # the demo at this time has all three
    phones = {p for (p,) in conn.execute("SELECT phone FROM resident WHERE phone IS NOT NULL")}
    for r in rows:
        assert r.phone_masked == "" or ("****" in r.phone_masked and r.phone_masked not in phones)
        assert r.address.startswith("山东省青岛市市南区") and r.grid_name.startswith("湛山社区")
        assert r.tag_names and set(r.tag_names) <= {"独居老人", "残疾人", "特困", "低保", "留守儿童"}
    visited = next(r for r in rows if r.last_visit_at is not None)
    who, outcome = conn.execute(
        "SELECT u.display_name, v.outcome FROM visit v JOIN staff_user u ON u.id = v.staff_id "
        "WHERE v.resident_id = ? ORDER BY v.visited_at DESC LIMIT 1", (visited.resident_id,)).fetchone()
    assert (visited.last_visit_by, visited.last_outcome) == (who, outcome)
    never = [r for r in rows if r.never_visited]
    assert never and all(r.is_due for r in never)


def test_a_worker_sees_only_residents_of_their_cells(demo: tuple[Session, sqlite3.Connection]) -> None:
    s, conn = demo
    mine = set(worker_cells(conn, "wangli"))
    rows = visits_due(s, sign_in(s, "wangli"), now=DEMO_NOW, status="all")
    assert rows and {r.grid_cell_id for r in rows} <= mine
    one = next(iter(mine))
    narrowed = visits_due(s, sign_in(s, "wangli"), now=DEMO_NOW, status="all", grid_cell_id=one)
    assert narrowed and {r.grid_cell_id for r in narrowed} == {one}


# ---- the tiny community: rules as constructed ---------------------------------------------------
def names(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [r.name for r in rows]


def test_never_visited_is_due_and_moved_out_or_deceased_never(community: Session) -> None:
    chen = sign_in(community, "chen", "secret-pw")
    r2 = community.scalars(select(Resident).where(Resident.name == "李明")).one()
    community.add(ResidentTag(resident_id=r2.id, tag_code="elderly_alone", created_at=NOW - timedelta(days=1)))
    gone = community.scalars(select(Resident).where(Resident.name == "刘䶮")).one()
    gone.status = "moved_out"
    community.commit()
    rows = visits_due(community, chen, now=NOW, status="all")
    assert sorted(names(rows)) == ["孙桂兰", "李明", "李秀英"]  # 周𠮷 died, 刘䶮 moved out
    li_ming = next(r for r in rows if r.name == "李明")
    assert li_ming.never_visited and li_ming.state == "due" and li_ming.days_overdue == 1
    # 孙桂兰's weekly visit was 10 days ago: 3 days late is still within the grace, 4 is overdue
    assert names(visits_due(community, chen, now=NOW, status="overdue")) == []
    assert names(visits_due(community, chen, now=NOW + timedelta(days=1), status="overdue")) == ["孙桂兰"]


def test_due_counts_whole_days_in_qingdao(community: Session) -> None:
    """李秀英 was visited at 10:00 on 21 November (Qingdao): weekly, she is due on the 28th all day."""
    chen = sign_in(community, "chen", "secret-pw")
    at = NOW + timedelta(days=4, hours=-9, minutes=-59)  # 28 Nov 00:01 in Qingdao, still the 27th in UTC
    assert "李秀英" in names(visits_due(community, chen, now=at))
    assert "李秀英" not in names(visits_due(community, chen, now=at - timedelta(minutes=2)))
    assert dashboard_counts(community, now=at, user=chen).visits_due == len(visits_due(community, chen, now=at))
    overdue_from = NOW + timedelta(days=8, hours=-9, minutes=-59)  # 2 December, more than 3 days late
    assert "李秀英" in names(visits_due(community, chen, now=overdue_from, status="overdue"))
    assert "李秀英" not in names(visits_due(community, chen, now=overdue_from - timedelta(minutes=2), status="overdue"))


def test_rules_are_listed_and_changed_by_supervisors_only(community: Session) -> None:
    listed = {r.tag_code: r.interval_days for r in visit_rules(community)}
    assert listed == {"elderly_alone": 7, "dibao": 90, "youfu": None}
    wang, chen = sign_in(community, "wang", "secret-pw"), sign_in(community, "chen", "secret-pw")
    with pytest.raises(FieldworkError) as refused:
        set_visit_rule(community, wang, "elderly_alone", interval_days=14)
    assert refused.value.codes == ("not_permitted_plan",)
    with pytest.raises(FieldworkError) as refused:
        set_visit_rule(community, chen, "elderly_alone", interval_days=0)
    assert refused.value.codes == ("interval_range",)
    with pytest.raises(FieldworkError) as refused:
        set_visit_rule(community, chen, "no_such_tag", interval_days=7)
    assert refused.value.codes == ("tag_unknown",)
    assert "孙桂兰" in names(visits_due(community, chen, now=NOW))
    set_visit_rule(community, chen, "elderly_alone", interval_days=14, note="每两周一次")
    set_visit_rule(community, chen, "youfu", interval_days=30)  # a tag without a rule gets one
    community.commit()
    assert names(visits_due(community, chen, now=NOW)) == ["李明"]  # 孙桂兰 visited 10 days ago: not due at 14
    rule = community.scalars(select(VisitRule).where(VisitRule.tag_code == "elderly_alone")).one()
    entry = community.scalars(select(OutboxEntry).where(OutboxEntry.row_id == rule.id)).one()
    assert entry.changes == {"interval_days": 14, "note": "每两周一次"}
    assert community.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.table_name == "visit_rule", OutboxEntry.op == "insert")) == 1
    admin = add_admin(community, "370202010004")
    set_visit_rule(community, admin, "youfu", interval_days=60, active=False)
    community.commit()
    assert {r.tag_code: (r.interval_days, r.active) for r in visit_rules(community)}["youfu"] == (60, False)
    assert "李明" not in names(visits_due(community, chen, now=NOW))  # the rule is off


# ---- recording -----------------------------------------------------------------------------------
def sun(community: Session) -> Resident:
    return community.scalars(select(Resident).where(Resident.name == "孙桂兰")).one()


def test_recording_a_visit_takes_the_resident_off_the_list(community: Session) -> None:
    wang = sign_in(community, "wang", "secret-pw")
    resident = sun(community)
    visit_id = record_visit(community, wang, VisitInput(
        resident_id=resident.id, visited_at=NOW - timedelta(hours=1), method="phone", outcome="ok",
        notes="  身体状况良好，\n  按时服药  "), now=NOW)
    community.commit()
    visit = community.get(Visit, visit_id)
    assert visit is not None and visit.staff_id == wang.id and visit.method == "phone"
    assert visit.notes == "身体状况良好，\n按时服药" and not visit.needs_followup
    assert community.scalars(select(OutboxEntry).where(OutboxEntry.row_id == visit_id)).one().op == "insert"
    assert "孙桂兰" not in names(visits_due(community, wang, now=NOW))
    history = visit_history(community, resident.id)
    assert [(h.staff_name, h.method, h.outcome) for h in history] == [("王丽", "phone", "ok"), ("王丽", "home", "ok")]
    assert history[0].visited_at > history[1].visited_at


def test_bad_visits_are_refused_with_reasons(community: Session) -> None:
    wang = sign_in(community, "wang", "secret-pw")
    good = VisitInput(resident_id=sun(community).id, visited_at=NOW - timedelta(hours=1))
    cases = {
        "visit_in_future": replace(good, visited_at=NOW + timedelta(hours=1)),
        "visit_too_old": replace(good, visited_at=NOW - timedelta(days=400)),
        "method_unknown": replace(good, method="letter"),
        "outcome_unknown": replace(good, outcome="fine"),
        "notes_required": replace(good, outcome="concern", notes="  "),
        "followup_category_required": replace(good, needs_followup=True, notes="屋顶漏水"),
        "notes_too_long": replace(good, notes="很" * 1001),
        "resident_not_found": replace(good, resident_id="nobody"),
    }
    for code, data in cases.items():
        with pytest.raises(FieldworkError) as refused:
            record_visit(community, wang, data, now=NOW)
        assert refused.value.codes == (code,), code
        assert refused.value.problems[0].message  # a Chinese sentence for the user
    dead = community.scalars(select(Resident).where(Resident.status == "deceased")).one()
    with pytest.raises(FieldworkError) as refused:
        record_visit(community, wang, replace(good, resident_id=dead.id), now=NOW)
    assert refused.value.codes == ("resident_not_active",)
    with pytest.raises(FieldworkError) as refused:
        record_visit(community, as_role(community, "wang", roles.ADMIN), good, now=NOW)
    assert refused.value.codes == ("not_permitted_record",)
    other = replace(wang, community_code="370202010001")
    with pytest.raises(FieldworkError) as refused:
        record_visit(community, other, good, now=NOW)
    assert refused.value.codes == ("other_community",)
    assert community.scalar(select(func.count()).select_from(Visit)) == 3  # nothing written


# ---- follow-ups become requests (on a copy of the demo: real categories and places) ----------------
@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "demo.sqlite"
    shutil.copy2(demo_path, path)
    engine = make_engine(path)
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_a_follow_up_creates_exactly_one_linked_request(demo_copy: Session, tmp_path: Path) -> None:
    s = demo_copy
    wang = sign_in(s, "wangli")
    subject = visits_due(s, wang, now=DEMO_NOW)[0]
    photo = tmp_path / "现场.png"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo)
    before = s.scalar(select(func.count()).select_from(ServiceRequest))
    visit_id = record_visit(s, wang, VisitInput(
        resident_id=subject.resident_id, visited_at=DEMO_NOW - timedelta(hours=2), outcome="concern",
        notes="卫生间漏水，需要上门维修", photos=(str(photo),), needs_followup=True, followup_category="S0202"),
        now=DEMO_NOW)
    s.commit()
    assert s.scalar(select(func.count()).select_from(ServiceRequest)) == before + 1
    request = s.scalars(select(ServiceRequest).where(ServiceRequest.visit_id == visit_id)).one()
    visit = s.get(Visit, visit_id)
    resident = s.get(Resident, subject.resident_id)
    assert visit is not None and resident is not None and visit.followup_request_id == request.id
    assert (request.channel, request.category_code, request.stage) == ("visit", "S0202", "reported")
    assert request.reporter_resident_id == resident.id and request.created_by_id == wang.id
    assert request.grid_cell_id == resident.grid_cell_id and request.description == "卫生间漏水，需要上门维修"
    assert request.reported_at == DEMO_NOW and request.due_at is not None
    photos = s.scalars(select(Attachment).where(Attachment.owner_type == "visit", Attachment.owner_id == visit_id))
    assert [p.filename for p in photos] == ["现场.png"]
    [record] = [r for r in visit_history(s, resident.id) if r.id == visit_id]
    assert (record.followup_ticket_no, record.followup_stage, record.photo_count) == (request.ticket_no, "reported", 1)
    assert subject.resident_id not in {r.resident_id for r in visits_due(s, wang, now=DEMO_NOW)}


def test_a_refused_follow_up_writes_nothing(demo_copy: Session) -> None:
    s = demo_copy
    wang = sign_in(s, "wangli")
    subject = visits_due(s, wang, now=DEMO_NOW)[0]
    visits, requests = (s.scalar(select(func.count()).select_from(m)) for m in (Visit, ServiceRequest))
    with pytest.raises(ValidationFailed) as refused:
        record_visit(s, wang, VisitInput(
            resident_id=subject.resident_id, visited_at=DEMO_NOW, outcome="concern", notes="需要帮助",
            needs_followup=True, followup_category="NOPE"), now=DEMO_NOW)
    assert "category.unknown" in refused.value.codes  # casework's own check
    s.rollback()  # what the page's save job does with a refusal
    assert (s.scalar(select(func.count()).select_from(Visit)),
            s.scalar(select(func.count()).select_from(ServiceRequest))) == (visits, requests)
