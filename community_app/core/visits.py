"""Visits (走访) to special-group residents: how often each group is visited, whom each
worker must visit, recording a visit, and a resident's visit history.

Rules: a visit rule gives a special-group tag an interval in days (defaults from
db/data/visit_rules.csv: 独居老人 7, 残疾人 and 特困 30, 低保 90, 留守儿童 30). A resident
under several rules is visited as often as the shortest asks. Listing rules is open to
everyone; changing them needs fieldwork_rules.can_plan (supervisor or administrator).

Who is on the list: active, live residents with at least one live tag under an active rule
— moved-out and deceased residents never. A grid worker sees the residents of the grid
cells they are responsible for; everyone else their whole community (core.dashboard.scope_for).

Recording: anyone with REQUEST_HANDLE (grid workers, supervisors) may record a visit to an
active resident of their own community — also outside their own cells, as a colleague covers
for one on leave. A follow-up logs a request through the casework API (fieldwork_links).

Due: the next visit is due on (Shanghai day of the last visit) + interval. A resident never
visited is due from the day their earliest such tag was given. "due" lists everyone due
today or earlier — overdue included, the dashboard's 待走访 number; "overdue" those more
than GRACE_DAYS (3) days past due; "all" everyone on the list, with their next due date.

Writes go through core.changes; functions flush, the caller commits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes, localtime
from community_app.core import fieldwork_rules as rules
from community_app.core.auth import CurrentUser
from community_app.core.dashboard import scope_for
from community_app.core.fieldwork_links import FollowUp, log_followup_request, store_photos
from community_app.core.fieldwork_rules import DUE, GRACE_DAYS, OVERDUE, FieldworkError, problem
from community_app.core.masking import mask_phone
from community_app.core.problems import Problem
from community_app.core.residents.lookups import address_text
from community_app.core.stages import STAGE_NAMES
from db.models import (
    Attachment,
    Building,
    GridCell,
    Household,
    Resident,
    ResidentTag,
    ServiceRequest,
    SpecialGroupTag,
    StaffUser,
    Unit,
    Visit,
    VisitRule,
    utcnow,
)

METHODS: Final = ("home", "phone", "video")  # 上门 / 电话 / 视频
OUTCOMES: Final = ("ok", "concern", "not_home")  # 情况正常 / 发现问题 / 未见到本人
METHOD_NAMES: Final[dict[str, str]] = {"home": "上门走访", "phone": "电话走访", "video": "视频走访"}
OUTCOME_NAMES: Final[dict[str, str]] = {"ok": "情况正常", "concern": "发现问题", "not_home": "未见到本人"}
EARLIEST_DAYS: Final = 366  # a visit typed in more than a year later is a date typed wrong
FUTURE_SLACK: Final = timedelta(minutes=5)  # a device clock a little ahead is no reason to refuse
DueStatus = Literal["due", "overdue", "all"]
_CHUNK = 500


# ---- rules --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitRuleRow:
    """A special-group tag and its visit rule (interval_days None: the tag has no rule)."""

    tag_code: str
    tag_name: str
    interval_days: int | None
    active: bool
    note: str | None

    @property
    def id(self) -> str:
        return self.tag_code


def visit_rules(session: Session) -> list[VisitRuleRow]:
    """Every live special-group tag with its rule, tags under a rule first (shortest interval first)."""
    rows = session.execute(
        select(SpecialGroupTag.code, SpecialGroupTag.name, VisitRule.interval_days, VisitRule.active, VisitRule.note)
        .outerjoin(VisitRule, (VisitRule.tag_code == SpecialGroupTag.code) & VisitRule.deleted_at.is_(None))
        .where(SpecialGroupTag.deleted_at.is_(None))
    ).all()
    found = [VisitRuleRow(code, name, days, bool(active) if days is not None else False, note)
             for code, name, days, active, note in rows]
    return sorted(found, key=lambda r: (r.interval_days is None or not r.active, r.interval_days or 0, r.tag_code))


def set_visit_rule(session: Session, user: CurrentUser, tag_code: str, *, interval_days: int,
                   active: bool = True, note: str | None = None) -> VisitRuleRow:
    """Create or change the rule of a tag (a removed rule is revived: one row per tag)."""
    rules.require_plan(user)
    found: list[Problem] = []
    tag = session.scalar(select(SpecialGroupTag).where(SpecialGroupTag.code == tag_code,
                                                       SpecialGroupTag.deleted_at.is_(None)))
    if tag is None:
        found.append(problem("tag_unknown", "tag_code", tag=tag_code))
    if not 1 <= interval_days <= rules.INTERVAL_MAX:
        found.append(problem("interval_range", "interval_days", limit=rules.INTERVAL_MAX))
    text = rules.clean_text(note)
    if text is not None and len(text) > rules.NOTES_MAX:
        found.append(problem("notes_too_long", "note", limit=rules.NOTES_MAX))
    rules.raise_if(found)
    assert tag is not None
    rule = session.scalar(select(VisitRule).where(VisitRule.tag_code == tag_code))
    if rule is None:
        changes.insert(session, VisitRule(tag_code=tag_code, interval_days=interval_days, active=active, note=text))
    else:
        changes.update(session, rule, interval_days=interval_days, active=active, note=text, deleted_at=None)
    return VisitRuleRow(tag_code, tag.name, interval_days, active, text)


# ---- whom to visit ------------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitDue:
    resident_id: str
    name: str
    phone_masked: str
    address: str
    grid_cell_id: str | None
    grid_name: str
    tag_codes: tuple[str, ...]  # the resident's tags under an active rule
    tag_names: tuple[str, ...]
    interval_days: int  # the shortest interval among those rules
    last_visit_at: datetime | None  # UTC
    last_visit_by: str | None
    last_outcome: str | None
    due_date: date  # Shanghai calendar
    days_overdue: int  # today - due_date: 0 on the due day, negative while not yet due
    state: str  # fieldwork_rules.UPCOMING / DUE / OVERDUE

    @property
    def id(self) -> str:
        return self.resident_id

    @property
    def is_due(self) -> bool:
        return self.state in (DUE, OVERDUE)

    @property
    def never_visited(self) -> bool:
        return self.last_visit_at is None


@dataclass
class _Person:
    row: Any
    tags: list[tuple[int, str]]  # (interval, code)
    first_tagged: datetime


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _people_under_rules(session: Session, user: CurrentUser, grid_cell_id: str | None) -> dict[str, _Person]:
    scope = scope_for(session, user)
    where = [ResidentTag.deleted_at.is_(None), VisitRule.deleted_at.is_(None), VisitRule.active.is_(True),
             Resident.status == "active", Resident.deleted_at.is_(None),
             *scope.filter(Resident.community_code, Resident.grid_cell_id)]
    if grid_cell_id is not None:
        where.append(Resident.grid_cell_id == grid_cell_id)
    # the latest live visit: one probe of ix_visit_resident_live per resident
    last_visit = (
        select(Visit.id).where(Visit.resident_id == Resident.id, Visit.deleted_at.is_(None))
        .order_by(Visit.visited_at.desc()).limit(1).correlate(Resident).scalar_subquery()
    )
    rows = session.execute(
        select(Resident.id, Resident.name, Resident.phone, Resident.household_id, Resident.grid_cell_id,
               Resident.search_sort, ResidentTag.tag_code, ResidentTag.created_at, VisitRule.interval_days,
               last_visit.label("last_visit_id"))
        .select_from(ResidentTag)
        .join(VisitRule, VisitRule.tag_code == ResidentTag.tag_code)
        .join(Resident, Resident.id == ResidentTag.resident_id)
        .where(*where)
    ).all()
    people: dict[str, _Person] = {}
    for r in rows:
        person = people.get(r.id)
        if person is None:
            person = people[r.id] = _Person(r, [], r.created_at)
        person.tags.append((r.interval_days, r.tag_code))
        person.first_tagged = min(person.first_tagged, r.created_at)
    return people


def _last_visits(session: Session, people: dict[str, _Person]) -> dict[str, tuple[datetime, str | None, str]]:
    """resident id → (when, who, outcome) of their latest live visit."""
    ids = [p.row.last_visit_id for p in people.values() if p.row.last_visit_id]
    found: dict[str, tuple[datetime, str | None, str]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(Visit.resident_id, Visit.visited_at, StaffUser.display_name, Visit.outcome)
            .outerjoin(StaffUser, StaffUser.id == Visit.staff_id)
            .where(Visit.id.in_(chunk))
        ).all()
        found.update({rid: (at, who, outcome) for rid, at, who, outcome in rows})
    return found


def _addresses(session: Session, household_ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(household_ids):
        rows = session.execute(
            select(Household.id, Building.address, Unit.number, Household.room)
            .join(Building, Building.id == Household.building_id)
            .outerjoin(Unit, Unit.id == Household.unit_id)
            .where(Household.id.in_(chunk))
        ).all()
        found.update({hid: address_text(address, unit, room) for hid, address, unit, room in rows})
    return found


def visits_due(session: Session, user: CurrentUser, *, now: datetime | None = None, status: DueStatus = "due",
               grid_cell_id: str | None = None) -> list[VisitDue]:
    """Whom `user` must visit (see the module text for the rules), most overdue first, then
    by name in pinyin order. grid_cell_id narrows the list to one cell of the user's scope."""
    if status not in ("due", "overdue", "all"):
        raise ValueError(f"unknown status {status!r}")
    today = localtime.today(now or utcnow())
    people = _people_under_rules(session, user, grid_cell_id)
    last = _last_visits(session, people)
    addresses = _addresses(session, sorted({p.row.household_id for p in people.values() if p.row.household_id}))
    cells = dict(session.execute(select(GridCell.id, GridCell.name)).all())
    tag_names = dict(session.execute(select(SpecialGroupTag.code, SpecialGroupTag.name)).all())
    result: list[tuple[VisitDue, str]] = []
    for rid, person in people.items():
        interval = min(days for days, _code in person.tags)
        seen = last.get(rid)
        if seen is None:  # due from the day they came under the rule (never after today)
            due = min(rules.local_date(person.first_tagged), today)
        else:
            due = rules.due_on(rules.local_date(seen[0]), interval)
        state = rules.due_state(due, today)
        if (status == "due" and state not in (DUE, OVERDUE)) or (status == "overdue" and state != OVERDUE):
            continue
        codes = tuple(code for _days, code in sorted(person.tags))
        row = person.row
        result.append((VisitDue(
            resident_id=rid, name=row.name, phone_masked=mask_phone(row.phone),
            address=addresses.get(row.household_id, ""), grid_cell_id=row.grid_cell_id,
            grid_name=cells.get(row.grid_cell_id, ""), tag_codes=codes,
            tag_names=tuple(tag_names.get(c, c) for c in codes), interval_days=interval,
            last_visit_at=seen[0] if seen else None, last_visit_by=seen[1] if seen else None,
            last_outcome=seen[2] if seen else None, due_date=due, days_overdue=(today - due).days, state=state,
        ), row.search_sort or row.name))
    result.sort(key=lambda pair: (-pair[0].days_overdue, pair[1]))
    return [due for due, _key in result]


# ---- recording a visit ---------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitInput:
    resident_id: str
    visited_at: datetime  # aware; not in the future
    method: str = "home"
    outcome: str = "ok"
    notes: str | None = None
    photos: tuple[str, ...] = ()  # image files to attach
    needs_followup: bool = False  # creates a request linked to the visit and the resident
    followup_category: str | None = None  # the request's category (小类 code)


def _check_visit(data: VisitInput, now: datetime) -> tuple[str | None, list[Problem]]:
    found: list[Problem] = []
    if data.visited_at.tzinfo is None or data.visited_at > now + FUTURE_SLACK:
        found.append(problem("visit_in_future", "visited_at"))
    elif data.visited_at < now - timedelta(days=EARLIEST_DAYS):
        earliest = rules.local_date(now - timedelta(days=EARLIEST_DAYS)).isoformat()
        found.append(problem("visit_too_old", "visited_at", earliest=earliest))
    if data.method not in METHODS:
        found.append(problem("method_unknown", "method"))
    if data.outcome not in OUTCOMES:
        found.append(problem("outcome_unknown", "outcome"))
    notes = rules.clean_text(data.notes)
    if notes is not None and len(notes) > rules.NOTES_MAX:
        found.append(problem("notes_too_long", "notes", limit=rules.NOTES_MAX))
    if notes is None and (data.outcome == "concern" or data.needs_followup):
        found.append(problem("notes_required", "notes"))
    if data.needs_followup and not data.followup_category:
        found.append(problem("followup_category_required", "followup_category"))
    return notes, found


def record_visit(session: Session, user: CurrentUser, data: VisitInput, *, now: datetime | None = None) -> str:
    """Check and write the visit (and its photos); with needs_followup, also log a request
    (channel "visit") linked both ways to the visit and naming the resident as reporter.
    Returns the visit's id. Raises FieldworkError with the problems when refused."""
    now = now or utcnow()
    rules.require_record(user)
    resident = session.get(Resident, data.resident_id)
    if resident is None or resident.deleted_at is not None:
        raise FieldworkError(problem("resident_not_found", "resident_id"))
    rules.require_community(user, resident.community_code)
    notes, found = _check_visit(data, now)
    if resident.status != "active":
        found.insert(0, problem("resident_not_active", "resident_id"))
    rules.raise_if(found)
    visit = changes.insert(session, Visit(
        resident_id=resident.id, staff_id=user.id, visited_at=data.visited_at, method=data.method,
        outcome=data.outcome, notes=notes, needs_followup=data.needs_followup))
    store_photos(session, user, "visit", visit.id, data.photos)
    if data.needs_followup:
        assert data.followup_category is not None and notes is not None
        request_id = log_followup_request(session, user, FollowUp(
            channel="visit", category_code=data.followup_category, description=notes,
            community_code=resident.community_code, grid_cell_id=resident.grid_cell_id,
            household_id=resident.household_id, reporter_resident_id=resident.id, visit_id=visit.id,
            photos=data.photos), now=now)
        changes.update(session, visit, followup_request_id=request_id)
    return visit.id


# ---- history --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitRecord:
    id: str
    visited_at: datetime  # UTC
    staff_name: str
    method: str
    outcome: str
    notes: str | None
    needs_followup: bool
    followup_request_id: str | None
    followup_ticket_no: str | None
    followup_stage: str | None  # stage code; STAGE_NAMES words it
    photo_count: int

    @property
    def followup_stage_name(self) -> str:
        return STAGE_NAMES.get(self.followup_stage or "", self.followup_stage or "")


def visit_history(session: Session, resident_id: str, *, limit: int = 200) -> list[VisitRecord]:
    """A resident's live visits, newest first, with the request each follow-up became."""
    rows = session.execute(
        select(Visit.id, Visit.visited_at, StaffUser.display_name, Visit.method, Visit.outcome, Visit.notes,
               Visit.needs_followup, Visit.followup_request_id, ServiceRequest.ticket_no, ServiceRequest.stage)
        .outerjoin(StaffUser, StaffUser.id == Visit.staff_id)
        .outerjoin(ServiceRequest, ServiceRequest.id == Visit.followup_request_id)
        .where(Visit.resident_id == resident_id, Visit.deleted_at.is_(None))
        .order_by(Visit.visited_at.desc()).limit(limit)
    ).all()
    photos: dict[str, int] = defaultdict(int)
    ids = [r.id for r in rows]
    for chunk in _chunks(ids):
        for owner in session.scalars(select(Attachment.owner_id).where(
                Attachment.owner_type == "visit", Attachment.owner_id.in_(chunk), Attachment.deleted_at.is_(None))):
            photos[owner] += 1
    return [VisitRecord(r.id, r.visited_at, r.display_name or "", r.method, r.outcome, r.notes,
                        bool(r.needs_followup), r.followup_request_id, r.ticket_no, r.stage, photos[r.id])
            for r in rows]


__all__ = ["GRACE_DAYS", "METHODS", "METHOD_NAMES", "OUTCOMES", "OUTCOME_NAMES", "FieldworkError", "VisitDue",
           "VisitInput", "VisitRecord", "VisitRuleRow", "record_visit", "set_visit_rule", "visit_history",
           "visit_rules", "visits_due"]
