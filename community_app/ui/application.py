"""Application start-up and the login → main window → logout cycle."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from community_app import __version__, paths
from community_app.ui import settings
from community_app.ui.db_startup import OpenedDatabase, ensure_demo_database, open_database_interactive
from community_app.ui.errors import ErrorReporter, route_qt_messages_to_log
from community_app.ui.fonts import apply_app_font
from community_app.ui.i18n import DEFAULT_LANGUAGE, current_language, install_language
from community_app.ui.icons import icon
from community_app.ui.login_dialog import DemoAccount, LoginDialog
from community_app.ui.main_window import MainWindow
from community_app.ui.style import apply_style
from community_app.ui.workers import wait_for_all

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 10_000


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


def create_application() -> QApplication:
    """The QApplication with fonts and style set up (reuses one that exists)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    apply_app_font(app)
    apply_style(app)
    return app


def demo_accounts() -> list[DemoAccount]:
    from db.demo import DEMO_ACCOUNTS

    return [(str(u), str(p), str(r)) for u, p, r in DEMO_ACCOUNTS]


class DesktopSession(QObject):
    """Owns the open database and the current window; logout returns to the login dialog."""

    def __init__(self, app: QApplication, options: LaunchOptions) -> None:
        super().__init__()
        self.app = app
        self.options = options
        self.database: OpenedDatabase | None = None
        self.window: MainWindow | None = None
        self._logging_out = False

    def start(self) -> bool:
        """Open the database and show the login dialog; False when the user quit instead."""
        path = self.options.database
        if self.options.demo:
            ensure_demo_database(path)
        self.database = open_database_interactive(path, demo=self.options.demo)
        if self.database is None:
            return False
        return self.login()

    def login(self) -> bool:
        assert self.database is not None
        dialog = LoginDialog(
            self.database.session_factory,
            language=current_language(),
            demo_accounts=demo_accounts() if self.options.demo else (),
        )
        dialog.language_changed.connect(self.change_language)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.user is not None
        user = dialog.user
        dialog.deleteLater()
        if not accepted or user is None:
            return False
        self.window = MainWindow(user, self.database.session_factory, self.database.path,
                                 notice=self.database.notice)
        self.window.logout_requested.connect(self.logout)
        self.window.closed.connect(self.window_closed)
        self.window.show()
        return True

    def change_language(self, language: str) -> None:
        settings.save_language(install_language(language))

    def logout(self) -> None:
        if self.window is None:
            return
        log.info("user %s signed out", self.window.user.id)
        self._logging_out = True
        self.window.close()
        self.window.deleteLater()
        self.window = None
        self._logging_out = False
        # the login dialog runs its own loop: start it after this click has been handled
        QTimer.singleShot(0, self._login_again)

    def _login_again(self) -> None:
        if not self.login():
            self.app.quit()

    def window_closed(self) -> None:
        if not self._logging_out:
            self.app.quit()

    def shutdown(self) -> None:
        wait_for_all(SHUTDOWN_WAIT_MS)
        if self.database is not None:
            self.database.engine.dispose()


def run(options: LaunchOptions, log_file: Path) -> int:
    route_qt_messages_to_log()
    app = create_application()
    language = install_language(options.language or settings.saved_language() or DEFAULT_LANGUAGE)
    reporter = ErrorReporter(log_file, interactive=options.screenshot is None)
    reporter.install()
    try:
        if options.screenshot is not None:
            from community_app.ui.screenshot import take_screenshot

            status = take_screenshot(options, options.screenshot, language)
            if not wait_for_all(SHUTDOWN_WAIT_MS):
                # a query still running must not keep a headless run (CI, bench) alive
                log.error("background work still running after the screenshot; exiting without it")
                logging.shutdown()
                os._exit(status or 1)
            return status
        app.setQuitOnLastWindowClosed(False)  # logout closes the window but not the app
        session = DesktopSession(app, options)
        try:
            if not session.start():
                return 0
            return app.exec()
        finally:
            session.shutdown()
    finally:
        reporter.uninstall()
