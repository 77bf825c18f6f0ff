"""One request's page: its fields, deadline, photos and the timeline, oldest first (the
timeline reads as the story of the case: 上报 → 受理 → …; a view may reverse it).

The reporter's phone is masked (138****5678); nothing here reveals it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.attachments import PhotoInfo, PhotoStore, photos_for
from community_app.core.auth import CurrentUser
from community_app.core.deadlines import DeadlineStatus, deadline_status
from community_app.core.masking import mask_phone
from community_app.core.requests.intake import CHANNELS, URGENCIES
from community_app.core.stages import STAGE_NAMES
from community_app.core.workflow import ActionInfo, allowed_actions
from community_app.core.workflow_rules import ACTION_NAMES
from db.models import Building, Category, GridCell, RequestEvent, ServiceRequest, StaffUser, utcnow

VIEW_PERMISSIONS = (roles.REQUEST_HANDLE, roles.REQUEST_DISPATCH, roles.REQUEST_VERIFY, roles.REPORT_VIEW)


class RequestNotFound(LookupError):  # noqa: N818 — reads as what happened
    def __init__(self) -> None:
        super().__init__("找不到该诉求（可能已被删除）；请刷新列表后重试。")


@dataclass(frozen=True)
class TimelineEvent:
    id: str
    action: str
    action_name: str
    from_stage: str | None  # None when the stage did not change (note, escalate, extensions)
    to_stage: str | None
    actor_name: str
    at: datetime
    note: str | None
    target_staff_name: str | None  # dispatch / reassign
    target_request_id: str | None  # merge
    target_ticket_no: str | None
    extension_hours: int | None  # asked for / granted
    photos: tuple[PhotoInfo, ...]


@dataclass(frozen=True)
class RequestDetail:
    id: str
    ticket_no: str
    title: str
    description: str
    category_code: str
    category_name: str
    major_category_name: str
    channel: str
    channel_name: str
    stage: str
    stage_name: str
    urgency: str
    urgency_name: str
    address: str | None
    latitude: float | None
    longitude: float | None
    building_id: str | None
    building_name: str | None
    grid_cell_id: str | None
    grid_cell_name: str | None
    reporter_resident_id: str | None
    reporter_name: str | None
    reporter_phone_masked: str
    created_by_name: str | None
    assignee_id: str | None
    assignee_name: str | None
    reported_at: datetime
    accepted_at: datetime | None
    due_at: datetime | None  # the effective deadline
    due_at_original: datetime | None  # as first set from the category
    closed_at: datetime | None
    closed_on_time: bool | None
    rework_count: int
    satisfaction: int | None
    escalation_count: int
    pending_action: str | None
    extension_hours_requested: int | None
    paused_since: datetime | None
    merged_into_id: str | None
    merged_into_ticket_no: str | None
    merged_here: tuple[tuple[str, str], ...]  # (id, ticket_no) of requests merged into this one
    visit_id: str | None
    external_id: str | None
    deadline: DeadlineStatus
    timeline: tuple[TimelineEvent, ...]  # oldest first
    actions: tuple[ActionInfo, ...]  # what this user may do now

    @property
    def photos(self) -> tuple[PhotoInfo, ...]:
        return tuple(p for e in self.timeline for p in e.photos)


def _name(session: Session, column: Any, key: Any, value: str | None) -> str | None:
    return session.scalar(select(column).where(key == value)) if value is not None else None


def request_detail(session: Session, user: CurrentUser, request_id: str, *, now: datetime | None = None,
                   photo_store: PhotoStore | None = None) -> RequestDetail:
    """The request as its page shows it. RequestNotFound / PermissionError when it cannot be shown."""
    now = now or utcnow()
    if not any(user.can(p) for p in VIEW_PERMISSIONS):
        raise PermissionError("您没有查看诉求的权限。")
    r = session.get(ServiceRequest, request_id)
    if r is None or r.deleted_at is not None:
        raise RequestNotFound()
    if user.community_code not in (None, r.community_code):
        raise PermissionError("只能查看本社区的诉求。")
    category = session.scalar(select(Category).where(Category.code == r.category_code))
    major = session.scalar(select(Category.name).where(Category.code == category.parent_code)) \
        if category is not None and category.parent_code else None
    events = session.scalars(select(RequestEvent).where(
        RequestEvent.request_id == r.id, RequestEvent.deleted_at.is_(None)).order_by(RequestEvent.at, RequestEvent.id)
    ).all()
    photos = photos_for(session, "request_event", [e.id for e in events], photo_store)
    staff_ids = {e.target_staff_id for e in events} | {r.assignee_id, r.created_by_id}
    staff = dict(session.execute(select(StaffUser.id, StaffUser.display_name).where(
        StaffUser.id.in_([s for s in staff_ids if s]))).all())
    linked_ids = {e.target_request_id for e in events if e.target_request_id} | ({r.merged_into_id} - {None})
    tickets = dict(session.execute(select(ServiceRequest.id, ServiceRequest.ticket_no).where(
        ServiceRequest.id.in_(linked_ids))).all()) if linked_ids else {}
    merged_here = tuple(session.execute(select(ServiceRequest.id, ServiceRequest.ticket_no).where(
        ServiceRequest.merged_into_id == r.id, ServiceRequest.deleted_at.is_(None)
    ).order_by(ServiceRequest.reported_at)).all())
    timeline = tuple(TimelineEvent(
        e.id, e.action, ACTION_NAMES.get(e.action, e.action), e.from_stage, e.to_stage, e.actor_name or "", e.at,
        e.note, staff.get(e.target_staff_id) if e.target_staff_id else None, e.target_request_id,
        tickets.get(e.target_request_id) if e.target_request_id else None, e.extension_hours,
        tuple(photos.get(e.id, ())),
    ) for e in events)
    return RequestDetail(
        id=r.id, ticket_no=r.ticket_no, title=r.title, description=r.description, category_code=r.category_code,
        category_name=category.name if category else r.category_code, major_category_name=major or "",
        channel=r.channel, channel_name=CHANNELS.get(r.channel, r.channel), stage=r.stage,
        stage_name=STAGE_NAMES.get(r.stage, r.stage), urgency=r.urgency,
        urgency_name=URGENCIES.get(r.urgency, r.urgency),
        address=r.address, latitude=r.latitude, longitude=r.longitude, building_id=r.building_id,
        building_name=_name(session, Building.name, Building.id, r.building_id),
        grid_cell_id=r.grid_cell_id, grid_cell_name=_name(session, GridCell.name, GridCell.id, r.grid_cell_id),
        reporter_resident_id=r.reporter_resident_id, reporter_name=r.reporter_name,
        reporter_phone_masked=mask_phone(r.reporter_phone), created_by_name=staff.get(r.created_by_id or ""),
        assignee_id=r.assignee_id, assignee_name=staff.get(r.assignee_id or ""), reported_at=r.reported_at,
        accepted_at=r.accepted_at, due_at=r.due_at, due_at_original=r.due_at_original or r.due_at,
        closed_at=r.closed_at, closed_on_time=r.closed_on_time, rework_count=r.rework_count,
        satisfaction=r.satisfaction, escalation_count=r.escalation_count, pending_action=r.pending_action,
        extension_hours_requested=r.extension_hours_requested, paused_since=r.paused_since,
        merged_into_id=r.merged_into_id, merged_into_ticket_no=tickets.get(r.merged_into_id or ""),
        merged_here=merged_here, visit_id=r.visit_id, external_id=r.external_id,
        deadline=deadline_status(r.due_at, r.paused_since, r.paused_seconds, r.stage, now),
        timeline=timeline, actions=tuple(allowed_actions(session, user, r.id)),
    )

