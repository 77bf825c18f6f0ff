"""The supervisor's indicators on the 工作台: the numbers shown equal core.kpis, the period
picker recounts, and a click on a number lists exactly the ids core.kpi_lists gives."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QPointF, Qt
from PySide6.QtWidgets import QApplication, QTableView, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from community_app.core import roles
from community_app.core.auth import CurrentUser, login
from community_app.core.dashboard import dashboard_counts, scope_for
from community_app.core.kpi_lists import (
    kpi_category_request_rows,
    kpi_patrol_rows,
    kpi_request_ids,
    kpi_resident_ids,
    kpi_week_request_rows,
)
from community_app.core.kpi_period import Period, local_date, preset
from community_app.core.kpis import KpiReport, compute_kpis
from community_app.ui import warm_up
from community_app.ui.application import demo_accounts
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.pages.dashboard_page import DashboardPage
from community_app.ui.pages.kpi_list_dialog import KpiListDialog
from community_app.ui.pages.supervisor_view import short_names
from community_app.ui.widgets.kpi_charts import MARKER_HOVER

TILE_TITLES = ["受理数", "立案数", "结案数", "结案率", "按期结案率", "返工率", "满意度", "走访完成率", "巡查覆盖率"]


def sign_in(demo: OpenedDatabase, role: str) -> CurrentUser:
    username, password, _ = next(a for a in demo_accounts() if a[2] == roles.DEFAULT_ROLES[role][0])
    with demo.session_factory() as session:
        return login(session, username, password)


def rate(value: float | None) -> str:
    return "—" if value is None else QLocale().toString(value * 100, "f", 1)


@pytest.fixture
def page(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> Iterator[DashboardPage]:
    p = DashboardPage(sign_in(demo, roles.SUPERVISOR), demo.session_factory)
    qtbot.addWidget(p)
    p.resize(1240, 900)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=30_000):
        p.refresh()
    yield p


def expected(demo: OpenedDatabase, page: DashboardPage, period: Period) -> KpiReport:
    assert page.report is not None
    with demo.session_factory() as session:
        return compute_kpis(session, page.kpi_view.scope, period, now=page.report.as_of)  # type: ignore[union-attr]


def show_last_month(page: DashboardPage, qtbot: QtBot) -> KpiReport:
    """Choose 上月 and return its indicators. The page opens on this month by the wall clock,
    which holds no demo data in its first minutes (00:10 on the 1st, Beijing: nothing reported
    yet); last month is always a whole month inside the demo's half year of history."""
    view = page.kpi_view
    assert view is not None
    with qtbot.waitSignal(page.kpis_loaded, timeout=30_000):
        view.period_bar.choose("last_month")
    assert page.report is not None and page.report.period.kind == "last_month"
    return page.report


def test_tiles_and_tables_show_the_core_numbers(page: DashboardPage, demo: OpenedDatabase, qtbot: QtBot) -> None:
    view = page.kpi_view
    assert view is not None and page.is_loaded
    report = page.report
    assert report is not None and report.period == preset("this_month", local_date(report.as_of))
    assert report == expected(demo, page, report.period)
    report = show_last_month(page, qtbot)  # numbers at any instant (this month may have none yet)
    want = expected(demo, page, report.period)
    assert report == want
    t = want.total
    tiles = view.tiles
    assert [tile.title_label.text() for tile in tiles.values()] == TILE_TITLES
    number = QLocale().toString
    assert tiles["received"].value_label.text() == number(t.received) and t.received > 0
    assert tiles["accepted"].value_label.text() == number(t.accepted)
    assert tiles["closed"].value_label.text() == number(t.closed)
    assert tiles["closure_rate"].value_label.text() == rate(t.closure_rate)
    assert tiles["on_time_rate"].value_label.text() == rate(t.on_time_rate)
    assert tiles["rework_rate"].value_label.text() == rate(t.rework_rate)
    assert tiles["satisfaction"].value_label.text() == QLocale().toString(t.satisfaction, "f", 2)
    assert tiles["visit_rate"].value_label.text() == rate(t.visit_rate)
    assert tiles["patrol_coverage"].value_label.text() == rate(t.patrol_coverage)
    assert tiles["closure_rate"].unit_label.text() == "%"
    visit_caption = f"未按期 {number(t.visits_missed)} / 应走访 {number(t.visits_due)} 人"
    assert tiles["visit_rate"].caption_label.text() == visit_caption
    # the per-grid table: one row per cell, numbers as core counts them
    grid_model = view.grid_model
    assert grid_model.rowCount() == len(want.by_grid) >= 5
    for row, item in enumerate(want.by_grid):
        assert grid_model.index(row, 0).data() == item.name
        assert grid_model.index(row, grid_model.column_of("received")).data() == number(item.indicators.received)
        assert grid_model.index(row, grid_model.column_of("on_time_rate")).data() == (
            "—" if item.indicators.on_time_rate is None else rate(item.indicators.on_time_rate) + "%")
    assert [view.worker_model.index(r, 0).data() for r in range(view.worker_model.rowCount())] == [
        w.name for w in want.by_worker]
    first = want.by_worker[0]
    assert len(first.related) == 3  # the demo's workers have three cells each
    assert view.worker_model.index(0, 1).data() == f"{first.related[0]}等 3 个网格"
    assert grid_model.index(0, 1).data() == want.by_grid[0].related[0]
    # the overview cards still equal core.dashboard, patrols due included
    with demo.session_factory() as session:
        counts = dashboard_counts(session, user=page._user, now=page.counts.as_of)  # type: ignore[union-attr]
    assert page.cards["patrols_due"].value_label.text() == number(counts.patrols_due)
    assert page.cards["patrols_due"].title_label.text() == "待巡查"


def test_choosing_a_period_recounts(page: DashboardPage, demo: OpenedDatabase, qtbot: QtBot) -> None:
    view = page.kpi_view
    assert view is not None
    before = page.report
    with qtbot.waitSignal(page.kpis_loaded, timeout=30_000):
        qtbot.mouseClick(view.period_bar.buttons["last_month"], Qt.MouseButton.LeftButton)
    assert page.report is not before and page.report is not None
    last_month = preset("last_month", local_date(before.as_of))  # type: ignore[union-attr]
    assert page.report.period == last_month
    assert page.report == expected(demo, page, last_month)
    assert view.period_label.text() == f"{last_month.start.isoformat()} 至 {last_month.end.isoformat()}"
    assert view.tiles["received"].value_label.text() == QLocale().toString(page.report.total.received)

    assert not view.period_bar.from_edit.isVisible()
    qtbot.mouseClick(view.period_bar.buttons["custom"], Qt.MouseButton.LeftButton)
    assert view.period_bar.from_edit.isVisible() and view.period_bar.to_edit.isVisible()
    custom = Period(date(2026, 9, 3), date(2026, 10, 20), "custom")
    with qtbot.waitSignal(page.kpis_loaded, timeout=30_000):
        view.period_bar.set_custom(date(2026, 10, 20), date(2026, 9, 3))  # either way round
    assert page.report.period == custom
    assert page.report == expected(demo, page, custom)


def wait_for_rows(qtbot: QtBot, dialog: KpiListDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.loading, timeout=30_000)


def test_a_tile_lists_the_requests_behind_it(page: DashboardPage, demo: OpenedDatabase, qtbot: QtBot) -> None:
    view, report = page.kpi_view, page.report
    assert view is not None and report is not None
    qtbot.mouseClick(view.tiles["closure_rate"], Qt.MouseButton.LeftButton)
    dialog = page.list_dialog
    assert dialog is not None and dialog.isVisible()
    wait_for_rows(qtbot, dialog)
    scope = view.scope
    with demo.session_factory() as session:
        def ids(which: str, **kw: str) -> list[str]:
            return kpi_request_ids(session, scope, report.period, which, now=report.as_of, **kw)

        open_ids = ids("accepted_open")
        assert dialog.row_ids() == open_ids and len(open_ids) == report.total.accepted - report.total.accepted_closed
        assert dialog.heading.text() == "结案率 · 全社区"
        assert [b.text() for b in dialog.view_buttons] == [
            f"尚未结案（{len(open_ids)}）", f"已结案（{report.total.accepted_closed}）",
            f"全部立案（{report.total.accepted}）"]
        qtbot.mouseClick(dialog.view_buttons[1], Qt.MouseButton.LeftButton)
        wait_for_rows(qtbot, dialog)
        assert dialog.row_ids() == ids("accepted_closed")
        assert dialog.status.text() == f"共 {report.total.accepted_closed} 条"
        tickets = {dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())}
        assert len(tickets) == dialog.model.rowCount() and all(t.startswith("ZS") for t in tickets)
    dialog.close()
    assert page.list_dialog is None


def cell_click(qtbot: QtBot, table: QTableView, row: int, column: int) -> None:
    index: QModelIndex = table.model().index(row, column)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def test_a_table_number_lists_its_grid_or_worker(page: DashboardPage, demo: OpenedDatabase, qtbot: QtBot) -> None:
    view, report = page.kpi_view, show_last_month(page, qtbot)
    assert view is not None
    grid_row = max(range(len(report.by_grid)), key=lambda r: report.by_grid[r].indicators.closed)
    grid = report.by_grid[grid_row]
    cell_click(qtbot, view.grid_table, grid_row, view.grid_model.column_of("closed"))
    dialog = page.list_dialog
    assert dialog is not None
    wait_for_rows(qtbot, dialog)
    with demo.session_factory() as session:
        want = kpi_request_ids(session, view.scope, report.period, "closed", grid_cell_id=grid.key, now=report.as_of)
    assert dialog.row_ids() == want and len(want) == grid.indicators.closed > 0
    assert dialog.heading.text() == f"结案数 · {grid.name}"
    assert {dialog.model.index(r, dialog.model.column_of("grid")).data() for r in range(len(want))} == {grid.name}

    view.tabs.setCurrentIndex(1)
    worker = report.by_worker[0]
    cell_click(qtbot, view.worker_table, 0, view.worker_model.column_of("visit_rate"))
    dialog = page.list_dialog
    assert dialog is not None and dialog.heading.text() == f"走访完成率 · {worker.name}"
    wait_for_rows(qtbot, dialog)
    with demo.session_factory() as session:
        missed = kpi_resident_ids(session, view.scope, report.period, "visit_missed", worker_id=worker.key,
                                  now=report.as_of)
    assert dialog.row_ids() == missed and len(missed) == worker.indicators.visits_missed


def test_patrol_coverage_lists_the_cells(page: DashboardPage, demo: OpenedDatabase, qtbot: QtBot) -> None:
    view, report = page.kpi_view, page.report
    assert view is not None and report is not None
    view.tiles["patrol_coverage"].setFocus()
    qtbot.keyClick(view.tiles["patrol_coverage"], Qt.Key.Key_Return)  # the keyboard opens it too
    dialog = page.list_dialog
    assert dialog is not None
    wait_for_rows(qtbot, dialog)
    with demo.session_factory() as session:
        rows = kpi_patrol_rows(session, view.scope, report.period, now=report.as_of)
    assert dialog.row_ids() == [r.grid_cell_id for r in rows]
    assert sum(r.planned for r in rows) == report.total.patrol_planned > 0
    assert not any(b.isVisible() for b in dialog.view_buttons)  # one view: no switch


def stray_widgets(page: DashboardPage) -> list[str]:
    """Shown children of the page's content that no layout places (they sit at its corner)."""
    content = page.cards["residents"].parentWidget()
    assert content is not None and content.objectName() == "pageContent"
    return [w.objectName() or type(w).__name__
            for w in content.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisibleTo(page) and not w.testAttribute(Qt.WidgetAttribute.WA_LaidOut)]


@pytest.mark.parametrize("role", [roles.SUPERVISOR, roles.GRID_WORKER])
def test_every_widget_of_the_page_is_in_its_layout(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                   role: str) -> None:
    """The page makes its widgets inside their frame; one its layout does not use must stay hidden."""
    p = DashboardPage(sign_in(demo, role), demo.session_factory)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=30_000):
        p.refresh()
    assert stray_widgets(p) == []


def test_a_grid_worker_sees_no_indicators(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    user = sign_in(demo, roles.GRID_WORKER)
    p = DashboardPage(user, demo.session_factory)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=30_000):
        p.refresh()
    assert p.kpi_view is None and p.report is None and p.is_loaded
    with demo.session_factory() as session:
        counts = dashboard_counts(session, user=user, now=p.counts.as_of)  # type: ignore[union-attr]
        assert scope_for(session, user).grid_cell_ids
    assert p.cards["patrols_due"].value_label.text() == QLocale().toString(counts.patrols_due)
    assert p.section_labels[0].text() == "我的待办"


def test_a_bar_lists_the_open_cases_of_its_grid(page: DashboardPage, demo: OpenedDatabase, qtbot: QtBot) -> None:
    view, report = page.kpi_view, show_last_month(page, qtbot)
    assert view is not None
    bars = view._bar_rows
    assert bars and all(r.indicators.accepted or r.indicators.closed for r in bars)
    series = view.rate_chart.chart().series()[0]
    closure_set = series.barSets()[1]  # 结案率 (added second, the first row at the top)
    series.hovered.emit(True, 0, closure_set)  # the bottom bar: the last row
    assert closure_set.selectedBars() == [0]
    last_name, last_rate = short_names([r.name for r in bars])[-1], rate(bars[-1].indicators.closure_rate)
    assert QToolTip.text() == f"{last_name} · 结案率：{last_rate}%\n点击查看明细"
    series.hovered.emit(False, 0, closure_set)
    assert closure_set.selectedBars() == []
    view.rate_chart.bar_clicked.emit(len(bars) - 1)  # what QtCharts sends for a click on that bar
    dialog = page.list_dialog
    assert dialog is not None and dialog.heading.text() == f"结案率 · {bars[-1].name}"
    wait_for_rows(qtbot, dialog)
    with demo.session_factory() as session:
        want = kpi_request_ids(session, view.scope, report.period, "accepted_open", grid_cell_id=bars[-1].key,
                               now=report.as_of)
    assert dialog.row_ids() == want


def test_with_many_grids_the_bar_chart_shows_the_lowest_closure_rates(page: DashboardPage) -> None:
    from dataclasses import replace

    from community_app.core.kpis import Indicators, KpiRow
    from community_app.ui.pages.supervisor_view import BAR_ROWS, short_names

    view, report = page.kpi_view, page.report
    assert view is not None and report is not None
    rows = tuple(KpiRow(f"g{i}", f"{i:03d}", f"湛山社区第{i}网格", (), Indicators(accepted=20, accepted_closed=i))
                 for i in range(1, 16))
    view.show_report(replace(report, by_grid=rows))
    assert [r.key for r in view._bar_rows] == [f"g{i}" for i in range(1, BAR_ROWS + 1)]
    assert view.rate_title.text() == f"结案率最低的 {BAR_ROWS} 个网格"
    assert short_names(["湛山社区第一网格", "湛山社区学校专属网格"]) == ["第一网格", "学校专属网格"]
    assert short_names(["湛山社区第一网格", "八大关社区第一网格"]) == ["湛山社区第一网格", "八大关社区第一网格"]


# ---- the charts: a point of the trend, a slice of the ring ---------------------------------------------
def distance_to_segment(p: QPointF, a: QPointF, b: QPointF) -> float:
    """Pixels from p to the segment a–b (a == b: to that point)."""
    ab, ap = b - a, p - a
    length2 = QPointF.dotProduct(ab, ab)
    t = 0.0 if length2 == 0 else min(1.0, max(0.0, QPointF.dotProduct(ap, ab) / length2))
    return math.dist((p.x(), p.y()), (a.x() + t * ab.x(), a.y() + t * ab.y()))


def test_a_point_of_the_trend_lists_that_weeks_requests(page: DashboardPage, demo: OpenedDatabase,
                                                        qtbot: QtBot) -> None:
    view, report = page.kpi_view, page.report
    assert view is not None and report is not None
    chart = view.trend_chart.chart()
    received_line, closed_line = chart.series()

    def clear_of_closed_line(i: int) -> bool:
        """The received point of week i is not under the closed line (drawn on top, it takes the click
        when the two weeks' counts are equal or close: the demo data move with the clock)."""
        spot = chart.mapToPosition(received_line.at(i), received_line)
        near = [chart.mapToPosition(closed_line.at(j), closed_line) for j in range(max(0, i - 1), i + 2)
                if j < closed_line.count()]
        return min(distance_to_segment(spot, a, b) for a, b in pairwise([*near, near[-1]])) > MARKER_HOVER

    # a busy, whole week whose received point can be clicked
    index = max((i for i in range(len(report.weekly) - 1) if clear_of_closed_line(i)),
                key=lambda i: report.weekly[i].received)
    week = report.weekly[index]
    # hover: the point grows and a tooltip says what it counts
    received_line.hovered.emit(QPointF(index - 0.3, week.received), True)
    assert received_line.pointConfiguration(index)
    assert QToolTip.text() == f"{week.monday.month}/{week.monday.day} 当周 · 受理：{week.received} 件\n点击查看明细"
    received_line.hovered.emit(QPointF(index - 0.3, week.received), False)
    assert not received_line.pointConfiguration(index)
    # a real click on the point
    chart_view = view.trend_chart
    spot = chart_view.mapFromScene(chart_view.chart().mapToPosition(received_line.at(index), received_line))
    qtbot.mouseMove(chart_view.viewport(), spot)  # the user sees which line the click will open
    qtbot.waitUntil(lambda: QToolTip.text().startswith(f"{week.monday.month}/{week.monday.day} 当周 · 受理："))
    qtbot.mouseClick(chart_view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    dialog = page.list_dialog
    assert dialog is not None and dialog.isVisible()
    wait_for_rows(qtbot, dialog)
    sunday = week.monday + timedelta(days=6)
    with demo.session_factory() as session:
        def ids(which: str) -> list[str]:
            return [r.id for r in kpi_week_request_rows(session, view.scope, report.period, week.monday, which,
                                                        now=report.as_of)]

        want = ids("received")
        assert dialog.row_ids() == want and len(want) == week.received > 0
        assert dialog.status.text() == f"共 {QLocale().toString(week.received)} 条"
        assert dialog.heading.text() == f"{week.monday.month}/{week.monday.day} 当周受理 · 全社区"
        assert dialog.summary.text().startswith(f"{week.monday.isoformat()} 至 {sunday.isoformat()}　")
        reported = {dialog.model.index(r, dialog.model.column_of("reported")).data()[:10]
                    for r in range(dialog.model.rowCount())}
        assert min(reported) >= week.monday.isoformat() and max(reported) <= sunday.isoformat()

        # QtCharts sends the spot clicked on the line, in the chart's values: the nearest week is meant
        closed_line.clicked.emit(QPointF(index + 0.3, week.closed))
        dialog = page.list_dialog
        assert dialog is not None
        wait_for_rows(qtbot, dialog)
        want = ids("closed")
        assert dialog.row_ids() == want and len(want) == week.closed > 0
        assert dialog.status.text() == f"共 {QLocale().toString(week.closed)} 条"
        assert dialog.heading.text() == f"{week.monday.month}/{week.monday.day} 当周结案 · 全社区"


def test_a_slice_lists_the_requests_of_its_category(page: DashboardPage, demo: OpenedDatabase,
                                                    qtbot: QtBot) -> None:
    view, report = page.kpi_view, show_last_month(page, qtbot)
    assert view is not None
    pie = view.pie_chart.pie
    assert pie is not None and len(pie.slices()) == min(len(report.categories), view.pie_chart.keep + 1)
    share = report.categories[1]
    pie.hovered.emit(pie.slices()[1], True)
    assert pie.slices()[1].isExploded()
    assert QToolTip.text().startswith(f"{share.name}：{share.received} 件（") and "点击查看明细" in QToolTip.text()
    pie.hovered.emit(pie.slices()[1], False)
    # a real click in the middle of the second slice's arc (angles run clockwise from 12 o'clock)
    chart_view = view.pie_chart.view
    area, item = chart_view.chart().plotArea(), pie.slices()[1]
    angle = math.radians(item.startAngle() + item.angleSpan() / 2)
    radius = min(area.width(), area.height()) / 2 * pie.pieSize() * (1 + pie.holeSize()) / 2
    spot = chart_view.mapFromScene(area.center() + QPointF(radius * math.sin(angle), -radius * math.cos(angle)))
    qtbot.mouseClick(chart_view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    dialog = page.list_dialog
    assert dialog is not None and dialog.isVisible()
    wait_for_rows(qtbot, dialog)
    with demo.session_factory() as session:
        want = [r.id for r in kpi_category_request_rows(session, view.scope, report.period, [share.code],
                                                         now=report.as_of)]
    assert dialog.row_ids() == want and len(want) == share.received > 0
    assert dialog.status.text() == f"共 {QLocale().toString(share.received)} 条"
    assert dialog.heading.text() == f"诉求类别：{share.name} · 全社区"
    if len(report.categories) > view.pie_chart.keep:  # the "other" slice lists the rest together
        rest = report.categories[view.pie_chart.keep:]
        pie.clicked.emit(pie.slices()[view.pie_chart.keep])  # what QtCharts sends for a click on it
        dialog = page.list_dialog
        assert dialog is not None
        wait_for_rows(qtbot, dialog)
        assert dialog.model.rowCount() == sum(x.received for x in rest)
        assert dialog.heading.text() == "诉求类别：其他 · 全社区"


# ---- the numbers of the day: every card opens the list behind it -------------------------------------
def today_ids(demo: OpenedDatabase, page: DashboardPage, card_key: str) -> list[str]:
    """What core.kpi_today lists behind a card (its conditions are checked against SQL in
    tests/core/test_kpis.py), at the moment the page counted."""
    from community_app.core import kpi_today

    assert page.scope is not None and page.counts is not None
    scope, now = page.scope, page.counts.as_of
    with demo.session_factory() as session:
        if card_key == "visits_due":
            return [r.id for r in kpi_today.today_visit_rows(session, scope, now)]
        if card_key == "patrols_due":
            return [r.id for r in kpi_today.today_patrol_rows(session, scope, now)]
        if card_key == "residents":
            return [r.id for r in kpi_today.today_resident_rows(session, scope)]
        if card_key == "households":
            return [r.id for r in kpi_today.today_household_rows(session, scope)]
        which = f"stage:{card_key.removeprefix('stage_')}" if card_key.startswith("stage_") else card_key
        return [r.id for r in kpi_today.today_request_rows(session, scope, which, now)]


def test_every_card_of_the_day_lists_the_rows_it_counts(page: DashboardPage, demo: OpenedDatabase,
                                                         qtbot: QtBot) -> None:
    cards = [*page.cards.values(), *page.stage_cards.values()]
    assert len(cards) == 12
    for card in cards:
        assert card.toolTip() == "点击查看明细" and card.cursor().shape() == Qt.CursorShape.PointingHandCursor
        assert card.focusPolicy() == Qt.FocusPolicy.StrongFocus
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        dialog = page.list_dialog
        assert dialog is not None and dialog.isVisible(), card.key
        wait_for_rows(qtbot, dialog)
        want = today_ids(demo, page, card.key)
        assert dialog.row_ids() == want, card.key
        assert len(want) == card.value, card.key  # exactly the rows the number counts
        assert dialog.status.text() == f"共 {QLocale().toString(len(want))} 条"
        assert "数据截至" in dialog.summary.text()
        dialog.close()
    assert page.counts is not None and page.counts.overdue > 0 and page.counts.residents > 2000
    # a stage card says which stage; the overdue list shows the requests' deadlines
    qtbot.mouseClick(page.stage_cards["in_progress"], Qt.MouseButton.LeftButton)
    assert page.list_dialog is not None and page.list_dialog.heading.text() == "处置中 · 全社区"
    page.list_dialog.close()
    qtbot.mouseClick(page.cards["overdue"], Qt.MouseButton.LeftButton)
    dialog = page.list_dialog
    assert dialog is not None and dialog.heading.text() == "已超期 · 全社区"
    wait_for_rows(qtbot, dialog)
    due = dialog.model.column_of("due")
    assert all(dialog.model.index(r, due).data() != "—" for r in range(dialog.model.rowCount()))


def test_a_card_clicked_while_the_warm_up_still_loads_opens_its_list_when_it_is_done(
        page: DashboardPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the first second after sign-in SQLAlchemy is still loading on its thread: the list
    waits for it instead of importing it on the GUI thread (the window would freeze)."""
    state = {"warm": False}
    monkeypatch.setattr(warm_up, "is_warm", lambda: state["warm"])
    qtbot.mouseClick(page.cards["overdue"], Qt.MouseButton.LeftButton)
    qtbot.wait(3 * warm_up.POLL_MS)
    assert page.list_dialog is None
    state["warm"] = True
    qtbot.waitUntil(lambda: page.list_dialog is not None and page.list_dialog.isVisible(), timeout=5_000)
    assert page.list_dialog is not None and page.list_dialog.heading.text() == "已超期 · 全社区"
    page.list_dialog.close()


def test_a_grid_workers_cards_open_their_lists_by_keyboard(app: QApplication, qtbot: QtBot,
                                                           demo: OpenedDatabase) -> None:
    user = sign_in(demo, roles.GRID_WORKER)
    p = DashboardPage(user, demo.session_factory)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=30_000):
        p.refresh()
    with demo.session_factory() as session:
        assert p.scope == scope_for(session, user)
    for key in ("overdue", "visits_due", "patrols_due", "open_total"):
        card = p.cards[key]
        card.setFocus()
        qtbot.keyClick(card, Qt.Key.Key_Return)
        dialog = p.list_dialog
        assert dialog is not None and dialog.heading.text().endswith(" · 我负责的网格"), key
        wait_for_rows(qtbot, dialog)
        want = today_ids(demo, p, key)
        assert dialog.row_ids() == want and len(want) == card.value, key
        dialog.close()
    visits = p.cards["visits_due"]
    assert visits.value and visits.value > 0


def test_a_failed_count_says_so_and_the_page_still_finishes_loading(app: QApplication, qtbot: QtBot,
                                                                   demo_db: Path) -> None:
    """The numbers of the day come first and the indicators after them: when the first fail
    (here the visit rules table is gone), the page shows the problem and still ends its loading
    (load_failed), so nothing waits for it for ever. Through a Database, as in the app."""
    import sqlite3

    database = OpenedDatabase(demo_db)
    user = sign_in(database, roles.SUPERVISOR)
    with sqlite3.connect(demo_db) as conn:
        conn.execute("DROP TABLE visit_rule")
    page = DashboardPage(user, database)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.load_failed, timeout=30_000):
        page.refresh()
    assert page.error_label.isVisible() and "统计数据时出现问题" in page.error_label.text()
    assert page.counts is None and page.refresh_button.isEnabled()
    database.dispose()
