"""Shared by the casework tests: categories, users without the password hash's cost, requests
in any stage, and times written in Beijing time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from db.models import Category, GridCell, Role, ServiceRequest, StaffUser
from tests.core.conftest import COMMUNITY

BJ = timezone(timedelta(hours=8))


def bj(*args: int) -> datetime:
    """A Beijing-time instant, as the tests' expected values are written by hand."""
    return datetime(*args, tzinfo=BJ)  # type: ignore[misc]


def add_categories(s: Session) -> None:
    """E01 市容环境 › E0101 暴露垃圾 (2 working hours), E0102 (8 h); S05 证明办理 › S0501 (1 working day);
    E0199 inactive."""
    s.add_all([Category(code="E01", name="市容环境", group="event"),
               Category(code="S05", name="证明办理", group="service", time_limit_unit="work_days")])
    s.flush()
    s.add_all([
        Category(code="E0101", name="暴露垃圾", parent_code="E01", time_limit=2, sort_order=1),
        Category(code="E0102", name="积存垃圾渣土", parent_code="E01", time_limit=8, sort_order=2),
        Category(code="E0199", name="停用类别", parent_code="E01", time_limit=8, active=False, sort_order=9),
        Category(code="S0501", name="居住证明", parent_code="S05", group="service", time_limit=1,
                 time_limit_unit="work_days"),
    ])
    s.flush()


def add_admin(s: Session) -> StaffUser:
    root = StaffUser(username="root", display_name="管理员", password_hash="x", role_code=roles.ADMIN,
                     community_code=COMMUNITY)
    s.add(root)
    s.flush()
    return root


def as_user(s: Session, username: str) -> CurrentUser:
    """The signed-in user, built from the rows (login's argon2 check would cost 0.2 s a time)."""
    staff = s.scalars(select(StaffUser).where(StaffUser.username == username)).one()
    role = s.scalars(select(Role).where(Role.code == staff.role_code)).one()
    return CurrentUser(staff.id, staff.username, staff.display_name, role.code, role.name,
                       frozenset(role.permissions), staff.community_code)


def staff_id(s: Session, username: str) -> str:
    return s.scalars(select(StaffUser.id).where(StaffUser.username == username)).one()


def cell_id(s: Session, code: str) -> str:
    return s.scalars(select(GridCell.id).where(GridCell.code == code)).one()


_seq = [0]


def make_request(s: Session, stage: str, *, cell: str = "A", assignee: str | None = None,
                 category: str = "E0101", reported_at: datetime | None = None, due_at: datetime | None = None,
                 pending_action: str | None = None, paused_since: datetime | None = None,
                 lat: float = 36.065, lng: float = 120.385) -> ServiceRequest:
    """Test setup, not code under test: a request already in `stage`."""
    _seq[0] += 1
    reported = reported_at or datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    row = ServiceRequest(
        ticket_no=f"X{_seq[0]:06d}", community_code=COMMUNITY, category_code=category, channel="phone",
        title="测试诉求", stage=stage, grid_cell_id=cell_id(s, cell),
        assignee_id=staff_id(s, assignee) if assignee else None, reported_at=reported,
        due_at=due_at, pending_action=pending_action, paused_since=paused_since, latitude=lat, longitude=lng,
    )
    s.add(row)
    s.flush()
    return row
