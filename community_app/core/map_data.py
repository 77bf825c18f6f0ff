"""What the grid map shows, read in one go: a community's grid cells (with their responsible
worker and count of open service requests) and its buildings, as a frozen snapshot that the
map builder can use on any thread.

Two plain column selects and no ORM objects: a street has ~20,000 buildings, and loading
them as mapped instances would cost more than drawing them. Buildings are NamedTuples
rather than frozen dataclasses for the same reason (tuple construction is several times
cheaper than a frozen dataclass's __init__), and they are just as immutable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.dashboard import community_name
from community_app.core.stages import FINISHED_STAGES
from db.models import Building, GridCell, ServiceRequest, StaffUser, utcnow


@dataclass(frozen=True)
class MapCell:
    id: str
    code: str
    name: str
    worker_name: str | None  # the responsible grid worker; None when nobody is assigned
    geometry_geojson: str  # GeoJSON geometry text, WGS-84, exactly as stored
    open_requests: int  # service requests in a stage that is not finished


class MapBuilding(NamedTuple):
    id: str
    name: str
    address: str
    latitude: float
    longitude: float
    grid_cell_id: str | None


@dataclass(frozen=True)
class MapSnapshot:
    community_code: str | None  # None: every community in the database
    community_name: str
    cells: tuple[MapCell, ...]  # ordered by code
    buildings: tuple[MapBuilding, ...]
    as_of: datetime

    @property
    def open_requests(self) -> int:
        return sum(cell.open_requests for cell in self.cells)


def map_snapshot(session: Session, community_code: str | None, *, now: datetime | None = None) -> MapSnapshot:
    """Grid cells and buildings of a community (of all communities when community_code is None)."""
    open_counts = (
        select(ServiceRequest.grid_cell_id.label("cell_id"), func.count().label("n"))
        .where(ServiceRequest.stage.not_in(FINISHED_STAGES), ServiceRequest.deleted_at.is_(None),
               ServiceRequest.grid_cell_id.is_not(None))
        .group_by(ServiceRequest.grid_cell_id)
        .subquery()
    )
    cell_query = (
        select(GridCell.id, GridCell.code, GridCell.name, StaffUser.display_name, GridCell.geometry_geojson,
               func.coalesce(open_counts.c.n, 0))
        .outerjoin(StaffUser, (StaffUser.id == GridCell.responsible_staff_id) & StaffUser.deleted_at.is_(None))
        .outerjoin(open_counts, open_counts.c.cell_id == GridCell.id)
        .where(GridCell.deleted_at.is_(None))
        .order_by(GridCell.code)
    )
    building_query = (
        select(Building.id, Building.name, Building.address, Building.latitude, Building.longitude,
               Building.grid_cell_id)
        .where(Building.deleted_at.is_(None))
        # no ORDER BY: the map does not care, and sorting 20,000 text ids costs more than the read
    )
    if community_code is not None:
        cell_query = cell_query.where(GridCell.community_code == community_code)
        building_query = building_query.where(Building.community_code == community_code)
    cells = tuple(MapCell(*row) for row in session.execute(cell_query))
    buildings = tuple(MapBuilding._make(row) for row in session.execute(building_query))
    return MapSnapshot(
        community_code=community_code,
        community_name=community_name(session, community_code) if community_code else "",
        cells=cells,
        buildings=buildings,
        as_of=now or utcnow(),
    )
