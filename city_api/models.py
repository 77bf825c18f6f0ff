"""The city hub's own tables (not the device's db.models): communities, enrolled devices,
one-time enrolment codes, the records every device syncs, the permanent mutation log and
photo blobs. See /work/notes/sync-protocol.md for what each column means on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# the same naming convention and UTC type as the device's database: one rule for times everywhere
from db.models.base import NAMING_CONVENTION, UTCDateTime, utcnow

# JSONB on PostgreSQL: smaller, and data->>'field' filters (Open311) can use it directly.
JSONDoc = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSONDoc}


class Community(Base):
    __tablename__ = "community"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)  # 12-digit statistical code
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    district_code: Mapped[str] = mapped_column(String(12), nullable=False)
    street_code: Mapped[str] = mapped_column(String(12), nullable=False)
    # the community's sequence: every record change takes last_seq + 1 under this row's lock
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0", nullable=False)


class Device(Base):
    __tablename__ = "device"
    __table_args__ = (UniqueConstraint("community_code", "device_no"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    community_code: Mapped[str] = mapped_column(ForeignKey("community.code"), index=True, nullable=False)
    # 1, 2, 3 … in order of enrolment within the community: part of ticket numbers made offline
    device_no: Mapped[int] = mapped_column(Integer, nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)  # office | kiosk
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)  # sha256 hex
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class EnrolmentCode(Base):
    __tablename__ = "enrolment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    community_code: Mapped[str] = mapped_column(ForeignKey("community.code"), index=True, nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str | None] = mapped_column(String(100))  # a suggested device name from the admin
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("device.id"))


class Record(Base):
    """The city's copy of one synced row of one community, in its latest state."""

    __tablename__ = "record"
    __table_args__ = (Index("ix_record_community_seq", "community_code", "seq", unique=True),)

    community_code: Mapped[str] = mapped_column(ForeignKey("community.code"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    field_versions: Mapped[dict[str, Any]] = mapped_column(nullable=False)  # {column: version it last changed at}
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)  # server time
    # server-internal: which device first pushed it (a kiosk sees only its own tickets)
    created_by_device: Mapped[str | None] = mapped_column(String(36))


class Mutation(Base):
    """Every mutation id ever received, with the answer given: a replay gets the same answer."""

    __tablename__ = "mutation"

    mutation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True, nullable=False)
    community_code: Mapped[str] = mapped_column(String(12), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(nullable=False)


class Blob(Base):
    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    content_type: Mapped[str] = mapped_column(String(64), nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


def load_all_models() -> None:
    """Import the other model modules on this Base (Open311's) so metadata is complete."""
    try:
        import city_api.open311.models  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name not in ("city_api.open311", "city_api.open311.models"):
            raise
