"""Sync bookkeeping: the outbox of local mutations, pull cursors and conflicts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.ids import uuid7
from db.models.base import Base, UTCDateTime, utcnow


class OutboxEntry(Base):
    """A local change waiting to reach the city, written in the same transaction as the change."""

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # permanent and unique on the server, so a replay returns the first answer
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True, default=uuid7, nullable=False)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    op: Mapped[str] = mapped_column(String(8), nullable=False)  # insert / update / delete
    base_version: Mapped[int] = mapped_column(Integer, nullable=False)
    changes: Mapped[dict[str, object]] = mapped_column(JSON, nullable=False)
    # pending / sent / rejected (quarantined until fixed and re-queued)
    status: Mapped[str] = mapped_column(String(16), default="pending", nullable=False, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


class SyncCursor(Base):
    """Where the pull of one feed got to, as the server's sequence number."""

    __tablename__ = "sync_cursor"

    feed: Mapped[str] = mapped_column(String(64), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(64), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)


class SyncConflict(Base):
    """The server refused a mutation because the row changed there too; a supervisor decides."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    mutation_id: Mapped[str] = mapped_column(String(36), nullable=False)
    mine: Mapped[dict[str, object]] = mapped_column(JSON, nullable=False)
    theirs: Mapped[dict[str, object]] = mapped_column(JSON, nullable=False)
    server_version: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(16), default="open", nullable=False, index=True)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[str | None] = mapped_column(String(36))


class SyncDevice(Base):
    """This device's enrolment with the city API and how its syncs went: one row (id 1).

    The device token is NOT here: it lives in the OS keyring (community_app.sync.tokens)."""

    __tablename__ = "sync_device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    server_url: Mapped[str] = mapped_column(String(255), nullable=False)
    device_id: Mapped[str] = mapped_column(String(64), nullable=False)
    community_code: Mapped[str] = mapped_column(String(12), nullable=False)
    community_name: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), nullable=False)  # office / kiosk
    device_name: Mapped[str] = mapped_column(String(64), nullable=False)
    # the server's number for this device within its community (1, 2, …): part of every ticket
    # number made here, so two offline devices never make the same one
    device_no: Mapped[int | None] = mapped_column(Integer)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the last failed sync's stable code and plain-Chinese message; cleared by a successful sync
    last_error_code: Mapped[str | None] = mapped_column(String(32))
    last_error_message: Mapped[str | None] = mapped_column(Text)
