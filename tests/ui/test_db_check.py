"""After start-up, in the background: every page of the database is checked, then the daily
safety copy is made. Damage found this way gets a plain-words dialog; restoring keeps the
damaged file under a quarantine name and signs the user in again on the restored copy."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event

from community_app.ui.db_maintenance import DatabaseCheck
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.login_dialog import LoginDialog
from community_app.ui.session import DesktopSession, LaunchOptions
from db.backup import list_backups, make_backup
from db.engine import make_engine
from db.migrate import verify_integrity

GARBAGE_BYTE = b"\xa5"

# sessions and dialog scripts a test made: stopped after it even when an assertion failed midway
# (a leftover Script signed in at the next tests' login dialogs and clicked their buttons, and a
# leftover session's dashboard job read a damaged file: the next test hung or segfaulted)
_LIVE: list[Script | DesktopSession] = []


@pytest.fixture(autouse=True)
def _stop_what_the_test_left() -> Iterator[None]:
    yield
    while _LIVE:
        left = _LIVE.pop()
        if isinstance(left, Script):
            left.timer.stop()
        else:
            left.shutdown()  # a second shutdown does nothing


def live(session: DesktopSession) -> DesktopSession:
    _LIVE.append(session)
    return session


def backup_now(path: Path) -> Path:
    engine = make_engine(path)
    try:
        return make_backup(engine, path, reason="test")
    finally:
        engine.dispose()


def damage_resident_table(path: Path) -> tuple[int, int]:
    """Overwrite the root page of the resident table, as a failing disk would. The header,
    schema and revision stay readable, so the app opens the file without noticing."""
    conn = sqlite3.connect(path)
    try:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE type='table' AND name='resident'").fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    assert not path.with_name(path.name + "-wal").exists()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(GARBAGE_BYTE * page_size)
    return root, page_size


def page(path: Path, root: int, page_size: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek((root - 1) * page_size)
        return fh.read(page_size)


def record_statements(engine: Engine, prefix: str = "PRAGMA optimize") -> list[str]:
    """The statements starting with prefix that the app runs on engine from now on."""
    seen: list[str] = []

    def on_sql(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith(prefix):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", on_sql)
    return seen


def texts(widget: QWidget) -> str:
    parts = [widget.windowTitle()]
    parts += [label.text() for label in widget.findChildren(QLabel)]
    parts += [button.text() for button in widget.findChildren(QAbstractButton)]
    return "\n".join(parts)


class Script:
    """Acts on each modal dialog the session shows, once, by its type (the dialogs run their
    own event loops, so a timer polls for them)."""

    def __init__(self, **actions: Callable[[QWidget], None]) -> None:
        self.actions = actions
        self.seen: list[tuple[str, str]] = []  # (type name, all its texts)
        self._done: list[QWidget] = []
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()
        _LIVE.append(self)

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal in self._done or not modal.isVisible():
            return
        name = type(modal).__name__
        action = self.actions.get(name)
        if action is None:
            return
        self._done.append(modal)
        self.seen.append((name, texts(modal)))
        action(modal)

    def names(self) -> list[str]:
        return [name for name, _ in self.seen]


def sign_in_as(username: str, password: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, LoginDialog)
        dialog.username_edit.setText(username)
        dialog.password_edit.setText(password)
        dialog.login_button.click()

    return act


def click(name: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        button = dialog.findChild(QAbstractButton, name)
        assert button is not None, name
        button.click()

    return act


@pytest.fixture
def quits(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The session's quit() records instead of ending the test's event loop."""
    calls: list[bool] = []

    def record(self: DesktopSession) -> None:
        self._close_window()
        calls.append(True)

    monkeypatch.setattr(DesktopSession, "quit", record)
    return calls


def test_damage_found_after_start_is_reported_and_the_backup_restored(
    app: QApplication, qtbot: QtBot, demo_db: Path, supervisor_account: tuple[str, str], quits: list[bool]
) -> None:
    backup = backup_now(demo_db)
    root, page_size = damage_resident_table(demo_db)
    session = live(DesktopSession(app, LaunchOptions(db_path=demo_db)))
    script = Script(LoginDialog=sign_in_as(*supervisor_account), DamagedDatabaseDialog=click("restoreButton"))

    assert session.start() is True  # the file opens: start-up reads only header, schema, revision
    qtbot.waitUntil(lambda: script.names() == ["LoginDialog", "DamagedDatabaseDialog", "LoginDialog"],
                    timeout=30_000)
    shown = script.seen[1][1]
    assert "数据库文件检测到损坏" in shown and "建议立即恢复最近的备份" in shown
    assert str(demo_db) in shown and "恢复最近的备份（20" in shown and "退出" in shown
    assert "已恢复" in script.seen[2][1] and "请重新登录" in script.seen[2][1]  # the second login says why

    # signed in again, on the restored file, with real numbers
    qtbot.waitUntil(lambda: session.window is not None and session.window.dashboard.counts is not None,
                    timeout=30_000)
    assert session.window is not None and session.database is not None
    counts = session.window.dashboard.counts
    assert counts is not None and counts.residents > 1000
    assert session.database.path == demo_db
    verify_integrity(demo_db)

    # the damaged file is kept, not overwritten, and the status bar says where
    (kept,) = demo_db.parent.glob(f"{demo_db.name}.bad-*")
    assert page(kept, root, page_size) == GARBAGE_BYTE * page_size
    assert str(kept) in session.window.statusBar().currentMessage()
    # the damaged file was never copied as a daily backup (restoring it would bring the damage back)
    qtbot.waitUntil(lambda: session.check is not None and session.check.outcome is not None, timeout=30_000)
    assert session.check is not None and session.check.outcome is not None
    assert session.check.outcome.damage is None
    assert list_backups(demo_db) == [backup]
    assert not quits

    script.timer.stop()
    session.window.close()
    session.shutdown()


def test_quitting_after_damage_leaves_the_file_where_it_is(
    app: QApplication, qtbot: QtBot, demo_db: Path, supervisor_account: tuple[str, str], quits: list[bool]
) -> None:
    backup_now(demo_db)
    root, page_size = damage_resident_table(demo_db)
    session = live(DesktopSession(app, LaunchOptions(db_path=demo_db)))
    script = Script(LoginDialog=sign_in_as(*supervisor_account), DamagedDatabaseDialog=click("quitButton"))

    assert session.start() is True
    assert session.database is not None
    statements = record_statements(session.database.engine)
    qtbot.waitUntil(lambda: bool(quits), timeout=30_000)
    script.timer.stop()
    session.shutdown()

    assert statements == []  # a damaged file is only let go of: no PRAGMA optimize writing statistics into it
    assert script.names() == ["LoginDialog", "DamagedDatabaseDialog"]
    assert session.window is None
    assert not list(demo_db.parent.glob(f"{demo_db.name}.bad-*"))
    assert page(demo_db, root, page_size) == GARBAGE_BYTE * page_size  # nothing "repaired" or optimized into it


def test_without_a_backup_the_damage_dialog_says_so_and_offers_only_quit(
    app: QApplication, qtbot: QtBot, demo_db: Path, supervisor_account: tuple[str, str], quits: list[bool]
) -> None:
    damage_resident_table(demo_db)
    session = live(DesktopSession(app, LaunchOptions(db_path=demo_db)))
    offered: list[list[str]] = []

    def inspect_then_quit(dialog: QWidget) -> None:
        offered.append([b.objectName() for b in dialog.findChildren(QAbstractButton) if b.isVisible()])
        click("quitButton")(dialog)

    script = Script(LoginDialog=sign_in_as(*supervisor_account), DamagedDatabaseDialog=inspect_then_quit)
    assert session.start() is True
    qtbot.waitUntil(lambda: bool(quits), timeout=30_000)
    script.timer.stop()
    session.shutdown()

    assert offered == [["quitButton"]]
    assert "没有找到这个数据库的备份" in script.seen[1][1]
    assert list_backups(demo_db) == []  # no daily copy of a damaged file


def test_a_sound_database_is_checked_after_the_dashboard_then_backed_up_once_a_day(
    app: QApplication, qtbot: QtBot, demo_db: Path, supervisor_account: tuple[str, str],
    caplog: pytest.LogCaptureFixture, quits: list[bool]
) -> None:
    caplog.set_level(logging.INFO, logger="community_app")
    session = live(DesktopSession(app, LaunchOptions(db_path=demo_db)))
    script = Script(LoginDialog=sign_in_as(*supervisor_account))
    assert session.start() is True
    window, check = session.window, session.check
    assert window is not None and check is not None
    numbers_when_started: list[bool] = []
    check.started.connect(lambda: numbers_when_started.append(window.dashboard.counts is not None))
    assert not check.running  # not before the dashboard's first numbers

    qtbot.waitUntil(lambda: check.outcome is not None, timeout=30_000)
    assert numbers_when_started == [True]
    assert check.outcome is not None and check.outcome.damage is None
    made = check.outcome.backup
    assert made is not None and list_backups(demo_db) == [made]
    verify_integrity(made)
    assert f"daily backup written to {made}" in caplog.text

    # sign out and in again: the check runs once per opened database, not per sign-in
    window.logout_button.click()
    qtbot.waitUntil(lambda: session.window is not None and session.window is not window, timeout=30_000)
    assert session.check is check

    # closing runs PRAGMA optimize (db.engine.close_engine): the query planner keeps its statistics
    assert session.database is not None
    statements = record_statements(session.database.engine)
    script.timer.stop()
    assert session.window is not None
    session.window.close()
    session.shutdown()
    assert statements == ["PRAGMA optimize"]


def test_the_next_start_on_the_same_day_makes_no_second_backup(
    app: QApplication, qtbot: QtBot, demo: OpenedDatabase
) -> None:
    path, engine = demo.path, demo.engine
    first = DatabaseCheck(engine, path)
    with qtbot.waitSignal(first.finished, timeout=30_000):
        first.start()
    second = DatabaseCheck(engine, path)
    with qtbot.waitSignal(second.finished, timeout=30_000):
        second.start()
    assert first.outcome is not None and first.outcome.backup is not None
    assert second.outcome is not None and second.outcome.backup is None
    assert len(list_backups(path)) == 1


def test_damage_found_while_the_login_dialog_is_open_closes_it_and_asks(
    app: QApplication, qtbot: QtBot, demo_db: Path, supervisor_account: tuple[str, str], quits: list[bool]
) -> None:
    """The user signed out before the check finished: the report still reaches them."""
    session = live(DesktopSession(app, LaunchOptions(db_path=demo_db)))
    logins: list[int] = []

    def login_then_report(dialog: QWidget) -> None:
        logins.append(1)
        if len(logins) == 1:
            sign_in_as(*supervisor_account)(dialog)
        else:
            session._on_damaged("test: damage reported while signing in")

    script = Script(LoginDialog=login_then_report, DamagedDatabaseDialog=click("quitButton"))
    assert session.start() is True
    assert session.window is not None
    session.window.logout_button.click()
    qtbot.waitUntil(lambda: bool(quits), timeout=30_000)
    script.timer.stop()
    session.shutdown()
    assert script.names() == ["LoginDialog", "LoginDialog", "DamagedDatabaseDialog"]
    assert session.window is None
