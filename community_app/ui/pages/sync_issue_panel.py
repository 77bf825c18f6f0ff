"""What the sync page's two to-do panels share (同步冲突: ConflictsPanel; 被退回的修改:
QuarantinePanel): the list of open items on the left, the chosen item's card on the right,
a centred line instead when there is nothing to do or the user may not do it, a red message
line over the card's buttons, and loading the items off the UI thread.

Only the shape lives here; every text stays in the panels (their translation contexts)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.ui.dialogs.fieldwork_save import read_in_background
from community_app.ui.widgets.named import named

KEY_ROLE = Qt.ItemDataRole.UserRole  # an item's key (see SyncIssuePanel.key_of) on its list row


class SyncIssuePanel(QFrame):
    """Subclasses set `job_name` and `fetch` (session → items), and give key_of, _retranslate,
    _show_list(keep) and _show_detail(item); only sync resolvers see the items."""

    count_changed = Signal(int)
    job_name = ""
    fetch: Callable[[Session], list[Any]]

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], *, name: str, list_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.user = user
        self.session_factory = session_factory
        self.allowed = user.can(roles.SYNC_RESOLVE)
        self.items: list[Any] = []
        self.current: Any = None
        self.loaded = False

        self.list = named(QListWidget(), list_name)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(self._on_current)
        self.empty_label = named(QLabel(), "emptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = named(QLabel(), "formError")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #C62828;")
        self.message_label.hide()

    def _lay_out(self, detail_name: str, body: Sequence[tuple[QWidget, int]], buttons: Sequence[QWidget]) -> None:
        """The card (body widgets with their stretch, the message line, the buttons on the right)
        beside the list in a splitter, under the empty line."""
        detail = named(QFrame(), detail_name)
        detail.setProperty("card", True)
        box = QVBoxLayout(detail)
        box.setContentsMargins(18, 14, 18, 14)
        for widget, stretch in body:
            box.addWidget(widget, stretch)
        box.addWidget(self.message_label)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            row.addWidget(button)
        box.addLayout(row)
        self.detail = detail
        self.splitter = QSplitter()
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.splitter, 1)

    def key_of(self, item: Any) -> Hashable:
        raise NotImplementedError

    def _retranslate(self) -> None:
        raise NotImplementedError

    def _show_list(self, keep: Any = None) -> None:
        raise NotImplementedError

    def _show_detail(self, item: Any) -> None:
        raise NotImplementedError

    def _current_key(self) -> Hashable | None:
        return self.key_of(self.current) if self.current is not None else None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._show_list(self._current_key())
        super().changeEvent(event)

    # loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.allowed:
            self._show_list()
            return
        job = read_in_background(self, self.job_name, self.session_factory, type(self).fetch)
        job.result.connect(self._loaded)

    def _loaded(self, items: list[Any]) -> None:
        keep = self._current_key()
        self.items = items
        self.loaded = True
        self._show_list(keep)
        self.count_changed.emit(len(items))

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        wanted = item.data(KEY_ROLE) if item is not None else None
        self._show_detail(next((i for i in self.items if self.key_of(i) == wanted), None))
