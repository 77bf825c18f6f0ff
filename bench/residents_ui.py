"""Measures the residents page in a process of its own (Qt offscreen) and prints JSON.

`python bench/residents_ui.py DB.sqlite` reports:
- first_paint: page built and shown → first page of rows painted (s);
- paint_only: the same view painting the same 100 rows from a ready-made model (the baseline);
- keystrokes: for each query, a search submitted (the typing pause is not counted) → the
  first page of results painted (s), whether the page answered it on the GUI thread or a
  background job did;
- rss_mb: resident memory with the page open on the full list; bare_rss_mb: a bare
  QApplication with a QTableView, for comparison.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ("王", "王秀", "zs", "zhang", "l", "秀英", "1234", "5678", "13", "湛山二路", "lx", "张", "wxy", "chen",
           "8", "刘", "li", "赵", "sun", "02")


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare() -> dict[str, float]:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv)
    model = QStandardItemModel(100, 9)
    for r in range(100):
        for c in range(9):
            model.setItem(r, c, QStandardItem(f"王秀英 {r} {c}"))
    view = QTableView()
    view.resize(1400, 800)
    start = time.perf_counter()
    view.setModel(model)
    view.show()
    view.viewport().repaint()
    paint = time.perf_counter() - start
    app.processEvents()
    return {"paint_only": paint, "bare_rss_mb": rss_mb()}


def ours(path: str) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, QTimer
    from sqlalchemy.orm import Session

    from community_app.core.auth import login
    from community_app.ui.application import create_application, demo_accounts
    from community_app.ui.pages.residents_page import ResidentsPage
    from db.engine import make_engine, make_session_factory

    app = create_application()
    engine = make_engine(path)
    factory = make_session_factory(engine)
    username, password, _ = next(a for a in demo_accounts() if a[0] == "chenjing")
    with Session(engine) as session:
        user = login(session, username, password)

    def wait(signal: object, timeout_ms: int = 30_000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)  # type: ignore[attr-defined]

    painted: list[float] = []

    start = time.perf_counter()
    page = ResidentsPage(user, factory)
    page.resize(1400, 800)

    def on_reset() -> None:
        page.table.viewport().repaint()
        painted.append(time.perf_counter())
        loop_first.quit()

    loop_first = QEventLoop()
    page.model.modelReset.connect(on_reset)
    page.show()
    if not painted:
        loop_first.exec()
    first_paint = painted[-1] - start
    if not page.is_loaded:
        wait(page.loaded)  # the full id list
    app.processEvents()

    times: list[float] = []
    for query in QUERIES * 2:
        page.search.setText(query)
        loop_first = QEventLoop()
        before = len(painted)
        start = time.perf_counter()
        page.filters.apply_now()  # what the typing pause triggers
        if len(painted) == before:  # the first page comes from a background job
            loop_first.exec()
        times.append(painted[-1] - start)
        if not page.is_loaded:
            wait(page.loaded)
    page.reset_filters()
    if not page.is_loaded:
        wait(page.loaded)
    app.processEvents()
    return {"first_paint": first_paint, "keystrokes": times, "rss_mb": rss_mb(), "rows": page.model.rowCount()}


if __name__ == "__main__":
    result = bare() if sys.argv[1] == "--bare" else ours(sys.argv[1])
    print(json.dumps(result), flush=True)
    os._exit(0)  # skip interpreter teardown: PySide6 objects dying at exit can abort the process
