"""The A4 document every report is laid out in: title block, running header and footer,
"第 N 页 共 M 页", progress and cancel.

The total page count is only known once everything is laid out, so the canvas keeps each
finished page's state and stamps the page numbers when the document is saved (one layout
pass, not two). Builders make a story of flowables and hand it to build_pdf().
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from community_app.core.localtime import SHANGHAI
from community_app.reports.fonts import FONT, FONT_LATIN, draw_text, markup, register_fonts, text_width
from community_app.reports.progress import NO_CONTROL, BuildControl
from community_app.reports.styles import (
    HEADER_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    RULE_RED,
    SLATE,
    STYLES,
    TITLE_SIZE,
)

CONFIDENTIAL = "内部资料　注意保密"  # personal data inside: the footer says so on every page


@dataclass(frozen=True)
class ReportMeta:
    title: str  # 月度网格工作报告
    community_name: str  # the issuing office: 八大关社区居民委员会 / 八大关社区
    period_text: str  # 2026年10月1日至10月31日 (see period_text())
    generated_at: datetime  # aware; shown in Beijing time
    generated_by: str  # the user's display name
    scope_text: str = ""  # 第三网格 / 全社区; shown under the title when set
    author: str = ""  # PDF metadata author (defaults to generated_by)

    @property
    def generated_text(self) -> str:
        return self.generated_at.astimezone(SHANGHAI).strftime("%Y年%m月%d日 %H:%M")


def period_text(start: datetime | Any, end: datetime | Any) -> str:
    """2026-10-01, 2026-10-31 → "2026年10月1日至10月31日" (years shown once when equal)."""
    first = f"{start.year}年{start.month}月{start.day}日"
    last = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
    return first if start == end else f"{first}至{last}"


class TitleLine(Flowable):
    """One centred line in faux bold (fill + thin stroke): the shipped font has no bold."""

    def __init__(self, text: str, size: float = TITLE_SIZE, space_after: float = 3 * mm) -> None:
        super().__init__()
        self.text, self.size = text, size
        self.spaceAfter = space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.size * 1.3

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c._code.append("2 Tr")  # text render mode 2: fill then stroke, thickens the strokes
        c.setLineWidth(self.size * 0.025)
        draw_text(c, self.width / 2, self.size * 0.25, self.text, self.size, "centre")
        c._code.append("0 Tr")
        c.restoreState()


class Rule(Flowable):
    """The 公文 separator: a red line across the frame (double: thick over thin)."""

    def __init__(self, color: Any = RULE_RED, space: float = 2 * mm) -> None:
        super().__init__()
        self.color, self.space = color, space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.space * 2 + 3

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.color)
        c.setLineWidth(1.6)
        c.line(0, self.space + 3, self.width, self.space + 3)
        c.setLineWidth(0.5)
        c.line(0, self.space, self.width, self.space)
        c.restoreState()


def title_block(meta: ReportMeta) -> list[Flowable]:
    """The first page's head: office, title, scope and period, red rule, generated at / by."""
    parts: list[Flowable] = [Paragraph(markup(meta.community_name), STYLES.org), TitleLine(meta.title)]
    period = f"统计期间：{meta.period_text}" if meta.period_text else ""
    subtitle = "　".join(p for p in (meta.scope_text, period) if p)
    parts += [Paragraph(markup(subtitle), STYLES.subtitle), Rule(),
              Paragraph(markup(f"生成时间：{meta.generated_text}（北京时间）　生成人：{meta.generated_by}"),
                        STYLES.meta),
              Spacer(1, 3 * mm)]
    return parts


def heading(index: int, text: str) -> Paragraph:
    """一、… section heading."""
    from community_app.reports.styles import section_number
    return Paragraph(markup(section_number(index) + text), STYLES.h1)


def subheading(index: int, text: str) -> Paragraph:
    """（一）… sub-heading."""
    from community_app.reports.styles import CHINESE_NUMERALS
    return Paragraph(markup(f"（{CHINESE_NUMERALS[index - 1]}）{text}"), STYLES.h2)


def page_number_text(page: int, total: int) -> str:
    return f"第 {page} 页 共 {total} 页"


TOTAL_FORM = "pageTotal"  # form XObject holding "M 页", defined once the page count is known


def _make_canvas_class(page_size: tuple[float, float]) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Writes "第 N 页 共 " on each page and draws the form TOTAL_FORM after it; the form
        ("M 页") is defined in save(), when M is known. One layout pass, and no page is kept
        in memory waiting for the total (a 6,000-page roster stays small)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # an embedded font from the start: no unembedded Helvetica in the PDF
            kwargs["initialFontName"] = FONT_LATIN
            super().__init__(*args, **kwargs)
            self._shown = 0

        def showPage(self) -> None:  # reportlab's name
            self._shown += 1
            _draw_page_number(self, self._shown, page_size)
            super().showPage()

        def save(self) -> None:
            self.beginForm(TOTAL_FORM)
            draw_text(self, 0, 0, f"{self._shown} 页", PAGE_NUMBER_SIZE)
            self.endForm()
            super().save()

    return NumberedCanvas


PAGE_NUMBER_SIZE = 9.0


def _draw_page_number(c: Canvas, page: int, page_size: tuple[float, float]) -> None:
    """"第 N 页 共 " then the total form, centred as if the total had as many digits as N."""
    head = f"第 {page} 页 共 "
    width = text_width(head, PAGE_NUMBER_SIZE) + text_width(f"{page} 页", PAGE_NUMBER_SIZE)
    x = page_size[0] / 2 - width / 2
    y = MARGIN_BOTTOM - 10 * mm
    c.saveState()
    c.setFillColor(SLATE)
    x += draw_text(c, x, y, head, PAGE_NUMBER_SIZE)
    c.translate(x, y)
    c.doForm(TOTAL_FORM)
    c.restoreState()


def header_and_footer(meta: ReportMeta, page_size: tuple[float, float]) -> Callable[[Canvas, bool], None]:
    """draw(canvas, with_header): the running header (office and title left, scope and period
    right when both fit, a rule under them) and the footer (generated at / by, 内部资料) of
    every report page; both document kinds decide for themselves which pages get the header."""
    left, right = MARGIN_LEFT, page_size[0] - MARGIN_RIGHT
    frame_width = right - left
    top = page_size[1] - MARGIN_TOP + 6 * mm
    bottom = MARGIN_BOTTOM - 5 * mm
    header_left = f"{meta.community_name}　{meta.title}"
    header_right = "　".join(p for p in (meta.scope_text, meta.period_text) if p)

    def draw(c: Canvas, with_header: bool) -> None:
        c.saveState()
        c.setFillColor(MUTED)
        c.setStrokeColor(SLATE)
        c.setLineWidth(0.5)
        if with_header:
            draw_text(c, left, top + 1.5 * mm, header_left, HEADER_SIZE)
            if text_width(header_left, HEADER_SIZE) + text_width(header_right, HEADER_SIZE) < frame_width - 10:
                draw_text(c, right, top + 1.5 * mm, header_right, HEADER_SIZE, "right")
            c.line(left, top, right, top)
        c.line(left, bottom + 3.5 * mm, right, bottom + 3.5 * mm)
        draw_text(c, left, bottom, f"生成于 {meta.generated_text}　{meta.generated_by}", HEADER_SIZE)
        draw_text(c, right, bottom, CONFIDENTIAL, HEADER_SIZE, "right")
        c.restoreState()

    return draw


def _decorate(meta: ReportMeta, page_size: tuple[float, float]) -> Callable[[Canvas, BaseDocTemplate], None]:
    """onPage handler: running header (from page 2) and footer on every page."""
    draw = header_and_footer(meta, page_size)

    def on_page(c: Canvas, doc: BaseDocTemplate) -> None:
        draw(c, doc.page > 1)

    return on_page


@dataclass(frozen=True)
class BuiltReport:
    pdf: bytes
    pages: int

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.pdf)


class _Doc(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, meta: ReportMeta, control: BuildControl,
                 page_size: tuple[float, float]) -> None:
        super().__init__(out, pagesize=page_size, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=meta.title,
                         author=meta.author or meta.generated_by, subject=f"{meta.community_name} {meta.period_text}",
                         creator="社区网格化管理", invariant=True)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=_decorate(meta, page_size))])
        self.pages_done = 0
        self._size = 1
        self._done = 0
        self._control = control
        self.setProgressCallBack(self._on_progress)

    def _on_progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._size = max(1, value)
        elif kind == "PROGRESS":  # flowables left can grow when one splits: never step back
            self._done = max(self._done, value)
            self._control.step(self._done / self._size, "正在排版…")
        elif kind == "PAGE":
            self.pages_done = value


def build_pdf(meta: ReportMeta, story: list[Flowable], control: BuildControl = NO_CONTROL, *,
              pagesize: tuple[float, float] = PAGE_SIZE) -> BuiltReport:
    """Lay out `story` (title_block(meta) is put first) on A4 (or `pagesize`, e.g.
    landscape(A4): the frame is then pagesize minus the margins) and return the PDF bytes.
    Progress goes 0…1 over the layout; ReportCancelled propagates when cancel is asked."""
    register_fonts()
    # binary (Flate only) streams: ASCII85 on top makes the file 25 % bigger and costs ~8 % of
    # a long build; nothing we print needs 7-bit-clean PDFs (process-wide reportlab setting)
    rl_config.useA85 = 0
    out = io.BytesIO()
    doc = _Doc(out, meta, control, pagesize)
    doc.build([*title_block(meta), *story], canvasmaker=_make_canvas_class(pagesize))
    control.step(1.0, "已完成")
    return BuiltReport(out.getvalue(), doc.pages_done)


__all__ = ["FONT", "BuiltReport", "ReportMeta", "Rule", "TitleLine", "build_pdf", "header_and_footer", "heading",
           "page_number_text", "period_text", "subheading", "title_block"]
