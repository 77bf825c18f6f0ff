"""数据同步: where this device stands with the city platform (address, community, last sync in
Beijing time, waiting / conflicting / rejected changes, the last problem in plain words),
「立即同步」, 「登记本机…」 and 「从 Open311 平台导入…」 for administrators,
and two tabs: conflicts and rejected changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.sync.status import SyncOverview
from community_app.ui.pages.conflicts_page import ConflictsPanel
from community_app.ui.pages.sync_quarantine import QuarantinePanel
from community_app.ui.sync_controller import SyncController
from community_app.ui.sync_texts import short_problem
from community_app.ui.timefmt import format_seconds
from community_app.ui.widgets.named import named
from community_app.ui.widgets.page_header import page_header


class SyncPage(QWidget):
    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 controller: SyncController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.user = user
        self.session_factory = session_factory
        self.controller: SyncController | None = None
        self.title_label = named(QLabel(), "pageTitle")
        self.subtitle_label = named(QLabel(), "pageSubtitle")
        self.sync_button = named(QPushButton(), "primaryButton")
        self.sync_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sync_button.clicked.connect(self.sync_now)
        self.enrol_button = named(QPushButton(), "enrolButton")
        self.enrol_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.enrol_button.setVisible(user.can(roles.ADMIN_SETTINGS))
        self.enrol_button.clicked.connect(self.enrol)
        self.open311_button = named(QPushButton(), "open311Button")
        self.open311_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open311_button.setVisible(user.can(roles.ADMIN_SETTINGS))
        self.open311_button.clicked.connect(self.import_open311)

        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        card = named(QFrame(), "syncStatusCard")
        card.setProperty("card", True)
        grid = QGridLayout(card)
        grid.setContentsMargins(20, 16, 20, 16)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        for i, key in enumerate(("server", "community", "last", "waiting", "conflicts", "rejected", "problem")):
            caption = named(QLabel(), "syncCaption")
            value = named(QLabel(), f"sync_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.captions[key], self.values[key] = caption, value
            grid.addWidget(caption, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, i, 1)
        grid.setColumnStretch(1, 1)

        self.conflicts = ConflictsPanel(user, session_factory)
        self.quarantine = QuarantinePanel(user, session_factory)
        self.tabs = named(QTabWidget(), "syncTabs")
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.quarantine, "")
        self.conflicts.resolved.connect(self._after_fix)
        self.quarantine.changed.connect(self._after_fix)
        self.conflicts.count_changed.connect(lambda _n: self._tab_titles())
        self.quarantine.count_changed.connect(lambda _n: self._tab_titles())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addLayout(page_header(self.title_label, self.subtitle_label, (self.open311_button, self.enrol_button,
                                                                                self.sync_button),
                                     spacing=10))
        layout.addWidget(card)
        layout.addWidget(self.tabs, 1)
        self._retranslate()
        if controller is not None:
            self.set_controller(controller)
        else:
            self._show(None)

    def set_controller(self, controller: SyncController) -> None:
        self.controller = controller
        controller.overview_changed.connect(self._show)
        controller.running_changed.connect(lambda _r: self._show(controller.current))
        controller.run_finished.connect(lambda _r: self.reload())
        self._show(controller.current)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        self.conflicts.refresh()
        self.quarantine.refresh()
        if self.controller is not None:
            self.controller.refresh()

    def sync_now(self) -> None:
        if self.controller is not None:
            self.controller.sync_now()
            self._show(self.controller.current)

    def _after_fix(self, *_args: object) -> None:
        """A resolution or a re-queued change waits in the outbox: send it now."""
        if self.controller is not None:
            self.controller.refresh()
            self.controller.sync_now()

    def enrol(self) -> None:
        from community_app.ui.dialogs.enrol_dialog import EnrolDialog

        if self.controller is None:
            return
        current = self.controller.current
        dialog = EnrolDialog(self.controller.db_engine, self.controller.tokens,
                             server_url=current.server_url if current else "", parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.refresh()
            self.controller.sync_now()
        dialog.deleteLater()

    def import_open311(self) -> None:
        from community_app.ui.dialogs.open311_pull_dialog import Open311PullDialog

        dialog = Open311PullDialog(self.user, self.session_factory, parent=self)
        dialog.exec()
        dialog.deleteLater()
        if self.controller is not None:  # imported requests wait in the outbox
            self.controller.refresh()

    # showing ---------------------------------------------------------------------------------
    def _show(self, o: SyncOverview | None) -> None:
        running = self.controller is not None and self.controller.running
        enrolled = o is not None and o.enrolled
        self.sync_button.setEnabled(enrolled and not running)
        self.sync_button.setText(self.tr("正在同步…") if running else self.tr("立即同步"))
        self.enrol_button.setText(self.tr("重新登记本机…") if enrolled else self.tr("登记本机…"))
        v = self.values
        if o is None:
            for label in v.values():
                label.setText("—")
            return
        if not enrolled:
            v["server"].setText(self.tr("未登记：本机数据照常保存在本机，登记后自动上传。请系统管理员点击“登记本机…”。"))
        else:
            v["server"].setText(o.server_url)
        v["community"].setText(o.community_name or "—")
        v["last"].setText(self.tr("%1（北京时间）").replace("%1", format_seconds(o.last_success_at))
                          if o.last_success_at else self.tr("尚未同步"))
        v["waiting"].setText(self.tr("%1 条").replace("%1", str(o.waiting)))
        v["conflicts"].setText(self.tr("%1 条").replace("%1", str(o.conflicts)))
        v["rejected"].setText(self.tr("%1 条").replace("%1", str(o.rejected)))
        if o.last_error_code:
            v["problem"].setText(short_problem(o.last_error_code, o.last_error_message))
            v["problem"].setToolTip(o.last_error_message)
            v["problem"].setStyleSheet("color: #C62828;")
        else:
            v["problem"].setText(self.tr("无"))
            v["problem"].setToolTip("")
            v["problem"].setStyleSheet("")

    def _tab_titles(self) -> None:
        n_conflicts, n_rejected = len(self.conflicts.conflicts), len(self.quarantine.entries)
        self.tabs.setTabText(0, self.tr("同步冲突（%1）").replace("%1", str(n_conflicts)))
        self.tabs.setTabText(1, self.tr("被退回的修改（%1）").replace("%1", str(n_rejected)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("数据同步"))
        self.open311_button.setText(self.tr("从 Open311 平台导入…"))
        self.subtitle_label.setText(self.tr("与城市平台同步本社区的数据；断网时照常在本机工作，网络恢复后自动上传。"))
        captions = {"server": self.tr("城市平台"), "community": self.tr("本社区"), "last": self.tr("上次同步成功"),
                    "waiting": self.tr("待上传的修改"), "conflicts": self.tr("同步冲突"),
                    "rejected": self.tr("被退回的修改"), "problem": self.tr("最近的问题")}
        for key, caption in self.captions.items():
            caption.setText(captions[key])
        self._tab_titles()
        self._show(self.controller.current if self.controller else None)
