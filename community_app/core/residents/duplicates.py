"""Likely duplicates of a record about to be saved: the same ID number, or the same name
and birth date in the same building (a record typed twice without an ID number)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import idnumbers
from community_app.core.masking import mask_id_number
from community_app.core.residents.checking import clean_name
from community_app.core.residents.inputs import STATUS_NAMES, DuplicateHint, ResidentInput
from community_app.core.residents.lookups import household_address, live
from db.models import Household, Resident


def stored_id_number(raw: str | None, id_type: str = "resident_id") -> str | None:
    """The form an ID number is stored in (15 digits upgraded, X uppercase), for lookups."""
    if not raw or not raw.strip():
        return None
    if id_type == "resident_id":
        return idnumbers.normalize(raw) or idnumbers.clean(raw)
    return idnumbers.clean(raw)


def find_by_id_number(session: Session, id_number: str) -> str | None:
    """The id of the live (not tombstoned) resident with this ID number, whatever their status."""
    number = stored_id_number(id_number)
    if number is None:
        return None
    return session.scalar(
        select(Resident.id).where(Resident.id_number == number, Resident.deleted_at.is_(None))
        .order_by(Resident.created_at).limit(1)
    )


def _describe(session: Session, row: Resident) -> str:
    where = household_address(session, row.household_id) or "未登记住址"
    masked = mask_id_number(row.id_number) or "无证件号"
    return f"“{row.name}”（证件号 {masked}，{where}，{STATUS_NAMES.get(row.status, row.status)}）"


def same_id_number(session: Session, number: str, *, exclude_id: str | None = None) -> list[DuplicateHint]:
    """Live records holding this (stored-form) ID number."""
    query = select(Resident).where(Resident.id_number == number, Resident.deleted_at.is_(None))
    if exclude_id:
        query = query.where(Resident.id != exclude_id)
    return [DuplicateHint(row.id, row.name, "same_id_number",
                          f"已有居民{_describe(session, row)}使用同一证件号码；请打开该档案核对，不要重复建档。")
            for row in session.scalars(query.order_by(Resident.created_at))]


def find_duplicates(session: Session, data: ResidentInput, *, exclude_id: str | None = None) -> list[DuplicateHint]:
    """Existing live records that are probably the same person, same-ID matches first."""
    hints: list[DuplicateHint] = []
    seen: set[str] = set()
    number = stored_id_number(data.id_number, data.id_type)
    if number is not None:
        hints += same_id_number(session, number, exclude_id=exclude_id)
        seen.update(h.resident_id for h in hints)
    birth = data.birth_date
    if birth is None and number is not None and data.id_type == "resident_id":
        birth = idnumbers.check_id_number(number).birth_date
    household = live(session, Household, data.household_id)
    name = clean_name(data.name)
    if birth is not None and household is not None and name:
        query = (select(Resident).join(Household, Household.id == Resident.household_id)
                 .where(Resident.name == name, Resident.birth_date == birth, Resident.deleted_at.is_(None),
                        Household.building_id == household.building_id))
        if exclude_id:
            query = query.where(Resident.id != exclude_id)
        for row in session.scalars(query.order_by(Resident.created_at)):
            if row.id in seen:
                continue
            hints.append(DuplicateHint(
                row.id, row.name, "same_name_birth_building",
                f"同一楼栋已有同名、同出生日期的居民{_describe(session, row)}；请核对是否为同一人。"))
    return hints
