"""Open311's own tables on the city API's Base (one metadata, one Alembic history):
the api_keys of outside systems allowed to POST requests, and every request received, which
gives each a city-wide ticket number and the token a client can trade for its id."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from city_api.models import Base, UTCDateTime, utcnow


class Open311ApiKey(Base):
    """An outside system (a 12345 hotline platform, a resident app) that may create requests.
    Only the sha256 of the key is kept; the key itself is shown once when it is made."""

    __tablename__ = "open311_api_key"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Open311Submission(Base):
    """One request received by POST requests: its token, the record it became, and who sent it.
    The autoincrement number makes the ticket number (O311-YYYYMMDD-000042) unique city-wide
    without a race between two communities' transactions."""

    __tablename__ = "open311_submission"

    number: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
                                        autoincrement=True)
    token: Mapped[str] = mapped_column(String(43), unique=True, nullable=False)
    service_request_id: Mapped[str] = mapped_column(String(36), index=True, nullable=False)
    community_code: Mapped[str] = mapped_column(ForeignKey("community.code"), nullable=False)
    api_key_id: Mapped[str] = mapped_column(ForeignKey("open311_api_key.id"), index=True, nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
