"""Table models of the place register: each holds a list of core's frozen dataclasses
(GridCellRow, BuildingRow, UnitRow, HouseholdRow) and words them through its columns.
The lists are small (a cell's buildings, a building's households), so they are held
whole; a QSortFilterProxyModel on SORT_ROLE sorts them (numbers as numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from community_app.core.places import BuildingRow, GridCellRow, HouseholdRow, UnitRow
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.models.column_table import CENTER, DANGER, RIGHT, SORT_ROLE, Column, ColumnTableModel, Index
from community_app.ui.place_texts import (
    GRID_KIND_NAMES,
    OCCUPANCY_NAMES,
    code_name,
    number,
)

ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the dataclass itself
NONE = "—"
UNASSIGNED = QT_TRANSLATE_NOOP("PlaceTable", "未指定")
OUTSIDE_TIP = QT_TRANSLATE_NOOP("PlaceTable", "这栋楼的坐标不在任何网格内，请核对楼栋坐标或网格边界。")
UNIT_NUMBER = QT_TRANSLATE_NOOP("PlaceTable", "%1 单元")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlaceTable", text)


class RowTableModel(ColumnTableModel):
    """A place table (headers in the "PlaceTable" context); ID_ROLE gives a row's id and
    ROW_ROLE the dataclass itself."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(columns, "PlaceTable", parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == ID_ROLE and index.isValid():
            return getattr(self.row_at(index.row()), "id", None)
        if role == ROW_ROLE and index.isValid():
            return self.row_at(index.row())
        return super().data(index, role)


def _count(value: int) -> str:
    return number(value)


def _optional(value: object) -> str:
    return NONE if value in (None, "") else str(value)


CELL_COLUMNS: tuple[Column, ...] = (
    Column("code", QT_TRANSLATE_NOOP("PlaceTable", "编码"), lambda c: c.code),
    Column("name", QT_TRANSLATE_NOOP("PlaceTable", "网格名称"), lambda c: c.name),
    Column("kind", QT_TRANSLATE_NOOP("PlaceTable", "类型"), lambda c: code_name(GRID_KIND_NAMES, c.kind)),
    Column("worker", QT_TRANSLATE_NOOP("PlaceTable", "网格员"),
           lambda c: c.responsible_name or _tr(UNASSIGNED), alert=lambda c: c.responsible_name is None),
    Column("buildings", QT_TRANSLATE_NOOP("PlaceTable", "楼栋"), lambda c: _count(c.building_count),
           sort=lambda c: c.building_count, align=RIGHT),
    Column("residents", QT_TRANSLATE_NOOP("PlaceTable", "居民"), lambda c: _count(c.resident_count),
           sort=lambda c: c.resident_count, align=RIGHT),
)


BUILDING_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("PlaceTable", "楼栋"), lambda b: b.name, alert=lambda b: b.outside,
           tooltip=lambda b: _tr(OUTSIDE_TIP) if b.outside else ""),
    Column("address", QT_TRANSLATE_NOOP("PlaceTable", "标准地址"), lambda b: b.address,
           tooltip=lambda b: b.address),
    Column("floors", QT_TRANSLATE_NOOP("PlaceTable", "层数"), lambda b: _optional(b.floors),
           sort=lambda b: b.floors or 0, align=RIGHT, muted=lambda b: b.floors is None),
    Column("households", QT_TRANSLATE_NOOP("PlaceTable", "户数"), lambda b: _count(b.household_count),
           sort=lambda b: b.household_count, align=RIGHT),
    Column("residents", QT_TRANSLATE_NOOP("PlaceTable", "居民"), lambda b: _count(b.resident_count),
           sort=lambda b: b.resident_count, align=RIGHT),
)

UNIT_COLUMNS: tuple[Column, ...] = (
    Column("number", QT_TRANSLATE_NOOP("PlaceTable", "单元"), lambda u: _tr(UNIT_NUMBER).replace("%1", u.number),
           sort=lambda u: (0, int(u.number), "") if u.number.isdigit() else (1, 0, u.number)),
    Column("households", QT_TRANSLATE_NOOP("PlaceTable", "户数"), lambda u: _count(u.household_count),
           sort=lambda u: u.household_count, align=RIGHT),
)


def _room_order(h: HouseholdRow) -> tuple[int, int, str]:
    return (0, int(h.room), "") if h.room.isdigit() else (1, 0, h.room)


HOUSEHOLD_COLUMNS: tuple[Column, ...] = (
    Column("unit", QT_TRANSLATE_NOOP("PlaceTable", "单元"), lambda h: _optional(h.unit_number),
           sort=lambda h: (int(h.unit_number) if (h.unit_number or "").isdigit() else 10**6, h.unit_number or "",
                           _room_order(h)),
           muted=lambda h: h.unit_number is None),
    Column("room", QT_TRANSLATE_NOOP("PlaceTable", "房号"), lambda h: h.room, sort=_room_order),
    Column("occupancy", QT_TRANSLATE_NOOP("PlaceTable", "居住情况"), lambda h: code_name(OCCUPANCY_NAMES, h.occupancy),
           muted=lambda h: h.occupancy == "vacant"),
    Column("area", QT_TRANSLATE_NOOP("PlaceTable", "面积（㎡）"),
           lambda h: NONE if h.area_m2 is None else number(h.area_m2, 1), sort=lambda h: h.area_m2 or 0.0,
           align=RIGHT, muted=lambda h: h.area_m2 is None),
    Column("head", QT_TRANSLATE_NOOP("PlaceTable", "户主"), lambda h: _optional(h.head_name),
           muted=lambda h: h.head_name is None),
    Column("residents", QT_TRANSLATE_NOOP("PlaceTable", "人数"), lambda h: _count(h.resident_count),
           sort=lambda h: h.resident_count, align=RIGHT),
)


def cell_model(parent: Any = None) -> RowTableModel:
    return RowTableModel(CELL_COLUMNS, parent)


def building_model(parent: Any = None) -> RowTableModel:
    return RowTableModel(BUILDING_COLUMNS, parent)


def unit_model(parent: Any = None) -> RowTableModel:
    return RowTableModel(UNIT_COLUMNS, parent)


def household_model(parent: Any = None) -> RowTableModel:
    return RowTableModel(HOUSEHOLD_COLUMNS, parent)


__all__ = ["CENTER", "DANGER", "RIGHT", "SORT_ROLE", "BuildingRow", "Column", "GridCellRow", "HouseholdRow",
           "RowTableModel", "UnitRow", "building_model", "cell_model", "household_model", "unit_model"]
