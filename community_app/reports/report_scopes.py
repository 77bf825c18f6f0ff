"""Whose work a report covers: the whole community, one grid, or one grid worker's grids —
and which of these a user may print.

Supervisors and admins (REPORT_VIEW) may pick any scope of their community. A grid worker
may print only what concerns the grids they are responsible for: reports that show people
of other grids are for supervisors (the same rule as core.dashboard.scope_for).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.dashboard import Scope, community_name
from db.models import Division, GridCell, StaffUser

ScopeKind = Literal["community", "grid", "worker"]
SCOPE_KINDS: Final[tuple[ScopeKind, ...]] = ("community", "grid", "worker")
NOT_YOUR_SCOPE: Final = "您只能打印自己负责网格的报表；全社区和其他网格的报表请联系社区负责人打印。"
NO_GRID: Final = "您还没有负责的网格，暂时不能打印报表；请联系社区负责人分配网格。"


@dataclass(frozen=True)
class ReportScope:
    kind: ScopeKind
    id: str | None = None  # grid cell id / staff id; None for the community
    name: str = ""  # 湛山社区 / 第三网格 / 王丽: for titles and the audit log


@dataclass(frozen=True)
class ScopeChoices:
    """What the reports page offers this user."""

    community_code: str | None
    community_name: str
    whole_community: bool  # may print community-wide reports
    grids: tuple[tuple[str, str], ...]  # (id, name), in code order
    workers: tuple[tuple[str, str], ...]  # (id, display name)

    def default(self) -> ReportScope:
        if self.whole_community:
            return ReportScope("community", None, self.community_name)
        if self.grids:
            return ReportScope("grid", *self.grids[0])
        return ReportScope("worker", *self.workers[0]) if self.workers else ReportScope("community")


def sees_everyone(user: CurrentUser) -> bool:
    """May print reports that show people of any grid of the community."""
    return user.can(roles.REPORT_VIEW)


def home_community(session: Session, user: CurrentUser) -> str | None:
    """The user's community; an admin of no community gets the first one on record."""
    if user.community_code is not None:
        return user.community_code
    return session.scalar(select(Division.code).where(Division.level == "community", Division.deleted_at.is_(None))
                          .order_by(Division.code).limit(1))


def own_grid_ids(session: Session, user: CurrentUser) -> tuple[str, ...]:
    return tuple(session.scalars(select(GridCell.id).where(
        GridCell.responsible_staff_id == user.id, GridCell.deleted_at.is_(None)).order_by(GridCell.code)))


def scope_choices(session: Session, user: CurrentUser) -> ScopeChoices:
    code = home_community(session, user)
    everyone = sees_everyone(user)
    cells = select(GridCell.id, GridCell.name).where(GridCell.deleted_at.is_(None)).order_by(GridCell.code)
    if code is not None:
        cells = cells.where(GridCell.community_code == code)
    if not everyone:
        cells = cells.where(GridCell.responsible_staff_id == user.id)
    grids = tuple((i, n) for i, n in session.execute(cells))
    if everyone:
        # the workers who answer for a grid, and any other grid-worker account of the community
        staff = select(StaffUser.id, StaffUser.display_name).where(
            StaffUser.deleted_at.is_(None), StaffUser.active.is_(True),
            (StaffUser.role_code == roles.GRID_WORKER) | StaffUser.id.in_(
                select(GridCell.responsible_staff_id).where(GridCell.deleted_at.is_(None))))
        if code is not None:
            staff = staff.where(StaffUser.community_code == code)
        workers = tuple((i, n) for i, n in session.execute(staff.order_by(StaffUser.username)))
    else:
        workers = ((user.id, user.display_name),) if grids else ()
    return ScopeChoices(code, community_name(session, code), everyone, grids, workers)


def check_scope(session: Session, user: CurrentUser, scope: ReportScope) -> None:
    """PermissionError (Chinese message) unless the user may print this scope."""
    if sees_everyone(user):
        if scope.kind == "grid" and scope.id is not None:
            cell = session.get(GridCell, scope.id)
            if cell is None or user.community_code not in (None, cell.community_code):
                raise PermissionError(NOT_YOUR_SCOPE)
        if scope.kind == "worker" and scope.id is not None:
            staff = session.get(StaffUser, scope.id)
            if staff is None or user.community_code not in (None, staff.community_code):
                raise PermissionError(NOT_YOUR_SCOPE)
        return
    own = own_grid_ids(session, user)
    if not own:
        raise PermissionError(NO_GRID)
    if scope.kind == "community" or (scope.kind == "grid" and scope.id not in own) or (
            scope.kind == "worker" and scope.id != user.id):
        raise PermissionError(NOT_YOUR_SCOPE)


def grid_ids_of(session: Session, scope: ReportScope) -> tuple[str, ...] | None:
    """The grid cells a scope covers; None = every grid of the community."""
    if scope.kind == "community":
        return None
    if scope.kind == "grid":
        return (scope.id,) if scope.id else ()
    return tuple(session.scalars(select(GridCell.id).where(
        GridCell.responsible_staff_id == scope.id, GridCell.deleted_at.is_(None)).order_by(GridCell.code)))


def dashboard_scope(session: Session, user: CurrentUser, scope: ReportScope) -> Scope:
    """The core.dashboard.Scope the indicator functions take (checked first)."""
    check_scope(session, user, scope)
    return Scope(home_community(session, user), grid_ids_of(session, scope))
