"""Duplicate hint (并单提示): open requests of the same category reported within 50 m and
3 days of a new one are probably the same problem, reported twice; the UI offers to merge."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.geo import distance_m
from community_app.core.stages import OPEN_STAGES, STAGE_NAMES
from db.models import ServiceRequest

RADIUS_M: Final = 50.0
WINDOW: Final = timedelta(days=3)
_METRES_PER_DEGREE_LAT: Final = 111_320.0


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    ticket_no: str
    title: str
    stage: str
    stage_name: str
    address: str | None
    reported_at: datetime
    distance_m: float


def duplicate_candidates(session: Session, category_code: str, latitude: float, longitude: float, *,
                         at: datetime, exclude_id: str | None = None,
                         community_code: str | None = None) -> list[DuplicateCandidate]:
    """Open requests of `category_code` reported in the 3 days up to `at` (or up to 3 days after
    it, for an older request being checked) within 50 m of the point, nearest first."""
    # a box around the point narrows the rows in SQL; the exact distance is checked after
    dlat = RADIUS_M / _METRES_PER_DEGREE_LAT * 1.01
    dlng = dlat / max(math.cos(math.radians(latitude)), 0.01)
    query = select(ServiceRequest.id, ServiceRequest.ticket_no, ServiceRequest.title, ServiceRequest.stage,
                   ServiceRequest.address, ServiceRequest.reported_at, ServiceRequest.latitude,
                   ServiceRequest.longitude).where(
        ServiceRequest.category_code == category_code, ServiceRequest.deleted_at.is_(None),
        ServiceRequest.stage.in_(OPEN_STAGES),
        ServiceRequest.reported_at >= at - WINDOW, ServiceRequest.reported_at <= at + WINDOW,
        ServiceRequest.latitude.between(latitude - dlat, latitude + dlat),
        ServiceRequest.longitude.between(longitude - dlng, longitude + dlng),
    )
    if exclude_id is not None:
        query = query.where(ServiceRequest.id != exclude_id)
    if community_code is not None:
        query = query.where(ServiceRequest.community_code == community_code)
    found = []
    for row in session.execute(query):
        metres = distance_m(longitude, latitude, row.longitude, row.latitude)
        if metres <= RADIUS_M:
            found.append(DuplicateCandidate(row.id, row.ticket_no, row.title, row.stage, STAGE_NAMES[row.stage],
                                            row.address, row.reported_at, round(metres, 1)))
    return sorted(found, key=lambda c: (c.distance_m, c.reported_at))
