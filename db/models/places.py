"""Places after 一标三实: grid cell → standard address / building → unit → household (room).

Geometry is WGS-84. Grid-cell polygons are GeoJSON text; points are latitude/longitude.
"""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, SyncedMixin


class GridCell(SyncedMixin, Base):
    __tablename__ = "grid_cell"

    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    # 基础网格 (residential), 专属网格 (school, hospital, mall…), 综合网格
    kind: Mapped[str] = mapped_column(String(16), default="basic", nullable=False)
    community_code: Mapped[str] = mapped_column(ForeignKey("division.code"), index=True, nullable=False)
    geometry_geojson: Mapped[str] = mapped_column(Text, nullable=False)  # GeoJSON Polygon, WGS-84
    responsible_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)


class Building(SyncedMixin, Base):
    """A building and its standard address (标准地址)."""

    __tablename__ = "building"

    community_code: Mapped[str] = mapped_column(ForeignKey("division.code"), index=True, nullable=False)
    grid_cell_id: Mapped[str | None] = mapped_column(ForeignKey("grid_cell.id"), index=True)
    name: Mapped[str] = mapped_column(String(64), nullable=False)  # e.g. 6号楼
    address: Mapped[str] = mapped_column(String(200), nullable=False)  # 标准地址
    road: Mapped[str | None] = mapped_column(String(64))
    house_number: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16), default="residential", nullable=False)
    floors: Mapped[int | None] = mapped_column(Integer)
    built_year: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float] = mapped_column(Float, nullable=False)
    longitude: Mapped[float] = mapped_column(Float, nullable=False)


class Unit(SyncedMixin, Base):
    """A stairwell/entrance (单元) of a building."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("building_id", "number"),)

    building_id: Mapped[str] = mapped_column(ForeignKey("building.id"), index=True, nullable=False)
    number: Mapped[str] = mapped_column(String(16), nullable=False)  # "1" → 1单元


class Household(SyncedMixin, Base):
    """A dwelling (房屋) and the household (户) living in it."""

    __tablename__ = "household"

    building_id: Mapped[str] = mapped_column(ForeignKey("building.id"), index=True, nullable=False)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"), index=True)
    room: Mapped[str] = mapped_column(String(16), nullable=False)  # 房号, e.g. "502"
    # 自住 / 出租 / 空置 / 商用
    occupancy: Mapped[str] = mapped_column(String(16), default="owner", nullable=False)
    area_m2: Mapped[float | None] = mapped_column(Float)
    head_resident_id: Mapped[str | None] = mapped_column(
        ForeignKey("resident.id", use_alter=True), index=True
    )
    grid_cell_id: Mapped[str | None] = mapped_column(ForeignKey("grid_cell.id"), index=True)
