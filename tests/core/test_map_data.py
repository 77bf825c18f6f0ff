"""The map snapshot: cells with their worker and open requests, buildings, and what is left out."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.map_data import map_snapshot
from db.connection import dbapi
from db.models import Building, Division, GridCell, ServiceRequest
from tests.core.conftest import COMMUNITY, NOW, SQUARE

OTHER = "370202010001"


def _cell(s: Session, code: str) -> GridCell:
    return s.scalars(select(GridCell).where(GridCell.code == code)).one()


def _open_request(s: Session, no: int, cell: GridCell, stage: str, *, deleted: bool = False) -> None:
    s.add(ServiceRequest(
        ticket_no=f"M{no:04d}", community_code=COMMUNITY, category_code="C1", channel="walk_in", title="路灯不亮",
        stage=stage, grid_cell_id=cell.id, reported_at=NOW, deleted_at=NOW if deleted else None,
    ))


@pytest.fixture
def more(community: Session) -> Session:
    """Adds to the two-cell community: rows the map must count and rows it must leave out."""
    s = community
    a, b = _cell(s, "A"), _cell(s, "B")
    _open_request(s, 1, b, "reported")
    _open_request(s, 2, b, "dispatched")
    _open_request(s, 3, b, "merged")  # finished: not open
    _open_request(s, 4, a, "reported", deleted=True)  # tombstoned: gone
    s.add(Division(code=OTHER, name="秀湛路社区", level="community", parent_code="370202010"))
    s.flush()
    s.add_all([
        GridCell(code="C", name="无人网格", community_code=COMMUNITY, geometry_geojson=SQUARE),
        GridCell(code="D", name="已撤销网格", community_code=COMMUNITY, geometry_geojson=SQUARE, deleted_at=NOW),
        GridCell(code="X", name="别的社区", community_code=OTHER, geometry_geojson=SQUARE),
        Building(community_code=COMMUNITY, name="2号楼", address="湛山三路2号", latitude=36.061, longitude=120.389),
        Building(community_code=COMMUNITY, name="拆除楼", address="湛山三路3号", latitude=36.062, longitude=120.381,
                 deleted_at=NOW),
        Building(community_code=OTHER, name="9号楼", address="秀湛二路9号", latitude=36.07, longitude=120.37),
    ])
    s.commit()
    return s


def test_cells_carry_code_worker_geometry_and_open_requests(more: Session) -> None:
    snap = map_snapshot(more, COMMUNITY, now=NOW)
    by_code = {c.code: c for c in snap.cells}
    assert list(by_code) == ["A", "B", "C"]  # ordered by code; tombstoned D and the other community's X left out
    # A: reported, dispatched, in_progress (closed and the deleted one are not open)
    # B: in_progress (paused still counts), pending_verification, accepted, reported, dispatched (merged is not)
    assert (by_code["A"].open_requests, by_code["B"].open_requests, by_code["C"].open_requests) == (3, 5, 0)
    assert (by_code["A"].worker_name, by_code["B"].worker_name, by_code["C"].worker_name) == ("王丽", "赵强", None)
    assert by_code["A"].name == "第一网格"
    assert by_code["A"].geometry_geojson == SQUARE  # the stored text, not re-serialised or shifted
    assert by_code["A"].id == _cell(more, "A").id
    assert snap.open_requests == 8
    assert snap.community_name == "湛山社区"
    assert snap.as_of == NOW


def test_buildings_of_the_community_only(more: Session) -> None:
    snap = map_snapshot(more, COMMUNITY, now=NOW)
    assert sorted((b.name, b.address) for b in snap.buildings) == [("1号楼", "湛山三路1号"), ("2号楼", "湛山三路2号")]
    first = next(b for b in snap.buildings if b.name == "1号楼")
    assert (first.latitude, first.longitude, first.grid_cell_id) == (36.065, 120.385, _cell(more, "A").id)
    second = next(b for b in snap.buildings if b.name == "2号楼")
    assert second.grid_cell_id is None  # outside every cell: kept, the map flags it


def test_no_community_means_every_community(more: Session) -> None:
    snap = map_snapshot(more, None, now=NOW)
    assert [c.code for c in snap.cells] == ["A", "B", "C", "X"]
    assert len(snap.buildings) == 3
    assert snap.community_name == ""


def test_snapshot_is_frozen(more: Session) -> None:
    snap = map_snapshot(more, COMMUNITY, now=NOW)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.cells[0].open_requests = 99  # type: ignore[misc]
    with pytest.raises(AttributeError):
        snap.buildings[0].name = "改名"  # type: ignore[misc]
    assert isinstance(snap.cells, tuple) and isinstance(snap.buildings, tuple)


def test_reads_with_a_fixed_number_of_plain_selects(more: Session) -> None:
    """Two selects for the map and one for the community's name, however many rows: no
    per-cell or per-building queries, no ORM objects loaded."""
    statements: list[str] = []
    conn = dbapi(more)  # every statement, through SQLAlchemy or plain (core.dashboard.community_name)

    def record(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    conn.set_trace_callback(record)
    try:
        more.expunge_all()
        snap = map_snapshot(more, COMMUNITY, now=datetime(2026, 11, 24, tzinfo=UTC))
    finally:
        conn.set_trace_callback(None)
    assert len(statements) == 3, statements
    assert len(more.identity_map) == 0  # nothing was loaded as a mapped object
    assert len(snap.cells) == 3
