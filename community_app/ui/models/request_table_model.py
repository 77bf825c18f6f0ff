"""The requests list: rows of core.requests.list_requests, as they came (core sorts and
filters in SQL). The stage and deadline columns carry their code in CODE_ROLE for the
badge delegate; times are shown in Beijing time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from community_app.core.requests import SORT_DUE, SORT_REPORTED, RequestRow
from community_app.ui.i18n import QT_TRANSLATE_NOOP, stage_name
from community_app.ui.request_texts import (
    CHANNEL_NAMES,
    DEADLINE_SHORT,
    list_time,
    name_of,
    remaining_text,
    short_address,
    short_cell_name,
)
from community_app.ui.timefmt import format_minutes

Index = QModelIndex | QPersistentModelIndex
REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # stage / deadline state code of a badge column

# (key, header, the sort core.requests knows it by, or None)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("ticket_no", QT_TRANSLATE_NOOP("RequestTable", "诉求编号"), None),
    ("title", QT_TRANSLATE_NOOP("RequestTable", "标题"), None),
    ("category", QT_TRANSLATE_NOOP("RequestTable", "类别"), None),
    ("stage", QT_TRANSLATE_NOOP("RequestTable", "办理环节"), None),
    ("deadline", QT_TRANSLATE_NOOP("RequestTable", "时限状态"), None),
    ("due", QT_TRANSLATE_NOOP("RequestTable", "办理期限"), SORT_DUE),
    ("grid", QT_TRANSLATE_NOOP("RequestTable", "网格"), None),
    ("assignee", QT_TRANSLATE_NOOP("RequestTable", "承办人"), None),
    ("channel", QT_TRANSLATE_NOOP("RequestTable", "来源"), None),
    ("reported", QT_TRANSLATE_NOOP("RequestTable", "上报时间"), SORT_REPORTED),
)
COLUMN_KEYS = tuple(key for key, _h, _s in COLUMNS)
_URGENT = QColor("#C62828")
_MUTED = QColor("#7A899B")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RequestTable", text)


class RequestTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RequestRow] = []

    # contents -----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[RequestRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[RequestRow]) -> None:
        """The next page of the same list (加载更多): appended without a reset."""
        known = {r.id for r in self._rows}
        fresh = [r for r in rows if r.id not in known]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()

    def rows(self) -> list[RequestRow]:
        return list(self._rows)

    def row_at(self, row: int) -> RequestRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def request_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    @staticmethod
    def sort_key(column: int) -> str | None:
        return COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None

    @staticmethod
    def column_of(key: str) -> int:
        return COLUMN_KEYS.index(key)

    # Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return _tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == REQUEST_ID_ROLE:
            return row.id
        if role == CODE_ROLE:
            return row.stage if key == "stage" else row.deadline.state if key == "deadline" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "title" and row.urgency == "urgent":
                return _URGENT
            if key in ("due", "assignee", "grid") and not self.text(row, key):
                return _MUTED
        return None

    def text(self, row: RequestRow, key: str) -> str:
        if key == "ticket_no":
            return row.ticket_no
        if key == "title":
            if row.urgency == "urgent":
                return QCoreApplication.translate("RequestTable", "【急】") + row.title
            return row.title
        if key == "category":
            return row.category_name
        if key == "stage":
            return stage_name(row.stage)
        if key == "deadline":
            return name_of(DEADLINE_SHORT, row.deadline.state, row.deadline.name)
        if key == "due":
            return list_time(row.due_at)
        if key == "grid":
            return short_cell_name(row.grid_cell_name)
        if key == "assignee":
            return row.assignee_name or ""
        if key == "channel":
            return name_of(CHANNEL_NAMES, row.channel, row.channel_name)
        if key == "reported":
            return list_time(row.reported_at)
        raise KeyError(key)

    def _tooltip(self, row: RequestRow, key: str) -> str | None:
        if key == "title":
            urgent = QCoreApplication.translate("RequestTable", "紧急诉求") + "\n" if row.urgency == "urgent" else ""
            return f"{urgent}{row.title}\n{short_address(row.address)}".strip()
        if key in ("due", "reported"):
            moment = row.due_at if key == "due" else row.reported_at
            if moment is None:
                return None
            return format_minutes(moment) + QCoreApplication.translate("RequestTable", "（北京时间）")
        if key == "deadline":
            return remaining_text(row.deadline) or None
        if key == "grid":
            return row.grid_cell_name
        return None
