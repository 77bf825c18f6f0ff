"""Service requests (诉求/事件), their categories, timeline and attachments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, SyncedMixin, UTCDateTime
from db.sql_conditions import OPEN_REQUESTS


class Category(SyncedMixin, Base):
    """大类/小类 as data: a major category has no parent; a minor one points to its major."""

    __tablename__ = "category"

    code: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("category.code"), index=True)
    group: Mapped[str] = mapped_column(String(16), default="event", nullable=False)  # event/component/service
    time_limit: Mapped[int | None] = mapped_column(Integer)  # handling limit, in time_limit_unit
    time_limit_unit: Mapped[str] = mapped_column(String(16), default="work_hours", nullable=False)
    urgency: Mapped[str] = mapped_column(String(16), default="normal", nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


class ServiceRequest(SyncedMixin, Base):
    __tablename__ = "service_request"
    __table_args__ = (
        Index("ix_service_request_stage_due", "stage", "due_at"),
        # the open requests alone, index only: the dashboard's counts by stage, overdue and due
        # soon (<1 ms at a street's size). Its condition is
        # db.sql_conditions', which the queries repeat: SQLite needs them alike.
        Index(
            "ix_service_request_open", "community_code", "stage", "due_at", "grid_cell_id", "paused_since",
            sqlite_where=text(OPEN_REQUESTS), postgresql_where=text(OPEN_REQUESTS),
        ),
        # a period's requests by report or closing time, with what the indicators count (core.kpis)
        # so their rows need not be read (migration 0008)
        Index("ix_service_request_reported_at", "reported_at", "deleted_at", "grid_cell_id", "assignee_id",
              "accepted_at", "stage", "closed_at", "category_code"),
        Index("ix_service_request_closed_at", "closed_at", "deleted_at", "stage", "grid_cell_id", "assignee_id",
              "closed_on_time", "rework_count", "due_at"),
        # a reviewed request's counts by its id: the 回访 found in the timeline (core.kpi_requests.reviewed_in)
        Index("ix_service_request_review_counts", "id", "deleted_at", "satisfaction", "grid_cell_id", "assignee_id"),
    )

    ticket_no: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    community_code: Mapped[str] = mapped_column(ForeignKey("division.code"), index=True, nullable=False)
    category_code: Mapped[str] = mapped_column(ForeignKey("category.code"), index=True, nullable=False)
    # walk_in / phone / patrol / visit / kiosk / hotline_12345 / open311
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    title: Mapped[str] = mapped_column(String(120), nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    # workflow stage code; the state machine lives in community_app.core
    stage: Mapped[str] = mapped_column(String(24), nullable=False, index=True)
    urgency: Mapped[str] = mapped_column(String(16), default="normal", nullable=False)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(200))
    building_id: Mapped[str | None] = mapped_column(ForeignKey("building.id"), index=True)
    grid_cell_id: Mapped[str | None] = mapped_column(ForeignKey("grid_cell.id"), index=True)
    reporter_resident_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    reporter_name: Mapped[str | None] = mapped_column(String(64))
    reporter_phone: Mapped[str | None] = mapped_column(String(20))
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_on_time: Mapped[bool | None] = mapped_column(Boolean)
    rework_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # 1..5 from the return visit (回访)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("service_request.id"), index=True)
    # the deadline clock is paused while an extension or return is pending
    paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # what the paused clock waits for: "extension" (延期 asked, a supervisor decides) or
    # "send_back" (退回 by the handler, waiting to be dispatched again); None when running
    pending_action: Mapped[str | None] = mapped_column(String(16))
    extension_hours_requested: Mapped[int | None] = mapped_column(Integer)  # working hours asked for
    # the deadline as first set from the category; due_at is the effective one (moved by pauses
    # and approved extensions). NULL on rows made before it existed: then due_at was never moved.
    due_at_original: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalation_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)  # 督办
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id", use_alter=True))
    external_id: Mapped[str | None] = mapped_column(String(64), index=True)  # e.g. Open311 id


class RequestEvent(SyncedMixin, Base):
    """One append-only timeline entry: a workflow transition or a note."""

    __tablename__ = "request_event"
    # a period's 回访 (review events) as an index range: satisfaction counts by the review's own time,
    # the request ids read from the index alone (migration 0008)
    __table_args__ = (Index("ix_request_event_action_at", "action", "at", "deleted_at", "request_id"),)

    request_id: Mapped[str] = mapped_column(ForeignKey("service_request.id"), index=True, nullable=False)
    action: Mapped[str] = mapped_column(String(24), nullable=False)
    from_stage: Mapped[str | None] = mapped_column(String(24))
    to_stage: Mapped[str | None] = mapped_column(String(24))
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    actor_name: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    target_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    target_request_id: Mapped[str | None] = mapped_column(ForeignKey("service_request.id"))  # 并单: merged into
    extension_hours: Mapped[int | None] = mapped_column(Integer)  # 延期: working hours asked for / granted


class Attachment(SyncedMixin, Base):
    """A photo or file, stored content-addressed (sha256) beside the database."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_type", "owner_id"),)

    owner_type: Mapped[str] = mapped_column(String(32), nullable=False)  # request/request_event/visit/…
    owner_id: Mapped[str] = mapped_column(String(36), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    mime_type: Mapped[str] = mapped_column(String(64), nullable=False)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    caption: Mapped[str | None] = mapped_column(String(200))
