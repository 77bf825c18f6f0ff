"""巡查覆盖率 — patrol coverage of a community's grid cells over a period.

Definition (per plan, summed per grid cell and for the community):
- The period is the Shanghai calendar days period_start … period_end, both included, cut
  off at today (days still to come cannot have been patrolled). A plan made during the
  period counts from the day it was made. Inactive and removed plans do not count.
- A plan with frequency F days asks for max(1, D // F) rounds over the D days it is counted
  for: the days are cut into that many consecutive windows of F days, the last window
  taking the days left over (30 days of a weekly plan: 7 + 7 + 7 + 9).
- A window is covered when at least one finished round of the plan started on one of its
  days. Two rounds in one window still cover one window; rounds_done counts them all.
- coverage = covered windows ÷ planned windows (None when nothing was planned). For the
  community it is the total covered ÷ the total planned, i.e. the share of grid cells ×
  planned periods that had a finished round.
Cells with no active plan are listed with nothing planned, so a supervisor sees them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import localtime
from community_app.core.fieldwork_rules import day_start, local_date
from db.models import GridCell, PatrolPlan, PatrolRound, StaffUser, utcnow


@dataclass(frozen=True)
class GridCoverage:
    grid_cell_id: str
    grid_code: str
    grid_name: str
    worker_name: str | None
    plans: int  # active plans counted
    planned: int  # windows asked for
    covered: int  # windows with at least one finished round
    rounds_done: int  # finished rounds in the counted days

    @property
    def id(self) -> str:
        return self.grid_cell_id

    @property
    def coverage(self) -> float | None:
        return self.covered / self.planned if self.planned else None


@dataclass(frozen=True)
class CoverageReport:
    community_code: str
    period_start: date
    period_end: date  # as counted: the requested end, cut off at today
    rows: tuple[GridCoverage, ...]  # by grid code

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.rows)

    @property
    def covered(self) -> int:
        return sum(r.covered for r in self.rows)

    @property
    def rounds_done(self) -> int:
        return sum(r.rounds_done for r in self.rows)

    @property
    def coverage(self) -> float | None:
        return self.covered / self.planned if self.planned else None


def windows(first: date, last: date, frequency_days: int) -> list[tuple[date, date]]:
    """The planned windows of a plan counted from `first` to `last` (both included)."""
    days = (last - first).days + 1
    if days <= 0:
        return []
    count = max(1, days // frequency_days)
    spans = [(first + timedelta(days=k * frequency_days), first + timedelta(days=(k + 1) * frequency_days - 1))
             for k in range(count)]
    spans[-1] = (spans[-1][0], last)
    return spans


def patrol_coverage(session: Session, community_code: str, period_start: date, period_end: date, *,
                    now: datetime | None = None) -> CoverageReport:
    end = min(period_end, localtime.today(now or utcnow()))
    # plain rows, not ORM objects: a street report asks for every community, twice
    cells = session.execute(select(GridCell.id, GridCell.code, GridCell.name, GridCell.responsible_staff_id).where(
        GridCell.community_code == community_code, GridCell.deleted_at.is_(None)).order_by(GridCell.code)).all()
    plans = session.execute(select(PatrolPlan.id, PatrolPlan.grid_cell_id, PatrolPlan.created_at,
                                   PatrolPlan.frequency_days).where(
        PatrolPlan.grid_cell_id.in_([c.id for c in cells]), PatrolPlan.deleted_at.is_(None),
        PatrolPlan.active.is_(True))).all()
    days_by_plan: dict[str, list[date]] = defaultdict(list)
    if plans and period_start <= end:
        rounds = session.execute(
            select(PatrolRound.plan_id, PatrolRound.started_at)
            .where(PatrolRound.plan_id.in_([p.id for p in plans]), PatrolRound.finished_at.is_not(None),
                   PatrolRound.deleted_at.is_(None), PatrolRound.started_at >= day_start(period_start),
                   PatrolRound.started_at < day_start(end + timedelta(days=1)))
        ).all()
        for plan_id, started in rounds:
            days_by_plan[plan_id].append(local_date(started))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # plans, planned, covered, rounds
    for plan in plans:
        first = max(period_start, local_date(plan.created_at))
        spans = windows(first, end, plan.frequency_days)
        done = [d for d in days_by_plan[plan.id] if first <= d <= end]
        t = totals[plan.grid_cell_id]
        t[0] += 1
        t[1] += len(spans)
        t[2] += sum(1 for a, b in spans if any(a <= d <= b for d in done))
        t[3] += len(done)
    staff_ids = [c.responsible_staff_id for c in cells if c.responsible_staff_id]
    workers = dict(session.execute(select(StaffUser.id, StaffUser.display_name)
                                   .where(StaffUser.id.in_(staff_ids))).all()) if staff_ids else {}
    rows = tuple(GridCoverage(c.id, c.code, c.name, workers.get(c.responsible_staff_id or ""), *totals[c.id])
                 for c in cells)
    return CoverageReport(community_code, period_start, end, rows)


def month_bounds(day: date) -> tuple[date, date]:
    """First and last day of the month of `day`."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)
