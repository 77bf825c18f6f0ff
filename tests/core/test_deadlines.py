"""Due times, deadline states and the paused clock. Expected instants are worked out by hand
(office hours 08:30–12:00 and 13:30–17:30 Beijing time; 23–27 Nov 2026 is an ordinary
Monday–Friday week)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.dashboard import dashboard_counts
from community_app.core.deadlines import (
    DUE_SOON_WORKING_HOURS,
    DeadlineStatus,
    deadline_status,
    deadline_statuses,
    due_at_for,
    due_soon_cutoff,
)
from community_app.core.workflow import perform
from db.models import RequestEvent, ServiceRequest
from tests.core.casework_helpers import add_categories, as_user, bj, make_request


def limit(value: int | None, unit: str = "work_hours") -> SimpleNamespace:
    return SimpleNamespace(time_limit=value, time_limit_unit=unit)


@pytest.mark.parametrize(("category", "reported", "due"), [
    (limit(8), bj(2026, 11, 23, 9, 0), bj(2026, 11, 24, 9, 30)),  # 3 + 4 on Monday, 1 on Tuesday
    (limit(2), bj(2026, 11, 27, 17, 0), bj(2026, 11, 30, 10, 0)),  # Friday 0.5 h, Monday 1.5 h
    (limit(3, "work_days"), bj(2026, 11, 26, 10, 0), bj(2026, 12, 1, 17, 30)),  # Fri, Mon, Tue
    (limit(1, "work_days"), bj(2025, 9, 30, 11, 0), bj(2025, 10, 9, 17, 30)),  # over 国庆
    (limit(None), bj(2026, 11, 23, 9, 0), None),
])
def test_due_at_from_the_category(category: SimpleNamespace, reported: datetime, due: datetime | None) -> None:
    assert due_at_for(category, reported) == due


def test_unknown_unit_is_an_error() -> None:
    with pytest.raises(ValueError, match="unit"):
        due_at_for(limit(3, "fortnights"), bj(2026, 11, 23, 9, 0))


NOW = bj(2026, 11, 24, 10, 0)  # Tuesday


@pytest.mark.parametrize(("due", "paused", "stage", "state", "remaining"), [
    (bj(2026, 11, 25, 10, 0), None, "in_progress", "on_time", (2 + 4 + 1.5) * 3600),
    # exactly 4 office hours left is not yet "due soon"; a minute less is
    (bj(2026, 11, 24, 15, 30), None, "dispatched", "on_time", 4 * 3600),
    (bj(2026, 11, 24, 15, 29), None, "dispatched", "due_soon", 4 * 3600 - 60),
    # 23 wall-clock hours away but only 6.5 office hours: on time
    (bj(2026, 11, 25, 9, 0), None, "accepted", "on_time", 6.5 * 3600),
    # due at 17:30 on Monday: overdue by Tuesday's 1.5 office hours so far
    (bj(2026, 11, 23, 17, 30), None, "in_progress", "overdue", -1.5 * 3600),
    # paused at 09:00 with 1.5 office hours left: stays paused, the remaining time frozen
    (bj(2026, 11, 24, 11, 0), bj(2026, 11, 24, 9, 0), "in_progress", "paused", 2 * 3600),
    (bj(2026, 11, 20, 11, 0), None, "closed", "finished", None),
    (None, None, "in_progress", "none", None),
])
def test_deadline_states(due: datetime | None, paused: datetime | None, stage: str, state: str,
                         remaining: float | None) -> None:
    status = deadline_status(due, paused, 0, stage, NOW)
    assert (status.state, status.remaining_working_seconds) == (state, None if remaining is None else int(remaining))
    assert status.name  # Chinese, for the list
    # the bulk form agrees
    assert deadline_statuses([(due, paused, 0, stage)], NOW) == [status]


def test_paused_time_is_reported() -> None:
    status = deadline_status(bj(2026, 11, 25, 9, 0), bj(2026, 11, 23, 16, 0), 1800, "in_progress", NOW)
    # 1,800 s from an earlier pause + Monday 16:00–17:30 and Tuesday 08:30–10:00 = 3 h
    assert status == DeadlineStatus("paused", int((1.5 + 7.5 + 0.5) * 3600), 1800 + 3 * 3600)


def test_bulk_states_equal_single_ones() -> None:
    rng = random.Random(3)
    rows = []
    for _ in range(500):
        due = NOW + timedelta(minutes=rng.randrange(-5000, 5000)) if rng.random() < 0.9 else None
        paused = NOW - timedelta(minutes=rng.randrange(0, 3000)) if rng.random() < 0.2 else None
        stage = rng.choice(["reported", "in_progress", "closed", "merged", "pending_verification"])
        rows.append((due, paused, rng.randrange(0, 5000), stage))
    assert deadline_statuses(rows, NOW) == [deadline_status(*r, NOW) for r in rows]


def test_due_soon_cutoff_is_four_office_hours_ahead() -> None:
    assert DUE_SOON_WORKING_HOURS == 4
    assert due_soon_cutoff(bj(2026, 11, 24, 10, 0)) == bj(2026, 11, 24, 15, 30)
    assert due_soon_cutoff(bj(2026, 11, 27, 16, 0)) == bj(2026, 11, 30, 11, 0)  # over the weekend


def test_dashboard_counts_agree_with_the_deadline_states(community: Session) -> None:
    s = community
    add_categories(s)
    now = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # Friday 15:00 Beijing
    rng = random.Random(11)
    for _ in range(60):
        due = now + timedelta(minutes=rng.randrange(-3000, 6000))
        paused = now - timedelta(hours=2) if rng.random() < 0.15 else None
        stage = rng.choice(["reported", "accepted", "dispatched", "in_progress", "pending_verification", "closed"])
        make_request(s, stage, cell=rng.choice("AB"), due_at=due, paused_since=paused)
    # the conftest community's own seven requests count too
    all_rows = [(r.due_at, r.paused_since, r.paused_seconds, r.stage) for r in s.scalars(select(ServiceRequest))]
    states = [d.state for d in deadline_statuses(all_rows, now)]
    counts = dashboard_counts(s, now=now)
    assert (counts.overdue, counts.due_soon) == (states.count("overdue"), states.count("due_soon"))
    assert counts.due_soon > 0 and counts.overdue > 0


# ---- the clock stops while an extension or a send-back waits -------------------------------

@pytest.fixture
def office(community: Session) -> Session:
    add_categories(community)
    return community


def test_an_extension_stops_the_clock_and_approval_adds_its_hours(office: Session) -> None:
    s = office
    wang, chen = as_user(s, "wang"), as_user(s, "chen")
    # 8 working hours from Monday 09:00: due Tuesday 09:30
    request = make_request(s, "in_progress", assignee="wang", category="E0102", reported_at=bj(2026, 11, 23, 9, 0),
                           due_at=due_at_for(limit(8), bj(2026, 11, 23, 9, 0)))
    assert request.due_at == bj(2026, 11, 24, 9, 30)
    perform(s, wang, request.id, "request_extension", note="需等待配件", extension_hours=8, now=bj(2026, 11, 23, 16, 0))
    assert (request.pending_action, request.paused_since, request.extension_hours_requested) == (
        "extension", bj(2026, 11, 23, 16, 0), 8)
    # Tuesday 15:00, still undecided: the deadline (Tuesday 09:30) has passed on the wall clock,
    # but the request is paused, with the 2.5 office hours it had left at 16:00 on Monday
    waiting = deadline_status(request.due_at, request.paused_since, request.paused_seconds, request.stage,
                              bj(2026, 11, 24, 15, 0))
    assert waiting == DeadlineStatus("paused", int(2.5 * 3600), int(6.5 * 3600))
    approved = perform(s, chen, request.id, "approve_extension", now=bj(2026, 11, 24, 15, 0))
    assert s.get(RequestEvent, approved).extension_hours == 8  # type: ignore[union-attr]  # as asked
    # moved by the 6.5 paused office hours plus the 8 granted: 14.5 h from Tue 09:30 =
    # 6.5 (Tue) + 7.5 (Wed) + 0.5 (Thu from 08:30)
    assert request.due_at == bj(2026, 11, 26, 9, 0)
    assert request.paused_seconds == int(6.5 * 3600)
    assert (request.pending_action, request.paused_since, request.extension_hours_requested) == (None, None, None)
    after = deadline_status(request.due_at, None, request.paused_seconds, request.stage, bj(2026, 11, 24, 15, 0))
    assert after.state == "on_time" and after.remaining_working_seconds == int((2.5 + 7.5 + 0.5) * 3600)


def test_a_denied_extension_moves_the_deadline_by_the_pause_only(office: Session) -> None:
    s = office
    request = make_request(s, "in_progress", assignee="wang", due_at=bj(2026, 11, 24, 9, 30))
    perform(s, as_user(s, "wang"), request.id, "request_extension", note="等配件", extension_hours=16,
            now=bj(2026, 11, 23, 16, 0))
    perform(s, as_user(s, "chen"), request.id, "deny_extension", note="配件可在本地采购", now=bj(2026, 11, 24, 9, 0))
    # paused Mon 16:00–17:30 and Tue 08:30–09:00: 2 office hours; Tue 09:30 + 2 h = 11:30
    assert request.due_at == bj(2026, 11, 24, 11, 30)
    assert request.paused_seconds == 2 * 3600


def test_a_send_back_stops_the_clock_until_dispatched_again(office: Session) -> None:
    s = office
    wang, chen = as_user(s, "wang"), as_user(s, "chen")
    # 2 working hours from Friday 16:00: due Monday 09:00
    request = make_request(s, "dispatched", assignee="wang", reported_at=bj(2026, 11, 20, 16, 0),
                           due_at=due_at_for(limit(2), bj(2026, 11, 20, 16, 0)))
    assert request.due_at == bj(2026, 11, 23, 9, 0)
    perform(s, wang, request.id, "send_back", note="不属于本网格", now=bj(2026, 11, 20, 16, 30))
    assert (request.stage, request.assignee_id, request.pending_action) == ("accepted", None, "send_back")
    monday_ten = bj(2026, 11, 23, 10, 0)
    assert deadline_status(request.due_at, request.paused_since, 0, request.stage, monday_ten).state == "paused"
    perform(s, chen, request.id, "dispatch", target_staff_id=as_user(s, "zhao").id, now=monday_ten)
    # paused Fri 16:30–17:30 and Mon 08:30–10:00 = 2.5 h: due Monday 11:30, not overdue since 09:00
    assert request.due_at == bj(2026, 11, 23, 11, 30)
    assert request.paused_seconds == int(2.5 * 3600) and request.pending_action is None
    now_state = deadline_status(request.due_at, None, request.paused_seconds, request.stage, monday_ten)
    assert (now_state.state, now_state.remaining_working_seconds) == ("due_soon", int(1.5 * 3600))



def test_a_supervisor_may_grant_fewer_hours_than_asked(office: Session) -> None:
    s = office
    request = make_request(s, "in_progress", assignee="wang", due_at=bj(2026, 11, 24, 9, 30))
    perform(s, as_user(s, "wang"), request.id, "request_extension", note="等配件", extension_hours=8,
            now=bj(2026, 11, 23, 18, 0))
    approved = perform(s, as_user(s, "chen"), request.id, "approve_extension", extension_hours=4,
                       now=bj(2026, 11, 24, 8, 30))
    # asked and decided outside office hours: nothing paused; 4 h from Tue 09:30 = 2.5 + 1.5 → 15:00
    assert (request.due_at, request.paused_seconds) == (bj(2026, 11, 24, 15, 0), 0)
    assert s.get(RequestEvent, approved).extension_hours == 4  # type: ignore[union-attr]
