"""The pieces of the resident page: a card frame, a masked value with its 显示 button, the
household members table and the timeline. They only show values handed to them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from community_app.core.residents import HouseholdMember, TimelineEntry
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named

TIMELINE_FIRST = 30  # entries shown before 显示全部: a long history should not slow the page


class Card(QFrame):
    """A white card with a section title; body is the layout to fill."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("card", True)
        self.title = named(QLabel(), "cardSectionTitle")
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addLayout(self.body)
        layout.addStretch(1)  # a card taller than its content (beside a taller one) keeps it at the top


class PiiValue(QWidget):
    """A masked ID number or phone; 显示 asks for a reveal, 隐藏 masks it again (no audit needed)."""

    reveal_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value_label = named(QLabel(), name)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = named(QPushButton(), "revealButton")
        self.hide_button = named(QPushButton(), "revealButton")
        for button in (self.reveal_button, self.hide_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAutoDefault(False)
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.hide_button.clicked.connect(self.mask)
        self.note = named(QLabel(), "revealedNote")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.value_label)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.hide_button)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._masked = ""
        self._can_reveal = False
        self.revealed = False

    def set_texts(self, reveal: str, hide: str, note: str) -> None:
        self.reveal_button.setText(reveal)
        self.hide_button.setText(hide)
        self.note.setText(note)

    def set_masked(self, masked: str, *, can_reveal: bool, empty_text: str) -> None:
        self._masked = masked
        self._can_reveal = can_reveal and bool(masked)
        self.value_label.setText(masked or empty_text)
        set_flag(self.value_label, "empty", not masked)
        self.mask()

    def mask(self) -> None:
        self.revealed = False
        if self._masked:
            self.value_label.setText(self._masked)
        self.reveal_button.setVisible(self._can_reveal)
        self.hide_button.hide()
        self.note.hide()

    def show_full(self, value: str) -> None:
        self.revealed = True
        self.value_label.setText(value)
        self.reveal_button.hide()
        self.hide_button.show()
        self.note.show()


class MembersTable(QTableWidget):
    """The household, head first; the resident shown is marked. Double-click opens a member."""

    member_activated = Signal(str)
    COLUMNS = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.setObjectName("membersTable")
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.itemDoubleClicked.connect(self._activated)

    def set_headers(self, labels: list[str]) -> None:
        self.setHorizontalHeaderLabels(labels)

    def fill(self, members: tuple[HouseholdMember, ...], sex_names: dict[str, str], status_names: dict[str, str],
             self_text: str) -> None:
        self.setRowCount(len(members))
        for row, m in enumerate(members):
            name = f"{m.name}{self_text}" if m.is_self else m.name
            values = [name, m.relation_to_head or "", sex_names.get(m.sex, m.sex),
                      "" if m.age is None else str(m.age), m.id_number_masked, m.phone_masked,
                      status_names.get(m.status, m.status_name)]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.id)
                if m.is_self:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
        self.resizeRowsToContents()
        rows_height = sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(self.horizontalHeader().height() + rows_height + 2 * self.frameWidth())

    def _activated(self, item: QTableWidgetItem) -> None:
        self.member_activated.emit(str(item.data(Qt.ItemDataRole.UserRole)))


class TimelineView(QWidget):
    """Entries newest first: time, a kind badge, the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.more_button = named(QPushButton(), "revealButton")
        self.more_button.clicked.connect(self._show_all)
        self.empty_label = named(QLabel(), "emptyText")
        self._entries: tuple[TimelineEntry, ...] = ()
        self._kind_names: dict[str, str] = {}
        self.rows: list[QWidget] = []

    def fill(self, entries: tuple[TimelineEntry, ...], kind_names: dict[str, str], more_text: str,
             empty_text: str) -> None:
        self._entries, self._kind_names = entries, kind_names
        self.more_button.setText(more_text.replace("%1", str(len(entries))))
        self.empty_label.setText(empty_text)
        self._render(TIMELINE_FIRST)

    def texts(self) -> list[str]:
        """The entries on screen, as "kind text" lines (for tests and accessibility)."""
        return [f"{self._kind_names.get(e.kind, e.kind)} {e.text}" for e in self._entries[:len(self.rows)]]

    def _show_all(self) -> None:
        self._render(len(self._entries))

    def _render(self, limit: int) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.more_button, self.empty_label):
                widget.deleteLater()
        self.rows = [self._row(entry) for entry in self._entries[:limit]]
        for row in self.rows:
            self._layout.addWidget(row)
        self.empty_label.setVisible(not self._entries)
        self._layout.addWidget(self.empty_label)
        more = len(self._entries) > limit
        self.more_button.setVisible(more)
        if more:
            self._layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _row(self, entry: TimelineEntry) -> QWidget:
        row = named(QFrame(), "timelineRow")
        badge = named(QLabel(self._kind_names.get(entry.kind, entry.kind)), "timelineKind")
        badge.setProperty("kind", entry.kind)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        when = named(QLabel(format_minutes(entry.when)), "timelineTime")
        text = named(QLabel(entry.text), "timelineText")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(12)
        layout.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(text, 1)
        return row
