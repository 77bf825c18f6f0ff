"""首次使用设置: a new database has no accounts, so the first administrator is created
before anyone can sign in. Errors appear at the field core names, nothing typed is lost
and nothing is written; success leads to a normal sign-in."""

from __future__ import annotations

import ast
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app import paths
from community_app.core import first_run
from community_app.core.first_run import SetupError, create_first_admin
from community_app.ui import i18n
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.first_run_dialog import FirstRunDialog
from community_app.ui.login_dialog import LoginDialog
from community_app.ui.session import DesktopSession, LaunchOptions
from db.engine import make_session_factory
from db.migrate import create_database
from db.models import Division, StaffUser

GOOD = {"community": "湛山街道 · 湛山社区", "display_name": "李明", "username": "liming",
        "password": "Zhanshan2026", "password_again": "Zhanshan2026"}
ZHANSHAN = "370202010004"

# one bad value per check core makes, and the message it gives
BAD_INPUT = [
    ("username", {"username": "李明"}, "用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头。"),
    ("username", {"username": "ab"}, "用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头。"),
    ("display_name", {"display_name": "   "}, "请填写姓名。"),
    ("password", {"password": "short1", "password_again": "short1"}, "密码至少 8 位，且须同时包含字母和数字。"),
    ("password", {"password": "onlyletters", "password_again": "onlyletters"},
     "密码至少 8 位，且须同时包含字母和数字。"),
    ("password_again", {"password_again": "Zhanshan2027"}, "两次输入的密码不一致。"),
    ("community", {"community": "不存在的社区"}, "请从列表中选择所在社区。"),
    ("community", {"community": ""}, "请从列表中选择所在社区。"),
]


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[OpenedDatabase]:
    path = tmp_path / "new.sqlite"
    engine = create_database(path)
    yield OpenedDatabase(path, engine, make_session_factory(engine), "")
    engine.dispose()


def staff_count(database: OpenedDatabase) -> int:
    with database.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(StaffUser)) or 0)


def division_count(database: OpenedDatabase) -> int:
    with database.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(Division)) or 0)


def make_dialog(qtbot: QtBot, database: OpenedDatabase) -> FirstRunDialog:
    dialog = FirstRunDialog(database.session_factory, database.path, language="zh_CN")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(dialog: FirstRunDialog, values: dict[str, str]) -> None:
    line_edit = dialog.community_combo.lineEdit()
    assert line_edit is not None
    line_edit.setText(values["community"])
    dialog.display_name_edit.setText(values["display_name"])
    dialog.username_edit.setText(values["username"])
    dialog.password_edit.setText(values["password"])
    dialog.password_again_edit.setText(values["password_again"])


def submit(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    dialog.create_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def typed(dialog: FirstRunDialog) -> dict[str, str]:
    return {"community": dialog.community_combo.currentText(), "display_name": dialog.display_name_edit.text(),
            "username": dialog.username_edit.text(), "password": dialog.password_edit.text(),
            "password_again": dialog.password_again_edit.text()}


def shown_errors(dialog: FirstRunDialog) -> dict[str, str]:
    return {field: label.text() for field, label in dialog.messages.items() if label.property("error")}


def test_the_dialog_explains_and_offers_the_real_communities(app: QApplication, qtbot: QtBot,
                                                             empty_db: OpenedDatabase) -> None:
    dialog = make_dialog(qtbot, empty_db)
    assert dialog.windowTitle().startswith("首次使用设置")
    assert "新的数据库" in dialog.intro.text() and "系统管理员账号" in dialog.intro.text()
    assert str(empty_db.path) in dialog.db_label.toolTip()
    combo = dialog.community_combo
    assert combo.count() == 50 and combo.currentIndex() == -1  # nothing chosen for the user
    assert combo.findText("湛山街道 · 湛山社区") >= 0
    assert [dialog.labels[f].text() for f in ("community", "display_name", "username", "password",
                                              "password_again")] == ["所在社区", "姓名", "用户名", "密码", "确认密码"]


def test_typing_part_of_a_name_finds_the_community(app: QApplication, qtbot: QtBot,
                                                   empty_db: OpenedDatabase) -> None:
    dialog = make_dialog(qtbot, empty_db)
    completer = dialog.community_combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("湛山")
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert "湛山街道 · 湛山社区" in found and len(found) >= 2
    assert all("湛山" in text for text in found)
    line_edit = dialog.community_combo.lineEdit()
    assert line_edit is not None
    line_edit.setText("湛山社区")  # the community's own name is enough when it is unique
    assert dialog.community_code() == ZHANSHAN


@pytest.mark.parametrize(("field", "changes", "message"), BAD_INPUT,
                         ids=[f"{f}-{i}" for i, (f, _c, _m) in enumerate(BAD_INPUT)])
def test_bad_input_is_shown_at_its_field_and_nothing_is_written_or_lost(
    app: QApplication, qtbot: QtBot, empty_db: OpenedDatabase, field: str, changes: dict[str, str], message: str
) -> None:
    dialog = make_dialog(qtbot, empty_db)
    values = {**GOOD, **changes}
    fill(dialog, values)
    submit(qtbot, dialog)

    assert dialog.isVisible() and dialog.username == ""
    assert shown_errors(dialog) == {field: message}
    assert dialog.inputs[field].property("invalid") is True
    assert dialog.focusWidget() in (dialog.inputs[field], dialog.community_combo.lineEdit())
    assert typed(dialog) == values  # nothing the user typed is lost
    assert dialog.create_button.isEnabled() and dialog.create_button.text() == "创建管理员账号"
    assert staff_count(empty_db) == 0 and division_count(empty_db) == 0

    fill(dialog, GOOD)  # corrected: the error goes, the account is made
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.create_button.click()
    assert shown_errors(dialog) == {}
    assert dialog.username == "liming" and staff_count(empty_db) == 1


def test_cancel_waits_while_the_account_is_being_written(app: QApplication, qtbot: QtBot,
                                                         empty_db: OpenedDatabase) -> None:
    dialog = make_dialog(qtbot, empty_db)
    fill(dialog, GOOD)
    dialog.create_button.click()
    assert dialog.busy and not dialog.cancel_button.isEnabled()
    assert dialog.create_button.text() == "正在创建账号…"
    dialog.reject()  # Esc or the close button while hashing the password
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == dialog.DialogCode.Accepted and staff_count(empty_db) == 1


def test_an_error_follows_a_language_change(app: QApplication, qtbot: QtBot, empty_db: OpenedDatabase) -> None:
    dialog = make_dialog(qtbot, empty_db)
    fill(dialog, {**GOOD, "password_again": "different1"})
    submit(qtbot, dialog)
    assert shown_errors(dialog) == {"password_again": "两次输入的密码不一致。"}

    i18n.install_language("en")
    qtbot.waitUntil(lambda: dialog.create_button.text() == "Create administrator account", timeout=2000)
    assert shown_errors(dialog) == {"password_again": "The two passwords do not match."}
    assert dialog.labels["password_again"].text() == "Confirm password"


def test_every_message_core_can_give_is_listed_for_translation(tmp_path: Path) -> None:
    """Raise each SetupError of core.first_run; each must be listed for lupdate (and so have
    an English translation). Counting the raise sites catches a message added to core later."""
    engine = create_database(tmp_path / "new.sqlite")
    raised: set[str] = set()
    good = {"community_code": ZHANSHAN, "username": "liming", "display_name": "李明",
            "password": "Zhanshan2026", "password_again": "Zhanshan2026"}
    cases = [{"username": "X"}, {"display_name": ""}, {"password": "a1", "password_again": "a1"},
             {"password_again": "other"}, {"community_code": "0"}, {}, {"username": "second"}]
    with Session(engine) as session:
        for case in cases:
            try:
                create_first_admin(session, **{**good, **case})
            except SetupError as exc:
                raised.add(str(exc))
                session.rollback()
    engine.dispose()
    sites = [node for node in ast.walk(ast.parse(inspect.getsource(first_run)))
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "SetupError"]
    assert len(raised) == len(sites) == 6
    assert raised <= set(i18n.CORE_MESSAGES)


def test_core_messages_have_english_translations(app: QApplication) -> None:
    i18n.install_language("en")
    for message in i18n.CORE_MESSAGES:
        english = i18n.core_message(message)
        assert english != message and not re.search(r"[\u3000-\u9fff\uff00-\uffef]", english), message


# the session: which dialog comes first --------------------------------------------------------
class FirstModal:
    """Records the first modal dialog the session shows, then closes it."""

    def __init__(self, act: Callable[[QWidget], None] | None = None) -> None:
        self.seen: list[QWidget] = []
        self.act = act
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstRunDialog | LoginDialog) and modal not in self.seen:
            self.seen.append(modal)
            if self.act is not None:
                self.act(modal)
            else:
                modal.reject()


def test_a_new_database_starts_with_first_run_setup_and_cancel_quits(app: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"  # does not exist yet: the app creates it
    session = DesktopSession(app, LaunchOptions(db_path=path))
    first = FirstModal()
    assert session.start() is False  # cancelled: no window, the app ends
    assert len(first.seen) == 1 and isinstance(first.seen[0], FirstRunDialog)
    assert session.window is None
    assert session.database is not None and staff_count(session.database) == 0
    session.shutdown()


def test_the_demo_database_goes_straight_to_login(app: QApplication, demo_db: Path) -> None:
    session = DesktopSession(app, LaunchOptions(demo=True, db_path=demo_db))
    first = FirstModal()
    assert session.start() is False
    assert len(first.seen) == 1 and isinstance(first.seen[0], LoginDialog)
    session.shutdown()


def test_after_setup_the_admin_signs_in_and_sees_an_empty_community(app: QApplication, qtbot: QtBot,
                                                                    tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"
    session = DesktopSession(app, LaunchOptions(db_path=path))
    login_seen: dict[str, object] = {}

    def act(dialog: QWidget) -> None:
        if isinstance(dialog, FirstRunDialog):
            fill(dialog, GOOD)
            dialog.create_button.click()
        elif isinstance(dialog, LoginDialog):
            login_seen.update(username=dialog.username_edit.text(), focus=dialog.focusWidget(),
                              password_edit=dialog.password_edit, notice=dialog.notice_label.text(),
                              notice_shown=dialog.notice_label.isVisible())
            dialog.password_edit.setText(GOOD["password"])
            dialog.login_button.click()

    modals = FirstModal(act)
    assert session.start() is True
    assert [type(d).__name__ for d in modals.seen] == ["FirstRunDialog", "LoginDialog"]
    assert login_seen["username"] == "liming"
    assert login_seen["focus"] is login_seen["password_edit"]
    assert login_seen["notice_shown"] and "管理员账号已创建" in str(login_seen["notice"])

    window = session.window
    assert window is not None and window.user.role_code == "admin" and window.user.display_name == "李明"
    qtbot.waitUntil(lambda: window.dashboard.counts is not None, timeout=20_000)
    counts = window.dashboard.counts
    assert counts is not None and counts.community_name == "湛山社区"
    assert (counts.residents, counts.households, counts.open_total, counts.overdue) == (0, 0, 0, 0)
    assert window.dashboard.cards["residents"].value_label.text() == "0"
    assert window.community_label.text() == "湛山社区"
    modals.timer.stop()
    session.quit = lambda: None  # type: ignore[method-assign]  # the test's event loop is not the app's
    window.close()
    session.shutdown()


# the real program, in its own process -----------------------------------------------------
DRIVER = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from community_app.app import main
from community_app.ui.dialogs.first_run_dialog import FirstRunDialog
from community_app.ui.login_dialog import LoginDialog
from community_app.ui.main_window import MainWindow

MODE = sys.argv.pop(1)
state = {"step": "setup"}

def poll():
    modal = QApplication.activeModalWidget()
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if state["step"] == "setup" and isinstance(modal, LoginDialog):
        print("LOGIN-DIRECT", modal.username_edit.text() or "-", flush=True)
        modal.reject()
        state["step"] = "done"
    elif state["step"] == "setup" and isinstance(modal, FirstRunDialog):
        print("FIRST-RUN", flush=True)
        if MODE == "cancel":
            modal.cancel_button.click()
            state["step"] = "done"
        else:
            modal.community_combo.lineEdit().setText("八大关街道 · 太平角社区")
            modal.display_name_edit.setText("王芳")
            modal.username_edit.setText("wangfang")
            modal.password_edit.setText("Taipingjiao1")
            modal.password_again_edit.setText("Taipingjiao1")
            modal.create_button.click()
            state["step"] = "login"
    elif state["step"] == "login" and isinstance(modal, LoginDialog):
        print("LOGIN", modal.username_edit.text(), flush=True)
        modal.password_edit.setText("Taipingjiao1")
        modal.login_button.click()
        state["step"] = "dashboard"
    elif state["step"] == "dashboard" and windows and windows[0].dashboard.counts is not None:
        counts = windows[0].dashboard.counts
        print("DASHBOARD", counts.community_name, counts.residents, flush=True)
        windows[0].logout_button.click()
        state["step"] = "logged-out"
    elif state["step"] == "logged-out" and isinstance(modal, LoginDialog):
        print("LOGIN-AGAIN", flush=True)
        modal.reject()
        state["step"] = "done"
    QTimer.singleShot(50, poll)

QTimer.singleShot(50, poll)
sys.exit(main(sys.argv[1:]))
"""


def run_app(mode: str, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, paths.HOME_ENV: str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", DRIVER, mode, "--db", str(db)], env=env,
                          capture_output=True, text=True, timeout=180)


def test_the_program_sets_up_a_new_database_then_signs_in(tmp_path: Path) -> None:
    db = tmp_path / "office" / "community.sqlite"
    result = run_app("create", db, tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["FIRST-RUN", "LOGIN wangfang", "DASHBOARD 太平角社区 0", "LOGIN-AGAIN"]
    again = run_app("cancel", db, tmp_path / "home")  # set up once: the next start signs in
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.splitlines() == ["LOGIN-DIRECT -"]


def test_cancelling_setup_quits_the_program_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "community.sqlite"
    result = run_app("cancel", db, tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["FIRST-RUN"]
    assert db.exists()  # the new, empty database stays for the next start, which asks again
