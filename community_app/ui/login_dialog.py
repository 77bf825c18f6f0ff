"""The login dialog. Checking the password (argon2id, deliberately slow) runs in the
background so the dialog keeps painting; a failure shows core's message, which never
says whether the user exists."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from community_app.core.auth import CurrentUser, LoginError, login
from community_app.ui.i18n import ROLE_NAMES, core_message, role_name
from community_app.ui.icons import icon
from community_app.ui.widgets.brand_panel import BrandPanel
from community_app.ui.widgets.language_chooser import LanguageChooser
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background
from db.database import SessionSource, plain_or_session

log = logging.getLogger(__name__)

ROW_HEIGHT = 30
HEADER_HEIGHT = 32
SIZE = QSize(820, 500)
SIZE_WITH_DEMO = QSize(860, 640)

DemoAccount = tuple[str, str, str]  # username, password, role display name (db.demo.DEMO_ACCOUNTS)


class LoginDialog(QDialog):
    """accept()s with self.user set once core.auth.login succeeds.

    username fills the user name in (after first-run setup) and puts the cursor in the
    password field; notice is a line of good news shown above the form.
    """

    language_changed = Signal(str)

    def __init__(self, session_factory: SessionSource, *, language: str,
                 demo_accounts: Sequence[DemoAccount] = (), username: str = "", notice: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowIcon(icon("app"))
        self._session_factory = session_factory
        self._demo_accounts = list(demo_accounts)
        self._job: Job | None = None
        self.user: CurrentUser | None = None

        self.brand = BrandPanel()
        self.heading = named(QLabel(), "loginHeading")
        self.subheading = named(QLabel(), "loginSubheading")
        self.username_label = QLabel()
        self.password_label = QLabel()
        self.username_edit = named(QLineEdit(), "usernameEdit")
        self.username_edit.setMaxLength(64)
        self.password_edit = named(QLineEdit(), "passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = named(QLabel(), "loginError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.notice_label = named(QLabel(notice), "loginNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(bool(notice))
        self.login_button = named(QPushButton(), "loginButton")
        self.login_button.setDefault(True)
        self.login_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.login_button.clicked.connect(self.submit)
        self.password_edit.returnPressed.connect(self.submit)
        self.username_edit.returnPressed.connect(self.password_edit.setFocus)
        self.language_chooser = LanguageChooser(language)
        self.language_chooser.language_changed.connect(self.language_changed)
        self.language_combo = self.language_chooser.combo

        self.demo_title: QLabel | None = None
        self.demo_hint: QLabel | None = None
        self.demo_table: QTableWidget | None = None
        if self._demo_accounts:
            self._make_demo_table()

        self._build()
        self._retranslate()
        self.username_edit.setText(username)
        (self.password_edit if username else self.username_edit).setFocus()

    # layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(14)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)

        panel = QVBoxLayout()
        panel.setContentsMargins(40, 40, 40, 24)
        panel.setSpacing(10)
        panel.addWidget(self.heading)
        panel.addWidget(self.subheading)
        panel.addSpacing(14)
        panel.addWidget(self.notice_label)
        panel.addLayout(form)
        panel.addWidget(self.error_label)
        panel.addSpacing(6)
        panel.addWidget(self.login_button)
        if self.demo_table is not None and self.demo_title is not None and self.demo_hint is not None:
            demo = named(QFrame(), "demoBox")
            demo_layout = QVBoxLayout(demo)
            demo_layout.setContentsMargins(14, 12, 14, 12)
            demo_layout.setSpacing(6)
            demo_layout.addWidget(self.demo_title)
            demo_layout.addWidget(self.demo_hint)
            demo_layout.addWidget(self.demo_table)
            panel.addSpacing(10)
            panel.addWidget(demo)
        panel.addStretch(1)
        panel.addWidget(self.language_chooser)

        form_panel = named(QFrame(), "loginPanel")
        form_panel.setLayout(panel)
        form_panel.setMinimumWidth(500)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.brand)
        outer.addWidget(form_panel, 1)
        self.resize(SIZE_WITH_DEMO if self.demo_table is not None else SIZE)

    def _make_demo_table(self) -> None:
        self.demo_title = named(QLabel(), "demoTitle")
        self.demo_hint = named(QLabel(), "demoHint")
        self.demo_hint.setWordWrap(True)
        table = named(QTableWidget(len(self._demo_accounts), 3), "demoAccounts")
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setCursor(Qt.CursorShape.PointingHandCursor)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setHighlightSections(False)
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        table.horizontalHeader().setFixedHeight(HEADER_HEIGHT)
        for row, (username, password, _role) in enumerate(self._demo_accounts):
            table.setItem(row, 0, QTableWidgetItem(username))
            table.setItem(row, 1, QTableWidgetItem(password))
            table.setItem(row, 2, QTableWidgetItem())
        table.setFixedHeight(HEADER_HEIGHT + ROW_HEIGHT * len(self._demo_accounts) + 2 * table.frameWidth())
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.cellClicked.connect(self._on_demo_cell_clicked)
        self.demo_table = table

    # slots are bound methods, never lambdas holding self (PySide clean-up crashes at exit)
    def _on_demo_cell_clicked(self, row: int, _column: int) -> None:
        self.fill_demo_account(row)

    def fill_demo_account(self, row: int) -> None:
        username, password, _role = self._demo_accounts[row]
        self.username_edit.setText(username)
        self.password_edit.setText(password)
        self.error_label.hide()
        self.login_button.setFocus()

    # texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("登录 — 智慧社区网格化管理平台"))
        self.heading.setText(self.tr("用户登录"))
        self.subheading.setText(self.tr("请使用社区分配的工作账号登录。"))
        self.username_label.setText(self.tr("用户名"))
        self.password_label.setText(self.tr("密码"))
        self.username_edit.setPlaceholderText(self.tr("请输入用户名"))
        self.password_edit.setPlaceholderText(self.tr("请输入密码"))
        self._set_button_text()
        if self.demo_table is not None and self.demo_title is not None and self.demo_hint is not None:
            self.demo_title.setText(self.tr("演示账号"))
            self.demo_hint.setText(self.tr("当前为演示模式，数据均为虚构。点击一行即可填入账号和密码。"))
            self.demo_table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("密码"), self.tr("角色")])
            for row, (_u, _p, role) in enumerate(self._demo_accounts):
                item = self.demo_table.item(row, 2)
                if item is not None:
                    item.setText(_role_label(role))

    def _set_button_text(self) -> None:
        self.login_button.setText(self.tr("正在登录…") if self.busy else self.tr("登录"))

    # login ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def submit(self) -> None:
        if self.busy:
            return
        username, password = self.username_edit.text().strip(), self.password_edit.text()
        if not username:
            self._show_error(self.tr("请输入用户名。"), self.username_edit)
            return
        if not password:
            self._show_error(self.tr("请输入密码。"), self.password_edit)
            return
        factory = self._session_factory

        def check(_ctx: JobContext) -> CurrentUser:
            with plain_or_session(factory) as db:
                return login(db, username, password)

        self.error_label.hide()
        self._job = run_in_background(check, name="login", parent=self, writes=True)
        self._job.result.connect(self._logged_in)
        self._job.error.connect(self._login_failed)
        self._job.finished.connect(self._set_busy_ui)
        self._set_busy_ui()

    def _set_busy_ui(self) -> None:
        busy = self.busy
        for widget in (self.username_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy)
        if self.demo_table is not None:
            self.demo_table.setEnabled(not busy)
        self._set_button_text()

    def _logged_in(self, user: CurrentUser) -> None:
        log.info("user %s signed in", user.id)
        self.user = user
        self.accept()

    def _login_failed(self, exc: object) -> None:
        if isinstance(exc, LoginError):
            self._show_error(core_message(str(exc)), self.password_edit)
        else:
            self._show_error(self.tr("现在无法登录：读取数据库时出现问题。请稍后重试；"
                                     "如果问题反复出现，请联系系统管理员。"), self.password_edit)

    def _show_error(self, message: str, focus: QLineEdit) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self._set_busy_ui()
        focus.setFocus()
        focus.selectAll()


def _role_label(stored: str) -> str:
    """DEMO_ACCOUNTS carry the role's Chinese name; show it in the UI language."""
    for code, source in ROLE_NAMES.items():
        if source == stored:
            return role_name(code, stored)
    return stored
