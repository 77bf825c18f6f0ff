"""首次使用设置: a new database has no staff accounts, so nobody could sign in. This dialog
creates the first administrator through core.first_run.create_first_admin (which checks
the input and raises SetupError naming the field); the error appears under that field,
which gets the focus, and everything typed stays."""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.first_run import CommunityChoice, SetupError, community_choices, create_first_admin
from community_app.ui.i18n import core_message
from community_app.ui.icons import icon
from community_app.ui.widgets.brand_panel import BrandPanel
from community_app.ui.widgets.elided_label import ElidedLabel
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.language_chooser import LanguageChooser
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)

SIZE = QSize(900, 700)
FIELDS = ("community", "display_name", "username", "password", "password_again")  # SetupError.field, form order
SEPARATOR = " · "


def community_text(choice: CommunityChoice) -> str:
    """「湛山街道 · 湛山社区」: place names are proper names, shown as they are in every language."""
    return f"{choice.street_name}{SEPARATOR}{choice.name}"


class FirstRunDialog(QDialog):
    """accept()s once the administrator exists; self.username is then the name to sign in with."""

    language_changed = Signal(str)

    def __init__(self, session_factory: sessionmaker[Session], db_path: Path, *, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowIcon(icon("app"))
        self._session_factory = session_factory
        self._job: Job | None = None
        # the error shown: (field or "" for none, core's Chinese message or None for ours);
        # kept untranslated so a language change re-translates it
        self._error: tuple[str, str | None] | None = None
        self.username = ""

        self.brand = BrandPanel()
        self.heading = named(QLabel(), "loginHeading")
        self.intro = named(QLabel(), "firstRunIntro")
        self.intro.setWordWrap(True)
        self.db_label = named(ElidedLabel(str(db_path)), "firstRunDatabase")
        self.db_path = db_path

        self.community_combo = named(QComboBox(), "communityCombo")
        self._fill_communities()
        self.display_name_edit = named(QLineEdit(), "displayNameEdit")
        self.display_name_edit.setMaxLength(32)
        self.username_edit = named(QLineEdit(), "usernameEdit")
        self.username_edit.setMaxLength(32)
        self.password_edit = named(QLineEdit(), "passwordEdit")
        self.password_again_edit = named(QLineEdit(), "passwordAgainEdit")
        for edit in (self.password_edit, self.password_again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(128)
        self.inputs: dict[str, QWidget] = {
            "community": self.community_combo, "display_name": self.display_name_edit,
            "username": self.username_edit, "password": self.password_edit,
            "password_again": self.password_again_edit,
        }
        self.labels = {field: QLabel() for field in FIELDS}
        self.messages = {field: named(QLabel(), "fieldMessage") for field in FIELDS}
        for message in self.messages.values():
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            message.setContentsMargins(0, 0, 0, 8)  # a gap to the next field (a margin keeps word wrap right)
        self.error_label = named(QLabel(), "loginError")  # problems that belong to no field
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.create_button = named(QPushButton(), "loginButton")
        self.create_button.setDefault(True)
        self.create_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.create_button.clicked.connect(self.submit)
        self.cancel_button = named(QPushButton(), "cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.language_chooser = LanguageChooser(language)
        self.language_chooser.language_changed.connect(self.language_changed)
        chain = [self.display_name_edit, self.username_edit, self.password_edit, self.password_again_edit]
        for edit, following in itertools.pairwise(chain):
            edit.returnPressed.connect(following.setFocus)
        self.password_again_edit.returnPressed.connect(self.submit)

        self._build()
        self._retranslate()
        self.community_combo.setMinimumHeight(self.display_name_edit.sizeHint().height())
        self.community_combo.setFocus()

    # layout ---------------------------------------------------------------------------------
    def _fill_communities(self) -> None:
        combo = self.community_combo
        combo.setEditable(True)  # type a part of the name to find it
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(12)
        for choice in community_choices():
            combo.addItem(community_text(choice), choice.code)
        combo.setCurrentIndex(-1)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # 「湛山」 finds 湛山街道's communities
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setPopup(named(QListView(), "completerPopup"))
        combo.setCompleter(completer)

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for index, field in enumerate(FIELDS):
            row = index * 2
            grid.addWidget(self.labels[field], row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(self.inputs[field], row, 1)
            grid.addWidget(self.messages[field], row + 1, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button, 1)

        panel = QVBoxLayout()
        panel.setContentsMargins(40, 36, 40, 24)
        panel.setSpacing(10)
        panel.addWidget(self.heading)
        panel.addWidget(self.intro)
        panel.addWidget(self.db_label)
        panel.addSpacing(12)
        panel.addLayout(grid)
        panel.addWidget(self.error_label)
        panel.addSpacing(6)
        panel.addLayout(buttons)
        panel.addStretch(1)
        panel.addWidget(self.language_chooser)

        form_panel = named(QFrame(), "loginPanel")
        form_panel.setLayout(panel)
        form_panel.setMinimumWidth(540)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.brand)
        outer.addWidget(form_panel, 1)
        self.resize(SIZE)

    # texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("首次使用设置 — 智慧社区网格化管理平台"))
        self.heading.setText(self.tr("首次使用设置"))
        self.intro.setText(self.tr(
            "这是一个新的数据库，里面还没有任何工作账号，所以现在还无法登录。"
            "请先为本社区创建第一个系统管理员账号；创建后用它登录，再为其他工作人员添加账号。"
        ))
        self.db_label.setFullText(self.tr("数据库文件：%1").replace("%1", str(self.db_path)))
        names = {"community": self.tr("所在社区"), "display_name": self.tr("姓名"),
                 "username": self.tr("用户名"), "password": self.tr("密码"),
                 "password_again": self.tr("确认密码")}
        for field, text in names.items():
            self.labels[field].setText(text)
        line_edit = self.community_combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(self.tr("输入街道或社区名称查找，或点击右侧箭头选择"))
        self.display_name_edit.setPlaceholderText(self.tr("管理员的真实姓名"))
        self.username_edit.setPlaceholderText(self.tr("登录时使用，例如 liming"))
        self.password_edit.setPlaceholderText(self.tr("请设置密码"))
        self.password_again_edit.setPlaceholderText(self.tr("请再输入一遍密码"))
        self.cancel_button.setText(self.tr("取消"))
        self._set_button_text()
        self._show_messages()

    def _hints(self) -> dict[str, str]:
        return {
            "community": self.tr("本机的数据属于哪个社区；以后不能更改。"),
            "display_name": self.tr("显示在工作台和操作记录中。"),
            "username": self.tr("3–32 位小写字母、数字或 _ . -，以字母开头。"),
            "password": self.tr("至少 8 位，须同时包含字母和数字。请牢记，忘记后无法找回。"),
            "password_again": "",
        }

    def _show_messages(self) -> None:
        """Each field shows its hint, or the current error in red."""
        hints = self._hints()
        error_field, error_text = self._error_text()
        for field, label in self.messages.items():
            failed = field == error_field
            label.setText(error_text if failed else hints[field])
            set_flag(label, "error", failed)
            set_flag(self.inputs[field], "invalid", failed)
        self.error_label.setText(error_text if error_field == "" else "")
        self.error_label.setVisible(error_field == "")

    def _error_text(self) -> tuple[str | None, str]:
        if self._error is None:
            return None, ""
        field, message = self._error
        if message is not None:
            return field, core_message(message)
        if field == "community":
            return field, self.tr("请从列表中选择所在社区。")
        return field, self.tr("现在无法创建账号：写入数据库时出现问题。请确认磁盘没有写满后重试；"
                              "如果问题反复出现，请联系技术支持。")

    def _set_button_text(self) -> None:
        self.create_button.setText(self.tr("正在创建账号…") if self.busy else self.tr("创建管理员账号"))

    # submit ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def community_code(self) -> str:
        """The chosen community's code; '' when the text names no community (or several)."""
        combo = self.community_combo
        text = combo.currentText().strip()
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 and text:  # just the community's name, without the street
            matches = [i for i in range(combo.count()) if combo.itemText(i).endswith(SEPARATOR + text)]
            index = matches[0] if len(matches) == 1 else -1
        return str(combo.itemData(index)) if index >= 0 else ""

    def submit(self) -> None:
        if self.busy:
            return
        code = self.community_code()
        if not code:  # the form is incomplete; core checks everything else
            self._error = ("community", None)
            self._show_error()
            return
        values = {
            "community_code": code,
            "display_name": self.display_name_edit.text(),
            "username": self.username_edit.text(),
            "password": self.password_edit.text(),
            "password_again": self.password_again_edit.text(),
        }
        factory = self._session_factory

        def create(_ctx: JobContext) -> str | SetupError:
            with factory() as session:
                try:
                    create_first_admin(session, **values)
                except SetupError as refused:  # the user's input, not a failure: no traceback in the log
                    return refused
            return values["username"].strip().lower()

        self._error = None  # the previous error is answered; core checks again
        self._show_messages()
        self._job = run_in_background(create, name="create_first_admin", parent=self, writes=True)
        self._job.result.connect(self._done)
        self._job.error.connect(self._failed)
        self._job.finished.connect(self._set_busy_ui)
        self._set_busy_ui()

    def _set_busy_ui(self) -> None:
        busy = self.busy
        for widget in (*self.inputs.values(), self.create_button, self.cancel_button, self.language_chooser):
            widget.setEnabled(not busy)
        self._set_button_text()

    def reject(self) -> None:
        """Cancel, Esc or the window's close button; not while the account is being written
        (the dialog would close on an account that then exists anyway)."""
        if not self.busy:
            super().reject()

    def _done(self, outcome: str | SetupError) -> None:
        if isinstance(outcome, SetupError):
            log.info("first-run input refused (%s)", outcome.field)
            self._error = (outcome.field if outcome.field in self.inputs else "", str(outcome))
            self._show_error()
            return
        log.info("first administrator %s created", outcome)
        self.username = outcome
        self.accept()

    def _failed(self, _exc: object) -> None:
        self._error = ("", None)  # workers logged the traceback
        self._show_error()

    def _show_error(self) -> None:
        assert self._error is not None
        self._show_messages()
        self._set_busy_ui()
        target = self.inputs.get(self._error[0], self.create_button)
        target.setFocus()
        if isinstance(target, QLineEdit):
            target.selectAll()
        elif isinstance(target, QComboBox):
            line_edit = target.lineEdit()
            if line_edit is not None:
                line_edit.selectAll()


