"""Reading the place register (一标三实): grid cells, buildings, units and households as
frozen dataclasses, safe to hand to the GUI thread. Counts are grouped queries, so a
list costs a handful of statements whatever its length."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.cell_assignment import buildings_outside_cells
from community_app.core.dashboard import community_name
from community_app.core.place_rules import PlaceError, problem
from db.models import Building, GridCell, Household, Resident, StaffUser, SyncedMixin, Unit


@dataclass(frozen=True)
class GridCellRow:
    id: str
    code: str
    name: str
    kind: str
    community_code: str
    responsible_staff_id: str | None
    responsible_name: str | None
    building_count: int
    resident_count: int  # active residents


@dataclass(frozen=True)
class BuildingRow:
    id: str
    community_code: str
    grid_cell_id: str | None
    name: str
    address: str
    road: str | None
    house_number: str | None
    kind: str
    floors: int | None
    built_year: int | None
    latitude: float
    longitude: float
    unit_count: int
    household_count: int
    resident_count: int  # active residents

    @property
    def outside(self) -> bool:
        """In no grid cell: flagged for someone to fix the coordinates or the boundary."""
        return self.grid_cell_id is None


@dataclass(frozen=True)
class UnitRow:
    id: str
    building_id: str
    number: str
    household_count: int


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    building_id: str
    unit_id: str | None
    unit_number: str | None
    room: str
    occupancy: str
    area_m2: float | None
    head_resident_id: str | None
    head_name: str | None
    resident_count: int  # active residents
    grid_cell_id: str | None


@dataclass(frozen=True)
class WorkerChoice:
    id: str
    display_name: str
    username: str


# ---- lists ------------------------------------------------------------------------------------
def _live(model: type[SyncedMixin]) -> ColumnElement[bool]:
    return model.deleted_at.is_(None)


def _active_resident() -> ColumnElement[bool]:
    # 'active' as a literal, not a bound parameter: only then can SQLite prove the partial
    # indexes' WHERE clause and use them (counting a street's residents: 40 ms instead of 450)
    return (Resident.status == literal_column("'active'")) & Resident.deleted_at.is_(None)


def list_grid_cells(session: Session, community_code: str | None) -> list[GridCellRow]:
    """Cells ordered by code, with their worker and counts (all cells when community_code is None)."""
    scope = [GridCell.community_code == community_code] if community_code else []
    buildings = dict(session.execute(
        select(Building.grid_cell_id, func.count()).where(_live(Building)).group_by(Building.grid_cell_id)
    ).all())
    residents = dict(session.execute(
        select(Resident.grid_cell_id, func.count()).where(_active_resident()).group_by(Resident.grid_cell_id)
    ).all())
    rows = session.execute(  # not the geometry: a list has no use for it
        select(GridCell.id, GridCell.code, GridCell.name, GridCell.kind, GridCell.community_code,
               GridCell.responsible_staff_id, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.id == GridCell.responsible_staff_id)
        .where(_live(GridCell), *scope).order_by(GridCell.code)
    ).all()
    return [GridCellRow(*row, buildings.get(row.id, 0), residents.get(row.id, 0)) for row in rows]


def list_buildings(session: Session, community_code: str | None, *, grid_cell_id: str | None = None,
                   outside_only: bool = False) -> list[BuildingRow]:
    """Buildings of a cell, of the community, or (outside_only) those in no grid cell."""
    query = select(Building).where(_live(Building))
    if community_code:
        query = query.where(Building.community_code == community_code)
    if outside_only:
        if community_code is None:
            raise ValueError("outside_only needs a community")
        ids = [b.id for b in buildings_outside_cells(session, community_code)]
        query = query.where(Building.id.in_(ids))
    elif grid_cell_id is not None:
        query = query.where(Building.grid_cell_id == grid_cell_id)
    buildings = session.scalars(query.order_by(Building.road, Building.house_number, Building.name)).all()
    return _building_rows(session, buildings, flag_outside=outside_only)


def _counts_by_building(session: Session, ids: list[str]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    if not ids:
        return {}, {}, {}
    units = dict(session.execute(
        select(Unit.building_id, func.count()).where(_live(Unit), Unit.building_id.in_(ids))
        .group_by(Unit.building_id)).all())
    households = dict(session.execute(
        select(Household.building_id, func.count()).where(_live(Household), Household.building_id.in_(ids))
        .group_by(Household.building_id)).all())
    residents = dict(session.execute(
        select(Household.building_id, func.count()).join(Resident, Resident.household_id == Household.id)
        .where(_active_resident(), Household.building_id.in_(ids)).group_by(Household.building_id)).all())
    return units, households, residents


def _building_rows(session: Session, buildings: Iterable[Building], *, flag_outside: bool = False) -> list[BuildingRow]:
    buildings = list(buildings)
    units, households, residents = _counts_by_building(session, [b.id for b in buildings])
    return [BuildingRow(
        b.id, b.community_code, None if flag_outside else b.grid_cell_id, b.name, b.address, b.road,
        b.house_number, b.kind, b.floors, b.built_year, b.latitude, b.longitude,
        units.get(b.id, 0), households.get(b.id, 0), residents.get(b.id, 0),
    ) for b in buildings]


Row = TypeVar("Row", bound=SyncedMixin)


def live_row(session: Session, model: type[Row], row_id: str) -> Row:
    """The row with this id, unless it is missing or tombstoned (PlaceError not_found)."""
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise PlaceError(problem("not_found"))
    return row


def get_building(session: Session, building_id: str) -> BuildingRow:
    return _building_rows(session, [live_row(session, Building, building_id)])[0]


def list_units(session: Session, building_id: str) -> list[UnitRow]:
    counts = dict(session.execute(
        select(Household.unit_id, func.count()).where(_live(Household), Household.building_id == building_id)
        .group_by(Household.unit_id)).all())
    units = session.scalars(select(Unit).where(Unit.building_id == building_id, _live(Unit))).all()
    units = sorted(units, key=lambda u: _natural(u.number))
    return [UnitRow(u.id, u.building_id, u.number, counts.get(u.id, 0)) for u in units]


def list_households(session: Session, building_id: str, *, unit_id: str | None = None) -> list[HouseholdRow]:
    """Households of a building (or of one of its units), in unit then room order."""
    head = Resident.__table__.alias("head")
    query = (select(Household, Unit.number, head.c.name)
             .outerjoin(Unit, Unit.id == Household.unit_id)
             .outerjoin(head, head.c.id == Household.head_resident_id)
             .where(Household.building_id == building_id, _live(Household)))
    if unit_id is not None:
        query = query.where(Household.unit_id == unit_id)
    rows = session.execute(query).all()
    counts = dict(session.execute(
        select(Resident.household_id, func.count()).join(Household, Household.id == Resident.household_id)
        .where(Household.building_id == building_id, _active_resident()).group_by(Resident.household_id)
    ).all())
    result = [HouseholdRow(h.id, h.building_id, h.unit_id, number, h.room, h.occupancy, h.area_m2,
                           h.head_resident_id, head_name, counts.get(h.id, 0), h.grid_cell_id)
              for h, number, head_name in rows]
    result.sort(key=lambda r: (_natural(r.unit_number or ""), _natural(r.room)))
    return result


def list_workers(session: Session, community_code: str | None) -> list[WorkerChoice]:
    """Active grid workers who can be made responsible for a cell of the community."""
    query = select(StaffUser).where(StaffUser.role_code == roles.GRID_WORKER, StaffUser.active.is_(True),
                                    StaffUser.deleted_at.is_(None))
    if community_code:
        query = query.where(StaffUser.community_code == community_code)
    return [WorkerChoice(s.id, s.display_name, s.username)
            for s in session.scalars(query.order_by(StaffUser.display_name))]


def _natural(text: str) -> tuple[int, str]:
    """'2' before '10'; rooms such as '502' sort as numbers, '商铺1' after them."""
    return (int(text), "") if text.isdigit() else (1 << 30, text)


# ---- what the places page shows at once ---------------------------------------------------------
@dataclass(frozen=True)
class PlacesOverview:
    cells: list[GridCellRow]
    outside: int  # buildings in no grid cell
    workers: list[WorkerChoice]  # who may be made responsible for a cell
    community_name: str


@dataclass(frozen=True)
class BuildingDetail:
    building_id: str
    units: list[UnitRow]
    households: list[HouseholdRow]


def places_overview(session: Session, community_code: str | None) -> PlacesOverview:
    outside = len(buildings_outside_cells(session, community_code)) if community_code else 0
    return PlacesOverview(list_grid_cells(session, community_code), outside, list_workers(session, community_code),
                          community_name(session, community_code))


def building_detail(session: Session, building_id: str) -> BuildingDetail:
    return BuildingDetail(building_id, list_units(session, building_id), list_households(session, building_id))
