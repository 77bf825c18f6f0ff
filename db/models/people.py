"""Residents (一人一档) and special-group tags."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, SyncedMixin
from db.search_keys import SEARCH_COLUMNS


class Resident(SyncedMixin, Base):
    __tablename__ = "resident"
    __table_args__ = (
        Index("ix_resident_name_birth", "name", "birth_date"),
        # partial, covering indexes for the counts every dashboard shows (fast at 200k residents)
        # (grid_cell_id, status and deleted_at too, migration 0010: the resident tally is made from
        # this index alone — SQLite 3.40 reads the table for columns named only in the condition)
        Index(
            "ix_resident_active_community", "community_code", "household_id", "grid_cell_id", "status", "deleted_at",
            sqlite_where=text("status = 'active' AND deleted_at IS NULL"),
            postgresql_where=text("status = 'active' AND deleted_at IS NULL"),
        ),
        Index(
            "ix_resident_active_cell", "grid_cell_id", "household_id",
            sqlite_where=text("status = 'active' AND deleted_at IS NULL"),
            postgresql_where=text("status = 'active' AND deleted_at IS NULL"),
        ),
        # a live resident's scope by id, index only: the indicators' visit rate (core.kpi_visits)
        # looks up each tagged resident's community (the dashboard's 待走访 reads the visit watch)
        Index(
            "ix_resident_active_id", "id", "community_code", "grid_cell_id",
            sqlite_where=text("status = 'active' AND deleted_at IS NULL"),
            postgresql_where=text("status = 'active' AND deleted_at IS NULL"),
        ),
        # the residents list: a community's residents of one status in pinyin order, index only
        Index(
            "ix_resident_listing", "community_code", "status", "search_sort",
            sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(64), nullable=False)
    sex: Mapped[str] = mapped_column(String(1), nullable=False)  # "M" / "F" (GB/T 2261.1: 1/2)
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)  # GB 11643
    id_type: Mapped[str] = mapped_column(String(16), default="resident_id", nullable=False)
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    ethnicity: Mapped[str | None] = mapped_column(String(16))
    # 户籍 registered / 流动 floating / 境外 overseas
    residence_type: Mapped[str] = mapped_column(String(16), default="registered", nullable=False)
    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"), index=True)
    # 户主 / 配偶 / 子女 / 父母 / 孙子女 / 其他 — GB/T 4761 style codes as strings
    relation_to_head: Mapped[str | None] = mapped_column(String(16))
    # active / moved_out / deceased — moving and death change status, never delete
    status: Mapped[str] = mapped_column(String(16), default="active", nullable=False, index=True)
    grid_cell_id: Mapped[str | None] = mapped_column(ForeignKey("grid_cell.id"), index=True)
    community_code: Mapped[str] = mapped_column(ForeignKey("division.code"), index=True, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    # derived by db.search_keys (names and numbers are indexed by the resident_fts table,
    # db.search_index); local to each device, never synced
    search_names: Mapped[str | None] = mapped_column(Text)
    search_numbers: Mapped[str | None] = mapped_column(Text)
    search_sort: Mapped[str | None] = mapped_column(Text)

    local_columns: ClassVar[frozenset[str]] = frozenset(SEARCH_COLUMNS)


class SpecialGroupTag(SyncedMixin, Base):
    """A tag such as 独居老人, 残疾人, 低保 — data, so a city can add its own."""

    __tablename__ = "special_group_tag"

    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    sensitive: Mapped[bool] = mapped_column(default=True, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)


class ResidentTag(SyncedMixin, Base):
    __tablename__ = "resident_tag"
    __table_args__ = (
        UniqueConstraint("resident_id", "tag_code"),
        # a tag's (live) residents, index only: the dashboard's visits-due count, and with the
        # tagging time the indicators' 走访完成率 (migration 0008)
        Index("ix_resident_tag_by_tag", "tag_code", "deleted_at", "resident_id", "created_at"),
    )

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True, nullable=False)
    tag_code: Mapped[str] = mapped_column(ForeignKey("special_group_tag.code"), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
