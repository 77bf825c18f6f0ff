"""Measures the 工作台 with the supervisor's indicators in a process of its own (Qt offscreen)
and prints JSON. `python bench/kpis_ui.py DB.sqlite` reports:

- shown: DashboardPage built, given the numbers (counted beforehand), shown and painted (s,
  median of several builds after one warm-up);
- end_to_end: an empty page shown → refresh → counts and indicators computed on worker
  threads → painted (s);
`python bench/kpis_ui.py --bare DB.sqlite` reports `shown` for the baseline: a bare widget
with as many labels, the same three charts with the same data and a table of as many rows.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

RUNS = 7
SIZE = (1240, 860)  # the page's room in a 1440 × 900 window


def _data(path: str):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from community_app.core.auth import login
    from community_app.core.dashboard import dashboard_counts, scope_for
    from community_app.core.kpi_period import this_month
    from community_app.core.kpis import compute_kpis
    from community_app.ui.application import demo_accounts
    from db.engine import make_engine, make_session_factory
    from db.models import utcnow

    engine = make_engine(path)
    factory = make_session_factory(engine)
    username, password, _ = next(a for a in demo_accounts() if a[0] == "chenjing")
    with Session(engine) as session:
        user = login(session, username, password)
        now = utcnow()
        scope = scope_for(session, user)
        counts = dashboard_counts(session, user=user, now=now)
        report = compute_kpis(session, scope, this_month(now), now=now)
    return factory, user, scope, counts, report


def ours(path: str) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from community_app.ui.application import create_application
    from community_app.ui.pages.dashboard_page import DashboardPage

    app = create_application()
    factory, user, scope, counts, report = _data(path)

    def build() -> float:
        start = time.perf_counter()
        page = DashboardPage(user, factory)
        page.resize(*SIZE)
        page.display(counts, report, scope)
        page.show()
        QApplication.processEvents()
        page.repaint()
        took = time.perf_counter() - start
        page.close()
        page.deleteLater()
        QApplication.processEvents()
        return took

    build()  # warm-up: fonts, style sheets, QtCharts' first use
    shown = statistics.median(build() for _ in range(RUNS))

    start = time.perf_counter()
    page = DashboardPage(user, factory)
    page.resize(*SIZE)
    page.show()
    loop = QEventLoop()
    page.loaded.connect(loop.quit)
    page.load_failed.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    page.refresh()
    loop.exec()
    QApplication.processEvents()
    page.repaint()
    end_to_end = time.perf_counter() - start
    assert page.is_loaded
    app.processEvents()
    return {"shown": shown, "end_to_end": end_to_end, "runs": RUNS}


def bare(path: str) -> dict[str, float]:
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalBarSeries,
        QLineSeries,
        QPieSeries,
        QValueAxis,
    )
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget

    app = QApplication(sys.argv)
    _factory, _user, _scope, _counts, report = _data(path)
    grids = [r for r in report.by_grid if r.indicators.accepted][:10]
    labels = (7 + 9 + 5) * 4 + 12  # cards, tiles and stage cards of four labels; titles and notes

    def build() -> float:
        start = time.perf_counter()
        scroll = QScrollArea()
        content = QWidget()
        layout = QVBoxLayout(content)
        grid = QGridLayout()
        for i in range(labels):
            grid.addWidget(QLabel(f"按期结案率 {i:,}"), i // 12, i % 12)
        layout.addLayout(grid)
        bar_chart, line_chart, pie_chart = QChart(), QChart(), QChart()
        bars = QHorizontalBarSeries()
        for name in ("结案率", "按期结案率"):
            bar_set = QBarSet(name)
            bar_set.append([(r.indicators.closure_rate or 0) * 100 for r in grids])
            bars.append(bar_set)
        bar_chart.addSeries(bars)
        names = QBarCategoryAxis()
        names.append([r.name for r in grids])
        bar_chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        values = QValueAxis()
        bar_chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(names)
        bars.attachAxis(values)
        for attr in ("received", "closed"):
            line = QLineSeries()
            for x, week in enumerate(report.weekly):
                line.append(float(x), float(getattr(week, attr)))
            line_chart.addSeries(line)
        line_chart.createDefaultAxes()
        pie = QPieSeries()
        for c in report.categories[:7]:
            pie.append(c.name, c.received)
        pie_chart.addSeries(pie)
        row = QGridLayout()
        for column, chart in enumerate((bar_chart, line_chart, pie_chart)):
            view = QChartView(chart)
            view.setMinimumHeight(300)
            row.addWidget(view, 0, column)
        layout.addLayout(row)
        model = QStandardItemModel(len(report.by_grid), 11)
        for r, item in enumerate(report.by_grid):
            for c in range(11):
                model.setItem(r, c, QStandardItem(f"{item.name} {c}"))
        table = QTableView()
        table.setModel(model)
        table.setFixedHeight(400)
        layout.addWidget(table)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.resize(*SIZE)
        scroll.show()
        QApplication.processEvents()
        scroll.repaint()
        took = time.perf_counter() - start
        scroll.close()
        scroll.deleteLater()
        QApplication.processEvents()
        return took

    build()
    shown = statistics.median(build() for _ in range(RUNS))
    app.processEvents()
    return {"shown": shown, "runs": RUNS}


if __name__ == "__main__":
    result = bare(sys.argv[2]) if sys.argv[1] == "--bare" else ours(sys.argv[1])
    print(json.dumps(result), flush=True)
    os._exit(0)  # skip interpreter teardown: PySide6 objects dying at exit can abort the process
