"""A resident's page as one frozen value (safe to hand to the GUI thread): personal details
with ID and phone masked, the household and its members, tags and the timeline.
Opening it is access to personal data, so it is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from community_app.core import audit, localtime, roles
from community_app.core.auth import CurrentUser
from community_app.core.masking import mask_id_number, mask_phone
from community_app.core.residents.inputs import (
    HEAD_RELATION,
    ID_TYPE_NAMES,
    RESIDENCE_TYPE_NAMES,
    SEX_NAMES,
    STATUS_NAMES,
)
from community_app.core.residents.lookups import address_text, live, live_resident
from community_app.core.residents.privacy import can_reveal
from community_app.core.residents.timeline import TimelineEntry, timeline
from db.models import (
    Building,
    Division,
    GridCell,
    Household,
    OutboxEntry,
    Resident,
    ResidentTag,
    SpecialGroupTag,
    SyncConflict,
    Unit,
)

VIEW_RESIDENT = "view_resident"
NO_VIEW_PERMISSION = "您没有查看居民档案的权限。"
OTHER_COMMUNITY = "您只能查看本社区的居民档案。"


@dataclass(frozen=True)
class TagInfo:
    code: str
    name: str


@dataclass(frozen=True)
class HouseholdMember:
    id: str
    name: str
    sex: str
    age: int | None
    relation_to_head: str | None
    id_number_masked: str
    phone_masked: str
    status: str
    status_name: str
    is_self: bool


@dataclass(frozen=True)
class ResidentDetail:
    id: str
    name: str
    sex: str  # "M" / "F"
    sex_name: str
    birth_date: date | None
    age: int | None  # completed years, Asia/Shanghai today
    id_type: str
    id_type_name: str
    id_number_masked: str
    phone_masked: str
    has_id_number: bool
    has_phone: bool
    can_reveal: bool  # the viewer may show ID and phone in full (with a reason)
    ethnicity: str | None
    residence_type: str
    residence_type_name: str
    status: str
    status_name: str
    community_code: str
    community_name: str
    household_id: str | None
    relation_to_head: str | None
    building_id: str | None
    building_name: str | None
    unit_number: str | None
    room: str | None
    address: str  # building address + unit + room
    grid_cell_id: str | None
    grid_cell_name: str | None
    notes: str | None
    members: tuple[HouseholdMember, ...]  # the whole household, head first, this resident included
    tags: tuple[TagInfo, ...]
    timeline: tuple[TimelineEntry, ...]  # (when, kind, text), newest first
    sync_state: str  # "synced" | "waiting" | "error" | "conflict" | "local"
    created_at: datetime
    updated_at: datetime


def resident_detail(session: Session, user: CurrentUser, resident_id: str, *, today: date | None = None
                    ) -> ResidentDetail:
    """Everything the resident page shows. Adds a "view_resident" audit entry and flushes;
    the caller commits."""
    if not user.can(roles.RESIDENT_VIEW):
        raise PermissionError(NO_VIEW_PERMISSION)
    row = live_resident(session, resident_id)
    if user.community_code not in (None, row.community_code):
        raise PermissionError(OTHER_COMMUNITY)
    today = today or localtime.today()
    household = live(session, Household, row.household_id)
    building = live(session, Building, household.building_id) if household else None
    unit = live(session, Unit, household.unit_id) if household else None
    cell = live(session, GridCell, row.grid_cell_id)
    community = session.scalar(select(Division.name).where(Division.code == row.community_code))
    detail = ResidentDetail(
        id=row.id, name=row.name, sex=row.sex, sex_name=SEX_NAMES.get(row.sex, row.sex),
        birth_date=row.birth_date, age=_age(row.birth_date, today),
        id_type=row.id_type, id_type_name=ID_TYPE_NAMES.get(row.id_type, row.id_type),
        id_number_masked=mask_id_number(row.id_number), phone_masked=mask_phone(row.phone),
        has_id_number=bool(row.id_number), has_phone=bool(row.phone), can_reveal=can_reveal(user),
        ethnicity=row.ethnicity, residence_type=row.residence_type,
        residence_type_name=RESIDENCE_TYPE_NAMES.get(row.residence_type, row.residence_type),
        status=row.status, status_name=STATUS_NAMES.get(row.status, row.status),
        community_code=row.community_code, community_name=community or row.community_code,
        household_id=household.id if household else None, relation_to_head=row.relation_to_head,
        building_id=building.id if building else None, building_name=building.name if building else None,
        unit_number=unit.number if unit else None, room=household.room if household else None,
        address=address_text(building.address if building else None, unit.number if unit else None,
                             household.room if household else None),
        grid_cell_id=cell.id if cell else None, grid_cell_name=cell.name if cell else None,
        notes=row.notes, members=_members(session, row, today), tags=_tags(session, row.id),
        timeline=timeline(session, row), sync_state=_sync_state(session, row),
        created_at=row.created_at, updated_at=row.updated_at,
    )
    audit.record(session, VIEW_RESIDENT, actor_id=user.id, subject_type="resident", subject_id=row.id)
    session.flush()
    return detail


def _age(birth: date | None, today: date) -> int | None:
    return localtime.age_on(birth, today) if birth else None


def _members(session: Session, row: Resident, today: date) -> tuple[HouseholdMember, ...]:
    if not row.household_id:
        return ()
    people = session.scalars(
        select(Resident).where(Resident.household_id == row.household_id, Resident.deleted_at.is_(None))
        .order_by(case((Resident.relation_to_head == HEAD_RELATION, 0), else_=1),
                  case((Resident.status == "active", 0), else_=1), Resident.birth_date, Resident.name)
    ).all()
    return tuple(
        HouseholdMember(p.id, p.name, p.sex, _age(p.birth_date, today), p.relation_to_head,
                        mask_id_number(p.id_number), mask_phone(p.phone), p.status,
                        STATUS_NAMES.get(p.status, p.status), p.id == row.id)
        for p in people)


def _tags(session: Session, resident_id: str) -> tuple[TagInfo, ...]:
    rows = session.execute(
        select(SpecialGroupTag.code, SpecialGroupTag.name)
        .join(ResidentTag, ResidentTag.tag_code == SpecialGroupTag.code)
        .where(ResidentTag.resident_id == resident_id, ResidentTag.deleted_at.is_(None),
               SpecialGroupTag.deleted_at.is_(None))
        .order_by(SpecialGroupTag.code)
    )
    return tuple(TagInfo(code, name) for code, name in rows)


def _sync_state(session: Session, row: Resident) -> str:
    if session.scalar(select(SyncConflict.id).where(
            SyncConflict.table_name == "resident", SyncConflict.row_id == row.id, SyncConflict.status == "open")):
        return "conflict"
    statuses = set(session.scalars(select(OutboxEntry.status).where(
        OutboxEntry.table_name == "resident", OutboxEntry.row_id == row.id, OutboxEntry.status != "sent")))
    if "rejected" in statuses:
        return "error"
    if "pending" in statuses:
        return "waiting"
    return "synced" if row.version > 0 else "local"
