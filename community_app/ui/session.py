"""One desktop session: open the database, first-run setup when nobody can sign in yet,
login → main window → logout, the background page check and daily backup, and the way
back when the check finds damage (restore the latest backup, then sign in again)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from community_app import paths
from community_app.core.auth import needs_first_admin
from community_app.ui import settings
from community_app.ui.db_maintenance import DatabaseCheck
from community_app.ui.db_startup import (
    OpenedDatabase,
    ensure_demo_database,
    open_database_interactive,
    problem_dialogs,
    restore_latest_backup,
)
from community_app.ui.i18n import current_language, install_language
from community_app.ui.timefmt import format_seconds
from community_app.ui.warm_up import warm_up, when_warm
from community_app.ui.workers import JobContext, JobFailedError, run_and_wait, wait_for_all
from db.backup import list_backups
from db.database import plain_or_session

if TYPE_CHECKING:  # loaded when the login dialog is shown: a headless screenshot shows none
    from community_app.ui.login_dialog import DemoAccount, LoginDialog
    from community_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

SHUTDOWN_WAIT_MS = 10_000
# The page check starts when the dashboard has its first numbers (it must not compete with
# them for the disk); this is the latest it starts if the numbers never come.
CHECK_FALLBACK_MS = 10_000


@dataclass(frozen=True)
class LaunchOptions:
    demo: bool = False
    db_path: Path | None = None
    language: str | None = None  # None: the saved setting, else Chinese
    screenshot: Path | None = None
    page: str = "dashboard"

    @property
    def database(self) -> Path:
        return self.db_path or paths.default_db_path(demo=self.demo)


def demo_accounts() -> list[DemoAccount]:
    from db.demo import DEMO_ACCOUNTS

    return [(str(u), str(p), str(r)) for u, p, r in DEMO_ACCOUNTS]


def _load_main_window() -> None:
    """The main window's code (≈20 ms of imports, Qt classes among them: GUI thread), loaded while
    the login dialog waits for the password."""
    import community_app.ui.main_window  # noqa: F401


class DesktopSession(QObject):
    """Owns the open database and the current window; logout returns to the login dialog."""

    def __init__(self, app: QApplication, options: LaunchOptions) -> None:
        super().__init__()
        self.app = app
        self.options = options
        self.database: OpenedDatabase | None = None
        self.window: MainWindow | None = None
        self.check: DatabaseCheck | None = None
        self.login_dialog: LoginDialog | None = None
        self._closing_window = False
        self._damaged = False  # the page check found damage: never write to the file again
        self._damage_pending = False  # found while the login dialog was open
        self._tried_backups: set[Path] = set()

    # start-up and sign-in -------------------------------------------------------------------
    def start(self) -> bool:
        """Open the database and show the login dialog; False when the user quit instead."""
        path = self.options.database
        if self.options.demo:
            ensure_demo_database(path)
        self.database = open_database_interactive(path, demo=self.options.demo, tried=self._tried_backups)
        if self.database is None:
            return False
        return self.login()

    def needs_first_admin(self) -> bool:
        assert self.database is not None
        database = self.database

        def ask(_ctx: JobContext) -> bool:
            with plain_or_session(database) as db:
                return needs_first_admin(db)

        label = translate("DesktopSession", "正在读取账号信息…")
        try:
            return bool(run_and_wait(ask, label, name="needs_first_admin"))
        except JobFailedError:  # the login dialog will say that the database cannot be read
            return False

    def first_run(self) -> str | None:
        """首次使用设置; the new administrator's user name, None when the user cancelled."""
        from community_app.ui.dialogs.first_run_dialog import FirstRunDialog  # once per office: not on every start

        assert self.database is not None
        dialog = FirstRunDialog(self.database.session_factory, self.database.path, language=current_language())
        dialog.language_changed.connect(self.change_language)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and bool(dialog.username)
        username = dialog.username
        dialog.deleteLater()
        if not accepted:
            log.info("first-run setup cancelled")
            return None
        return username

    def login(self, notice: str = "") -> bool:
        """The login dialog, then the main window; False when the user closed the dialog."""
        from community_app.ui.login_dialog import LoginDialog

        assert self.database is not None
        username = ""
        if self.needs_first_admin():
            username = self.first_run() or ""
            if not username:
                return False
            notice = translate("DesktopSession", "管理员账号已创建。请输入刚才设置的密码登录。")
        dialog = LoginDialog(
            self.database,
            language=current_language(),
            demo_accounts=demo_accounts() if self.options.demo else (),
            username=username,
            notice=notice,
        )
        dialog.language_changed.connect(self.change_language)
        self.login_dialog = dialog
        database = self.database
        QTimer.singleShot(0, lambda: warm_up(database))  # while the user types the password
        QTimer.singleShot(0, _load_main_window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.user is not None
        self.login_dialog = None
        user = dialog.user
        dialog.deleteLater()
        if self._damage_pending:  # the check found damage while the dialog was open
            self._damage_pending = False
            QTimer.singleShot(0, self.handle_damage)
            return True
        if not accepted or user is None:
            return False
        from community_app.ui.main_window import MainWindow

        self.window = MainWindow(user, self.database, self.database.path,
                                 notice=self.database.notice)
        self.window.logout_requested.connect(self.logout)
        self.window.closed.connect(self.window_closed)
        self._schedule_check(self.window)
        self.window.show()
        # sync (and the demo's own city API) joins once the dashboard has its numbers: start-up
        # pays nothing for it, not even its imports
        window, database = self.window, self.database
        self.window.dashboard.loaded.connect(lambda *_: when_warm(window, self._attach_sync, database))
        self.window.dashboard.load_failed.connect(lambda *_: when_warm(window, self._attach_sync, database))
        QTimer.singleShot(CHECK_FALLBACK_MS, self._attach_sync)
        return True

    def _attach_sync(self, *_args: object) -> None:
        if self.window is None or hasattr(self.window, "sync_controller"):
            return
        from community_app.ui.sync_setup import attach_sync

        attach_sync(self.window, demo=self.options.demo, start_delay_ms=0)

    def change_language(self, language: str) -> None:
        settings.save_language(install_language(language))

    # the background check -------------------------------------------------------------------
    def _schedule_check(self, window: MainWindow) -> None:
        if self.check is not None or self.database is None:
            return  # once per opened database, not at every sign-in
        self.check = DatabaseCheck(self.database, self.database.path, parent=self)
        self.check.damaged.connect(self._on_damaged)
        window.dashboard.loaded.connect(self.check.start)
        window.dashboard.load_failed.connect(self.check.start)
        fallback = QTimer(self.check, singleShot=True, interval=CHECK_FALLBACK_MS)  # goes with the check
        fallback.timeout.connect(self.check.start)
        fallback.start()

    def _on_damaged(self, _detail: str) -> None:
        self._damaged = True
        if self.login_dialog is not None:  # signed out meanwhile: close the dialog, then ask
            self._damage_pending = True
            self.login_dialog.reject()
            return
        QTimer.singleShot(0, self.handle_damage)  # leave the job's signal before a modal loop

    def handle_damage(self) -> None:
        """Tell the user, then restore the latest backup (back to login) or quit."""
        if self.database is None:
            return
        path = self.database.path
        backup = next((b for b in list_backups(path) if b not in self._tried_backups), None)
        dialogs = problem_dialogs()
        dialog = dialogs.DamagedDatabaseDialog(path, backup, parent=self.window)
        chose_restore = dialog.exec() == QDialog.DialogCode.Accepted and dialog.choice is dialogs.Choice.RESTORE
        dialog.deleteLater()
        if not chose_restore or backup is None:
            log.info("user chose to quit after the page check found damage")
            self.quit()
            return
        self._restore(backup)

    def _restore(self, backup: Path) -> None:
        assert self.database is not None
        path = self.database.path
        self._close_window()
        self._close_database()
        self._tried_backups.add(backup)
        try:
            notice = restore_latest_backup(path, backup)
        except JobFailedError:
            log.error("restoring %s from %s failed", path, backup)
            problem_dialogs().cannot_open_message(path).exec()
            self.quit()
            return
        self._damaged = False
        self.database = open_database_interactive(path, demo=self.options.demo, notice=notice,
                                                  tried=self._tried_backups)
        if self.database is None:
            self.quit()
            return
        when = format_seconds(problem_dialogs().backup_time(backup))
        login_notice = translate("DesktopSession", "已恢复 %1 的备份。请重新登录。").replace("%1", when)
        if not self.login(login_notice):
            self.quit()

    # sign-out and the end -------------------------------------------------------------------
    def logout(self) -> None:
        if self.window is None:
            return
        log.info("user %s signed out", self.window.user.id)
        self._close_window()
        # the login dialog runs its own loop: start it after this click has been handled
        QTimer.singleShot(0, self._login_again)

    def _close_window(self) -> None:
        if self.window is None:
            return
        self._closing_window = True
        self.window.close()
        self.window.deleteLater()
        self.window = None
        self._closing_window = False

    def _login_again(self) -> None:
        if not self.login():
            self.quit()

    def window_closed(self) -> None:
        if not self._closing_window:
            self.quit()

    def quit(self) -> None:
        self._close_window()
        self.app.quit()

    def _close_database(self) -> None:
        """Wait for the jobs using it, then close: PRAGMA optimize first (the planner's
        statistics) when the file is sound; a damaged file is only let go of."""
        if self.check is not None:
            self.check.cancel()
        if not wait_for_all(SHUTDOWN_WAIT_MS):
            log.warning("background work still running while closing the database")
        if self.check is not None:
            self.check.deleteLater()
            self.check = None
        database, self.database = self.database, None
        if database is None:
            return
        if self._damaged:
            database.dispose()
            return
        try:
            database.close()
        except Exception:  # optimizing is a courtesy: closing must still happen (close disposes)
            log.warning("PRAGMA optimize failed while closing %s", database.path, exc_info=True)
        log.info("database %s closed", database.path)

    def shutdown(self) -> None:
        self._close_database()
