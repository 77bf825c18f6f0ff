"""Where field work meets casework and photo storage — kept in this one module so visits and
patrols depend on those APIs in exactly two places:

- log_followup_request(): a visit needing follow-up, or a problem seen on a patrol, becomes
  a service request through the casework API (core.requests.log_request), so it enters the
  statutory workflow with its deadline like any other request;
- store_photos(): photos go through core.attachments (content-addressed files beside the
  database, thumbnails, size and type checks).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_rules import FieldworkError, problem
from db.models import Category, GridCell
from db.reference_data import table


@dataclass(frozen=True)
class FollowUp:
    channel: str  # "visit" / "patrol"
    category_code: str
    description: str
    community_code: str
    grid_cell_id: str | None
    household_id: str | None = None
    building_id: str | None = None
    reporter_resident_id: str | None = None
    visit_id: str | None = None
    photos: Sequence[str] = ()


def log_followup_request(session: Session, user: CurrentUser, follow_up: FollowUp, *,
                         now: datetime | None = None) -> str:
    """Log the request through the casework API and return its id (flushes; caller commits).

    Where: the household or building when known; else (a patrol problem somewhere in the
    cell) a point inside the grid cell, with the cell's name as the address. Refusals come
    back as ValidationFailed from casework; a PermissionError becomes a FieldworkError."""
    from community_app.core.requests import RequestInput, log_request

    latitude = longitude = None
    address = None
    if follow_up.household_id is None and follow_up.building_id is None and follow_up.grid_cell_id is not None:
        cell = session.get(GridCell, follow_up.grid_cell_id)
        if cell is not None:
            point = shape(json.loads(cell.geometry_geojson)).representative_point()
            latitude, longitude, address = point.y, point.x, cell.name
    try:
        return log_request(session, user, RequestInput(
            category_code=follow_up.category_code, description=follow_up.description, channel=follow_up.channel,
            building_id=follow_up.building_id, household_id=follow_up.household_id, latitude=latitude,
            longitude=longitude, address=address, grid_cell_id=follow_up.grid_cell_id,
            reporter_resident_id=follow_up.reporter_resident_id, visit_id=follow_up.visit_id,
            photos=tuple(follow_up.photos), community_code=follow_up.community_code,
        ), now=now)
    except PermissionError as refused:
        raise FieldworkError(problem("request_failed", reason=str(refused))) from None


def store_photos(session: Session, user: CurrentUser, owner_type: str, owner_id: str, paths: Sequence[str]) -> None:
    """Check and attach image files to a visit or a patrol round item (ValidationFailed,
    code photo.*, for a file that is too large or no photo)."""
    from community_app.core.attachments import store_photo

    for path in paths:
        store_photo(session, user, path, owner_type=owner_type, owner_id=owner_id)


# ---- categories a follow-up can be filed under ------------------------------------------------------
@dataclass(frozen=True)
class CategoryChoice:
    code: str
    name: str
    major_name: str

    @property
    def label(self) -> str:
        return f"{self.major_name} / {self.name}" if self.major_name else self.name


VISIT_GROUPS = ("service",)  # what a visit finds: help at home, repairs, disputes, papers
PATROL_GROUPS = ("event", "component")  # what a patrol sees: 市容环境, 公用设施 … (GB/T 30428 style)


def category_choices(session: Session, groups: Sequence[str]) -> list[CategoryChoice]:
    """Live, active 小类 of the given groups, in the order the city sorts them."""
    majors = dict(session.execute(select(Category.code, Category.name).where(Category.parent_code.is_(None))).all())
    rows = session.execute(
        select(Category.code, Category.name, Category.parent_code)
        .where(Category.parent_code.is_not(None), Category.group.in_(tuple(groups)), Category.active.is_(True),
               Category.deleted_at.is_(None))
        .order_by(Category.sort_order, Category.code)
    ).all()
    return [CategoryChoice(code, name, majors.get(parent or "", "")) for code, name, parent in rows]


def suggested_category(item: str) -> str | None:
    """The usual category of a problem on a standard checklist item (db/data/patrol_items.csv)."""
    for row in table("patrol_items.csv"):
        if row["item"] == item:
            return row["category_codes"].split(";")[0] or None
    return None


def standard_checklist() -> list[str]:
    """The standard patrol items a new plan can pick from."""
    return [row["item"] for row in table("patrol_items.csv")]

