"""What the two fieldwork pages share (走访任务: VisitsPage; 巡查管理: PatrolsPage): the header
with its refresh button, the error and notice banners, the page column, reads on background
threads that are forgotten once done, and the subtitle (scope, overdue rule, as of).

Every text stays in the pages themselves (their translation contexts); this base only places
what they hand it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.ui.dialogs.fieldwork_save import read_in_background
from community_app.ui.fieldwork_style import PAGE_QSS
from community_app.ui.icons import icon
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.widgets.page_column import PageRow, banner_label, page_column
from community_app.ui.widgets.page_header import page_header
from community_app.ui.widgets.retranslating import RetranslatingWidget
from community_app.ui.workers import Job


class FieldworkPage(RetranslatingWidget):
    """Subclasses give _retranslate() and lay themselves out with _lay_out()."""

    loaded = Signal(int)
    load_failed = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(PAGE_QSS)
        self.user = user
        self.session_factory = session_factory
        self.as_of: datetime | None = None
        self._jobs: list[Job] = []
        self.title_label = named(QLabel(), "pageTitle")
        self.subtitle_label = named(QLabel(), "pageSubtitle")
        self.refresh_button = named(QPushButton(icon("refresh"), ""), "refreshButton")
        self.error_label = banner_label("errorBanner")
        self.notice_label = banner_label("pageNotice")

    def _lay_out(self, header_buttons: Sequence[QWidget], rows: Sequence[PageRow]) -> None:
        """Header (title, subtitle and header_buttons then the refresh button), the banners, rows."""
        header = page_header(self.title_label, self.subtitle_label, (*header_buttons, self.refresh_button))
        page_column(self, [header, self.error_label, self.notice_label, *rows])

    def _show_subtitle(self, scope: str, rule: str, as_of: str) -> None:
        """scope · rule · as_of (its %1 the read time), the last only once something was read."""
        parts = [scope, rule]
        if self.as_of is not None:
            parts.append(as_of.replace("%1", format_minutes(self.as_of)))
        self.subtitle_label.setText("　·　".join(parts))

    # reading -----------------------------------------------------------------------------------
    def _start(self, fn: Callable[[Session], Any], name: str) -> Job:
        self._jobs = [j for j in self._jobs if not j.done]
        job = read_in_background(self, name, self.session_factory, fn)
        self._jobs.append(job)
        return job

    def _busy(self, name: str) -> bool:
        return any(j.name == name and not j.done for j in self._jobs)

    def _read_failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.error_label.setText(message)
        self.error_label.show()
        self.load_failed.emit()
