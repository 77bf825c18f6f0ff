"""Creating and changing resident records. Every write goes through core.changes so the
outbox gets it; nothing is deleted (moving out and death change the status).

These functions flush but never commit: the caller owns the transaction (an import writes
thousands of residents in one).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes, localtime, roles
from community_app.core.auth import CurrentUser
from community_app.core.problems import Problem, ValidationFailed, error
from community_app.core.residents.checking import check_resident, clean_text
from community_app.core.residents.duplicates import same_id_number
from community_app.core.residents.inputs import (
    ACTIVE,
    DECEASED,
    HEAD_RELATION,
    MOVED_OUT,
    STATUS_NAMES,
    Checked,
    ResidentInput,
)
from community_app.core.residents.lookups import live, live_resident
from db.models import Household, Resident, ResidentTag
from db.search_keys import derived_columns

NO_EDIT_PERMISSION = "您没有编辑居民档案的权限；如需修改，请联系社区负责人。"
OTHER_COMMUNITY = "您只能编辑本社区的居民档案。"


def require_edit(user: CurrentUser, community_code: str | None = None) -> None:
    if not user.can(roles.RESIDENT_EDIT):
        raise PermissionError(NO_EDIT_PERMISSION)
    if community_code and user.community_code not in (None, community_code):
        raise PermissionError(OTHER_COMMUNITY)


def _checked_or_raise(session: Session, data: ResidentInput, exclude_id: str | None) -> ResidentInput:
    # changes.insert/update flush every resident as it is written, so the checks' reads need
    # not flush again (what is pending is only outbox entries): an import writes thousands
    with session.no_autoflush:
        checked: Checked = check_resident(session, data)
        problems = list(checked.errors)
        if checked.ok and checked.data.id_number:
            # two live records with one ID number is one person typed twice: update the first instead
            problems += [error("id.duplicate", hint.message, "id_number")
                         for hint in same_id_number(session, checked.data.id_number, exclude_id=exclude_id)]
    if problems:
        raise ValidationFailed(problems)
    return checked.data


def _columns(data: ResidentInput) -> dict[str, Any]:
    return {
        "name": data.name, "sex": data.sex, "id_number": data.id_number, "id_type": data.id_type,
        "birth_date": data.birth_date, "phone": data.phone, "ethnicity": data.ethnicity,
        "residence_type": data.residence_type, "household_id": data.household_id,
        "relation_to_head": data.relation_to_head, "grid_cell_id": data.grid_cell_id,
        "community_code": data.community_code, "notes": data.notes,
        **derived_columns(data.name, data.id_number, data.phone),
    }


def create_resident(session: Session, user: CurrentUser, data: ResidentInput) -> str:
    """Check, write the row and its tags (each queued in the outbox), return the new id."""
    require_edit(user, data.community_code.strip() if data.community_code else None)
    clean = _checked_or_raise(session, data, None)
    row = changes.insert(session, Resident(status=ACTIVE, **_columns(clean)))
    for code in clean.tags:
        changes.insert(session, ResidentTag(resident_id=row.id, tag_code=code))
    _follow_household_head(session, row, None)
    return row.id


def update_resident(session: Session, user: CurrentUser, resident_id: str, data: ResidentInput) -> None:
    """Check and write the changed fields (only those reach the outbox); tags follow data.tags."""
    row = live_resident(session, resident_id)
    require_edit(user, row.community_code)
    require_edit(user, data.community_code.strip() if data.community_code else None)
    if data.household_id != row.household_id and data.grid_cell_id == row.grid_cell_id:
        data = replace(data, grid_cell_id=None)  # moved house: the new household's cell, not the old one
    clean = _checked_or_raise(session, data, row.id)
    previous_household = row.household_id
    changes.update(session, row, **_columns(clean))
    _sync_tags(session, row.id, clean.tags)
    _follow_household_head(session, row, previous_household)


def _sync_tags(session: Session, resident_id: str, wanted: tuple[str, ...]) -> None:
    """Removed tags are tombstoned; a re-added tag revives its old row (one row per resident and tag)."""
    rows = session.scalars(select(ResidentTag).where(ResidentTag.resident_id == resident_id))
    existing = {t.tag_code: t for t in rows}
    for code in wanted:
        tag = existing.get(code)
        if tag is None:
            changes.insert(session, ResidentTag(resident_id=resident_id, tag_code=code))
        elif tag.deleted_at is not None:
            changes.update(session, tag, deleted_at=None)
    for code, tag in existing.items():
        if code not in wanted and tag.deleted_at is None:
            changes.tombstone(session, tag)


def _follow_household_head(session: Session, row: Resident, previous_household: str | None) -> None:
    """A 户主 heads their household; one who moved to another household stops heading the old one."""
    if previous_household and previous_household != row.household_id:
        left = live(session, Household, previous_household)
        if left is not None and left.head_resident_id == row.id:
            changes.update(session, left, head_resident_id=None)
    household = live(session, Household, row.household_id)
    if household is None:
        return
    if row.relation_to_head == HEAD_RELATION and household.head_resident_id != row.id:
        changes.update(session, household, head_resident_id=row.id)
    elif row.relation_to_head != HEAD_RELATION and household.head_resident_id == row.id:
        changes.update(session, household, head_resident_id=None)


def _status_change_problems(row: Resident, on: date, allowed_from: tuple[str, ...], action: str) -> list[Problem]:
    problems: list[Problem] = []
    if row.status not in allowed_from:
        status = STATUS_NAMES.get(row.status, row.status)
        problems.append(error("resident.status", f"该居民当前状态为“{status}”，不能再办理{action}。", "status",
                              status=row.status))
    if on > localtime.today():
        problems.append(error("date.future", f"{action}日期不能晚于今天；请重新选择。", "on"))
    if row.birth_date is not None and on < row.birth_date:
        problems.append(error("date.before_birth", f"{action}日期早于出生日期；请重新选择。", "on"))
    return problems


def _with_note(notes: str | None, line: str) -> str:
    return f"{notes}\n{line}" if notes else line


def move_out(session: Session, user: CurrentUser, resident_id: str, *, on: date, destination: str) -> None:
    """Status → moved_out, with the date and destination in the notes; the row stays."""
    row = live_resident(session, resident_id)
    require_edit(user, row.community_code)
    place = clean_text(destination)
    problems = _status_change_problems(row, on, (ACTIVE,), "迁出")
    if place is None:
        problems.append(error("required", "请填写迁往何处。", "destination"))
    if problems:
        raise ValidationFailed(problems)
    changes.update(session, row, status=MOVED_OUT, notes=_with_note(row.notes, f"已迁出至{place}（{on.isoformat()}）"))


def mark_deceased(session: Session, user: CurrentUser, resident_id: str, *, on: date) -> None:
    """Status → deceased, with the date in the notes; the row stays."""
    row = live_resident(session, resident_id)
    require_edit(user, row.community_code)
    problems = _status_change_problems(row, on, (ACTIVE, MOVED_OUT), "死亡登记")
    if problems:
        raise ValidationFailed(problems)
    changes.update(session, row, status=DECEASED, notes=_with_note(row.notes, f"已故（{on.isoformat()}）"))


def resident_input(session: Session, user: CurrentUser, resident_id: str) -> ResidentInput:
    """The stored record as a ResidentInput, to fill an edit form and pass back to update_resident.
    It holds the full ID number and phone: show them masked unless revealed."""
    row = live_resident(session, resident_id)
    require_edit(user, row.community_code)
    tags = tuple(session.scalars(
        select(ResidentTag.tag_code).where(ResidentTag.resident_id == row.id, ResidentTag.deleted_at.is_(None))
        .order_by(ResidentTag.created_at)))
    return ResidentInput(
        name=row.name, community_code=row.community_code, sex=row.sex, id_number=row.id_number,
        id_type=row.id_type, birth_date=row.birth_date, phone=row.phone, ethnicity=row.ethnicity,
        residence_type=row.residence_type, household_id=row.household_id, relation_to_head=row.relation_to_head,
        grid_cell_id=row.grid_cell_id, notes=row.notes, tags=tags,
    )
