"""Where a request arriving by Open311 belongs: the community and grid cell whose polygon
holds its point (grid_cell records carry GeoJSON Polygons in WGS-84, as the desktop stores
them), or the building whose standard address the given address names."""

from __future__ import annotations

import json
from dataclasses import dataclass

import shapely
from shapely.geometry import shape
from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from city_api.models import Record


@dataclass(frozen=True)
class Place:
    community_code: str
    grid_cell_id: str | None
    building_id: str | None
    latitude: float | None
    longitude: float | None
    address: str | None


def _live(table: str) -> select:  # type: ignore[type-arg]
    return select(Record.community_code, Record.id, Record.data).where(
        Record.table_name == table, Record.deleted_at.is_(None))


def cell_for_point(session: Session, longitude: float, latitude: float) -> tuple[str, str] | None:
    """(community code, grid cell id) of the cell containing the point, city-wide. A point on a
    shared edge goes to the first by (community, cell code), so the choice is stable.
    A stored polygon that does not parse is skipped (it cannot hold anything)."""
    rows = session.execute(_live("grid_cell")).all()
    shapes, owners = [], []
    for community, cell_id, data in sorted(rows, key=lambda r: (r[0], str(r[2].get("code", "")))):
        try:
            geometry = shape(json.loads(data["geometry_geojson"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        shapes.append(geometry)
        owners.append((community, cell_id))
    if not shapes:
        return None
    hits = shapely.STRtree(shapes).query(shapely.Point(longitude, latitude), predicate="intersects")
    return owners[int(min(hits))] if len(hits) else None


def building_for_address(session: Session, address: str) -> Place | None:
    """The building whose standard address is the longest one contained in `address`
    ("山东省青岛市市南区湛山三路1号 3单元" names 湛山三路1号)."""
    text = address.strip()
    if len(text) < 2:
        return None
    building_address = Record.data["address"].as_string()
    row = session.execute(
        _live("building").where(func.length(building_address) >= 4, literal(text).contains(building_address))
        .order_by(func.length(building_address).desc(), Record.community_code, Record.id).limit(1)
    ).first()
    if row is None:
        return None
    community, building_id, data = row
    return Place(community, data.get("grid_cell_id"), building_id, data.get("latitude"), data.get("longitude"),
                 text)


def building_by_id(session: Session, building_id: str) -> Place | None:
    """address_id is the building's id (its standard address record)."""
    row = session.execute(_live("building").where(Record.id == building_id).limit(1)).first()
    if row is None:
        return None
    community, _id, data = row
    return Place(community, data.get("grid_cell_id"), building_id, data.get("latitude"), data.get("longitude"),
                 data.get("address"))
