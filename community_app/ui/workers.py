"""Background jobs: run a function on a thread pool, get its result, error and progress
back as signals in the GUI thread.

Rules (DESIGN.md): never touch widgets inside the job; pass ids or frozen dataclasses,
never ORM objects, across threads; jobs that write the database run one at a time.

    job = run_in_background(lambda ctx: dashboard_counts(...), parent=self)
    job.result.connect(self._show)
    job.error.connect(self._failed)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500  # show a progress dialog only for work that takes longer than this

_write_pool: QThreadPool | None = None
_running: set[Job] = set()  # keeps Python wrappers alive until their results are delivered


def write_pool() -> QThreadPool:
    """A one-thread pool: database writes are serialized so they never wait on each other's locks."""
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
    return _write_pool


class JobContext:
    """Handed to the job function: report progress, check for cancellation."""

    def __init__(self, job: Job) -> None:
        self._job = job

    @property
    def cancelled(self) -> bool:
        return self._job.cancel_requested.is_set()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._job.emit_safely(self._job._progress_raw, done, total, text)


class Job(QObject):
    """A function running on a pool thread. Public signals are emitted in the GUI thread."""

    result = Signal(object)
    error = Signal(object)  # the exception (already logged)
    progress = Signal(int, int, str)  # done, total (0 = unknown), text
    finished = Signal()

    # emitted from the pool thread; connected to this object's slots, so Qt queues them
    # into the GUI thread (this object lives there)
    _result_raw = Signal(object)
    _error_raw = Signal(object)
    _progress_raw = Signal(int, int, str)

    def __init__(self, fn: Callable[[JobContext], Any], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.name = name
        self.cancel_requested = threading.Event()
        self.done = False
        self._result_raw.connect(self._deliver_result)
        self._error_raw.connect(self._deliver_error)
        self._progress_raw.connect(self.progress)

    def cancel(self) -> None:
        self.cancel_requested.set()

    def emit_safely(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the parent widget (and this object) went away: nobody to tell
            log.debug("job %s: receiver gone", self.name)
            _running.discard(self)

    def run(self) -> None:
        """Runs on the pool thread."""
        try:
            value = self._fn(JobContext(self))
        except Exception as exc:
            log.exception("background job %s failed", self.name)
            self.emit_safely(self._error_raw, exc)
        else:
            self.emit_safely(self._result_raw, value)

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        self._finish()
        self.result.emit(value)
        self.finished.emit()

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        self._finish()
        self.error.emit(exc)
        self.finished.emit()

    def _finish(self) -> None:
        self.done = True
        _running.discard(self)


def run_in_background(
    fn: Callable[[JobContext], Any], *, name: str = "job", parent: QObject | None = None, writes: bool = False
) -> Job:
    """Start fn(ctx) on a pool thread. Connect to the returned job's signals right away:
    results arrive through the event loop, never before this call returns."""
    job = Job(fn, name, parent)
    _running.add(job)
    pool = write_pool() if writes else QThreadPool.globalInstance()
    pool.start(job.run)
    return job


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every pool thread is idle (at exit, and in tests)."""
    ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return write_pool().waitForDone(timeout_ms) and ok


class JobFailedError(Exception):
    def __init__(self, original: BaseException) -> None:
        super().__init__(str(original))
        self.original = original


def run_and_wait(
    fn: Callable[[JobContext], Any],
    label: str,
    *,
    name: str = "job",
    parent: QWidget | None = None,
    writes: bool = False,
) -> Any:
    """Run fn in the background while the GUI keeps painting; return its result.

    For start-up work that must finish before the next step (opening or generating the
    database). A busy progress dialog appears if it takes longer than PROGRESS_DELAY_MS.
    Raises JobFailedError wrapping the job's exception.
    """
    waiter = _Waiter(label, parent)
    job = run_in_background(fn, name=name, writes=writes)
    job.result.connect(waiter.on_result)
    job.error.connect(waiter.on_error)
    job.progress.connect(waiter.on_progress)
    job.finished.connect(waiter.loop.quit)
    QTimer.singleShot(PROGRESS_DELAY_MS, waiter.show_progress)
    if not job.done:
        waiter.loop.exec()
    waiter.finish()
    if waiter.failure is not None:
        raise JobFailedError(waiter.failure)
    return waiter.value


class _Waiter(QObject):
    """Collects a job's outcome for run_and_wait. Slots are bound methods: lambdas that
    hold Qt objects keep them alive from C++ and upset PySide's clean-up at exit."""

    def __init__(self, label: str, parent: QWidget | None) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.value: Any = None
        self.failure: BaseException | None = None
        self.done = False
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setCancelButton(None)  # type: ignore[arg-type]  # start-up work cannot stop halfway
        self.dialog.setWindowTitle(QCoreApplication.translate("Workers", "请稍候"))
        self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)

    def on_result(self, value: object) -> None:
        self.value = value

    def on_error(self, exc: BaseException) -> None:
        self.failure = exc

    def on_progress(self, done: int, total: int, text: str) -> None:
        _show_progress(self.dialog, done, total, text)

    def show_progress(self) -> None:
        if not self.done:
            self.dialog.show()

    def finish(self) -> None:
        self.done = True
        self.dialog.close()
        self.dialog.deleteLater()


def _show_progress(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
    if total > 0:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total))
    if text:
        dialog.setLabelText(text)
