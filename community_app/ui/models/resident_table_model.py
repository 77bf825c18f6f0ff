"""The residents table: holds the ordered rowids of a query and fetches the rows it is
asked to paint, a block at a time (Anki's browser model). A street's 200,000 residents
cost a list of integers; scrolling fetches 200 masked rows in a few milliseconds.

Sorting and filtering happen in SQL (core.resident_query); the page runs the queries in
the background and hands the results here.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.resident_query import ResidentRow, resident_rows
from community_app.ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
RESIDENT_ID_ROLE = Qt.ItemDataRole.UserRole
BLOCK = 200  # rows fetched at once when the view scrolls onto rows not yet loaded
CACHE_ROWS = 6000  # rows kept; older blocks are dropped (their ids stay)

# (key, header, the sort core.resident_query knows it by, or None)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("name", QT_TRANSLATE_NOOP("ResidentTable", "姓名"), "name"),
    ("sex", QT_TRANSLATE_NOOP("ResidentTable", "性别"), None),
    ("age", QT_TRANSLATE_NOOP("ResidentTable", "年龄"), "age"),
    ("id_number", QT_TRANSLATE_NOOP("ResidentTable", "身份证号"), None),
    ("phone", QT_TRANSLATE_NOOP("ResidentTable", "联系电话"), None),
    ("address", QT_TRANSLATE_NOOP("ResidentTable", "住址"), "address"),
    ("grid", QT_TRANSLATE_NOOP("ResidentTable", "网格"), "grid"),
    ("tags", QT_TRANSLATE_NOOP("ResidentTable", "特殊人群"), None),
    ("status", QT_TRANSLATE_NOOP("ResidentTable", "状态"), "status"),
)
COLUMN_KEYS = tuple(key for key, _h, _s in COLUMNS)
SEX_NAMES = {"M": QT_TRANSLATE_NOOP("ResidentTable", "男"), "F": QT_TRANSLATE_NOOP("ResidentTable", "女")}
STATUS_NAMES = {
    "active": QT_TRANSLATE_NOOP("ResidentTable", "在册"),
    "moved_out": QT_TRANSLATE_NOOP("ResidentTable", "已迁出"),
    "deceased": QT_TRANSLATE_NOOP("ResidentTable", "已故"),
}
_MUTED = QColor("#8a94a6")
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.TextAlignmentRole, RESIDENT_ID_ROLE})
_CENTER = Qt.AlignmentFlag.AlignCenter
_CENTERED = frozenset(COLUMN_KEYS.index(k) for k in ("sex", "age"))
_WITH_TOOLTIP = frozenset(COLUMN_KEYS.index(k) for k in ("address", "tags"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResidentTable", text)


class ResidentTableModel(QAbstractTableModel):
    fetch_failed = Signal(object)  # the exception, when a block cannot be read

    def __init__(self, session_factory: sessionmaker[Session], parent: Any = None) -> None:
        super().__init__(parent)
        self._session_factory = session_factory
        self._ids: list[int] = []
        self._rows: OrderedDict[int, ResidentRow] = OrderedDict()
        self._text_cache: dict[int, tuple[str, ...]] = {}  # display texts of the rows kept

    # contents ---------------------------------------------------------------------------
    def set_rows(self, rowids: Sequence[int], rows: Sequence[ResidentRow]) -> None:
        """Show a new result: its rowids (maybe only the first page) and the rows fetched with them."""
        self.beginResetModel()
        self._ids = list(rowids)
        self._rows.clear()
        self._text_cache.clear()
        self._remember(rows)
        self.endResetModel()

    def extend_to(self, rowids: Sequence[int]) -> None:
        """The full id list of the result whose first page is shown: append the rest
        without a reset, so the view keeps its scroll position and selection."""
        have = len(self._ids)
        if len(rowids) >= have and list(rowids[:have]) == self._ids:
            if len(rowids) > have:
                self.beginInsertRows(QModelIndex(), have, len(rowids) - 1)
                self._ids.extend(rowids[have:])
                self.endInsertRows()
        else:  # the data changed between the two queries: show the newer list
            self.set_rows(rowids, [self._rows[r] for r in rowids if r in self._rows])

    def rowids(self) -> list[int]:
        return list(self._ids)

    def resident_id(self, row: int) -> str | None:
        found = self._row(row)
        return found.id if found else None

    def loaded_row_count(self) -> int:
        return len(self._rows)

    def _remember(self, rows: Sequence[ResidentRow]) -> None:
        for r in rows:
            self._rows[r.rowid] = r
            self._rows.move_to_end(r.rowid)
        while len(self._rows) > CACHE_ROWS:
            dropped, _row = self._rows.popitem(last=False)
            self._text_cache.pop(dropped, None)

    def _row(self, row: int) -> ResidentRow | None:
        if not 0 <= row < len(self._ids):
            return None
        rowid = self._ids[row]
        found = self._rows.get(rowid)
        if found is None:
            self._fetch_block(row)
            found = self._rows.get(rowid)
        return found

    def _fetch_block(self, row: int) -> None:
        """The block around row, read on this thread: a 200-row primary-key lookup takes a
        few milliseconds, less than a frame, and the view needs it to paint."""
        start = max(0, row - BLOCK // 4)
        wanted = [r for r in self._ids[start:start + BLOCK] if r not in self._rows]
        try:
            with self._session_factory() as session:
                self._remember(resident_rows(session, wanted))
        except Exception as exc:  # shown by the page: never a crash while painting
            log.exception("reading residents for the table failed")
            self.fetch_failed.emit(exc)

    # Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the delegate asks about a dozen roles per cell on every paint: answer the ones we
        # do not use before looking anything up
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if column in _CENTERED else None
        r = self._row(index.row())
        if r is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(r)[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if r.status == "active" else _MUTED
        if role == RESIDENT_ID_ROLE:
            return r.id
        return self._texts(r)[column] if column in _WITH_TOOLTIP else None  # ToolTipRole

    def _texts(self, r: ResidentRow) -> tuple[str, ...]:
        texts = self._text_cache.get(r.rowid)
        if texts is None:
            texts = self._text_cache[r.rowid] = tuple(self._display(r, key) for key in COLUMN_KEYS)
        return texts

    @staticmethod
    def _display(r: ResidentRow, key: str) -> str:
        if key == "name":
            return r.name
        if key == "sex":
            return _tr(SEX_NAMES[r.sex]) if r.sex in SEX_NAMES else ""
        if key == "age":
            return "" if r.age is None else str(r.age)
        if key == "id_number":
            return r.id_number_masked
        if key == "phone":
            return r.phone_masked
        if key == "address":
            return r.address
        if key == "grid":
            return r.grid_name
        if key == "tags":
            return r.tags
        return _tr(STATUS_NAMES.get(r.status, r.status))

    def sort_key(self, column: int) -> str | None:
        return COLUMNS[column][2]
