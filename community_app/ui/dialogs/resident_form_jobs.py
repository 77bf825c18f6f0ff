"""The resident form's database work, run on background threads: what the form is filled
with, the check before saving, the save itself and an audited reveal. Each function opens
its own session and returns frozen values, never ORM objects (they stay on the thread)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.masking import mask_id_number, mask_phone
from community_app.core.problems import Problem, ValidationFailed, error
from community_app.core.residents.checking import check_resident
from community_app.core.residents.duplicates import find_duplicates
from community_app.core.residents.editing import create_resident, resident_input, update_resident
from community_app.core.residents.inputs import Checked, DuplicateHint, ResidentInput
from community_app.core.residents.lookups import live, tag_names
from community_app.core.residents.privacy import reveal
from db.models import Household

SAME_ID = "same_id_number"


@dataclass(frozen=True)
class FormData:
    values: ResidentInput | None  # None for a new resident
    building_id: str | None
    unit_id: str | None
    id_number_masked: str
    phone_masked: str
    tags: tuple[tuple[str, str], ...]  # (code, name) of every special-group tag


@dataclass(frozen=True)
class CheckOutcome:
    checked: Checked
    duplicates: tuple[DuplicateHint, ...]  # probable duplicates the user may still save over

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.checked.problems

    @property
    def ok(self) -> bool:
        return self.checked.ok


def load_form(factory: sessionmaker[Session], user: CurrentUser, resident_id: str | None) -> FormData:
    with factory() as session:
        tags = tuple(sorted(tag_names(session).items(), key=lambda item: item[0]))
        if resident_id is None:
            return FormData(None, None, None, "", "", tags)
        values = resident_input(session, user, resident_id)
        household = live(session, Household, values.household_id)
        return FormData(values, household.building_id if household else None,
                        household.unit_id if household else None,
                        mask_id_number(values.id_number), mask_phone(values.phone), tags)


def check(factory: sessionmaker[Session], data: ResidentInput, resident_id: str | None) -> CheckOutcome:
    """check_resident plus duplicates. A record with the same ID number cannot be saved (core
    refuses it), so that hint becomes an error at the ID field; the others are for the user."""
    with factory() as session:
        checked = check_resident(session, data)
        hints = find_duplicates(session, checked.data, exclude_id=resident_id) if checked.ok else []
    same_id = tuple(error("id.duplicate", h.message, "id_number") for h in hints if h.reason == SAME_ID)
    checked = Checked(checked.data, checked.problems + same_id)
    return CheckOutcome(checked, tuple(h for h in hints if h.reason != SAME_ID))


def save(factory: sessionmaker[Session], user: CurrentUser, data: ResidentInput,
         resident_id: str | None) -> str | ValidationFailed:
    """Create or update in one transaction; the id, or the refusal (input problems are not failures)."""
    with factory() as session:
        try:
            if resident_id is None:
                resident_id = create_resident(session, user, data)
            else:
                update_resident(session, user, resident_id, data)
        except ValidationFailed as refused:
            session.rollback()
            return refused
        session.commit()
        return resident_id


def reveal_value(factory: sessionmaker[Session], user: CurrentUser, resident_id: str, field: str,
                 reason: str) -> str:
    """The full value, with its audit entry committed before it is returned."""
    with factory() as session:
        value = reveal(session, user, resident_id, field, reason)
        session.commit()
        return value
