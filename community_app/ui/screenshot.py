"""Headless screenshots: `community-app --demo --screenshot FILE.png [--page NAME]`.

Logs in as the demo supervisor through core.auth.login (as a user would), waits until
the page has its data, renders at 1440×900 and saves a PNG. The README image is made so.

With COMMUNITY_APP_MARK_USABLE=1 in the environment it also prints a line `usable` on
stdout the moment the dashboard's numbers of the day are painted (the window rendered with
them): the start-up benchmark times the process up to that line. It then goes on and waits
for the whole page (the indicators) as usual.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from community_app.core import roles
from community_app.core.auth import CurrentUser, LoginError, login
from community_app.core.beside import Beside
from community_app.core.dashboard import numbers_of_the_day
from community_app.ui.db_startup import OpenedDatabase, ensure_demo_database, open_database_interactive
from community_app.ui.fonts import apply_app_font
from community_app.ui.session import LaunchOptions, demo_accounts
from community_app.ui.warm_up import warm_up
from db.database import plain_or_session

if TYPE_CHECKING:  # the window's code loads while the sign-in runs (_main_page)
    from community_app.ui.pages.dashboard_page import PendingCounts

log = logging.getLogger(__name__)

LOGIN_PAGE = "login"
LOAD_TIMEOUT_MS = 120_000
SUPERVISOR_ROLE_NAME = roles.DEFAULT_ROLES[roles.SUPERVISOR][0]


class ScreenshotError(Exception):
    pass


def take_screenshot(options: LaunchOptions, target: Path, language: str) -> int:
    """Exit status: 0 saved, 1 failed (the reason is logged and printed)."""
    try:
        if not options.demo:
            raise ScreenshotError("--screenshot needs --demo: it signs in with a demo account")
        ensure_demo_database(options.database)
        database = open_database_interactive(options.database, demo=True, interactive=False)
        if database is None:
            raise ScreenshotError(f"cannot open the database {options.database} (see the log)")
        try:
            if options.page == LOGIN_PAGE:
                widget = _login_page(database, language)
            else:
                widget = _main_page(database, options.page)
            _save(widget, target)
        finally:
            database.dispose()
    except ScreenshotError as exc:
        log.error("screenshot failed: %s", exc)
        print(f"screenshot failed: {exc}", flush=True)
        return 1
    log.info("screenshot of %s saved to %s", options.page, target)
    return 0


def page_names() -> tuple[str, ...]:
    from community_app.ui.main_window import PAGES

    return (*(spec.key for spec in PAGES), LOGIN_PAGE)


def _login_page(database: OpenedDatabase, language: str) -> QWidget:
    from community_app.ui.login_dialog import LoginDialog

    apply_app_font(_application())
    dialog = LoginDialog(database, language=language, demo_accounts=demo_accounts())
    dialog.show()
    return dialog


def _supervisor_login(database: OpenedDatabase) -> CurrentUser:
    accounts = [a for a in demo_accounts() if a[2] == SUPERVISOR_ROLE_NAME]
    if not accounts:
        raise ScreenshotError("no demo supervisor account")
    username, password, _role = accounts[0]
    try:
        with plain_or_session(database) as db:
            return login(db, username, password)
    except LoginError as exc:
        raise ScreenshotError("the demo supervisor could not sign in") from exc


def _sign_in_and_count(database: OpenedDatabase) -> tuple[CurrentUser, PendingCounts]:
    user = _supervisor_login(database)
    return user, Beside(lambda: numbers_of_the_day(database, user), "dashboard-counts")


def _main_page(database: OpenedDatabase, page_key: str) -> QWidget:
    # argon2 and SQLite let go of the GIL: the sign-in, then the counting of the numbers of the
    # day, run while the window's code loads and its frame is built
    signing_in = Beside(lambda: _sign_in_and_count(database), "sign-in")
    from community_app.ui.main_window import DEFAULT_SIZE, MainWindow

    apply_app_font(_application())
    window = MainWindow(None, database, database.path, notice=database.notice, remember_geometry=False)
    user, counting = signing_in.result()
    if page_key not in page_names():  # checked here, not first: the check loads the window's code
        counting.join()  # off the database before it is closed
        raise ScreenshotError(f"unknown page {page_key!r}; pages: {', '.join(page_names())}")
    window.open_for(user, counting=counting)
    window.resize(DEFAULT_SIZE)
    if page_key == "dashboard" and os.environ.get(MARK_USABLE_ENV) == "1":
        window.dashboard.counts_shown.connect(lambda _counts: _mark_usable(window))
    window.dashboard.counts_shown.connect(lambda _counts: warm_up(database))  # what the other pages need
    page = window.show_page(page_key)
    window.show()
    _wait_until_loaded(page)
    return window


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _wait_until_loaded(page: QWidget) -> None:
    """Pages that load in the background say so with is_loaded and loaded / load_failed."""
    if getattr(page, "is_loaded", True) is False:
        loop = QEventLoop()
        failed: list[bool] = []

        def on_failure() -> None:
            failed.append(True)
            loop.quit()

        page.loaded.connect(loop.quit)  # type: ignore[attr-defined]
        page.load_failed.connect(on_failure)  # type: ignore[attr-defined]
        timer = QTimer(singleShot=True, interval=LOAD_TIMEOUT_MS)
        timer.timeout.connect(loop.quit)
        timer.start()
        loop.exec()
        if failed or not page.is_loaded:  # type: ignore[attr-defined]
            raise ScreenshotError(f"the page {page.property('pageKey')} did not load")


MARK_USABLE_ENV = "COMMUNITY_APP_MARK_USABLE"


def _mark_usable(window: QWidget) -> None:
    """The numbers are on the page: lay it out with them and render the window (what the
    next paint shows), then say so."""
    for _ in range(3):  # a label that grew asks its layout, which asks its parent's
        QCoreApplication.sendPostedEvents()
    window.grab()
    print("usable", flush=True)


WEB_SETTLE_MS = 1500  # Chromium paints its first frames after the page says it is ready


def _save(widget: QWidget, target: Path) -> None:
    for _ in range(3):  # let layouts and style polish settle before rendering
        QApplication.processEvents()
    if any(w.inherits("QWebEngineView") for w in widget.findChildren(QWidget)):
        loop = QEventLoop()
        QTimer.singleShot(WEB_SETTLE_MS, loop.quit)
        loop.exec()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(target)):
        raise ScreenshotError(f"cannot write {target}")
    widget.close()
