"""Shared by the place tests: squares for the tiny community's cells, users, outbox reading."""

from __future__ import annotations

import json

from shapely.geometry import box, mapping
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser, login
from community_app.core.passwords import hash_password
from db.models import GridCell, OutboxEntry, StaffUser
from tests.core.conftest import COMMUNITY

# the fixture's cells share one triangle; the place tests give them side-by-side squares
SQUARE_A = box(120.38, 36.06, 120.39, 36.07)  # holds 1号楼 (120.385, 36.065)
SQUARE_B = box(120.39, 36.06, 120.40, 36.07)


def geojson(geometry: object) -> str:
    return json.dumps(mapping(geometry))  # type: ignore[arg-type]


def square_cells(session: Session) -> tuple[GridCell, GridCell]:
    """Test setup, not code under test: the fixture's cells A and B become squares."""
    a = session.scalars(select(GridCell).where(GridCell.code == "A")).one()
    b = session.scalars(select(GridCell).where(GridCell.code == "B")).one()
    a.geometry_geojson, b.geometry_geojson = geojson(SQUARE_A), geojson(SQUARE_B)
    session.commit()
    return a, b


def user(session: Session, username: str) -> CurrentUser:
    return login(session, username, "secret-pw")


def admin(session: Session) -> CurrentUser:
    session.add(StaffUser(username="root", display_name="管理员", password_hash=hash_password("secret-pw"),
                          role_code=roles.ADMIN, community_code=COMMUNITY))
    session.commit()
    return user(session, "root")


def outbox(session: Session, table: str | None = None) -> list[OutboxEntry]:
    query = select(OutboxEntry).order_by(OutboxEntry.seq)
    if table:
        query = query.where(OutboxEntry.table_name == table)
    return list(session.scalars(query))
