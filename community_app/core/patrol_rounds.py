"""A patrol round (一次巡查), walked item by item along its plan's checklist.

start_round opens a round (or hands back the walker's own unfinished one, to resume);
record_item answers one checklist item ok / problem with a note and photos — answering an
item again replaces the answer — and a problem can be reported as a service request
(channel "patrol", through core.fieldwork_links) linked from the item; finish_round closes
the round once every item is answered; cancel_round drops an unfinished round (requests
already logged stay: they are real problems). Only the walker records and finishes.

Functions flush; the caller commits. Writes go through core.changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from community_app.core import changes
from community_app.core import fieldwork_rules as rules
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_links import FollowUp, log_followup_request, store_photos
from community_app.core.fieldwork_rules import FieldworkError, problem
from community_app.core.problems import Problem
from db.models import Attachment, GridCell, PatrolPlan, PatrolRound, PatrolRoundItem, ServiceRequest, StaffUser, utcnow

OK: Final = "ok"
PROBLEM: Final = "problem"
RESULTS: Final = (OK, PROBLEM)


@dataclass(frozen=True)
class RoundItemRow:
    id: str
    item: str
    result: str  # ok / problem
    note: str | None
    request_id: str | None
    ticket_no: str | None
    photo_count: int


@dataclass(frozen=True)
class RoundDetail:
    id: str
    plan_id: str
    plan_name: str
    grid_cell_id: str
    grid_name: str
    staff_id: str
    staff_name: str
    started_at: datetime
    finished_at: datetime | None
    notes: str | None
    checklist: tuple[str, ...]  # the plan's items, in order
    items: tuple[RoundItemRow, ...]  # answered so far

    def answer(self, item: str) -> RoundItemRow | None:
        return next((i for i in self.items if i.item == item), None)

    @property
    def missing(self) -> tuple[str, ...]:
        answered = {i.item for i in self.items}
        return tuple(i for i in self.checklist if i not in answered)


@dataclass(frozen=True)
class RoundRow:
    id: str
    started_at: datetime
    finished_at: datetime | None
    staff_name: str
    problems: int
    requests: int
    notes: str | None


def _round_for_walker(session: Session, user: CurrentUser, round_id: str) -> tuple[PatrolRound, PatrolPlan]:
    rules.require_record(user)
    patrol = session.get(PatrolRound, round_id)
    if patrol is None or patrol.deleted_at is not None:
        raise FieldworkError(problem("round_not_found"))
    if patrol.finished_at is not None:
        raise FieldworkError(problem("round_finished"))
    if patrol.staff_id != user.id:
        walker = session.get(StaffUser, patrol.staff_id)
        raise FieldworkError(problem("round_not_yours", name=walker.display_name if walker else ""))
    plan = session.get(PatrolPlan, patrol.plan_id)
    assert plan is not None
    return patrol, plan


def start_round(session: Session, user: CurrentUser, plan_id: str, *, now: datetime | None = None) -> str:
    """Open a round of the plan walked by `user` (their unfinished one, if any, is resumed)."""
    rules.require_record(user)
    plan = session.get(PatrolPlan, plan_id)
    if plan is None or plan.deleted_at is not None:
        raise FieldworkError(problem("plan_not_found"))
    cell = session.get(GridCell, plan.grid_cell_id)
    rules.require_community(user, cell.community_code if cell else None)
    if not plan.active:
        raise FieldworkError(problem("plan_inactive"))
    open_id = session.scalar(select(PatrolRound.id).where(
        PatrolRound.plan_id == plan.id, PatrolRound.staff_id == user.id, PatrolRound.finished_at.is_(None),
        PatrolRound.deleted_at.is_(None)).order_by(PatrolRound.started_at.desc()).limit(1))
    if open_id is not None:
        return open_id
    patrol = changes.insert(session, PatrolRound(plan_id=plan.id, grid_cell_id=plan.grid_cell_id, staff_id=user.id,
                                                 started_at=now or utcnow()))
    return patrol.id


def record_item(session: Session, user: CurrentUser, round_id: str, item: str, result: str, *,
                note: str | None = None, photos: tuple[str, ...] = (), report_category: str | None = None,
                building_id: str | None = None, now: datetime | None = None) -> str:
    """Answer one checklist item; with report_category (a problem only) also log a request
    — at building_id, or somewhere in the grid cell — and link it from the item (once: an
    item already reported is not reported again). Returns the item row's id."""
    patrol, plan = _round_for_walker(session, user, round_id)
    found: list[Problem] = []
    if item not in plan.checklist:
        found.append(problem("item_not_in_checklist", "item", item=item))
    if result not in RESULTS:
        found.append(problem("result_unknown", "result"))
    text = rules.clean_text(note)
    if text is not None and len(text) > rules.NOTES_MAX:
        found.append(problem("notes_too_long", "note", limit=rules.NOTES_MAX))
    if result == PROBLEM and text is None:
        found.append(problem("problem_note_required", "note"))
    rules.raise_if(found)
    row = session.scalar(select(PatrolRoundItem).where(
        PatrolRoundItem.round_id == patrol.id, PatrolRoundItem.item == item, PatrolRoundItem.deleted_at.is_(None)))
    if row is None:
        row = changes.insert(session, PatrolRoundItem(round_id=patrol.id, item=item, result=result, note=text))
    else:
        changes.update(session, row, result=result, note=text)
    store_photos(session, user, "patrol_round_item", row.id, photos)
    if result == PROBLEM and report_category and row.request_id is None:
        cell = session.get(GridCell, patrol.grid_cell_id)
        assert cell is not None and text is not None
        request_id = log_followup_request(session, user, FollowUp(
            channel="patrol", category_code=report_category, description=f"{item}：{text}",
            community_code=cell.community_code, grid_cell_id=cell.id, building_id=building_id, photos=photos),
            now=now)
        changes.update(session, row, request_id=request_id)
    return row.id


def finish_round(session: Session, user: CurrentUser, round_id: str, *, notes: str | None = None,
                 now: datetime | None = None) -> RoundDetail:
    """Close the round once every checklist item is answered; notes default to a summary."""
    patrol, _plan = _round_for_walker(session, user, round_id)
    detail = round_detail(session, patrol.id)
    if detail.missing:
        shown = "、".join(detail.missing[:5]) + ("等" if len(detail.missing) > 5 else "")
        raise FieldworkError(problem("items_missing", "items", count=len(detail.missing), items=shown))
    text = rules.clean_text(notes)
    if text is not None and len(text) > rules.NOTES_MAX:
        raise FieldworkError(problem("notes_too_long", "notes", limit=rules.NOTES_MAX))
    problems = sum(1 for i in detail.items if i.result == PROBLEM)
    summary = f"发现问题{problems}处" if problems else "巡查正常"
    changes.update(session, patrol, finished_at=now or utcnow(), notes=text or summary)
    return round_detail(session, patrol.id)


def cancel_round(session: Session, user: CurrentUser, round_id: str) -> None:
    """Drop an unfinished round and its answers (tombstones; logged requests stay)."""
    patrol, _plan = _round_for_walker(session, user, round_id)
    for row in session.scalars(select(PatrolRoundItem).where(
            PatrolRoundItem.round_id == patrol.id, PatrolRoundItem.deleted_at.is_(None))):
        changes.tombstone(session, row)
    changes.tombstone(session, patrol)


def round_detail(session: Session, round_id: str) -> RoundDetail:
    patrol = session.get(PatrolRound, round_id)
    if patrol is None or patrol.deleted_at is not None:
        raise FieldworkError(problem("round_not_found"))
    plan = session.get(PatrolPlan, patrol.plan_id)
    cell = session.get(GridCell, patrol.grid_cell_id)
    staff = session.get(StaffUser, patrol.staff_id)
    assert plan is not None
    rows = session.execute(
        select(PatrolRoundItem.id, PatrolRoundItem.item, PatrolRoundItem.result, PatrolRoundItem.note,
               PatrolRoundItem.request_id, ServiceRequest.ticket_no)
        .outerjoin(ServiceRequest, ServiceRequest.id == PatrolRoundItem.request_id)
        .where(PatrolRoundItem.round_id == patrol.id, PatrolRoundItem.deleted_at.is_(None))
    ).all()
    photos = Counter(session.scalars(select(Attachment.owner_id).where(
        Attachment.owner_type == "patrol_round_item", Attachment.owner_id.in_([r.id for r in rows]),
        Attachment.deleted_at.is_(None))))
    order = {item: i for i, item in enumerate(plan.checklist)}
    items = sorted((RoundItemRow(r.id, r.item, r.result, r.note, r.request_id, r.ticket_no, photos[r.id])
                    for r in rows), key=lambda i: (order.get(i.item, len(order)), i.item))
    return RoundDetail(
        id=patrol.id, plan_id=plan.id, plan_name=plan.name, grid_cell_id=patrol.grid_cell_id,
        grid_name=cell.name if cell else "", staff_id=patrol.staff_id, staff_name=staff.display_name if staff else "",
        started_at=patrol.started_at, finished_at=patrol.finished_at, notes=patrol.notes,
        checklist=tuple(plan.checklist), items=tuple(items))


def recent_rounds(session: Session, plan_id: str, *, limit: int = 30) -> list[RoundRow]:
    """A plan's latest rounds (unfinished ones too), newest first, with their problem counts."""
    problems = func.sum(case((PatrolRoundItem.result == PROBLEM, 1), else_=0))
    requests = func.count(PatrolRoundItem.request_id)
    rows = session.execute(
        select(PatrolRound.id, PatrolRound.started_at, PatrolRound.finished_at, StaffUser.display_name,
               problems, requests, PatrolRound.notes)
        .outerjoin(StaffUser, StaffUser.id == PatrolRound.staff_id)
        .outerjoin(PatrolRoundItem, (PatrolRoundItem.round_id == PatrolRound.id)
                   & PatrolRoundItem.deleted_at.is_(None))
        .where(PatrolRound.plan_id == plan_id, PatrolRound.deleted_at.is_(None))
        .group_by(PatrolRound.id)
        .order_by(PatrolRound.started_at.desc()).limit(limit)
    ).all()
    return [RoundRow(r[0], r[1], r[2], r[3] or "", int(r[4] or 0), int(r[5] or 0), r[6]) for r in rows]
