"""Application start-up: the QApplication (fonts, style, language), error reporting, then
either a headless screenshot or a desktop session (community_app.ui.session)."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from community_app import __version__, paths
from community_app.ui import settings
from community_app.ui.errors import ErrorReporter, route_qt_messages_to_log
from community_app.ui.fonts import apply_app_font, start_registering
from community_app.ui.i18n import DEFAULT_LANGUAGE, install_language
from community_app.ui.icons import icon
from community_app.ui.session import SHUTDOWN_WAIT_MS, DesktopSession, LaunchOptions, demo_accounts
from community_app.ui.style import apply_style
from community_app.ui.workers import wait_for_all

__all__ = ["DesktopSession", "LaunchOptions", "create_application", "demo_accounts", "run"]

log = logging.getLogger(__name__)


def create_application() -> QApplication:
    """The QApplication with its style set up (reuses one that exists). The fonts: set up too when
    the QApplication existed already; when this call makes it, they are read on a thread meanwhile
    and whoever shows the first widget calls fonts.apply_app_font first."""
    starting = QApplication.instance() is None
    # Fusion through Qt's own -style argument: QApplication.setStyle from Python makes PySide
    # build its QStyle wrapper (≈10 ms of enum creation) at every start
    app = QApplication.instance() or QApplication([*sys.argv[:1], "-style", "fusion"])
    assert isinstance(app, QApplication)
    if starting:
        start_registering()
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    if not starting:
        apply_app_font(app)
    apply_style(app, set_style=not starting)
    if starting:
        # Everything loaded at start (SQLAlchemy, the models, PySide6's wrappers: ~110,000
        # objects) lives as long as the process. Kept out of the cyclic collector, a full
        # collection takes a few ms instead of 60–200 ms, which used to land in the middle of
        # a search or a paint. Only when this call starts the process's Qt (not in tests).
        gc.freeze()
    return app


def run(options: LaunchOptions, log_file: Path, *, resume_gc: bool = False) -> int:
    """resume_gc: the caller paused the cyclic collector for the start's imports; it runs again
    once create_application has frozen what they made."""
    route_qt_messages_to_log()
    app = create_application()
    if resume_gc:
        gc.enable()
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
        apply_app_font(app)
        session = DesktopSession(app, options)
        try:
            if not session.start():
                return 0
            return app.exec()
        finally:
            session.shutdown()
    finally:
        reporter.uninstall()
