"""Changing the place register (一标三实) — grid cells, buildings, units, households —
through core.changes, so every change is queued for the city. Reading lives in
core.place_lists; its dataclasses and list functions are re-exported here, so callers
use one module: `places.list_buildings(...)`, `places.create_building(...)`.

Functions flush; the caller commits (one transaction per user action). Who may change
what is decided in core.place_rules. A building's grid cell always follows from its
coordinates (core.cell_assignment); its households and residents follow the building.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes, roles
from community_app.core import place_rules as rules
from community_app.core.auth import CurrentUser
from community_app.core.cell_assignment import cell_for_point, move_buildings
from community_app.core.geo import gcj02_to_wgs84
from community_app.core.place_lists import (
    BuildingDetail,
    BuildingRow,
    GridCellRow,
    HouseholdRow,
    PlacesOverview,
    UnitRow,
    WorkerChoice,
    building_detail,
    get_building,
    list_buildings,
    list_grid_cells,
    list_households,
    list_units,
    list_workers,
    live_row,
    places_overview,
)
from community_app.core.place_rules import PlaceError, problem
from community_app.core.problems import Problem
from db.models import Building, GridCell, Household, Resident, StaffUser, Unit

__all__ = [
    "BuildingDetail",
    "BuildingInput",
    "BuildingRow",
    "GridCellInput",
    "GridCellRow",
    "HouseholdInput",
    "HouseholdRow",
    "PlaceError",
    "PlacesOverview",
    "UnitRow",
    "WorkerChoice",
    "assign_resident_to_household",
    "assign_worker",
    "building_detail",
    "create_building",
    "create_grid_cell",
    "create_household",
    "create_unit",
    "get_building",
    "list_buildings",
    "list_grid_cells",
    "list_households",
    "list_units",
    "list_workers",
    "places_overview",
    "update_building",
    "update_grid_cell",
    "update_household",
    "update_unit",
]

CoordinateSystem = Literal["wgs84", "gcj02"]


@dataclass(frozen=True)
class BuildingInput:
    name: str
    address: str
    latitude: float | None
    longitude: float | None
    road: str | None = None
    house_number: str | None = None
    kind: str = "residential"
    floors: int | None = None
    built_year: int | None = None
    coordinates: CoordinateSystem = "wgs84"  # "gcj02": read off 高德/腾讯 maps, converted on save


@dataclass(frozen=True)
class HouseholdInput:
    room: str
    unit_id: str | None = None
    occupancy: str = "owner"
    area_m2: float | None = None


@dataclass(frozen=True)
class GridCellInput:
    code: str
    name: str
    kind: str = "basic"


# ---- buildings ------------------------------------------------------------------------------
def _clean_building(session: Session, data: BuildingInput, community_code: str,
                    building_id: str | None) -> dict[str, object]:
    problems: list[Problem] = []
    name = rules.text(problems, data.name, "name", rules.NAME_MAX, required="building_name_required",
                      too_long="building_name_too_long")
    address = rules.text(problems, data.address, "address", rules.ADDRESS_MAX, required="address_required",
                         too_long="address_too_long")
    road = rules.text(problems, data.road, "road", rules.ROAD_MAX, too_long="road_too_long")
    house_number = rules.text(problems, data.house_number, "house_number", rules.HOUSE_NUMBER_MAX,
                              too_long="house_number_too_long")
    rules.choice(problems, data.kind, rules.BUILDING_KINDS, "kind", "building_kind_unknown")
    rules.floors(problems, data.floors)
    rules.built_year(problems, data.built_year)
    rules.coordinates(problems, data.longitude, data.latitude)
    if name and address and not problems:
        twin = session.scalar(select(Building.id).where(
            Building.community_code == community_code, Building.address == address, Building.name == name,
            Building.deleted_at.is_(None), Building.id != (building_id or "")))
        if twin:
            problems.append(problem("duplicate_building", "address", name=name))
    rules.raise_if(problems)
    lng, lat = float(data.longitude), float(data.latitude)  # type: ignore[arg-type]  # checked above
    if data.coordinates == "gcj02":
        lng, lat = gcj02_to_wgs84(lng, lat)
    return {"name": name, "address": address, "road": road, "house_number": house_number, "kind": data.kind,
            "floors": data.floors, "built_year": data.built_year, "latitude": lat, "longitude": lng}


def create_building(session: Session, user: CurrentUser, data: BuildingInput,
                    community_code: str | None = None) -> BuildingRow:
    """Register a building; its cell comes from its point (none → it is flagged as outside)."""
    community = community_code or user.community_code
    if community is None:
        raise ValueError("a building needs a community")
    rules.require_edit(user, community)
    values = _clean_building(session, data, community, None)
    cell_id = cell_for_point(session, community, values["longitude"], values["latitude"])  # type: ignore[arg-type]
    building = changes.insert(session, Building(community_code=community, grid_cell_id=cell_id, **values))
    return get_building(session, building.id)


def update_building(session: Session, user: CurrentUser, building_id: str, data: BuildingInput) -> BuildingRow:
    """Change a building; moving its point may move it (and its people) to another cell."""
    building = live_row(session, Building, building_id)
    rules.require_edit(user, building.community_code)
    values = _clean_building(session, data, building.community_code, building.id)
    changes.update(session, building, **values)
    cell_id = cell_for_point(session, building.community_code, building.longitude, building.latitude)
    if cell_id != building.grid_cell_id:
        move_buildings(session, {building.id: cell_id})
    return get_building(session, building.id)


# ---- units and households ---------------------------------------------------------------------
def _unit_number(session: Session, building_id: str, number: str, unit_id: str | None) -> str:
    problems: list[Problem] = []
    cleaned = rules.text(problems, number, "number", rules.UNIT_MAX, required="unit_required",
                         too_long="unit_too_long")
    rules.raise_if(problems)
    # the unique constraint covers tombstoned units too, so they count as taken
    taken = session.scalar(select(Unit.id).where(Unit.building_id == building_id, Unit.number == cleaned,
                                                 Unit.id != (unit_id or "")))
    if taken:
        raise PlaceError(problem("duplicate_unit", "number", number=cleaned))
    return cleaned  # type: ignore[return-value]


def create_unit(session: Session, user: CurrentUser, building_id: str, number: str) -> UnitRow:
    building = live_row(session, Building, building_id)
    rules.require_edit(user, building.community_code)
    unit = changes.insert(session, Unit(building_id=building.id,
                                        number=_unit_number(session, building.id, number, None)))
    return UnitRow(unit.id, unit.building_id, unit.number, 0)


def update_unit(session: Session, user: CurrentUser, unit_id: str, number: str) -> UnitRow:
    unit = live_row(session, Unit, unit_id)
    building = live_row(session, Building, unit.building_id)
    rules.require_edit(user, building.community_code)
    changes.update(session, unit, number=_unit_number(session, building.id, number, unit.id))
    return next(u for u in list_units(session, building.id) if u.id == unit.id)


def _clean_household(session: Session, building: Building, data: HouseholdInput,
                     household_id: str | None) -> dict[str, object]:
    problems: list[Problem] = []
    room = rules.text(problems, data.room, "room", rules.ROOM_MAX, required="room_required",
                      too_long="room_too_long")
    rules.choice(problems, data.occupancy, rules.OCCUPANCIES, "occupancy", "occupancy_unknown")
    rules.area(problems, data.area_m2)
    unit = None
    if data.unit_id is not None:
        unit = session.get(Unit, data.unit_id)
        if unit is None or unit.deleted_at is not None or unit.building_id != building.id:
            problems.append(problem("unit_elsewhere", "unit_id"))
            unit = None
    if room and not problems:
        twin = session.scalar(select(Household.id).where(
            Household.building_id == building.id, Household.room == room, Household.deleted_at.is_(None),
            Household.unit_id.is_(None) if unit is None else Household.unit_id == unit.id,
            Household.id != (household_id or "")))
        if twin:
            problems.append(problem("duplicate_room_in_unit", "room", unit=unit.number, room=room) if unit
                            else problem("duplicate_room", "room", room=room))
    rules.raise_if(problems)
    return {"room": room, "unit_id": data.unit_id, "occupancy": data.occupancy, "area_m2": data.area_m2}


def _household_row(session: Session, household: Household) -> HouseholdRow:
    return next(h for h in list_households(session, household.building_id) if h.id == household.id)


def create_household(session: Session, user: CurrentUser, building_id: str, data: HouseholdInput) -> HouseholdRow:
    building = live_row(session, Building, building_id)
    rules.require_edit(user, building.community_code)
    values = _clean_household(session, building, data, None)
    household = changes.insert(session, Household(building_id=building.id, grid_cell_id=building.grid_cell_id,
                                                  **values))
    return _household_row(session, household)


def update_household(session: Session, user: CurrentUser, household_id: str, data: HouseholdInput) -> HouseholdRow:
    household = live_row(session, Household, household_id)
    building = live_row(session, Building, household.building_id)
    rules.require_edit(user, building.community_code)
    changes.update(session, household, **_clean_household(session, building, data, household.id))
    return _household_row(session, household)


def assign_resident_to_household(session: Session, user: CurrentUser, resident_id: str, household_id: str,
                                 relation_to_head: str | None = None) -> HouseholdRow:
    """Move a resident into a household: their household and grid cell follow it. With
    relation 户主 they become its head (and stop heading the household they left)."""
    resident = live_row(session, Resident, resident_id)
    household = live_row(session, Household, household_id)
    building = live_row(session, Building, household.building_id)
    rules.require_edit(user, building.community_code)
    if resident.community_code != building.community_code:
        raise PlaceError(problem("resident_other_community"))
    if resident.status != "active":
        raise PlaceError(problem("resident_not_active"))
    previous = resident.household_id
    new_values: dict[str, object] = {"household_id": household.id, "grid_cell_id": household.grid_cell_id}
    if relation_to_head is not None:
        new_values["relation_to_head"] = relation_to_head.strip() or None
    changes.update(session, resident, **new_values)
    if previous and previous != household.id:
        left = session.get(Household, previous)
        if left is not None and left.head_resident_id == resident.id:
            changes.update(session, left, head_resident_id=None)
    if resident.relation_to_head == rules.HEAD_RELATION:
        changes.update(session, household, head_resident_id=resident.id)
    return _household_row(session, household)


# ---- grid cells -------------------------------------------------------------------------------
def _clean_cell(session: Session, data: GridCellInput, cell_id: str | None) -> dict[str, object]:
    problems: list[Problem] = []
    code = rules.text(problems, data.code, "code", rules.CELL_CODE_MAX, required="cell_code_required",
                      too_long="cell_code_too_long")
    name = rules.text(problems, data.name, "name", rules.NAME_MAX, required="cell_name_required",
                      too_long="cell_name_too_long")
    rules.choice(problems, data.kind, rules.GRID_KINDS, "kind", "cell_kind_unknown")
    if code and session.scalar(select(GridCell.id).where(GridCell.code == code, GridCell.id != (cell_id or ""))):
        problems.append(problem("duplicate_cell_code", "code", code=code))
    rules.raise_if(problems)
    return {"code": code, "name": name, "kind": data.kind}


def _cell_row(session: Session, cell: GridCell) -> GridCellRow:
    return next(c for c in list_grid_cells(session, cell.community_code) if c.id == cell.id)


def create_grid_cell(session: Session, user: CurrentUser, data: GridCellInput, geometry_geojson: str,
                     community_code: str | None = None) -> GridCellRow:
    """A new cell from a checked WGS-84 GeoJSON geometry (core.grid_import checks files);
    the caller reassigns buildings afterwards (cell_assignment.reassign_buildings)."""
    community = community_code or user.community_code
    if community is None:
        raise ValueError("a grid cell needs a community")
    rules.require_grid(user, community)
    cell = changes.insert(session, GridCell(community_code=community, geometry_geojson=geometry_geojson,
                                            **_clean_cell(session, data, None)))
    return _cell_row(session, cell)


def update_grid_cell(session: Session, user: CurrentUser, cell_id: str, data: GridCellInput,
                     geometry_geojson: str | None = None) -> GridCellRow:
    cell = live_row(session, GridCell, cell_id)
    rules.require_grid(user, cell.community_code)
    values = _clean_cell(session, data, cell.id)
    if geometry_geojson is not None:
        values["geometry_geojson"] = geometry_geojson
    changes.update(session, cell, **values)
    return _cell_row(session, cell)


def assign_worker(session: Session, user: CurrentUser, cell_id: str, staff_id: str | None) -> GridCellRow:
    """Make an active grid worker of the cell's community responsible for it (None: nobody)."""
    cell = live_row(session, GridCell, cell_id)
    rules.require_grid(user, cell.community_code)
    if staff_id is not None:
        staff = live_row(session, StaffUser, staff_id)
        if not (staff.active and staff.role_code == roles.GRID_WORKER and staff.community_code == cell.community_code):
            raise PlaceError(problem("worker_not_eligible", "staff", name=staff.display_name))
    changes.update(session, cell, responsible_staff_id=staff_id)
    return _cell_row(session, cell)
