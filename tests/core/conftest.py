"""A tiny hand-built community whose dashboard numbers are known by construction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.passwords import hash_password
from db.migrate import create_database
from db.models import (
    Building,
    Division,
    GridCell,
    Household,
    Resident,
    ResidentTag,
    Role,
    ServiceRequest,
    SpecialGroupTag,
    StaffUser,
    Visit,
    VisitRule,
)

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
COMMUNITY = "370202010004"
SQUARE = '{"type":"Polygon","coordinates":[[[120.38,36.06],[120.39,36.06],[120.39,36.07],[120.38,36.06]]]}'


def _resident(name: str, household: Household, cell: GridCell, status: str = "active") -> Resident:
    return Resident(
        name=name, sex="F", residence_type="registered", household_id=household.id,
        status=status, grid_cell_id=cell.id, community_code=COMMUNITY,
    )


def _request(no: int, stage: str, cell: GridCell, due_in: timedelta | None, paused: bool = False) -> ServiceRequest:
    return ServiceRequest(
        ticket_no=f"T{no:04d}", community_code=COMMUNITY, category_code="C1", channel="walk_in",
        title="井盖破损", stage=stage, grid_cell_id=cell.id, reported_at=NOW - timedelta(days=3),
        due_at=None if due_in is None else NOW + due_in, paused_since=NOW - timedelta(hours=1) if paused else None,
    )


@pytest.fixture
def community(tmp_path: Path) -> Iterator[Session]:
    """Two grid cells (A: worker wang, B: worker zhao). Expected numbers are in the tests."""
    from db.models import Category

    engine = create_database(tmp_path / "c.sqlite")
    s = Session(engine)
    s.add_all([
        Division(code="370202", name="市南区", level="district"),
        Division(code="370202010", name="湛山街道", level="street", parent_code="370202"),
    ])
    s.flush()
    s.add(Division(code=COMMUNITY, name="湛山社区", level="community", parent_code="370202010"))
    for code, (name, perms) in roles.DEFAULT_ROLES.items():
        s.add(Role(code=code, name=name, permissions=perms))
    s.flush()
    pw = hash_password("secret-pw")
    wang = StaffUser(username="wang", display_name="王丽", password_hash=pw, role_code=roles.GRID_WORKER,
                     community_code=COMMUNITY)
    zhao = StaffUser(username="zhao", display_name="赵强", password_hash=pw, role_code=roles.GRID_WORKER,
                     community_code=COMMUNITY)
    chen = StaffUser(username="chen", display_name="陈静", password_hash=pw, role_code=roles.SUPERVISOR,
                     community_code=COMMUNITY)
    retired = StaffUser(username="old", display_name="离职", password_hash=pw, role_code=roles.GRID_WORKER,
                        community_code=COMMUNITY, active=False)
    s.add_all([wang, zhao, chen, retired])
    s.flush()
    a = GridCell(code="A", name="第一网格", community_code=COMMUNITY, geometry_geojson=SQUARE,
                 responsible_staff_id=wang.id)
    b = GridCell(code="B", name="第二网格", community_code=COMMUNITY, geometry_geojson=SQUARE,
                 responsible_staff_id=zhao.id)
    s.add_all([a, b])
    s.flush()
    bld = Building(community_code=COMMUNITY, grid_cell_id=a.id, name="1号楼", address="湛山三路1号",
                   latitude=36.065, longitude=120.385)
    s.add(bld)
    s.flush()
    h1, h2, h3, h4 = (Household(building_id=bld.id, room=r, grid_cell_id=c.id)
                      for r, c in (("101", a), ("102", a), ("201", b), ("202", b)))
    s.add_all([h1, h2, h3, h4])
    s.flush()
    # A: 3 active in 2 households; B: 1 active, 1 deceased (h4 then has nobody active)
    r1, r2, r3 = _resident("李秀英", h1, a), _resident("李明", h1, a), _resident("孙桂兰", h2, a)
    r4, r5 = _resident("刘䶮", h3, b), _resident("周𠮷", h4, b, status="deceased")
    s.add_all([r1, r2, r3, r4, r5])
    s.add_all([SpecialGroupTag(code="elderly_alone", name="独居老人"), SpecialGroupTag(code="dibao", name="低保"),
               SpecialGroupTag(code="youfu", name="优抚对象")])
    s.flush()
    s.add_all([VisitRule(tag_code="elderly_alone", interval_days=7), VisitRule(tag_code="dibao", interval_days=90)])
    s.add_all([
        ResidentTag(resident_id=r1.id, tag_code="elderly_alone"),  # visited 3 days ago: not due
        ResidentTag(resident_id=r3.id, tag_code="elderly_alone"),  # visited 10 days ago: due
        ResidentTag(resident_id=r3.id, tag_code="dibao"),
        ResidentTag(resident_id=r4.id, tag_code="dibao"),  # visited 30 days ago, rule 90: not due
        ResidentTag(resident_id=r2.id, tag_code="youfu"),  # no rule: never due
        ResidentTag(resident_id=r5.id, tag_code="dibao"),  # deceased: never due
    ])
    s.add_all([
        Visit(resident_id=r1.id, staff_id=wang.id, visited_at=NOW - timedelta(days=3), outcome="ok"),
        Visit(resident_id=r3.id, staff_id=wang.id, visited_at=NOW - timedelta(days=10), outcome="ok"),
        Visit(resident_id=r4.id, staff_id=zhao.id, visited_at=NOW - timedelta(days=30), outcome="ok"),
    ])
    s.add(Category(code="C1", name="井盖破损", time_limit=24))
    s.flush()
    s.add_all([
        _request(1, "reported", a, timedelta(hours=30)),
        _request(2, "dispatched", a, -timedelta(hours=2)),  # overdue
        _request(3, "in_progress", a, timedelta(hours=5)),  # due soon
        _request(4, "in_progress", b, -timedelta(days=1), paused=True),  # paused: neither
        _request(5, "pending_verification", b, timedelta(hours=23)),  # due soon
        _request(6, "closed", a, -timedelta(days=2)),  # finished: not counted
        _request(7, "accepted", b, None),
    ])
    s.commit()
    try:
        yield s
    finally:
        s.close()
        engine.dispose()


@pytest.fixture(scope="session")
def search_demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 3,000-resident demo the search tests read; made once. Tests that change it copy it first."""
    from db.demo import generate_demo
    from tests.core.search_demo import NOW, SEED

    path = tmp_path_factory.mktemp("search") / "demo.sqlite"
    generate_demo(path, residents=3000, seed=SEED, now=NOW)
    return path
