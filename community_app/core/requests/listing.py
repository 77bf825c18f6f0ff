"""Lists of requests: mine, by stage, due soon, overdue, by grid cell, by category, by text
and period. Filtering, sorting and paging happen in SQL (a street holds 100,000 requests);
the rows come back frozen, with their deadline state computed for the page in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session

from community_app.core.auth import CurrentUser
from community_app.core.deadlines import DeadlineStatus, deadline_statuses, due_soon_cutoff
from community_app.core.requests.intake import CHANNELS
from community_app.core.stages import OPEN_STAGES, STAGE_NAMES
from db.models import Category, GridCell, ServiceRequest, StaffUser, utcnow

DUE_SOON_FILTER: Final = "due_soon"
OVERDUE_FILTER: Final = "overdue"
PAUSED_FILTER: Final = "paused"
SORT_DUE: Final = "due"  # soonest deadline first; requests without one after, then finished ones
SORT_REPORTED: Final = "reported"  # newest first


@dataclass(frozen=True)
class RequestFilter:
    mine: bool = False  # assigned to me, or in a grid cell I am responsible for
    stages: tuple[str, ...] = ()  # empty: every stage
    open_only: bool = False  # only stages still running against a deadline
    due: str | None = None  # "due_soon" / "overdue" / "paused"
    grid_cell_id: str | None = None
    category_code: str | None = None  # a 小类, or a 大类 for all its 小类
    text: str = ""  # the start of a ticket number, or words in the title
    reported_from: datetime | None = None  # reported_at ≥ this
    reported_until: datetime | None = None  # reported_at < this
    sort: str = SORT_DUE
    limit: int | None = 500
    offset: int = 0


@dataclass(frozen=True)
class RequestRow:
    id: str
    ticket_no: str
    title: str
    category_code: str
    category_name: str
    channel: str
    channel_name: str
    stage: str
    stage_name: str
    urgency: str
    address: str | None
    grid_cell_id: str | None
    grid_cell_name: str | None
    assignee_id: str | None
    assignee_name: str | None
    reported_at: datetime
    due_at: datetime | None
    pending_action: str | None  # "extension" / "send_back" while the clock is paused
    escalation_count: int
    rework_count: int
    deadline: DeadlineStatus


_COLUMNS = (ServiceRequest.id, ServiceRequest.ticket_no, ServiceRequest.title, ServiceRequest.category_code,
            ServiceRequest.channel, ServiceRequest.stage, ServiceRequest.urgency, ServiceRequest.address,
            ServiceRequest.grid_cell_id, ServiceRequest.assignee_id, ServiceRequest.reported_at,
            ServiceRequest.due_at, ServiceRequest.paused_since, ServiceRequest.paused_seconds,
            ServiceRequest.pending_action, ServiceRequest.escalation_count, ServiceRequest.rework_count)


def _my_cells(session: Session, user: CurrentUser) -> list[str]:
    return list(session.scalars(select(GridCell.id).where(
        GridCell.responsible_staff_id == user.id, GridCell.deleted_at.is_(None))))


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _conditions(session: Session, user: CurrentUser, f: RequestFilter, now: datetime) -> list[ColumnElement[bool]]:
    sr = ServiceRequest
    where: list[ColumnElement[bool]] = [sr.deleted_at.is_(None)]
    if user.community_code is not None:
        where.append(sr.community_code == user.community_code)
    if f.mine:
        cells = _my_cells(session, user)
        where.append(or_(sr.assignee_id == user.id, sr.grid_cell_id.in_(cells) if cells else false()))
    stages = set(f.stages) if f.stages else set(STAGE_NAMES)
    if f.open_only or f.due is not None:
        stages &= set(OPEN_STAGES)
    if stages != set(STAGE_NAMES):
        where.append(sr.stage.in_(sorted(stages)) if stages else false())
    if f.due == OVERDUE_FILTER:
        where += [sr.paused_since.is_(None), sr.due_at < now]
    elif f.due == DUE_SOON_FILTER:
        where += [sr.paused_since.is_(None), sr.due_at >= now, sr.due_at < due_soon_cutoff(now)]
    elif f.due == PAUSED_FILTER:
        where.append(sr.paused_since.is_not(None))
    elif f.due is not None:
        raise ValueError(f"unknown due filter {f.due!r}")
    if f.grid_cell_id is not None:
        where.append(sr.grid_cell_id == f.grid_cell_id)
    if f.category_code:
        minors = select(Category.code).where(Category.parent_code == f.category_code)
        where.append(or_(sr.category_code == f.category_code, sr.category_code.in_(minors)))
    text = f.text.strip()
    if text:
        where.append(or_(sr.ticket_no.like(_like_prefix(text.upper()), escape="\\"),
                         func.instr(sr.title, text) > 0))
    if f.reported_from is not None:
        where.append(sr.reported_at >= f.reported_from)
    if f.reported_until is not None:
        where.append(sr.reported_at < f.reported_until)
    return where


def _ordered(query: Select[Any], sort: str) -> Select[Any]:
    sr = ServiceRequest
    if sort == SORT_REPORTED:
        return query.order_by(sr.reported_at.desc(), sr.id.desc())
    if sort == SORT_DUE:
        finished = sr.stage.not_in(OPEN_STAGES)
        return query.order_by(finished, sr.due_at.is_(None), sr.due_at, sr.reported_at, sr.id)
    raise ValueError(f"unknown sort {sort!r}")


def count_requests(session: Session, user: CurrentUser, f: RequestFilter, *, now: datetime | None = None) -> int:
    """How many requests the filter matches (limit and offset aside)."""
    now = now or utcnow()
    return session.scalar(select(func.count()).select_from(ServiceRequest).where(
        *_conditions(session, user, f, now))) or 0


def list_requests(session: Session, user: CurrentUser, f: RequestFilter | None = None, *,
                  now: datetime | None = None) -> list[RequestRow]:
    """One page of requests the user can see (their community), filtered and sorted in SQL."""
    f = f or RequestFilter()
    now = now or utcnow()
    query = _ordered(select(*_COLUMNS).where(*_conditions(session, user, f, now)), f.sort)
    if f.limit is not None:
        query = query.limit(f.limit).offset(f.offset)
    elif f.offset:
        query = query.offset(f.offset)
    rows = session.execute(query).all()
    if not rows:
        return []
    names = _names(session, rows)
    states = deadline_statuses([(r.due_at, r.paused_since, r.paused_seconds, r.stage) for r in rows], now)
    return [RequestRow(
        r.id, r.ticket_no, r.title, r.category_code, names["category"].get(r.category_code, r.category_code),
        r.channel, CHANNELS.get(r.channel, r.channel), r.stage, STAGE_NAMES.get(r.stage, r.stage), r.urgency,
        r.address, r.grid_cell_id, names["cell"].get(r.grid_cell_id), r.assignee_id, names["staff"].get(r.assignee_id),
        r.reported_at, r.due_at, r.pending_action, r.escalation_count, r.rework_count, state,
    ) for r, state in zip(rows, states, strict=True)]


def _names(session: Session, rows: list[Any]) -> dict[str, dict[Any, str]]:
    """Display names of the categories, cells and staff on a page (small lookups, not joins)."""
    def lookup(model: Any, key: Any, name: Any, values: set[Any]) -> dict[Any, str]:
        values.discard(None)
        if not values:
            return {}
        return dict(session.execute(select(key, name).where(key.in_(values))).all())

    return {
        "category": lookup(Category, Category.code, Category.name, {r.category_code for r in rows}),
        "cell": lookup(GridCell, GridCell.id, GridCell.name, {r.grid_cell_id for r in rows}),
        "staff": lookup(StaffUser, StaffUser.id, StaffUser.display_name, {r.assignee_id for r in rows}),
    }
