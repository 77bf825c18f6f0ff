"""Logging a new service request (诉求登记) from any channel.

The request gets a ticket number (community initials + Beijing date + daily sequence, as
the demo's ZS202611240003), a grid cell (the building's, or the cell whose polygon holds
the map point), a due time from its category (core.deadlines) and the first timeline
event, "report". Photos are checked before anything is written and attached to that event.
Writes go through core.changes; the function flushes and the caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from pypinyin import Style, lazy_pinyin
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import changes, localtime, roles
from community_app.core.attachments import CheckedPhoto, PhotoStore, attach_checked
from community_app.core.auth import CurrentUser
from community_app.core.cell_assignment import cell_for_point
from community_app.core.deadlines import due_at_for
from community_app.core.geo import out_of_china
from community_app.core.phones import check_phone
from community_app.core.problems import Problem, ValidationFailed, error
from community_app.core.residents.lookups import address_text
from community_app.core.stages import REPORTED
from community_app.core.workflow_rules import REPORT
from db.models import (
    Building,
    Category,
    Division,
    GridCell,
    Household,
    RequestEvent,
    Resident,
    ServiceRequest,
    Unit,
    Visit,
    utcnow,
)
from db.models.sync import SyncDevice

CHANNELS: Final[dict[str, str]] = {
    "walk_in": "来访", "phone": "来电", "patrol": "巡查发现", "visit": "走访发现", "kiosk": "自助终端",
    "hotline_12345": "12345热线", "open311": "Open311接入",  # from other city platforms (city_api.open311)
}
URGENCIES: Final[dict[str, str]] = {"normal": "一般", "urgent": "紧急"}
DESCRIPTION_MAX: Final = 2000
TITLE_MAX: Final = 120
NO_LOG_PERMISSION: Final = "您没有登记诉求的权限；如需登记，请联系社区负责人。"


@dataclass(frozen=True)
class RequestInput:
    category_code: str  # a 小类 (minor category)
    description: str
    channel: str  # one of CHANNELS
    title: str | None = None  # None: category name after the address (湛山三路1号井盖破损或缺失)
    # where: a household or building from the register, or a map point (WGS-84)
    building_id: str | None = None
    household_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None  # free text for a map point (a building's own address wins)
    grid_cell_id: str | None = None  # None: the building's cell, or the cell holding the point
    # who: a resident from the register, or a name and phone (both may be left out: anonymous)
    reporter_resident_id: str | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    urgency: str | None = None  # None: the category's
    visit_id: str | None = None  # the visit that found it
    photos: Sequence[str | Path] = ()
    community_code: str | None = None  # None: the user's (or the building's) community
    external_id: str | None = None  # e.g. the 12345 work-order number


@dataclass(frozen=True)
class _Place:
    building_id: str | None
    latitude: float | None
    longitude: float | None
    address: str | None
    grid_cell_id: str | None


def ticket_prefix(session: Session, community_code: str) -> str:
    """The community's initials: 湛山社区 → ZS, 秀湛路社区 → XZL."""
    name = session.scalar(select(Division.name).where(Division.code == community_code)) or ""
    for suffix in ("社区居民委员会", "居民委员会", "社区居委会", "居委会", "社区", "村"):
        name = name.removesuffix(suffix)
    letters = "".join(s[:1] for s in lazy_pinyin(name, style=Style.FIRST_LETTER) if s[:1].isascii()).upper()
    return "".join(ch for ch in letters if ch.isalpha())[:6] or community_code[-4:]


def device_tag(session: Session) -> str:
    """This device's part of a ticket number: the city API's device number within the community
    (01, 02, …), so devices working offline never make the same number; 00 before enrolment."""
    device_no = session.scalar(select(SyncDevice.device_no))
    return f"{device_no:02d}" if device_no else "00"


def next_ticket_no(session: Session, community_code: str, now: datetime) -> str:
    """Prefix + Beijing date + device tag + a 4-digit daily sequence, one more than the day's highest
    of this device (ZS20261127 01 0007)."""
    stem = f"{ticket_prefix(session, community_code)}{localtime.today(now):%Y%m%d}{device_tag(session)}"
    last = session.scalar(
        select(ServiceRequest.ticket_no).where(ServiceRequest.ticket_no.like(f"{stem}%"),
                                               func.length(ServiceRequest.ticket_no) == len(stem) + 4)
        .order_by(ServiceRequest.ticket_no.desc()).limit(1)
    )
    tail = last[len(stem):] if last else ""
    return f"{stem}{(int(tail) if tail.isdigit() else 0) + 1:04d}"


def _live(session: Session, model: type, row_id: str | None) -> object | None:
    row = session.get(model, row_id) if row_id else None
    return row if row is not None and row.deleted_at is None else None


def _category(session: Session, code: str, problems: list[Problem]) -> Category | None:
    category = session.scalar(select(Category).where(Category.code == code, Category.deleted_at.is_(None)))
    parent = session.scalar(select(Category).where(Category.code == category.parent_code)) if category and \
        category.parent_code else None
    if category is None or parent is None:
        problems.append(error("category.unknown", "请选择诉求类别（小类）。", "category_code"))
        return None
    if not category.active or not parent.active:
        problems.append(error("category.inactive", f"类别“{category.name}”已停用；请选择其他类别。", "category_code"))
        return None
    return category


def _place(session: Session, data: RequestInput, community: str, problems: list[Problem]) -> _Place | None:
    building: Building | None = None
    address = (data.address or "").strip() or None
    if data.household_id:
        household = _live(session, Household, data.household_id)
        if not isinstance(household, Household):
            problems.append(error("household.unknown", "找不到所选的房屋；请重新选择。", "household_id"))
            return None
        building = session.get(Building, household.building_id)
        unit = session.get(Unit, household.unit_id) if household.unit_id else None
        address = address_text(building.address if building else None, unit.number if unit else None,
                               household.room)
    elif data.building_id:
        found = _live(session, Building, data.building_id)
        if not isinstance(found, Building):
            problems.append(error("building.unknown", "找不到所选的楼栋；请重新选择。", "building_id"))
            return None
        building = found
        address = building.address
    if building is not None:
        if building.community_code != community:
            problems.append(error("building.community", "所选楼栋不属于本社区；请重新选择。", "building_id"))
            return None
        lat = data.latitude if data.latitude is not None else building.latitude
        lng = data.longitude if data.longitude is not None else building.longitude
        return _Place(building.id, lat, lng, address, data.grid_cell_id or building.grid_cell_id)
    if data.latitude is None or data.longitude is None:
        problems.append(error("location.required", "请选择楼栋，或在地图上标出问题的位置。", "location"))
        return None
    if out_of_china(data.longitude, data.latitude):
        problems.append(error("location.invalid", "位置不在中国境内，请检查经纬度或在地图上重新标注。", "location"))
        return None
    cell = data.grid_cell_id or cell_for_point(session, community, data.longitude, data.latitude)
    return _Place(None, data.latitude, data.longitude, address, cell)


def _reporter(session: Session, data: RequestInput,
              problems: list[Problem]) -> tuple[str | None, str | None, str | None]:
    """(resident id, name, phone) of whoever reported it."""
    if data.reporter_resident_id:
        resident = _live(session, Resident, data.reporter_resident_id)
        if not isinstance(resident, Resident):
            problems.append(error("reporter.unknown", "找不到所选的居民档案；请重新选择反映人。", "reporter"))
            return None, None, None
        return resident.id, resident.name, resident.phone
    name = (data.reporter_name or "").strip() or None
    if name is not None and len(name) > 64:
        problems.append(error("reporter.name", "反映人姓名最多 64 个字。", "reporter_name"))
    phone = None
    if (data.reporter_phone or "").strip():
        check = check_phone(data.reporter_phone or "")
        problems.extend(p for p in check.problems if p.is_error)
        phone = check.normalized
    return None, name, phone


def check_request(session: Session, user: CurrentUser | None, data: RequestInput,
                  store: PhotoStore | None) -> tuple[dict[str, object], list[CheckedPhoto]]:
    """The request's column values and its checked photos; ValidationFailed listing every problem."""
    problems: list[Problem] = []
    community = data.community_code or (user.community_code if user else None)
    if community is None and data.building_id:
        b = session.get(Building, data.building_id)
        community = b.community_code if b else None
    if community is None or not session.scalar(select(Division.code).where(
            Division.code == community, Division.level == "community")):
        problems.append(error("community.unknown", "请选择诉求所在的社区。", "community_code"))
        raise ValidationFailed(problems)
    if user is not None and user.community_code not in (None, community):
        raise PermissionError("只能登记本社区的诉求。")
    category = _category(session, data.category_code, problems)
    description = (data.description or "").strip()
    if not description:
        problems.append(error("required", "请填写诉求内容：什么问题、在哪里、持续多久。", "description"))
    elif len(description) > DESCRIPTION_MAX:
        problems.append(error("description.too_long", f"诉求内容最多 {DESCRIPTION_MAX} 个字。", "description"))
    if data.channel not in CHANNELS:
        problems.append(error("channel.unknown", "请选择诉求来源渠道。", "channel"))
    urgency = data.urgency or (category.urgency if category else "normal")
    if urgency not in URGENCIES:
        problems.append(error("urgency.unknown", "请选择紧急程度（一般或紧急）。", "urgency"))
    place = _place(session, data, community, problems)
    if place is not None and place.grid_cell_id is not None and data.grid_cell_id is not None:
        cell = _live(session, GridCell, place.grid_cell_id)
        if not isinstance(cell, GridCell) or cell.community_code != community:
            problems.append(error("grid_cell.unknown", "所选网格不存在或不属于本社区；请重新选择。", "grid_cell_id"))
    reporter_id, reporter_name, reporter_phone = _reporter(session, data, problems)
    if data.visit_id and _live(session, Visit, data.visit_id) is None:
        problems.append(error("visit.unknown", "找不到关联的走访记录。", "visit_id"))
    title = (data.title or "").strip()
    if len(title) > TITLE_MAX:
        problems.append(error("title.too_long", f"标题最多 {TITLE_MAX} 个字。", "title"))
    photos: list[CheckedPhoto] = []
    for path in data.photos:
        try:
            photos.append((store or PhotoStore.for_session(session)).check(path))
        except ValidationFailed as refused:
            problems.extend(refused.problems)
    if problems or category is None or place is None:
        raise ValidationFailed(problems)
    if not title:
        title = f"{(place.address or '').replace(' ', '')}{category.name}"[:TITLE_MAX]
    return {
        "community_code": community, "category_code": category.code, "channel": data.channel, "title": title,
        "description": description, "urgency": urgency, "latitude": place.latitude, "longitude": place.longitude,
        "address": place.address, "building_id": place.building_id, "grid_cell_id": place.grid_cell_id,
        "reporter_resident_id": reporter_id, "reporter_name": reporter_name, "reporter_phone": reporter_phone,
        "visit_id": data.visit_id, "external_id": (data.external_id or "").strip() or None,
        "_category": category,
    }, photos


def log_request(session: Session, user: CurrentUser | None, data: RequestInput, *, now: datetime | None = None,
                photo_store: PhotoStore | None = None) -> str:
    """Check and log a new request; returns its id. user None: a request with no staff
    behind it (the kiosk, a 12345 work order). Raises ValidationFailed (every problem at
    once) or PermissionError. Flushes; the caller commits."""
    now = now or utcnow()
    if user is not None and not user.can(roles.REQUEST_HANDLE):
        raise PermissionError(NO_LOG_PERMISSION)
    store = photo_store if photo_store is not None or not data.photos else PhotoStore.for_session(session)
    values, photos = check_request(session, user, data, store)
    category = values.pop("_category")
    assert isinstance(category, Category)
    due = due_at_for(category, now)
    community = str(values["community_code"])
    request = changes.insert(session, ServiceRequest(
        ticket_no=next_ticket_no(session, community, now), stage=REPORTED, created_by_id=user.id if user else None,
        reported_at=now, due_at=due, due_at_original=due, **values,
    ))
    event = changes.insert(session, RequestEvent(
        request_id=request.id, action=REPORT, from_stage=None, to_stage=REPORTED,
        actor_id=user.id if user else None,
        actor_name=user.display_name if user else CHANNELS[data.channel], at=now,
    ))
    for photo in photos:
        assert store is not None
        attach_checked(session, store, photo, owner_type="request_event", owner_id=event.id)
    return request.id
