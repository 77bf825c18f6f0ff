"""Shared by the resident page and form tests: signing in a demo user and finding demo
residents with the properties a test needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from community_app.core import roles
from community_app.core.auth import CurrentUser, login
from community_app.core.idnumbers import check_digit
from community_app.ui.application import demo_accounts
from community_app.ui.db_startup import OpenedDatabase
from db.models import AuditEntry, Household, OutboxEntry, Resident

SUPERVISOR = roles.DEFAULT_ROLES[roles.SUPERVISOR][0]  # may reveal personal data
GRID_WORKER = roles.DEFAULT_ROLES[roles.GRID_WORKER][0]  # may edit, may not reveal


def sign_in(demo: OpenedDatabase, role_name: str) -> CurrentUser:
    username, password, _ = next(a for a in demo_accounts() if a[2] == role_name)
    with demo.session_factory() as session:
        return login(session, username, password)


def valid_id(region: str = "370202", birth: str = "19900307", sequence: str = "123") -> str:
    first17 = region + birth + sequence
    return first17 + check_digit(first17)


@dataclass(frozen=True)
class DemoResident:
    id: str
    name: str
    id_number: str
    phone: str
    birth_date: date
    sex: str
    household_id: str
    building_id: str
    unit_id: str | None
    community_code: str


def active_resident(demo: OpenedDatabase, *, skip: int = 0) -> DemoResident:
    """An active resident with an ID number, a phone and a household."""
    with demo.session_factory() as session:
        row, household = session.execute(
            select(Resident, Household).join(Household, Household.id == Resident.household_id)
            .where(Resident.status == "active", Resident.id_number.is_not(None), Resident.phone.is_not(None),
                   Resident.birth_date.is_not(None), Resident.deleted_at.is_(None))
            .order_by(Resident.id).offset(skip).limit(1)
        ).one()
        return DemoResident(row.id, row.name, row.id_number, row.phone, row.birth_date, row.sex, household.id,
                            household.building_id, household.unit_id, row.community_code)


def count_residents(demo: OpenedDatabase) -> int:
    with demo.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Resident)) or 0


def count_outbox(demo: OpenedDatabase) -> int:
    with demo.session_factory() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def audit_rows(demo: OpenedDatabase, resident_id: str) -> list[AuditEntry]:
    with demo.session_factory() as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.subject_id == resident_id)
                                    .order_by(AuditEntry.seq)))
        session.expunge_all()
        return rows
