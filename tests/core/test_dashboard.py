"""Dashboard numbers on a community built so that every number is known."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from community_app.core.auth import login
from community_app.core.dashboard import dashboard_counts
from tests.core.conftest import NOW


def test_supervisor_sees_the_whole_community(community: Session) -> None:
    counts = dashboard_counts(community, now=NOW, user=login(community, "chen", "secret-pw"))
    assert counts.community_name == "湛山社区"
    assert counts.residents == 4  # the deceased resident is not counted
    assert counts.households == 3  # h4's only member died
    assert counts.open_by_stage == {
        "reported": 1, "accepted": 1, "dispatched": 1, "in_progress": 2, "pending_verification": 1,
    }
    assert counts.open_total == 6
    assert counts.overdue == 1  # the paused one is not overdue
    # less than 4 office hours left at Tue 10:00 Beijing, i.e. due before 15:30: T0003 (due 15:00);
    # T0005 is due Wed 09:00, 23 hours away but 6.5 office hours
    assert counts.due_soon == 1
    assert counts.visits_due == 1
    assert counts.as_of == NOW


def test_grid_worker_sees_only_their_cells(community: Session) -> None:
    wang = dashboard_counts(community, now=NOW, user=login(community, "wang", "secret-pw"))
    assert (wang.residents, wang.households, wang.open_total, wang.overdue, wang.due_soon, wang.visits_due) == (
        3, 2, 3, 1, 1, 1)
    zhao = dashboard_counts(community, now=NOW, user=login(community, "zhao", "secret-pw"))
    assert (zhao.residents, zhao.households, zhao.open_total, zhao.overdue, zhao.due_soon, zhao.visits_due) == (
        1, 1, 3, 0, 0, 0)


def test_visits_fall_due_as_time_passes(community: Session) -> None:
    later = dashboard_counts(community, now=NOW + timedelta(days=5))
    # r1 (weekly, visited 8 days before) and r3 are due; r4's 90-day rule still holds
    assert later.visits_due == 2
    much_later = dashboard_counts(community, now=NOW + timedelta(days=61))
    assert much_later.visits_due == 3
