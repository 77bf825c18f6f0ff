"""Tables and signature lines in the house style.

data_table() makes the long lists of a report: ruled, a shaded header row repeated on every
page the table runs onto, zebra rows, numbers right-aligned. Cells are plain strings where
the main font covers them (fast for thousands of rows) and Paragraphs only where a rare
character needs the fallback font or a column wraps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, Table, TableStyle

from community_app.reports.fonts import FONT, FONT_LATIN, fit, markup, runs, show_runs, single_font, text_width
from community_app.reports.styles import (
    FRAME_WIDTH,
    GRID_LINE,
    HEAD_FILL,
    SLATE,
    STYLES,
    TABLE_HEAD_SIZE,
    TABLE_SIZE,
    ZEBRA_FILL,
)

Align = Literal["left", "centre", "right"]
_PAD = 3.0  # cell padding left and right, points
_PAD_V = 2.2  # top and bottom
ROW_HEIGHT = TABLE_SIZE * 1.2 + 2 * _PAD_V  # a one-line row


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the frame width (all columns' shares are scaled to fill it)
    align: Align = "left"
    wrap: bool = False  # long text: wrap in a Paragraph instead of cutting it with "…"


class RunsLine(Flowable):
    """One line of text in several fonts (see fonts.runs): a light table cell for text the
    column's font cannot draw alone, far cheaper than a Paragraph."""

    def __init__(self, text: str, size: float = TABLE_SIZE) -> None:
        super().__init__()
        self.text, self.size = text, size
        self.height = size * 1.2  # the table's leading for plain cells: rows stay even

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = text_width(self.text, self.size)
        return self.width, self.height

    def draw(self) -> None:
        show_runs(self.canv, 0, self.height - self.size, runs(self.text), self.size)


class FastTable(LongTable):
    """LongTable drawing its one-line string cells in a single PDF text object each, with
    the operators cached per document (fonts.show_runs) instead of a canvas.drawString
    apiece: the same text at the same place, at a fraction of the cost over thousands of
    rows. Flowable cells and anything unusual go through reportlab's own code."""

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple[float, float],  # reportlab's name
                  size: tuple[float, float]) -> None:
        if (type(cellval) is not str or "\n" in cellval or cellstyle.valign != "MIDDLE" or cellstyle.href
                or cellstyle.destination or cellstyle.direction or cellstyle.shaping
                or cellstyle.alignment not in _ALIGNMENTS):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        canv = self.canv
        if self._curcellstyle is not cellstyle:  # as reportlab: colour and font follow the cell's style
            cur = self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                canv.setFillColor(cellstyle.color)
            if (cur is None or cellstyle.leading != cur.leading or cellstyle.fontname != cur.fontname
                    or cellstyle.fontsize != cur.fontsize):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        if not cellval:
            return
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        font, fontsize, just = cellstyle.fontname, cellstyle.fontsize, cellstyle.alignment
        # reportlab's placement of a one-line MIDDLE cell
        y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + cellstyle.leading) / 2.0 - fontsize
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        else:
            width = stringWidth(cellval, font, fontsize)
            if just == "RIGHT":
                x = colpos + colwidth - cellstyle.rightPadding - width
            else:
                x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - width * 0.5
        show_runs(canv, x, y, ((font, cellval),), fontsize)


_ALIGNMENTS = frozenset(("LEFT", "RIGHT", "CENTRE", "CENTER"))


def _widths(columns: Sequence[Column], total: float) -> list[float]:
    shares = sum(c.width for c in columns)
    return [total * c.width / shares for c in columns]


def _cell(value: object, column: Column, width: float, font: str) -> object:
    text = "" if value is None else str(value)
    if column.wrap and text:
        style = STYLES.table_cell_right if column.align == "right" else STYLES.table_cell
        return Paragraph(markup(text), style)
    if column.align != "right":  # figures are never cut; their columns are made wide enough
        text = fit(text, width - 2 * _PAD, TABLE_SIZE)
    return text if not text or single_font(text) == font else RunsLine(text)


def _column_font(values: Sequence[object]) -> str:
    """The font most of a column's first cells are drawn in alone (figures: FONT_LATIN)."""
    fonts = [single_font(str(v)) for v in values[:50] if v not in (None, "")]
    return FONT_LATIN if fonts.count(FONT_LATIN) > fonts.count(FONT) else FONT


def table_style(rows: int, columns: Sequence[Column], fonts: Sequence[str] = (), *, header_rows: int = 1,
                zebra: bool = True, total_row: bool = False) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),
        ("FONT", (0, 0), (-1, header_rows - 1), FONT, TABLE_HEAD_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), SLATE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_LINE),
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, SLATE),
        ("LINEBELOW", (0, -1), (-1, -1), 1.0, SLATE),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_V),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_V),
    ]
    for i, font in enumerate(fonts):
        if font != FONT:
            commands.append(("FONT", (i, header_rows), (i, -1), font, TABLE_SIZE))
    for i, column in enumerate(columns):
        if column.align != "left":
            commands.append(("ALIGN", (i, header_rows), (i, -1), "RIGHT" if column.align == "right" else "CENTER"))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, ZEBRA_FILL]))
    if total_row and rows > header_rows:
        commands += [("BACKGROUND", (0, -1), (-1, -1), HEAD_FILL), ("LINEABOVE", (0, -1), (-1, -1), 0.8, SLATE)]
    return TableStyle(commands)


def data_table(columns: Sequence[Column], rows: Sequence[Sequence[object]], *, width: float = FRAME_WIDTH,
               total: Sequence[object] | None = None, zebra: bool = True) -> Table:
    """A ruled table whose header row repeats on every page it splits onto. `total` is an
    optional last row (合计), shaded like the header."""
    widths = _widths(columns, width)
    fonts = [_column_font([row[i] for row in rows]) for i in range(len(columns))]
    head = [Paragraph(markup(c.title), STYLES.table_head) for c in columns]  # headers may wrap
    body = [[_cell(v, c, w, f) for v, c, w, f in zip(row, columns, widths, fonts, strict=True)] for row in rows]
    if total is not None:
        body.append([_cell(v, c, w, f) for v, c, w, f in zip(total, columns, widths, fonts, strict=True)])
    data = [head, *body]
    # LongTable: splitting a long table page by page stays linear (Table re-measures every row left)
    # one-line rows have a known height: reportlab then skips measuring every cell
    heights = None if any(c.wrap for c in columns) else [None, *[ROW_HEIGHT] * (len(data) - 1)]
    table = FastTable(data, colWidths=widths, rowHeights=heights, repeatRows=1, splitByRow=1, hAlign="CENTER")
    table.setStyle(table_style(len(data), columns, fonts, zebra=zebra, total_row=total is not None))
    return table


def empty_note(text: str = "本期无记录。") -> Paragraph:
    return Paragraph(markup(text), STYLES.note)


def signature_block(labels: Sequence[str] = ("填报人", "审核人", "日期"), *, unit: str = "") -> Flowable:
    """Signature lines at the end of an official report: 填报人：______ 审核人：______ 日期：____年__月__日,
    with the issuing unit (盖章) above when given. Kept together on one page."""
    cells: list[object] = []
    for label in labels:
        blank = "______年____月____日" if label == "日期" else "________________"
        cells.append(Paragraph(markup(f"{label}：{blank}"), STYLES.signature))
    rows: list[list[object]] = [cells]
    widths = [FRAME_WIDTH / len(labels)] * len(labels)
    table = Table(rows, colWidths=widths, hAlign="CENTER")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 10.5), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    parts: list[Flowable] = [Spacer(1, 10 * mm)]
    if unit:
        parts.append(Paragraph(markup(f"填报单位（盖章）：{unit}"), STYLES.signature))
        parts.append(Spacer(1, 4 * mm))
    parts.append(table)
    return KeepTogether(parts)
