"""Table models of the place register: each holds a list of core's frozen dataclasses
(GridCellRow, BuildingRow, UnitRow, HouseholdRow) and words them through its columns.
The lists are small (a cell's buildings, a building's households), so they are held
whole; a QSortFilterProxyModel on SORT_ROLE sorts them (numbers as numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from community_app.core.places import BuildingRow, GridCellRow, HouseholdRow, UnitRow
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.place_texts import (
    GRID_KIND_NAMES,
    OCCUPANCY_NAMES,
    code_name,
    number,
)

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the dataclass itself
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
MUTED = QColor("#8A94A6")
DANGER = QColor("#C62828")
WARNING = QColor("#B86E00")
NONE = "—"
UNASSIGNED = QT_TRANSLATE_NOOP("PlaceTable", "未指定")
OUTSIDE_TIP = QT_TRANSLATE_NOOP("PlaceTable", "这栋楼的坐标不在任何网格内，请核对楼栋坐标或网格边界。")
UNIT_NUMBER = QT_TRANSLATE_NOOP("PlaceTable", "%1 单元")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlaceTable", text)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # marked with QT_TRANSLATE_NOOP("PlaceTable", …)
    text: Callable[[Any], str]
    sort: Callable[[Any], object] | None = None  # defaults to the text
    align: Qt.AlignmentFlag = LEFT
    alert: Callable[[Any], bool] | None = None  # red and bold when true
    warn: Callable[[Any], bool] | None = None  # amber when true
    muted: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str] | None = None


class RowTableModel(QAbstractTableModel):
    """A read-only table over a list of frozen dataclasses (row_of needs them to have an `id`)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Any] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, row_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        alert = column.alert is not None and column.alert(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if alert:
                return DANGER
            if column.warn is not None and column.warn(row):
                return WARNING
            return MUTED if column.muted is not None and column.muted(row) else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if alert else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.columns[section].header)
        return None


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


__all__ = ["BuildingRow", "Column", "GridCellRow", "HouseholdRow", "RowTableModel", "UnitRow", "building_model",
           "cell_model", "household_model", "unit_model"]
