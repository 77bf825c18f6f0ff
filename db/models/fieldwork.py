"""Field work: special-group visits (走访) and patrols (巡查)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, SyncedMixin, UTCDateTime


class VisitRule(SyncedMixin, Base):
    """How often residents with a tag must be visited (e.g. 独居老人 every 7 days)."""

    __tablename__ = "visit_rule"

    tag_code: Mapped[str] = mapped_column(
        ForeignKey("special_group_tag.code"), unique=True, nullable=False
    )
    interval_days: Mapped[int] = mapped_column(Integer, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class Visit(SyncedMixin, Base):
    __tablename__ = "visit"
    # covers "latest live visit of a resident" as a single index probe
    __table_args__ = (Index("ix_visit_resident_live", "resident_id", "deleted_at", "visited_at"),)

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), nullable=False)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_user.id"), index=True, nullable=False)
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    method: Mapped[str] = mapped_column(String(16), default="home", nullable=False)  # home/phone/video
    # ok / concern / not_home
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    needs_followup: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    followup_request_id: Mapped[str | None] = mapped_column(ForeignKey("service_request.id"))


class PatrolPlan(SyncedMixin, Base):
    __tablename__ = "patrol_plan"

    grid_cell_id: Mapped[str] = mapped_column(ForeignKey("grid_cell.id"), index=True, nullable=False)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    frequency_days: Mapped[int] = mapped_column(Integer, nullable=False)
    checklist: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)


class PatrolRound(SyncedMixin, Base):
    __tablename__ = "patrol_round"

    plan_id: Mapped[str] = mapped_column(ForeignKey("patrol_plan.id"), index=True, nullable=False)
    grid_cell_id: Mapped[str] = mapped_column(ForeignKey("grid_cell.id"), index=True, nullable=False)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_user.id"), index=True, nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str | None] = mapped_column(Text)


class PatrolRoundItem(SyncedMixin, Base):
    __tablename__ = "patrol_round_item"

    round_id: Mapped[str] = mapped_column(ForeignKey("patrol_round.id"), index=True, nullable=False)
    item: Mapped[str] = mapped_column(String(120), nullable=False)
    result: Mapped[str] = mapped_column(String(16), nullable=False)  # ok / problem
    note: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(ForeignKey("service_request.id"))
