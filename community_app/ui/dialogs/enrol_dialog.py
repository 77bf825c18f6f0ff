"""登记本机 (admins): the city API's address and the one-time code an administrator of the city
platform issued (`city-api enroll …`). The trade runs on a worker; the token goes to the OS
keyring (community_app.sync.enrolment), never to the screen or the log."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from community_app.sync.tokens import TokenStore
from community_app.ui.widgets.named import named
from community_app.ui.workers import JobContext, run_in_background


class EnrolDialog(QDialog):
    def __init__(self, db_engine: object, tokens: TokenStore, *, server_url: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("登记本机到城市平台"))
        self.db_engine = db_engine
        self.tokens = tokens
        self.device: object = None
        self.intro_label = named(QLabel(self.tr(
            "请填写城市平台的地址和管理员给您的一次性登记码。登记后，本机会自动与城市平台同步本社区的数据。")),
            "hintText")
        self.intro_label.setWordWrap(True)
        self.url_edit = named(QLineEdit(server_url), "serverUrl")
        self.url_edit.setPlaceholderText("https://city.example.cn")
        self.code_edit = named(QLineEdit(), "enrolCode")
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX")
        self.name_edit = named(QLineEdit(self.tr("网格员电脑（%1）").replace("%1", platform.node()[:20])), "deviceName")
        self.error_label = named(QLabel(), "formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #C62828;")
        self.error_label.hide()
        for edit in (self.url_edit, self.code_edit, self.name_edit):
            edit.setMinimumHeight(38)  # the house padding leaves descenders (g, q) no room otherwise
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("城市平台地址"), self.url_edit)
        form.addRow(self.tr("登记码"), self.code_edit)
        form.addRow(self.tr("本机名称"), self.name_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def submit(self) -> None:
        url = self.url_edit.text().strip()
        code = self.code_edit.text().strip().upper()
        name = self.name_edit.text().strip() or self.tr("网格员电脑")
        if not url.startswith(("https://", "http://")):
            self._say(self.tr("请填写以 https:// 开头的城市平台地址。"))
            return
        if len(code.replace("-", "")) < 12:
            self._say(self.tr("请填写完整的登记码（形如 XXXX-XXXX-XXXX）。"))
            return
        engine, tokens = self.db_engine, self.tokens

        def enrol(_ctx: JobContext) -> object:
            from community_app.sync.enrolment import enroll
            from community_app.sync.errors import SyncError

            try:
                return enroll(engine, url, code, name, tokens=tokens)  # type: ignore[arg-type]
            except SyncError as failed:
                return failed.problem

        self.buttons.setEnabled(False)
        self.error_label.hide()
        job = run_in_background(enrol, name="enrol", parent=self, writes=True)
        job.result.connect(self._done)
        job.error.connect(lambda _exc: self._say(self.tr("登记没有成功：请检查地址和网络后重试。")))

    def _done(self, value: object) -> None:
        from community_app.sync.errors import SyncProblem

        if isinstance(value, SyncProblem):
            self._say(value.message)
            return
        self.device = value
        self.accept()

    def _say(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(text)
        self.error_label.show()
