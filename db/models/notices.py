"""Notices (通知公告) shown to staff and on the resident kiosk."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, SyncedMixin, UTCDateTime


class Notice(SyncedMixin, Base):
    __tablename__ = "notice"

    community_code: Mapped[str] = mapped_column(ForeignKey("division.code"), index=True, nullable=False)
    title: Mapped[str] = mapped_column(String(120), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    audience: Mapped[str] = mapped_column(String(16), default="all", nullable=False)  # all/staff/kiosk
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
