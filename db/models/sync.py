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
