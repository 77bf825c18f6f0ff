"""Puts sync into a shown main window: the status-bar corner at once, the background runs
(and, for `--demo`, the embedded city API) once the dashboard has its first numbers, so
start-up pays nothing for sync. Imported by the session only after the window is shown.

The demo's server lives as long as the window that started it (signing in again starts it
again: a fraction of a second once it is seeded), and never outlives the application.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from community_app.ui.sync_controller import DEMO_INTERVAL_MS, INTERVAL_MS, SyncController
from community_app.ui.sync_progress import FirstSyncDialog
from community_app.ui.sync_status import SyncStatusWidget
from community_app.ui.workers import JobContext, run_in_background

if TYPE_CHECKING:
    from community_app.sync.demo_server import DemoServer
    from community_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

START_FALLBACK_MS = 5_000  # start sync this late at most if the dashboard never reports
SYNC_PAGE = "sync"

_demo_server: DemoServer | None = None


def attach_sync(window: MainWindow, *, demo: bool = False, start_delay_ms: int | None = None) -> SyncController:
    """Status widget now; runs after the dashboard loaded (or start_delay_ms, when given)."""
    controller = SyncController(window.session_factory, interval_ms=DEMO_INTERVAL_MS if demo else INTERVAL_MS,
                                parent=window)
    window.sync_controller = controller  # type: ignore[attr-defined]  # the sync page finds it here
    widget = SyncStatusWidget(controller)
    window.sync_status = widget  # type: ignore[attr-defined]
    window.statusBar().insertPermanentWidget(0, widget)
    widget.details_requested.connect(lambda: _open_sync_page(window))
    controller.first_sync_started.connect(lambda: FirstSyncDialog(controller, window).show_if_slow())
    window.closed.connect(controller.stop)
    if demo:
        window.closed.connect(stop_demo_server)
    page = window.pages.get(SYNC_PAGE)
    if page is not None and hasattr(page, "set_controller"):
        page.set_controller(controller)

    started = False

    def begin() -> None:
        nonlocal started
        if started or controller.stopped:
            return
        started = True
        if demo:
            _start_demo(window, controller)
        else:
            controller.start()

    if start_delay_ms is not None:
        QTimer.singleShot(start_delay_ms, controller, begin)
    else:
        window.dashboard.loaded.connect(begin)
        window.dashboard.load_failed.connect(begin)
        QTimer.singleShot(START_FALLBACK_MS, controller, begin)
    controller.refresh()
    return controller


def _open_sync_page(window: MainWindow) -> None:
    if SYNC_PAGE in window.nav_keys():
        window.show_page(SYNC_PAGE)


def _start_demo(window: MainWindow, controller: SyncController) -> None:
    stop_demo_server()  # one at a time: a window left open on another database must not keep its server
    engine = controller.db_engine
    device_db = Path(window.db_path)

    def start(_ctx: JobContext) -> DemoServer:
        from community_app.sync.demo_server import start_demo_server

        return start_demo_server(engine, device_db, device_db.parent)

    job = run_in_background(start, name="demo_city_api")  # no parent: its answer must arrive to stop the server

    def started(server: DemoServer) -> None:
        global _demo_server
        if controller.stopped:  # the window closed while the server was starting
            server.stop()
            return
        _demo_server = server
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(stop_demo_server)
        controller.tokens = server.tokens
        controller.start(first_run_delay_ms=0)

    def failed(_exc: object) -> None:
        log.error("the demo's city API did not start; the demo runs without sync")
        window.statusBar().showMessage(QCoreApplication.translate(
            "SyncSetup", "演示用的城市平台没有启动成功，本次演示不同步（本机数据照常保存）。"), 15_000)
        controller.refresh()

    job.result.connect(started)
    job.error.connect(failed)


def stop_demo_server() -> None:
    global _demo_server
    server, _demo_server = _demo_server, None
    if server is not None:
        server.stop()
        log.info("demo city API stopped")
