"""走访完成率 in SQL: which special-group residents had a visit fall due in a period, and
which of them were still waiting for it when the period ended.

The due rule is core.visits' (and the dashboard's 待走访): a resident is due again on the
Shanghai day of their last visit + the shortest interval among their tags' active rules,
and a resident never visited is due from the day they were tagged. So for the last day
counted, T (the period's last day, or today):

- due in the period (应走访): the next visit after the last one before the period fell due
  on or before T — the last visit before the period began before day_start(T - d + 1), or
  there was none;
- missed (未按期走访): on day T the resident is still on the 待走访 list — their last visit
  up to the end of T began before day_start(T - d + 1), or they have never been visited;
- done (已按期走访) = due − missed. Someone missed is always someone due (their last visit
  up to T is no earlier than their last visit before the period).

The register as it is now: residents who moved out or died are not counted; tags given
after T are not counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, func, literal_column, not_, null, or_, select
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import day_start
from community_app.core.kpi_requests import likely
from db.models import GridCell, Resident, ResidentTag, Visit, VisitRule

VISIT_DUE: Final = "visit_due"
VISIT_DONE: Final = "visit_done"
VISIT_MISSED: Final = "visit_missed"
RESIDENT_LISTS: Final = (VISIT_DUE, VISIT_DONE, VISIT_MISSED)


def _last_visit_before(moment: object) -> ColumnElement[object]:
    """The resident's latest live visit before `moment`: one probe of ix_visit_resident_live."""
    return (
        select(func.max(Visit.visited_at))
        .where(Visit.resident_id == Resident.id, Visit.deleted_at.is_(None), Visit.visited_at < moment)
        .correlate(Resident)
        .scalar_subquery()
    )


def tagged_residents(scope: Scope, first_day: date, last_day: date) -> Subquery:
    """One row per resident under an active visit rule: id, cell, worker, shortest
    interval, last visit before the period (prev) and up to the end of the last day (last)."""
    end = day_start(last_day + timedelta(days=1))
    return (
        select(
            Resident.id.label("id"), Resident.grid_cell_id.label("cell"),
            GridCell.responsible_staff_id.label("worker"), func.min(VisitRule.interval_days).label("days"),
            _last_visit_before(day_start(first_day)).label("prev"), _last_visit_before(end).label("last"),
        )
        .select_from(ResidentTag)
        .join(VisitRule, VisitRule.tag_code == ResidentTag.tag_code)
        .join(Resident, Resident.id == ResidentTag.resident_id)
        .outerjoin(GridCell, GridCell.id == Resident.grid_cell_id)
        .where(
            ResidentTag.deleted_at.is_(None), ResidentTag.created_at < end,
            VisitRule.deleted_at.is_(None), VisitRule.active.is_(True),
            likely(Resident.status == "active"), Resident.deleted_at.is_(None),
            *scope.filter(Resident.community_code, Resident.grid_cell_id),
        )
        .group_by(Resident.id)
        .subquery()
    )


def active_intervals(session: Session) -> list[int]:
    """The few distinct intervals (7, 30, 90 …): one cutoff each keeps date maths out of SQL."""
    return list(session.scalars(
        select(VisitRule.interval_days).where(VisitRule.deleted_at.is_(None), VisitRule.active.is_(True)).distinct()
    ))


def _threshold(last_day: date, days: int) -> datetime:
    """A resident with interval `days` is waiting on last_day if not visited since this instant."""
    return day_start(last_day - timedelta(days=days - 1))


def _waiting_since(column: ColumnElement[object], days: ColumnElement[int], last_day: date,
                   intervals: list[int]) -> ColumnElement[bool]:
    """Due on or before last_day, judged from the visit in `column` (None: never visited)."""
    stale = [and_(days == d, column < _threshold(last_day, d)) for d in intervals]
    return or_(column.is_(None), *stale) if stale else column.is_(None)


def conditions(tagged: Subquery, last_day: date, intervals: list[int]) -> dict[str, ColumnElement[bool]]:
    due = _waiting_since(tagged.c.prev, tagged.c.days, last_day, intervals)
    missed = _waiting_since(tagged.c.last, tagged.c.days, last_day, intervals)
    return {VISIT_DUE: due, VISIT_MISSED: missed, VISIT_DONE: and_(due, not_(missed))}


def visits_by_grid_and_worker(session: Session, scope: Scope, first_day: date,
                              last_day: date) -> Select[tuple[object, ...]]:
    """Per (cell, worker): residents due in the period, and those of them missed. The
    caller skips periods that have not begun (first_day after today)."""
    spans = visits_by_grid_and_worker_spans(session, scope, [(first_day, last_day)])
    return spans.with_only_columns(*spans.selected_columns[:4])


def _probe_when_needed(moment: datetime, uses: list[tuple[ColumnElement[int], date]], intervals: list[int],
                       always_tagged: set[int]) -> ColumnElement[object]:
    """The last visit before `moment`, looked up only for the residents whose answer depends on
    it. A use (d, last_day) compares it with _threshold(last_day, d); when that threshold is not
    before the moment, any visit before the moment is older than it, so the answer is "waiting"
    whatever the visit — and NULL (never visited) gives the same answer. For a month's start
    that holds for every interval shorter than the month: the probe is skipped for them.
    `always_tagged` are the positions in `uses` whose d is never NULL."""
    needs = [(d, [n for n in intervals if _threshold(last, n) < moment]) for d, last in uses]
    if any(i in always_tagged and len(ds) == len(intervals) for i, (_d, ds) in enumerate(needs)):
        return _last_visit_before(moment)
    wanted = [d.in_(ds) for d, ds in needs if ds]
    if not wanted:
        return null()
    return case((or_(*wanted), _last_visit_before(moment)))


def visits_by_grid_and_worker_spans(session: Session, scope: Scope,
                                    spans: Sequence[tuple[date, date]]) -> Select[tuple[object, ...]]:
    """Per (cell, worker), for each (first_day, last_day) span: residents due, missed, and
    tagged (under a rule by the span's end) — columns cell, worker, due_0, missed_0, tagged_0,
    due_1 … The rule of tagged_residents + conditions, in one pass over the tagged residents
    for all spans: a report's month and the month before share the register lookups and the
    visit probe at their common boundary, and a probe is skipped where its answer is known
    (_probe_when_needed). Spans that have not begun are the caller's to skip."""
    if not spans:
        raise ValueError("at least one span")
    intervals = active_intervals(session)
    ends = [day_start(last + timedelta(days=1)) for _first, last in spans]
    # a tag counts for a span if given before its end; the shortest interval among those
    days = [func.min(VisitRule.interval_days).filter(ResidentTag.created_at < end) for end in ends]
    uses: dict[datetime, list[tuple[int, date]]] = {}  # moment → (span, its last day) comparing with it
    for k, ((first, last), end) in enumerate(zip(spans, ends, strict=True)):
        uses.setdefault(day_start(first), []).append((k, last))
        uses.setdefault(end, []).append((k, last))
    latest_end = max(ends)
    probes = {m: _probe_when_needed(m, [(days[k], last) for k, last in uses[m]], intervals,
                                    {i for i, (k, _last) in enumerate(uses[m]) if ends[k] == latest_end}
                                    ).label(f"v{i}")
              for i, m in enumerate(sorted(uses))}
    tagged = (
        select(Resident.grid_cell_id.label("cell"), *(d.label(f"d{k}") for k, d in enumerate(days)),
               *probes.values())
        .select_from(ResidentTag)
        .join(VisitRule, VisitRule.tag_code == ResidentTag.tag_code)
        .join(Resident, Resident.id == ResidentTag.resident_id)
        .where(
            ResidentTag.deleted_at.is_(None), ResidentTag.created_at < latest_end,
            VisitRule.deleted_at.is_(None), VisitRule.active.is_(True),
            # written out (not a bound parameter) so the partial index ix_resident_active_id serves it
            Resident.status == literal_column("'active'"), Resident.deleted_at.is_(None),
            *scope.filter(Resident.community_code, Resident.grid_cell_id),
        )
        .group_by(Resident.id)
        .subquery()
    )
    counts: list[ColumnElement[int]] = []
    for k, ((first, last), end) in enumerate(zip(spans, ends, strict=True)):
        d = tagged.c[f"d{k}"]
        prev = tagged.c[probes[day_start(first)].name]
        latest = tagged.c[probes[end].name]
        counts += [func.count().filter(and_(d.is_not(None), _waiting_since(prev, d, last, intervals))),
                   func.count().filter(and_(d.is_not(None), _waiting_since(latest, d, last, intervals))),
                   func.count(d)]
    # per cell first, then the cell's responsible worker: one lookup per cell, not per tag
    per_cell = select(tagged.c.cell, *counts).group_by(tagged.c.cell).subquery()
    cell, *counted = per_cell.c
    return select(cell, GridCell.responsible_staff_id, *counted).outerjoin(GridCell, GridCell.id == cell)
