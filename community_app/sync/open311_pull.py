"""Bringing service requests from another Open311 server into the local request list.

Each remote request becomes a local service_request (channel "open311", the remote id kept in
external_id) with its first timeline entry, written through core.changes so the outbox carries
it to the city. Pulling again never duplicates: a request already here (same community,
channel and external id) is updated — description and place as the remote now gives them —
and a change of the remote's status is written to the timeline as a note; the local workflow
(accept, dispatch, close) stays with the people who work it (core.workflow moves stages).

What is not imported, and why, is reported: outside this community's grid cells, no location,
no category to file it under, or already closed remotely before we ever saw it. A request
whose id is a local request's own id (our own city API, pulled over Open311) is left alone.
Functions flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from community_app.core import changes
from community_app.core.cell_assignment import load_cells
from community_app.core.deadlines import due_at_for
from community_app.core.geo import NO_CELL, assign_points
from community_app.core.requests.intake import TITLE_MAX, next_ticket_no
from community_app.core.stages import REPORTED
from community_app.core.workflow_rules import NOTE, REPORT
from community_app.sync.errors import SyncError
from community_app.sync.open311_client import Open311Client, RemoteRequest, RemoteService
from db.models import Building, Category, RequestEvent, ServiceRequest, utcnow

CHANNEL: Final = "open311"
STATUS_NOTE: Final = "外部平台状态："
STATUS_NAMES: Final = {"open": "处理中", "closed": "已关闭"}
# reasons a remote request was not imported (stable codes) and what they mean
OUTSIDE, NO_LOCATION, NO_CATEGORY, CLOSED_UNSEEN = "outside", "no_location", "no_category", "closed_unseen"
REASONS: Final = {
    OUTSIDE: "位置不在本社区的任何网格内",
    NO_LOCATION: "没有经纬度，地址也对不上本社区的楼栋",
    NO_CATEGORY: "类别代码在本地没有对应类别，也未设置默认类别",
    CLOSED_UNSEEN: "导入前对方已关闭",
}


@dataclass(frozen=True)
class Skipped:
    service_request_id: str
    reason: str  # one of REASONS

    @property
    def message(self) -> str:
        return f"外部诉求 {self.service_request_id} 未导入：{REASONS[self.reason]}。"


@dataclass(frozen=True)
class PullResult:
    created: tuple[str, ...] = ()  # local request ids
    updated: tuple[str, ...] = ()
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        text = f"新增 {len(self.created)} 条，更新 {len(self.updated)} 条，无变化 {self.unchanged} 条"
        return text + (f"，未导入 {len(self.skipped)} 条" if self.skipped else "") + "。"


class _Places:
    """The community's grid cells and buildings, loaded once per pull."""

    def __init__(self, session: Session, community_code: str) -> None:
        self.session, self.community_code = session, community_code
        self.cells = load_cells(session, community_code)

    def cell(self, lng: float, lat: float) -> str | None:
        index = int(assign_points(self.cells.geometries, [lng], [lat])[0])
        return None if index == NO_CELL else self.cells.ids[index]

    def building(self, address: str) -> Building | None:
        """The building whose standard address is the longest one the remote address contains."""
        return self.session.scalar(
            select(Building).where(Building.community_code == self.community_code, Building.deleted_at.is_(None),
                                   func.length(Building.address) >= 4, literal(address).contains(Building.address))
            .order_by(func.length(Building.address).desc()).limit(1))


def _category(session: Session, remote: RemoteRequest, services: Mapping[str, RemoteService],
              fallback: str | None) -> Category | None:
    """A live, active 小类: by the remote code, else by the remote service name, else the fallback."""
    minors = select(Category).where(Category.deleted_at.is_(None), Category.active.is_(True),
                                    Category.parent_code.is_not(None))
    if remote.service_code:
        found = session.scalar(minors.where(Category.code == remote.service_code))
        if found is not None:
            return found
    name = remote.service_name or (services[remote.service_code].service_name
                                   if remote.service_code in services else None)
    if name:
        found = session.scalar(minors.where(Category.name == name).order_by(Category.sort_order).limit(1))
        if found is not None:
            return found
    return session.scalar(minors.where(Category.code == fallback)) if fallback else None


def _last_remote_status(session: Session, request_id: str) -> str:
    note = session.scalar(select(RequestEvent.note).where(
        RequestEvent.request_id == request_id, RequestEvent.action == NOTE,
        RequestEvent.note.like(f"{STATUS_NOTE}%"), RequestEvent.deleted_at.is_(None))
        .order_by(RequestEvent.at.desc(), RequestEvent.created_at.desc()).limit(1))
    if note is None:
        return "open"  # imported requests were open when they arrived
    return next((code for code, name in STATUS_NAMES.items() if note.startswith(STATUS_NOTE + name)), "open")


def _update(session: Session, row: ServiceRequest, remote: RemoteRequest, places: _Places, source: str,
            now: datetime) -> bool:
    new: dict[str, object] = {}
    if remote.description and remote.description != row.description:
        new["description"] = remote.description
    if remote.address and remote.address != row.address:
        new["address"] = remote.address
    if remote.lat is not None and remote.long is not None and (remote.lat, remote.long) != (row.latitude,
                                                                                             row.longitude):
        cell = places.cell(remote.long, remote.lat)
        if cell is not None:  # a remote move out of the community is not followed
            new.update(latitude=remote.lat, longitude=remote.long, grid_cell_id=cell)
    if new:
        changes.update(session, row, **new)
    status_changed = remote.status != _last_remote_status(session, row.id)
    if status_changed:
        extra = f"（{remote.status_notes}）" if remote.status_notes else ""
        changes.insert(session, RequestEvent(
            request_id=row.id, action=NOTE, actor_name=source[:64], at=remote.updated_datetime or now,
            note=f"{STATUS_NOTE}{STATUS_NAMES[remote.status]}{extra}"))
    return bool(new) or status_changed


def _insert(session: Session, remote: RemoteRequest, category: Category, place: tuple[str | None, float | None,
            float | None, str | None], community_code: str, source: str, now: datetime) -> str:
    building_id, lat, lng, cell = place
    reported = remote.requested_datetime or now
    due = remote.expected_datetime or due_at_for(category, reported)
    address = remote.address
    request = changes.insert(session, ServiceRequest(
        ticket_no=next_ticket_no(session, community_code, now), community_code=community_code,
        category_code=category.code, channel=CHANNEL,
        title=f"{(address or '').replace(' ', '')}{category.name}"[:TITLE_MAX],
        description=remote.description or remote.service_name or category.name, stage=REPORTED,
        urgency=category.urgency, latitude=lat, longitude=lng, address=address, building_id=building_id,
        grid_cell_id=cell, reported_at=reported, due_at=due, due_at_original=due,
        external_id=remote.service_request_id[:64]))
    changes.insert(session, RequestEvent(request_id=request.id, action=REPORT, to_stage=REPORTED,
                                         actor_name=source[:64], at=reported))
    return request.id


def import_requests(session: Session, remote: Iterable[RemoteRequest], *, community_code: str, source: str,
                    services: Mapping[str, RemoteService] | None = None, fallback_category: str | None = None,
                    now: datetime | None = None) -> PullResult:
    """Create or update local requests from remote ones (see the module doc). Flushes."""
    now, services = now or utcnow(), services or {}
    places = _Places(session, community_code)
    created: list[str] = []
    updated: list[str] = []
    unchanged = 0
    skipped: list[Skipped] = []
    for r in remote:
        existing = session.scalar(select(ServiceRequest).where(
            ServiceRequest.community_code == community_code, ServiceRequest.channel == CHANNEL,
            ServiceRequest.external_id == r.service_request_id[:64], ServiceRequest.deleted_at.is_(None)))
        if existing is not None:
            if _update(session, existing, r, places, source, now):
                updated.append(existing.id)
            else:
                unchanged += 1
            continue
        if session.get(ServiceRequest, r.service_request_id) is not None:
            unchanged += 1  # our own city API's request: it is here through sync already
            continue
        if r.status == "closed":
            skipped.append(Skipped(r.service_request_id, CLOSED_UNSEEN))
            continue
        place: tuple[str | None, float | None, float | None, str | None] | None = None
        if r.lat is not None and r.long is not None:
            cell = places.cell(r.long, r.lat)
            place = (None, r.lat, r.long, cell) if cell is not None else None
            if place is None:
                skipped.append(Skipped(r.service_request_id, OUTSIDE))
                continue
        elif r.address and (building := places.building(r.address)) is not None:
            place = (building.id, building.latitude, building.longitude, building.grid_cell_id)
        if place is None:
            skipped.append(Skipped(r.service_request_id, NO_LOCATION))
            continue
        category = _category(session, r, services, fallback_category)
        if category is None:
            skipped.append(Skipped(r.service_request_id, NO_CATEGORY))
            continue
        created.append(_insert(session, r, category, place, community_code, source, now))
    return PullResult(tuple(created), tuple(updated), unchanged, tuple(skipped))


def pull_open311(session: Session, client: Open311Client, *, community_code: str, source: str | None = None,
                 fallback_category: str | None = None, start: datetime | None = None,
                 end: datetime | None = None) -> PullResult:
    """Fetch the period's requests (default: the server's default, the last 90 days) and import them.
    Raises SyncError (nothing written) when the server cannot be read. Flushes; the caller commits."""
    try:
        services = {s.service_code: s for s in client.services()}
    except SyncError:  # the list only helps match names; the requests are what matter
        services = {}
    remote = list(client.all_requests(start=start, end=end))
    return import_requests(session, remote, community_code=community_code, source=source or
                           f"Open311：{client.base_url.split('//')[-1].split('/')[0]}", services=services,
                           fallback_category=fallback_category)
