"""What the two record pages share (诉求: RequestDetailPanel; 居民档案: ResidentDetailPanel):
a back button with a status line beside it, an error banner, and the cards in a column that
scrolls; reading the record and writing to it run as background jobs.

Every text stays in the pages themselves (their translation contexts)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.ui.widgets.named import named
from community_app.ui.widgets.page_column import PageRow, add_rows, banner_label
from community_app.ui.widgets.retranslating import RetranslatingWidget
from community_app.ui.workers import Job


class DetailPage(RetranslatingWidget):
    """Subclasses give _retranslate() and lay themselves out with _lay_out()."""

    back_requested = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._user = user
        self._factory = session_factory
        self._load_job: Job | None = None
        self._action_job: Job | None = None
        self.back_button = named(QPushButton(), "backButton")
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.clicked.connect(self.back_requested)
        self.status_label = named(QLabel(), "pageStatus")
        self.error_label = banner_label("errorBanner")

    def _lay_out(self, rows: Sequence[PageRow]) -> None:
        """Back button and status line, the error banner, then rows, in a scrolling column."""
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.status_label)
        body = QVBoxLayout()
        body.setContentsMargins(28, 16, 28, 22)
        body.setSpacing(14)
        add_rows(body, [top, self.error_label, *rows])
        body.addStretch(1)
        self.content = named(QWidget(), "pageContent")
        self.content.setLayout(body)
        self.scroll = named(QScrollArea(), "pageScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    @property
    def loading(self) -> bool:
        return self._load_job is not None and not self._load_job.done

    def _banner(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
