"""The supervisor's part of the 工作台: the standard indicators (core.kpis) for a chosen period
— nine tiles, three charts, tables per grid cell and per worker — where every number opens
the list behind it (list_requested). It only shows a KpiReport; the page computes it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period
from community_app.core.kpis import Indicators, KpiReport, KpiRow
from community_app.ui.pages.kpi_list_dialog import ListRequest
from community_app.ui.pages.kpi_period_bar import KpiPeriodBar
from community_app.ui.pages.kpi_table_model import NOBODY, OUTSIDE, SORT_ROLE, KpiTableModel
from community_app.ui.pages.kpi_texts import INDICATORS, caption, tile_value, tr, value_text
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.kpi_charts import CategoryPieChart, RateBarChart, WeeklyTrendChart
from community_app.ui.widgets.kpi_tile import KpiTile
from community_app.ui.widgets.named import named

BAR_ROWS = 10  # more grid cells than this: the chart shows the ones with the lowest 结案率
TILE_GROUPS = {"received": "volume", "accepted": "volume", "closed": "volume", "closure_rate": "quality",
               "on_time_rate": "quality", "rework_rate": "quality", "satisfaction": "quality",
               "visit_rate": "field", "patrol_coverage": "field"}
TABLE_ROW_HEIGHT = 30
TABLE_MAX_ROWS = 12
NAME_WIDTH, DETAIL_WIDTH = 176, 150


def short_names(names: list[str]) -> list[str]:
    """Grid names without the community name they all start with (湛山社区第一网格 → 第一网格)."""
    cut = min((n.find("社区") for n in names if n), default=-1)
    if cut > 0 and all(n[:cut + 2] == names[0][:cut + 2] and len(n) > cut + 2 for n in names):
        return [n[cut + 2:] for n in names]
    return names


def _card(name: str) -> tuple[QFrame, QVBoxLayout, QLabel, QLabel]:
    frame = named(QFrame(), name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 10)
    layout.setSpacing(2)
    title = named(QLabel(), "chartTitle")
    note = named(QLabel(), "chartNote")
    top = QHBoxLayout()
    top.addWidget(title)
    top.addStretch(1)
    top.addWidget(note)
    layout.addLayout(top)
    return frame, layout, title, note


class SupervisorView(QWidget):
    period_changed = Signal(object)  # Period
    list_requested = Signal(object)  # ListRequest

    def __init__(self, scope: Scope, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorView")
        self.scope = scope
        self.report: KpiReport | None = None
        self.section_label = named(QLabel(), "sectionTitle")
        self.period_bar = KpiPeriodBar(today)
        self.period_bar.period_changed.connect(self.period_changed)
        self.period_label = named(QLabel(), "periodText")
        self.status_label = named(QLabel(), "kpiStatus")
        self.tiles = {spec.key: KpiTile(spec.key) for spec in INDICATORS}
        for key, tile in self.tiles.items():
            tile.setProperty("group", TILE_GROUPS[key])
            tile.clicked.connect(self._tile_clicked)
        self.rate_chart = RateBarChart()
        self.rate_chart.bar_clicked.connect(self._bar_clicked)
        self.trend_chart = WeeklyTrendChart()
        self.trend_chart.point_clicked.connect(self._week_clicked)
        self.pie_chart = CategoryPieChart()
        self.pie_chart.slice_clicked.connect(self._slice_clicked)
        self._bar_rows: list[KpiRow] = []
        self.grid_model = KpiTableModel("grid", self)
        self.worker_model = KpiTableModel("worker", self)
        self.grid_table = self._table(self.grid_model, "kpiGridTable")
        self.worker_table = self._table(self.worker_model, "kpiWorkerTable")
        self.tabs = named(QTabWidget(), "kpiTabs")
        self.tabs.addTab(self.grid_table, "")
        self.tabs.addTab(self.worker_table, "")
        self._build()
        self._retranslate()

    # layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        head = QHBoxLayout()
        head.setSpacing(12)
        top = Qt.AlignmentFlag.AlignTop
        head.addWidget(self.section_label, 0, top)
        head.addWidget(self.period_label, 0, top)
        head.addWidget(self.status_label, 0, top)
        head.addStretch(1)
        head.addWidget(self.period_bar, 0, top)

        tiles = QGridLayout()
        tiles.setHorizontalSpacing(12)
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)
            tiles.setColumnStretch(column, 1)

        charts = QHBoxLayout()
        charts.setSpacing(12)
        self.rate_card, rate_layout, self.rate_title, self.rate_note = _card("chartCard")
        rate_layout.addWidget(self.rate_chart, 1)
        self.trend_card, trend_layout, self.trend_title, self.trend_note = _card("chartCard")
        trend_layout.addWidget(self.trend_chart, 1)
        self.pie_card, pie_layout, self.pie_title, self.pie_note = _card("chartCard")
        pie_layout.addWidget(self.pie_chart, 1)
        charts.addWidget(self.rate_card, 5)
        charts.addWidget(self.trend_card, 5)
        charts.addWidget(self.pie_card, 4)

        self.table_card, table_layout, self.table_title, self.table_note = _card("tableCard")
        table_layout.addWidget(self.tabs)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addLayout(tiles)
        layout.addLayout(charts)
        layout.addWidget(self.table_card)

    def _table(self, model: KpiTableModel, name: str) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        t = named(QTableView(), name)
        t.setModel(proxy)
        t.setSortingEnabled(True)
        t.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(TABLE_ROW_HEIGHT)
        t.setFrameShape(QFrame.Shape.NoFrame)
        t.setMouseTracking(True)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # fixed name columns: sizing to contents would measure every row
        for column, width in ((0, NAME_WIDTH), (1, DETAIL_WIDTH)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            t.setColumnWidth(column, width)
        t.clicked.connect(lambda index, t=t, m=model: self._cell_clicked(t, m, index))
        return t

    # texts ---------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.section_label.setText(self.tr("考核指标"))
        self.tabs.setTabText(0, self.tr("按网格"))
        self.tabs.setTabText(1, self.tr("按网格员"))
        self.trend_title.setText(self.tr("每周诉求量"))
        self.pie_title.setText(self.tr("诉求类别构成"))
        self.table_title.setText(self.tr("分网格、分人员指标"))
        self.table_note.setText(self.tr("点击任一数字查看明细"))
        for spec in INDICATORS:
            self.tiles[spec.key].set_title(tr(spec.title), tr(spec.definition))
        if self.report is not None:
            self.show_report(self.report)
        else:
            self.period_label.setText(self.period_text(self.period_bar.period, None))

    def set_loading(self, loading: bool) -> None:
        self.status_label.setText(self.tr("正在统计…") if loading else "")

    def period_text(self, period: Period, report: KpiReport | None) -> str:
        text = self.tr("%1 至 %2").replace("%1", period.start.isoformat()).replace("%2", period.end.isoformat())
        if report is not None and report.cutoff < period.utc_end:
            text += self.tr("（截至 %1）").replace("%1", format_minutes(report.cutoff))
        return text

    # data ----------------------------------------------------------------------------------------
    def show_report(self, report: KpiReport) -> None:
        self.report = report
        total = report.total
        self.period_label.setText(self.period_text(report.period, report))
        for key, tile in self.tiles.items():
            tile.set_value(*tile_value(key, total), caption(key, total))
        self.grid_model.set_rows(report.by_grid)
        self.worker_model.set_rows(report.by_worker)
        for table, rows in ((self.grid_table, len(report.by_grid)), (self.worker_table, len(report.by_worker))):
            shown = min(max(rows, 1), TABLE_MAX_ROWS)
            table.setFixedHeight(table.horizontalHeader().sizeHint().height() + shown * TABLE_ROW_HEIGHT + 2)
        self._show_rate_chart(report)
        self._show_trend_chart(report)
        self._show_pie_chart(report)

    def _show_rate_chart(self, report: KpiReport) -> None:
        rows = [r for r in report.by_grid if r.key and (r.indicators.accepted or r.indicators.closed)]
        if len(rows) > BAR_ROWS:
            rows = sorted(rows, key=lambda r: (r.indicators.closure_rate is None, r.indicators.closure_rate or 0,
                                               r.code))[:BAR_ROWS]
            self.rate_title.setText(self.tr("结案率最低的 %1 个网格").replace("%1", str(BAR_ROWS)))
        else:
            self.rate_title.setText(self.tr("各网格结案率"))
        self.rate_note.setText(self.tr("点击柱条查看未结案诉求"))
        self._bar_rows = rows
        names = short_names([r.name for r in rows])
        labels = (self.tr("结案率"), self.tr("按期结案率"))
        self.rate_chart.set_data(names, [r.indicators.closure_rate for r in rows],
                                 [r.indicators.on_time_rate for r in rows], labels)
        # each bar needs room for its name: taller with more grid cells
        self.rate_chart.setMinimumHeight(max(260, 60 + 28 * len(rows)))

    def _show_trend_chart(self, report: KpiReport) -> None:
        weeks = report.weekly
        labels = [f"{w.monday.month}/{w.monday.day}" for w in weeks]
        self.trend_chart.set_data(labels, [w.received for w in weeks], [w.closed for w in weeks],
                                  (self.tr("受理"), self.tr("结案")))
        self.trend_note.setText(self.tr("近 %1 周，按周一起算；点击数据点查看明细").replace("%1", str(len(weeks))))

    def _show_pie_chart(self, report: KpiReport) -> None:
        slices = [(c.name, c.received) for c in report.categories]
        centre = self.tr("受理\n%1 件").replace("%1", value_text("received", report.total))
        self.pie_chart.set_data(slices, self.tr("其他"), self.tr("本期暂无诉求"), centre)
        self.pie_note.setText(self.tr("按大类；点击扇区查看明细"))

    # clicks --------------------------------------------------------------------------------------
    def _request(self, indicator: str, row: KpiRow | None = None, kind: str = "") -> ListRequest | None:
        report = self.report
        if report is None:
            return None
        return ListRequest(
            indicator=indicator, scope=self.scope, period=report.period, now=report.as_of,
            indicators=row.indicators if row else report.total,
            grid_cell_id=row.key if row and kind == "grid" else None,
            worker_id=row.key if row and kind == "worker" else None,
            row_name=(row.name or self._nobody(kind)) if row else "",
        )

    @staticmethod
    def _nobody(kind: str) -> str:
        return QCoreApplication.translate("KpiTable", OUTSIDE if kind == "grid" else NOBODY)

    def _tile_clicked(self, key: str) -> None:
        request = self._request(key)
        if request is not None:
            self.list_requested.emit(request)

    def _bar_clicked(self, index: int) -> None:
        if 0 <= index < len(self._bar_rows):
            request = self._request("closure_rate", self._bar_rows[index], "grid")
            if request is not None:
                self.list_requested.emit(request)

    def _week_clicked(self, line: int, index: int) -> None:
        """A point of the trend: the requests received (line 0) or closed (line 1) that week."""
        report = self.report
        if report is None or not 0 <= index < len(report.weekly):
            return
        week = report.weekly[index]
        sunday = week.monday + timedelta(days=6)
        label = f"{week.monday.month}/{week.monday.day}"
        if line == 0:
            indicator, counts = "received", Indicators(received=week.received)
            title = self.tr("%1 当周受理").replace("%1", label)
        else:
            indicator, counts = "closed", Indicators(closed=week.closed)
            title = self.tr("%1 当周结案").replace("%1", label)
        request = self._request(indicator)
        if request is not None:
            self.list_requested.emit(replace(
                request, indicators=counts, title=title, week=week.monday,
                period_text=self.period_text(Period(week.monday, sunday), report)))

    def _slice_clicked(self, index: int) -> None:
        """A slice of the ring: the period's requests of that 大类 (the "other" slice: of the rest)."""
        report = self.report
        if report is None:
            return
        keep = self.pie_chart.keep
        shares = report.categories[index:index + 1] if index < keep else report.categories[keep:]
        if not shares:
            return
        name = shares[0].name if index < keep else self.tr("其他")
        request = self._request("received")
        if request is not None:
            self.list_requested.emit(replace(
                request, indicators=Indicators(received=sum(s.received for s in shares)),
                title=self.tr("诉求类别：%1").replace("%1", name), major_codes=tuple(s.code for s in shares)))

    def _cell_clicked(self, table: QTableView, model: KpiTableModel, index: QModelIndex) -> None:
        proxy = table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        source = proxy.mapToSource(index)
        indicator = model.indicator_at(source.column())
        if indicator is None:
            return
        request = self._request(indicator, model.row_at(source.row()), model.kind)
        if request is not None:
            self.list_requested.emit(request)
