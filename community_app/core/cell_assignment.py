"""Which grid cell each building is in — by point-in-polygon, never by hand — and keeping
the building's households and residents in the same cell.

A building whose point lies in no cell gets no cell (grid_cell_id NULL) and is reported:
it is flagged, never dropped, so someone can fix its coordinates or the cell boundary.
Every change goes through core.changes, so the outbox carries it to the city.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes
from community_app.core.geo import NO_CELL, assign_points, geometry_from_geojson, to_local_metres
from db.models import Building, GridCell, Household, Resident

Progress = Callable[[int, int], None]
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class CellShapes:
    """The live cells of a community, ordered by code (the tie-break on shared edges)."""

    ids: tuple[str, ...]
    codes: tuple[str, ...]
    geometries: tuple[BaseGeometry, ...]


@dataclass(frozen=True)
class OutsideBuilding:
    """A building in no grid cell, with the nearest cell to help whoever fixes it."""

    id: str
    name: str
    address: str
    longitude: float
    latitude: float
    nearest_cell_code: str | None
    distance_m: float | None


@dataclass(frozen=True)
class Reassignment:
    checked: int  # buildings looked at
    moved: int  # buildings whose cell changed (including to "none")
    rows_changed: int  # buildings, households and residents updated
    outside: tuple[OutsideBuilding, ...]


def load_cells(session: Session, community_code: str) -> CellShapes:
    rows = session.execute(
        select(GridCell.id, GridCell.code, GridCell.geometry_geojson)
        .where(GridCell.community_code == community_code, GridCell.deleted_at.is_(None))
        .order_by(GridCell.code)
    ).all()
    geometries = []
    for row in rows:
        geometry = geometry_from_geojson(row.geometry_geojson)
        # cells written before the import checked validity still get a usable shape
        geometries.append(geometry if geometry.is_valid else shapely.make_valid(geometry))
    return CellShapes(tuple(r.id for r in rows), tuple(r.code for r in rows), tuple(geometries))


def cell_for_point(session: Session, community_code: str, lng: float, lat: float) -> str | None:
    cells = load_cells(session, community_code)
    index = int(assign_points(cells.geometries, [lng], [lat])[0])
    return None if index == NO_CELL else cells.ids[index]


def _chunks(ids: Sequence[str]) -> list[Sequence[str]]:
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def move_buildings(session: Session, moves: dict[str, str | None], progress: Progress | None = None) -> int:
    """Put each building (id → new cell id or None) in its cell, with its live households
    and their live residents. Returns the number of rows changed.

    progress(done, total) is called after each building; it may raise to stop (the caller
    then rolls back). One changes.update_many per building (one flush), so a boundary redraw
    that moves a whole community's 600 buildings and 80,000 people takes some seconds on
    the writer thread, with progress.
    """
    changed = done = 0
    for chunk in _chunks(list(moves)):
        buildings = session.scalars(select(Building).where(Building.id.in_(chunk))).all()
        households: dict[str, list[Household]] = defaultdict(list)
        for household in session.scalars(
                select(Household).where(Household.building_id.in_(chunk), Household.deleted_at.is_(None))):
            households[household.building_id].append(household)
        residents: dict[str, list[Resident]] = defaultdict(list)
        household_ids = [h.id for rows in households.values() for h in rows]
        for part in _chunks(household_ids):
            for resident in session.scalars(
                    select(Resident).where(Resident.household_id.in_(part), Resident.deleted_at.is_(None))):
                residents[resident.household_id].append(resident)  # type: ignore[index]
        for building in buildings:
            dwellings = households[building.id]
            rows: list[Building | Household | Resident] = [building, *dwellings]
            rows += [r for household in dwellings for r in residents[household.id]]
            changed += changes.update_many(session, rows, grid_cell_id=moves[building.id])
            done += 1
            if progress:
                progress(done, len(moves))
    return changed


def reassign_buildings(session: Session, community_code: str, progress: Progress | None = None) -> Reassignment:
    """Recompute every live building's cell of a community; move those that changed."""
    cells = load_cells(session, community_code)
    rows = session.execute(
        select(Building.id, Building.longitude, Building.latitude, Building.grid_cell_id)
        .where(Building.community_code == community_code, Building.deleted_at.is_(None))
    ).all()
    found = assign_points(cells.geometries, [r.longitude for r in rows], [r.latitude for r in rows])
    moves: dict[str, str | None] = {}
    for row, index in zip(rows, found, strict=True):
        cell_id = None if index == NO_CELL else cells.ids[index]
        if row.grid_cell_id != cell_id:
            moves[row.id] = cell_id
    changed = move_buildings(session, moves, progress) if moves else 0
    outside = [row.id for row, index in zip(rows, found, strict=True) if index == NO_CELL]
    return Reassignment(len(rows), len(moves), changed, tuple(_describe_outside(session, cells, outside)))


def buildings_outside_cells(session: Session, community_code: str) -> list[OutsideBuilding]:
    """Live buildings of the community whose point lies in no live grid cell — computed
    from the geometry now, so it is right even if a cell changed since the last import."""
    cells = load_cells(session, community_code)
    rows = session.execute(
        select(Building.id, Building.longitude, Building.latitude)
        .where(Building.community_code == community_code, Building.deleted_at.is_(None))
    ).all()
    found = assign_points(cells.geometries, [r.longitude for r in rows], [r.latitude for r in rows])
    return _describe_outside(session, cells, [row.id for row, i in zip(rows, found, strict=True) if i == NO_CELL])


def _describe_outside(session: Session, cells: CellShapes, ids: list[str]) -> list[OutsideBuilding]:
    if not ids:
        return []
    buildings = [b for part in _chunks(ids) for b in session.scalars(select(Building).where(Building.id.in_(part)))]
    buildings.sort(key=lambda b: (b.address, b.name))
    nearest: list[tuple[str | None, float | None]] = [(None, None)] * len(buildings)
    if cells.geometries:
        lat0 = float(np.mean([b.latitude for b in buildings]))
        tree = shapely.STRtree([to_local_metres(g, lat0) for g in cells.geometries])
        points = [to_local_metres(shapely.Point(b.longitude, b.latitude), lat0) for b in buildings]
        (point_idx, cell_idx), distances = tree.query_nearest(points, return_distance=True, all_matches=False)
        for p, c, d in zip(point_idx, cell_idx, distances, strict=True):
            nearest[int(p)] = (cells.codes[int(c)], round(float(d), 1))
    return [OutsideBuilding(b.id, b.name, b.address, b.longitude, b.latitude, code, distance)
            for b, (code, distance) in zip(buildings, nearest, strict=True)]
