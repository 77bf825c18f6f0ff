"""Logging in: success, failure without revealing whether the user exists, demo accounts
shown only in demo mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidgetItem
from pytestqt.qtbot import QtBot

from community_app.core import roles
from community_app.ui.application import DesktopSession, LaunchOptions, demo_accounts
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.login_dialog import LoginDialog

WRONG = "用户名或密码不正确，请重新输入。"


def make_dialog(qtbot: QtBot, demo: OpenedDatabase, *, with_demo_accounts: bool = False) -> LoginDialog:
    dialog = LoginDialog(demo.session_factory, language="zh_CN",
                         demo_accounts=demo_accounts() if with_demo_accounts else ())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def sign_in(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_the_supervisor_signs_in(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                 supervisor_account: tuple[str, str]) -> None:
    dialog = make_dialog(qtbot, demo)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        sign_in(qtbot, dialog, *supervisor_account)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user is not None and dialog.user.role_code == roles.SUPERVISOR


@pytest.mark.parametrize("case", ["wrong password", "unknown user"])
def test_a_failed_login_says_the_same_whatever_was_wrong(
    app: QApplication, qtbot: QtBot, demo: OpenedDatabase, supervisor_account: tuple[str, str], case: str
) -> None:
    username, password = supervisor_account
    if case == "wrong password":
        password += "-wrong"
    else:
        username = "no-such-user"
    dialog = make_dialog(qtbot, demo)
    sign_in(qtbot, dialog, username, password)

    assert dialog.isVisible() and dialog.user is None
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == WRONG  # identical for both cases: no hint that the user exists
    assert dialog.focusWidget() is dialog.password_edit
    assert dialog.password_edit.selectedText() == password  # typing replaces it
    assert dialog.login_button.isEnabled() and dialog.login_button.text() == "登录"


def test_empty_fields_are_caught_before_asking_the_database(app: QApplication, qtbot: QtBot,
                                                            demo: OpenedDatabase) -> None:
    dialog = make_dialog(qtbot, demo)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "请输入用户名。"
    assert dialog.focusWidget() is dialog.username_edit


def test_clicking_a_demo_account_fills_the_form(app: QApplication, qtbot: QtBot,
                                                demo: OpenedDatabase) -> None:
    dialog = make_dialog(qtbot, demo, with_demo_accounts=True)
    table = dialog.demo_table
    assert table is not None and table.isVisible()
    accounts = demo_accounts()
    assert table.rowCount() == len(accounts) >= 4
    rows = range(table.rowCount())
    shown = [[(table.item(r, c) or QTableWidgetItem()).text() for c in range(3)] for r in rows]
    assert [row[:2] for row in shown] == [[u, p] for u, p, _r in accounts]
    assert {row[2] for row in shown} >= {"网格员", "社区负责人", "系统管理员"}

    row = 1
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.username_edit.text() == accounts[row][0]
    assert dialog.password_edit.text() == accounts[row][1]


@pytest.mark.parametrize("demo_mode", [False, True])
def test_demo_accounts_appear_only_in_demo_mode(app: QApplication, demo: OpenedDatabase,
                                                demo_mode: bool) -> None:
    """Through the real start-up wiring: the session decides what the dialog gets."""
    session = DesktopSession(app, LaunchOptions(demo=demo_mode, db_path=demo.path))
    session.database = demo
    seen: dict[str, object] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, inspect)
            return
        seen["table"] = dialog.demo_table is not None and dialog.demo_table.isVisible()
        seen["labels"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    QTimer.singleShot(0, inspect)
    assert session.login() is False  # rejected: no window
    assert seen["table"] is demo_mode
    assert ("演示账号" in str(seen["labels"])) is demo_mode


def _sign_in_when_shown(username: str, password: str) -> None:
    """Fill and submit the login dialog once its modal loop is running."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, LoginDialog):
        QTimer.singleShot(20, lambda: _sign_in_when_shown(username, password))
        return
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    dialog.login_button.click()


def test_logout_returns_to_login_for_the_next_user(app: QApplication, qtbot: QtBot,
                                                   demo: OpenedDatabase) -> None:
    accounts = {role: (u, p) for u, p, role in demo_accounts()}
    session = DesktopSession(app, LaunchOptions(demo=True, db_path=demo.path))
    session.database = demo

    QTimer.singleShot(0, lambda: _sign_in_when_shown(*accounts["社区负责人"]))
    assert session.login() is True
    first = session.window
    assert first is not None and first.isVisible() and first.user.role_code == roles.SUPERVISOR

    QTimer.singleShot(0, lambda: _sign_in_when_shown(*accounts["网格员"]))
    first.logout_button.click()

    qtbot.waitUntil(lambda: session.window is not None, timeout=10_000)
    assert session.window is not None and session.window is not first
    assert session.window.user.role_code == roles.GRID_WORKER
    assert session.window.isVisible()
    session.window.close()
