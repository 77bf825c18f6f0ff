"""Runs the sync engine in the background for the main window: on an interval (QTimer), on
「同步」, and once soon after the window appears. The engine works on a pool thread (it opens
its own connections); only frozen reports and overviews come back to the GUI thread.

One run at a time; a run asked for while one is going is simply the next tick's. The first
sync of a device shows progress with Cancel (sync_progress.FirstSyncDialog); a cancelled
first sync resumes from its stored cursor on the next run.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from community_app.sync.status import SyncOverview, overview
from community_app.sync.tokens import TokenStore
from community_app.ui.workers import Job, JobContext, run_in_background
from db.database import engine_of

if TYPE_CHECKING:  # requests (under the engine) is imported on the sync thread, not at start
    from community_app.sync.http import HttpSettings

log = logging.getLogger(__name__)

INTERVAL_MS = 5 * 60_000  # background sync
DEMO_INTERVAL_MS = 30_000  # the demo's own server is local: sync often so a newcomer sees it
REFRESH_MS = 15_000  # re-count waiting changes (local edits add to them between runs)
FIRST_RUN_DELAY_MS = 1_500


class SyncController(QObject):
    overview_changed = Signal(object)  # SyncOverview
    running_changed = Signal(bool)
    progress = Signal(int, int, str)  # done, total (0 = unknown), text — from the engine
    run_finished = Signal(object)  # SyncReport (or an exception the engine let through)
    first_sync_started = Signal()  # a never-synced device started its first sync: show progress

    def __init__(self, session_factory: sessionmaker[Session], *, tokens: TokenStore | None = None,
                 interval_ms: int = INTERVAL_MS, http: HttpSettings | None = None,
                 engine_options: dict[str, Any] | None = None, parent: QObject | None = None) -> None:
        """engine_options: more keyword arguments for SyncEngine (page sizes)."""
        super().__init__(parent)
        self.session_factory = session_factory
        self.db_engine: Engine = engine_of(session_factory)
        self.tokens: TokenStore = tokens if tokens is not None else _LazyTokenStore()
        self.http = http
        self.engine_options = dict(engine_options or {})
        self.current: SyncOverview | None = None
        self.last_report: Any = None
        self._job: Job | None = None
        self._overview_job: Job | None = None
        self._stopped = False
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.sync_now)
        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)

    # life ------------------------------------------------------------------------------------
    def start(self, *, first_run_delay_ms: int = FIRST_RUN_DELAY_MS) -> None:
        self._stopped = False
        self._timer.start()
        self._refresh_timer.start()
        self.refresh()
        QTimer.singleShot(first_run_delay_ms, self, self.sync_now)

    def stop(self) -> None:
        """No new runs; a running one is asked to stop between pages."""
        self._stopped = True
        self._timer.stop()
        self._refresh_timer.stop()
        self.cancel()

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def running(self) -> bool:
        return self._job is not None

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)

    # runs ------------------------------------------------------------------------------------
    def sync_now(self) -> bool:
        """Start a run; False when one is already going (or the controller was stopped)."""
        if self._job is not None or self._stopped:
            return False
        first = self.current is not None and self.current.enrolled and self.current.last_success_at is None
        engine, tokens, http, options = self.db_engine, self.tokens, self.http, self.engine_options

        def run(ctx: JobContext) -> object:
            from community_app.sync.engine import SyncEngine

            def report(p: Any) -> None:
                ctx.progress(int(p.done), int(p.total or 0), str(p.text))

            sync = SyncEngine(engine, tokens=tokens, http=http, **options)
            return sync.run_once(progress=report, cancelled=lambda: ctx.cancelled)

        self._job = run_in_background(run, name="sync", parent=self)
        self._job.progress.connect(self.progress)
        self._job.result.connect(self._finished)
        self._job.error.connect(self._finished)
        self.running_changed.emit(True)
        if first:
            self.first_sync_started.emit()
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _finished(self, report: object) -> None:
        self._job = None
        self.last_report = report
        problem = getattr(report, "problem", None)
        if problem is not None:
            log.info("sync ended: %s", problem.code)  # codes only: messages could carry a file name
        self.running_changed.emit(False)
        self.run_finished.emit(report)
        self.refresh()

    # the overview ----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._overview_job is not None:
            return
        factory = self.session_factory

        def read(_ctx: JobContext) -> SyncOverview:
            with factory() as session:
                return overview(session)

        self._overview_job = run_in_background(read, name="sync_overview", parent=self)
        self._overview_job.result.connect(self._show_overview)
        self._overview_job.error.connect(self._overview_failed)

    def _show_overview(self, value: SyncOverview) -> None:
        self._overview_job = None
        self.current = value
        self.overview_changed.emit(value)

    def _overview_failed(self, _exc: object) -> None:
        self._overview_job = None


class _LazyTokenStore:
    """The default token store, found on first use: asking keyring which backend exists loads
    its plugins (a noticeable pause), so it happens on the sync thread, not the GUI's."""

    def __init__(self) -> None:
        self._store: TokenStore | None = None
        self._lock = threading.Lock()

    def _resolved(self) -> TokenStore:
        with self._lock:
            if self._store is None:
                from community_app import paths
                from community_app.sync.tokens import default_token_store

                self._store = default_token_store(paths.data_dir())
            return self._store

    def get(self, server_url: str) -> str | None:
        return self._resolved().get(server_url)

    def set(self, server_url: str, token: str) -> None:
        self._resolved().set(server_url, token)

    def delete(self, server_url: str) -> None:
        self._resolved().delete(server_url)
