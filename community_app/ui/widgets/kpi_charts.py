"""The supervisor's three charts (QtCharts), drawn in the app's font and colours:

- RateBarChart: 结案率 and 按期结案率 per grid cell, as horizontal bars (names stay legible);
- WeeklyTrendChart: requests received and closed per week;
- CategoryPieChart: the period's requests by 大类, as a ring with a legend.

They take plain numbers and words; what to show is the page's business. Every bar, point
and slice says what it counts on hover and emits a signal when clicked (the list behind it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPainter, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from community_app.ui.fonts import app_font
from community_app.ui.widgets.named import named

BLUE = QColor("#1F5FBF")
GREEN = QColor("#2E9D6B")
AXIS = QColor("#5B6B7F")
GRID_LINE = QColor("#E6ECF4")
MAX_X_LABELS = 7
PIE_COLOURS = ("#1F5FBF", "#2E9D6B", "#F0A020", "#7E57C2", "#E0604F", "#26A0B8", "#9AA7B6")
PIE_KEEP = 6  # slices beyond the largest few become one "other"
MARKER, MARKER_HOVER = 6.0, 11.0


def _font(size: float, bold: bool = False) -> QFont:
    font = app_font(size)
    font.setBold(bold)
    return font


class _ChartView(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.legend().setFont(_font(9.5))
        chart.legend().setLabelColor(AXIS)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)  # the card behind shows through
        self.setBackgroundBrush(Qt.GlobalColor.transparent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(260)

    def show_tip(self, text: str | None) -> None:
        """Hover feedback: a hand and a tooltip over an item that opens a list; None when leaving it."""
        if text is None:
            self.unsetCursor()
            QToolTip.hideText()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(QCursor.pos(), text, self)

    def _clear(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    @staticmethod
    def _style_axis(axis: QValueAxis | QBarCategoryAxis | QCategoryAxis) -> None:
        axis.setLabelsFont(_font(9))
        axis.setLabelsColor(AXIS)
        axis.setGridLineColor(GRID_LINE)
        axis.setLinePenColor(GRID_LINE)


class RateBarChart(_ChartView):
    """Two rates (0–1, None for "nothing to count") per named row. bar_clicked(row index)."""

    bar_clicked = Signal(int)

    def set_data(self, names: Sequence[str], first: Sequence[float | None], second: Sequence[float | None],
                 labels: tuple[str, str]) -> None:
        self._clear()
        chart = self.chart()
        series = QHorizontalBarSeries()
        # the first row on top: a horizontal bar chart draws its first category at the bottom
        order = list(range(len(names)))[::-1]
        for label, values, colour in ((labels[1], second, GREEN), (labels[0], first, BLUE)):
            bar_set = QBarSet(label)
            bar_set.setColor(colour)
            bar_set.setSelectedColor(colour.lighter(135))  # the bar under the mouse
            bar_set.setBorderColor(colour)
            bar_set.setLabelColor(QColor("#33475B"))
            bar_set.setLabelFont(_font(8.5))
            bar_set.append([0.0 if values[i] is None else round(values[i] * 100, 1) for i in order])
            series.append(bar_set)
        series.setBarWidth(0.75)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value%")
        series.setLabelsPrecision(3)
        series.clicked.connect(lambda index, _set: self.bar_clicked.emit(order[index]))
        rates = {labels[0]: first, labels[1]: second}

        def hovered(state: bool, index: int, bar_set: QBarSet) -> None:
            bar_set.deselectAllBars()
            if not state or not 0 <= index < len(order):
                self.show_tip(None)
                return
            bar_set.selectBar(index)
            value = rates[bar_set.label()][order[index]]
            shown = "—" if value is None else QLocale().toString(value * 100, "f", 1) + "%"
            hint = self.tr("点击查看明细")
            self.show_tip(f"{names[order[index]]} · {bar_set.label()}：{shown}\n{hint}")

        series.hovered.connect(hovered)
        chart.addSeries(series)
        names_axis = QBarCategoryAxis()
        names_axis.append([names[i] for i in order])
        self._style_axis(names_axis)
        names_axis.setGridLineVisible(False)
        values_axis = QCategoryAxis()  # 0–100 % labelled, with room beyond 100 % for the bar labels
        values_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for tick in range(0, 101, 25):
            values_axis.append(f"{tick}%", float(tick))
        values_axis.setRange(0, 128)
        self._style_axis(values_axis)
        chart.addAxis(names_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names_axis)
        series.attachAxis(values_axis)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.legend().setReverseMarkers(True)  # sets were added second first (see above)


class WeeklyTrendChart(_ChartView):
    """Two counts per week. point_clicked(line: 0 the first, 1 the second; week index)."""

    point_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: tuple[Sequence[int], ...] = ()
        self._week_labels: Sequence[str] = ()
        self._hovered: tuple[QLineSeries, int] | None = None

    def set_data(self, week_labels: Sequence[str], received: Sequence[int], closed: Sequence[int],
                 labels: tuple[str, str]) -> None:
        self._clear()
        self._hovered = None
        self._values, self._week_labels = (received, closed), week_labels
        chart = self.chart()
        top = max([*received, *closed, 1])
        for number, (label, values, colour) in enumerate(((labels[0], received, BLUE), (labels[1], closed, GREEN))):
            line = QLineSeries()
            line.setName(label)
            pen = QPen(colour)
            pen.setWidthF(2.4)
            line.setPen(pen)
            line.setPointsVisible(True)
            line.setMarkerSize(MARKER)
            line.setBrush(QBrush(colour))
            for x, y in enumerate(values):
                line.append(float(x), float(y))
            line.clicked.connect(lambda point, n=number: self._point_clicked(n, point))
            line.hovered.connect(lambda point, state, n=number, line=line: self._point_hovered(n, line, point, state))
            chart.addSeries(line)
        x_axis = QCategoryAxis()  # a label under every few weeks' point, so none is elided
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        every = max(1, math.ceil(len(week_labels) / MAX_X_LABELS))
        labelled = sorted(range(len(week_labels) - 1, -1, -every))  # the latest week always labelled
        for index in labelled:  # QCategoryAxis wants its values in increasing order
            x_axis.append(week_labels[index], float(index))
        x_axis.setRange(-0.4, len(week_labels) - 0.6)
        x_axis.setStartValue(-0.4)
        self._style_axis(x_axis)
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        axis_top, ticks = nice_axis(top)
        y_axis.setRange(0, axis_top)
        y_axis.setTickCount(ticks)
        y_axis.setLabelFormat("%d")
        self._style_axis(y_axis)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)

    def _week_at(self, point: QPointF) -> int | None:
        """The week nearest a point of a line (QtCharts gives the spot under the mouse)."""
        index = round(point.x())
        return index if 0 <= index < len(self._week_labels) else None

    def _point_clicked(self, number: int, point: QPointF) -> None:
        index = self._week_at(point)
        if index is not None:
            self.point_clicked.emit(number, index)

    def _point_hovered(self, number: int, line: QLineSeries, point: QPointF, state: bool) -> None:
        if self._hovered is not None:
            self._hovered[0].clearPointConfiguration(self._hovered[1])
            self._hovered = None
        index = self._week_at(point)
        if not state or index is None:
            self.show_tip(None)
            return
        line.setPointConfiguration(index, {QXYSeries.PointConfiguration.Size: MARKER_HOVER})
        self._hovered = (line, index)
        count = QLocale().toString(self._values[number][index])
        text = self.tr("%1 当周 · %2：%3 件").replace("%1", self._week_labels[index]).replace(
            "%2", line.name()).replace("%3", count)
        hint = self.tr("点击查看明细")
        self.show_tip(f"{text}\n{hint}")


class CategoryPieChart(QWidget):
    """A ring of (name, count) slices with the total in its hole and a legend of names,
    shares and counts beside it; slices beyond the largest `keep` become one "other".
    slice_clicked(index of the slice shown: `keep` is the "other")."""

    slice_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = _ChartView()
        self.view.setMinimumHeight(220)
        self.view.chart().legend().hide()
        self.centre = named(QLabel(self.view), "pieCentre")
        self.centre.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.centre.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.legend = QVBoxLayout()
        self.legend.setSpacing(7)
        self.legend_rows: list[QLabel] = []
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.view, 5)
        legend_box = QVBoxLayout()
        legend_box.addStretch(1)
        legend_box.addLayout(self.legend)
        legend_box.addStretch(1)
        box.addLayout(legend_box, 4)
        self.slice_names: list[str] = []
        self.keep = PIE_KEEP
        self.pie: QPieSeries | None = None
        self._total = 0

    def set_data(self, slices: Sequence[tuple[str, int]], other_label: str, empty_label: str,
                 centre_text: str, keep: int = PIE_KEEP) -> None:
        chart = self.view.chart()
        chart.removeAllSeries()
        total = sum(n for _name, n in slices)
        shown = list(slices[:keep])
        rest = sum(n for _name, n in slices[keep:])
        if rest:
            shown.append((other_label, rest))
        pie = QPieSeries()
        pie.setHoleSize(0.58)
        pie.setPieSize(0.92)
        for index, (_name, count) in enumerate(shown):
            item = pie.append("", count)
            item.setColor(QColor(PIE_COLOURS[min(index, len(PIE_COLOURS) - 1)]))
            item.setBorderColor(QColor("#FFFFFF"))
            item.setBorderWidth(1)
        if not shown:
            pie.append("", 1).setColor(GRID_LINE)
        else:
            pie.clicked.connect(self._slice_clicked)
            pie.hovered.connect(self._slice_hovered)
        chart.addSeries(pie)
        self.pie, self.keep, self._total = pie, keep, total
        self.slice_names = [name for name, _count in shown]
        for row in self.legend_rows:
            self.legend.removeWidget(row)
            row.deleteLater()
        self.legend_rows = []
        for index, (name, count) in enumerate(shown or [(empty_label, 0)]):
            colour = PIE_COLOURS[min(index, len(PIE_COLOURS) - 1)] if shown else GRID_LINE.name()
            share = f"{count / total:.0%}" if total else ""
            row = named(QLabel(
                f'<span style="color:{colour}; font-size:12pt;">\u25A0</span>&nbsp;&nbsp;{escape(name)}'
                f'&nbsp;&nbsp;<b>{share}</b>&nbsp;<span style="color:#7A899B;">{count}</span>'), "pieLegendRow")
            row.setTextFormat(Qt.TextFormat.RichText)
            self.legend.addWidget(row)
            self.legend_rows.append(row)
        self.centre.setText(centre_text)
        self._place_centre()

    def _slice_clicked(self, item: QPieSlice) -> None:
        assert self.pie is not None
        self.slice_clicked.emit(self.pie.slices().index(item))

    def _slice_hovered(self, item: QPieSlice, state: bool) -> None:
        assert self.pie is not None
        item.setExploded(state)
        item.setExplodeDistanceFactor(0.06)
        if not state:
            self.view.show_tip(None)
            return
        name = self.slice_names[self.pie.slices().index(item)]
        count = int(item.value())
        share = f"{count / self._total:.0%}" if self._total else ""
        text = self.tr("%1：%2 件（%3）").replace("%1", name).replace("%2", QLocale().toString(count)).replace(
            "%3", share)
        hint = self.tr("点击查看明细")
        self.view.show_tip(f"{text}\n{hint}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_centre()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_centre()

    def _place_centre(self) -> None:
        area = self.view.chart().plotArea()
        centre = self.view.mapFromScene(area.center())
        self.centre.adjustSize()
        self.centre.move(centre.x() - self.centre.width() // 2, centre.y() - self.centre.height() // 2)


def nice_axis(value: int) -> tuple[int, int]:
    """A round axis top a little above value, and its tick count (at most 6 ticks)."""
    target = max(value * 1.08, 4)
    step = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            size = step * factor
            count = math.ceil(target / size)
            if count <= 5 and size == int(size):
                return int(count * size), count + 1
        step *= 10
