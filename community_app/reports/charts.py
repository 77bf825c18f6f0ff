"""Charts for the reports, drawn with reportlab.graphics in the report's fonts and palette.

Titles and legends are drawn run by run (fonts.runs), so "受理量居前的12个网格" keeps its
digits. An axis label is one string in one font: CJK labels use FONT, figures FONT_LATIN;
a label mixing both (rare: "3号楼") has its ASCII turned into full-width forms, which FONT
has, so no digit disappears.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.units import mm

from community_app.reports.fonts import FONT, FONT_LATIN, runs, text_width
from community_app.reports.styles import FRAME_WIDTH, GRID_LINE, INK, MUTED, PALETTE, SLATE

LABEL_SIZE = 7.5
_FULLWIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)} | {0x20: 0x3000}


def label(text: str) -> tuple[str, str]:
    """(font, text) for a chart label that must be drawn as one string."""
    found = runs(text)
    if len(found) == 1:
        return found[0]
    return FONT, text.translate(_FULLWIDTH)


def _labels(texts: Sequence[str]) -> tuple[str, list[str]]:
    """One font for a set of category labels (a chart axis has one font)."""
    pairs = [label(t) for t in texts]
    if pairs and all(f == FONT_LATIN for f, _t in pairs):
        return FONT_LATIN, [t for _f, t in pairs]
    return FONT, [t if f == FONT else t.translate(_FULLWIDTH) for f, t in pairs]


def rich_string(x: float, y: float, text: str, size: float, *, anchor: str = "start",
                color: object = INK) -> Group:
    """A label in several fonts: one String per run, placed side by side."""
    width = text_width(text, size)
    x -= width / 2 if anchor == "middle" else width if anchor == "end" else 0
    group = Group()
    for font, run in runs(text):
        group.add(String(x, y, run, fontName=font, fontSize=size, fillColor=color))
        x += text_width(run, size)
    return group


def _legend(drawing: Drawing, names: Sequence[str], x: float, y: float, values: Sequence[str] = ()) -> None:
    """Colour swatches and names, one per line, from (x, y) downwards; x is the right edge
    of the longest line. `values` (e.g. shares) are right-aligned in a second column."""
    widest = max((text_width(n, LABEL_SIZE) for n in names), default=0)
    extra = max((text_width(v, LABEL_SIZE) for v in values), default=0) + (8 if values else 0)
    left = x - widest - extra - 10
    for i, name in enumerate(names):
        top = y - i * 10
        drawing.add(Rect(left, top - 1, 6, 6, fillColor=PALETTE[i % len(PALETTE)], strokeColor=None))
        drawing.add(rich_string(left + 10, top, name, LABEL_SIZE))
        if i < len(values):
            drawing.add(rich_string(x, top, values[i], LABEL_SIZE, anchor="end"))


def _title(drawing: Drawing, text: str) -> None:
    drawing.add(rich_string(drawing.width / 2, drawing.height - 11, text, 9.5, anchor="middle", color=SLATE))


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose default font is ours (reportlab's default, Helvetica, is not embedded)."""
    d = Drawing(width, height)
    d.initialFontName = FONT_LATIN
    return d


def _data_and_axes(chart: VerticalBarChart | HorizontalLineChart, categories: Sequence[str],
                   series: Sequence[tuple[str, Sequence[float]]]) -> None:
    """What the bar and line charts share: their data, category labels in the font their
    characters need, a value axis from 0 with light grid lines."""
    data = [list(values) for _name, values in series]
    # reportlab's value axis reads the first series' first value: a chart with no values at all
    # (a month just begun, a grid without requests yet) gets one zero instead of an IndexError
    chart.data = data if any(data) else [[0]]
    font, names = _labels(categories)
    chart.categoryAxis.categoryNames = names or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = GRID_LINE
    chart.valueAxis.labels.fontName = FONT_LATIN
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = GRID_LINE
    chart.valueAxis.gridStrokeColor = GRID_LINE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.valueAxis.visibleGrid = True


def bar_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *,
              width: float = FRAME_WIDTH, height: float = 70 * mm) -> Drawing:
    """Grouped vertical bars: one group per category, one bar per series (e.g. 受理数 / 结案数)."""
    d = _drawing(width, height)
    _title(d, title)
    chart = VerticalBarChart()
    chart.x, chart.y = 32, 38
    chart.width, chart.height = width - 110, height - 62
    _data_and_axes(chart, categories, series)
    chart.categoryAxis.labels.angle = 30 if len(categories) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(categories) > 6 else "n"
    chart.groupSpacing = 6
    chart.barSpacing = 1
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    _legend(d, [name for name, _v in series], width - 4, height - 26)
    return d


def line_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *,
               width: float = FRAME_WIDTH, height: float = 62 * mm) -> Drawing:
    """Lines over time (weekly trend), with markers."""
    from reportlab.graphics.widgets.markers import makeMarker

    d = _drawing(width, height)
    _title(d, title)
    chart = HorizontalLineChart()
    chart.x, chart.y = 32, 28
    chart.width, chart.height = width - 110, height - 48
    _data_and_axes(chart, categories, series)
    for i in range(len(series)):
        chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        chart.lines[i].strokeWidth = 1.4
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3, fillColor=PALETTE[i % len(PALETTE)])
    d.add(chart)
    _legend(d, [name for name, _v in series], width - 4, height - 26)
    return d


def pie_chart(title: str, slices: Sequence[tuple[str, float]], *, width: float = FRAME_WIDTH,
              height: float = 70 * mm) -> Drawing:
    """Shares (top categories), biggest first, with a legend giving name and percentage."""
    d = _drawing(width, height)
    _title(d, title)
    values = [v for _n, v in slices]
    whole = sum(values)
    pie = Pie()
    size = height - 34
    pie.x, pie.y = width * 0.18, 10
    pie.width = pie.height = size
    pie.data = values if whole else [1]
    pie.labels = None
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.slices.strokeColor = INK if not whole else None
    pie.slices.strokeWidth = 0.5
    for i in range(len(values)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
        pie.slices[i].strokeColor = None
    if not whole:
        pie.slices[0].fillColor = MUTED
    d.add(pie)
    shares = [f"{v / whole * 100:.1f}%" for _n, v in slices] if whole else []
    _legend(d, [n for n, _v in slices], width * 0.8, height - 40, shares)
    return d
