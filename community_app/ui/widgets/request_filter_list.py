"""The left-hand list of the requests page: named lists (我的诉求, 即将超期, 已超期 …), the
stages and the grid cells, each with how many requests it holds. A section title is not
selectable; choosing an entry emits chosen(key)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from community_app.ui.models.column_table import DANGER, WARNING

KEY_ROLE = Qt.ItemDataRole.UserRole
_COUNT = QColor("#5B6B7F")


@dataclass(frozen=True)
class FilterEntry:
    key: str
    label: str
    tooltip: str = ""
    tone: str = ""  # "alert" / "warn": the count is coloured when it is not zero


@dataclass(frozen=True)
class FilterSection:
    title: str
    entries: tuple[FilterEntry, ...]


class RequestFilterList(QTreeWidget):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestFilters")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._tones: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self.currentItemChanged.connect(self._changed)

    def set_sections(self, sections: list[FilterSection], current: str | None) -> None:
        """Rebuild the list (a new language, new grid cells); counts already known stay."""
        self.blockSignals(True)
        self.clear()
        self._items.clear()
        self._tones.clear()
        for section in sections:
            head = QTreeWidgetItem([section.title, ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(self.font())
            font.setBold(True)
            font.setPointSizeF(max(font.pointSizeF() - 0.5, 8))
            head.setFont(0, font)
            head.setForeground(0, QBrush(QColor("#5B6B7F")))
            head.setData(0, KEY_ROLE, None)
            head.setSizeHint(0, QSize(-1, 36))
            self.addTopLevelItem(head)
            for entry in section.entries:
                item = QTreeWidgetItem(head, [entry.label, ""])
                item.setData(0, KEY_ROLE, entry.key)
                item.setToolTip(0, entry.tooltip or entry.label)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._items[entry.key] = item
                self._tones[entry.key] = entry.tone
            head.setExpanded(True)
        self.set_counts(self._counts)
        if current in self._items:
            self.setCurrentItem(self._items[current])
        self.blockSignals(False)

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        for key, item in self._items.items():
            count = counts.get(key)
            item.setText(1, "" if count is None else f"{count:,}")
            tone = self._tones.get(key, "")
            colour = DANGER if tone == "alert" and count else WARNING if tone == "warn" and count else _COUNT
            item.setForeground(1, QBrush(colour))

    def select(self, key: str) -> bool:
        """Show `key` as the current entry without emitting chosen(); False if there is none."""
        item = self._items.get(key)
        self.blockSignals(True)
        if item is None:
            self.clearSelection()
            self.setCurrentItem(None)  # type: ignore[arg-type]
        else:
            self.setCurrentItem(item)
        self.blockSignals(False)
        return item is not None

    def keys(self) -> list[str]:
        return list(self._items)

    def label(self, key: str) -> str:
        item = self._items.get(key)
        return item.text(0) if item is not None else ""

    def count_text(self, key: str) -> str:
        item = self._items.get(key)
        return item.text(1) if item is not None else ""

    def _changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else None
        if key:
            self.chosen.emit(str(key))
