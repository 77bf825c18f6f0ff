"""Administrative divisions (GB/T 2260 district codes, 12-digit statistical codes)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, SyncedMixin


class Division(SyncedMixin, Base):
    """A province, city, district (6 digits), street 街道 (9) or community 社区 (12)."""

    __tablename__ = "division"

    code: Mapped[str] = mapped_column(String(12), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False)  # city/district/street/community
    parent_code: Mapped[str | None] = mapped_column(
        String(12), ForeignKey("division.code"), index=True
    )
