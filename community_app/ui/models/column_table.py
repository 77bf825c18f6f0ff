"""A read-only table model over a list of frozen dataclasses, worded column by column: what
the place register's tables and the supervisor's indicator tables share. The lists are small
(a cell's buildings, a community's grid cells), so they are held whole and a
QSortFilterProxyModel sorts them on SORT_ROLE (numbers as numbers).

Light on purpose (Qt only): the indicator tables are on the start-up path and must not bring
in the place register (and shapely) with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
MUTED = QColor("#8A94A6")
DANGER = QColor("#C62828")
WARNING = QColor("#B86E00")


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # marked for translation (QT_TRANSLATE_NOOP) in the model's context
    text: Callable[[Any], str]
    sort: Callable[[Any], object] | None = None  # defaults to the text
    align: Qt.AlignmentFlag = LEFT
    alert: Callable[[Any], bool] | None = None  # red and bold when true
    warn: Callable[[Any], bool] | None = None  # amber when true
    muted: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str] | None = None


class ColumnTableModel(QAbstractTableModel):
    """A read-only table over a list of frozen dataclasses (row_of needs them to have an `id`).
    Headers are translated in `context`; align_headers: headers take their column's alignment."""

    def __init__(self, columns: Sequence[Column], context: str, parent: Any = None, *,
                 align_headers: bool = False) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.context = context
        self._align_headers = align_headers
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
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.context, self.columns[section].header)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._align_headers:
            return int(self.columns[section].align)
        return None
