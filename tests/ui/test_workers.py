"""Background jobs bring results, errors and progress back to the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from community_app.ui.workers import JobContext, JobFailedError, run_and_wait, run_in_background


def test_result_arrives_in_the_gui_thread(app: QApplication, qtbot: QtBot) -> None:
    ran_in: list[threading.Thread] = []

    def work(_ctx: JobContext) -> int:
        ran_in.append(threading.current_thread())
        return 42

    job = run_in_background(work)
    delivered_in: list[QThread] = []
    job.result.connect(lambda _v: delivered_in.append(QThread.currentThread()))
    with qtbot.waitSignal(job.result, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert ran_in[0] is not threading.main_thread()
    assert delivered_in == [app.thread()]
    assert job.done


def test_an_error_is_delivered_not_raised(app: QApplication, qtbot: QtBot) -> None:
    def fail(_ctx: JobContext) -> None:
        raise ValueError("boom")

    job = run_in_background(fail)
    with qtbot.waitSignal(job.error, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError)


def test_progress_is_reported(app: QApplication, qtbot: QtBot) -> None:
    def steps(ctx: JobContext) -> str:
        for i in range(3):
            ctx.progress(i + 1, 3, f"step {i + 1}")
        return "done"

    job = run_in_background(steps)
    seen: list[tuple[int, int, str]] = []
    job.progress.connect(lambda d, t, text: seen.append((d, t, text)))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


def test_writes_run_one_at_a_time(app: QApplication, qtbot: QtBot) -> None:
    active, peak = [0], [0]
    lock = threading.Lock()

    def write(_ctx: JobContext) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1

    jobs = [run_in_background(write, writes=True) for _ in range(4)]
    qtbot.waitUntil(lambda: all(j.done for j in jobs), timeout=5000)
    assert peak[0] == 1


def test_a_job_whose_widget_is_gone_is_dropped_quietly(app: QApplication, qtbot: QtBot) -> None:
    owner = QWidget()
    release = threading.Event()
    job = run_in_background(lambda _ctx: release.wait(5), parent=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(job), timeout=5000)
    release.set()  # the job now emits into a deleted object: must not crash


def test_run_and_wait_returns_the_result_or_raises(app: QApplication) -> None:
    assert run_and_wait(lambda _ctx: "ok", "…") == "ok"
    with pytest.raises(JobFailedError) as failed:
        run_and_wait(lambda _ctx: 1 / 0, "…")
    assert isinstance(failed.value.original, ZeroDivisionError)


def _alive(obj: object) -> bool:
    from shiboken6 import isValid

    return bool(isValid(obj))
