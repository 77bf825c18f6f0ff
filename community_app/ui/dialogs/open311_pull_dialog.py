"""从 Open311 平台导入 (admins): pull another Open311 GeoReport v2 server's service requests of
a recent period into this community's request list. The pull runs on the database-writing
thread (community_app.sync.open311_pull does the work and is committed there); the dialog
shows what came in, what changed and what was left out and why. A server that cannot be
read writes nothing and is reported in plain words. The address is remembered, the api_key
never is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.categories import category_tree
from community_app.sync.errors import SyncError, SyncProblem
from community_app.sync.http import HttpSettings
from community_app.sync.open311_client import Open311Client
from community_app.sync.open311_pull import CLOSED_UNSEEN, NO_CATEGORY, NO_LOCATION, OUTSIDE, PullResult, pull_open311
from community_app.ui import settings
from community_app.ui.dialogs.fieldwork_save import write_in_background
from community_app.ui.widgets.named import named

MAX_DAYS = 90  # the spec's longest start/end span
SHOWN_SKIPPED = 50  # the rest is counted, not listed


class Open311PullDialog(QDialog):
    imported = Signal(object)  # PullResult, after it was committed

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], *,
                 http: HttpSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("open311PullDialog")
        self.setWindowTitle(self.tr("从 Open311 平台导入诉求"))
        self.user, self.session_factory, self.http = user, session_factory, http
        self.result: PullResult | None = None
        self.problem: SyncProblem | None = None
        self.running = False

        intro = named(QLabel(self.tr(
            "从其他 Open311（GeoReport v2）平台读取一段时间内的诉求，导入本社区的诉求列表。"
            "再次导入时已导入的诉求会更新，不会重复。")), "hintText")
        intro.setWordWrap(True)
        self.url_edit = named(QLineEdit(settings.saved_text(settings.OPEN311_URL_KEY)), "open311Url")
        self.url_edit.setPlaceholderText("https://example.cn/open311/v2")
        self.format_combo = named(QComboBox(), "open311Format")
        self.format_combo.addItem("JSON", "json")
        self.format_combo.addItem("XML", "xml")
        last_format = self.format_combo.findData(settings.saved_text(settings.OPEN311_FORMAT_KEY, "json"))
        self.format_combo.setCurrentIndex(max(0, last_format))
        self.jurisdiction_edit = named(QLineEdit(), "open311Jurisdiction")
        self.jurisdiction_edit.setPlaceholderText(self.tr("可不填"))
        self.key_edit = named(QLineEdit(), "open311ApiKey")
        self.key_edit.setPlaceholderText(self.tr("可不填；不会保存"))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.days_spin = named(QSpinBox(), "open311Days")
        self.days_spin.setRange(1, MAX_DAYS)
        self.days_spin.setValue(MAX_DAYS)
        self.days_spin.setPrefix(self.tr("最近 "))
        self.days_spin.setSuffix(self.tr(" 天"))
        self.fallback_combo = named(QComboBox(), "open311Fallback")
        self.fallback_combo.addItem(self.tr("不设置（对不上类别的诉求不导入）"), None)
        with session_factory() as session:
            for node in category_tree(session, active_only=True):
                for minor in node.minors:
                    self.fallback_combo.addItem(f"{node.major.name} / {minor.name}", minor.code)
        for edit in (self.url_edit, self.jurisdiction_edit, self.key_edit):
            edit.setMinimumHeight(38)  # the house padding leaves descenders no room otherwise

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("服务器地址"), self.url_edit)
        form.addRow(self.tr("数据格式"), self.format_combo)
        form.addRow(self.tr("jurisdiction_id"), self.jurisdiction_edit)
        form.addRow(self.tr("api_key"), self.key_edit)
        form.addRow(self.tr("时间范围"), self.days_spin)
        form.addRow(self.tr("对不上类别时归入"), self.fallback_combo)

        self.status_label = named(QLabel(), "open311Status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()
        self.details = named(QPlainTextEdit(), "open311Skipped")
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(140)
        self.details.hide()

        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton = self.buttons.addButton(self.tr("导入"),
                                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("primaryButton")
        self.close_button = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    # running ------------------------------------------------------------------------------------
    def start_import(self) -> None:
        url = self.url_edit.text().strip()
        if not url.startswith(("https://", "http://")):
            self._say(self.tr("请填写以 https:// 或 http:// 开头的 Open311 服务器地址。"), error=True)
            return
        community = self.user.community_code
        if not community:
            self._say(self.tr("当前账号没有所属社区，无法导入：请用本社区的管理员账号登录。"), error=True)
            return
        fmt = str(self.format_combo.currentData())
        settings.save_text(settings.OPEN311_URL_KEY, url)
        settings.save_text(settings.OPEN311_FORMAT_KEY, fmt)
        # plain values only go to the writer thread: no widget, no ORM object
        jurisdiction = self.jurisdiction_edit.text().strip() or None
        api_key = self.key_edit.text().strip() or None
        fallback = self.fallback_combo.currentData()
        end = datetime.now(UTC)
        start = end - timedelta(days=self.days_spin.value())
        http = self.http

        def pull(session: Session) -> Any:
            client = Open311Client(url, fmt=fmt, jurisdiction_id=jurisdiction, api_key=api_key, settings=http)
            try:
                return pull_open311(session, client, community_code=community, fallback_category=fallback,
                                    start=start, end=end)
            except SyncError as failed:  # nothing was written; the words go to the screen
                session.rollback()
                return failed.problem

        self.running = True
        self.import_button.setEnabled(False)
        self.details.hide()
        self._say(self.tr("正在从 Open311 服务器读取诉求，请稍候…"))
        job = write_in_background(self, "open311-pull", self.session_factory, pull)
        job.result.connect(self._finished)
        job.error.connect(self._failed)

    def _finished(self, value: object) -> None:
        self.running = False
        self.import_button.setEnabled(True)
        if isinstance(value, SyncProblem):
            self.problem = value
            self._say(self.tr("导入未完成，本地数据没有改动。%1").replace("%1", value.message), error=True)
            return
        assert isinstance(value, PullResult)
        self.result, self.problem = value, None
        self._say(self.summary_text(value))
        lines = [self.skipped_text(s.service_request_id, s.reason) for s in value.skipped[:SHOWN_SKIPPED]]
        if len(value.skipped) > SHOWN_SKIPPED:
            lines.append(self.tr("……另有 %1 条未列出。").replace("%1", str(len(value.skipped) - SHOWN_SKIPPED)))
        self.details.setPlainText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self._grow()
        self.imported.emit(value)

    def _failed(self, exc: object) -> None:  # a bug, not a server answer: already logged with its traceback
        self.running = False
        self.import_button.setEnabled(True)
        self._say(self.tr("导入时出错，本地数据没有改动：%1。请稍后再试；如果一直这样，请联系技术支持。")
                  .replace("%1", type(exc).__name__), error=True)

    # texts -------------------------------------------------------------------------------------
    def summary_text(self, r: PullResult) -> str:
        text = (self.tr("导入完成：新增 %1 条，更新 %2 条，无变化 %3 条，未导入 %4 条。")
                .replace("%1", str(len(r.created))).replace("%2", str(len(r.updated)))
                .replace("%3", str(r.unchanged)).replace("%4", str(len(r.skipped))))
        if r.created or r.updated:
            text += self.tr("新增和更新的诉求已在“诉求”列表中，渠道为“Open311接入”，会随下次同步上传。")
        if r.skipped:
            text += self.tr("未导入的原因见下方。")
        return text

    def skipped_text(self, remote_id: str, reason: str) -> str:
        why = {OUTSIDE: self.tr("位置不在本社区的任何网格内"),
               NO_LOCATION: self.tr("没有经纬度，地址也对不上本社区的楼栋"),
               NO_CATEGORY: self.tr("类别在本地没有对应类别，也没有选择“对不上类别时归入”"),
               CLOSED_UNSEEN: self.tr("导入前对方已办结")}.get(reason, reason)
        return self.tr("外部诉求 %1：%2").replace("%1", remote_id).replace("%2", why)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #C62828;" if error else "")
        self.status_label.show()
        self._grow()

    def _grow(self) -> None:
        """Make room for the summary and the skipped list rather than squeezing the form."""
        wanted = self.sizeHint().height()
        if self.height() < wanted:
            self.resize(self.width(), wanted)
