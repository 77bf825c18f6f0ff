"""A document for lists thousands of pages long (a street's roster): landscape A4, the same
title block, running header, footer and "第 N 页 共 M 页" as document.build_pdf, but in
memory that stays flat however long the list is.

- The story is a LazyStory: flowables are made from a generator as layout consumes them
  (reportlab's build loop only reads, deletes and inserts at the front of its list), so the
  rows of a 200,000-line list are fetched a chunk at a time and never all at once.
- Each finished page's content stream is compressed at once (StreamingCanvas): reportlab
  would otherwise hold every page's drawing operators as Python strings until save().
- "共 M 页" is a PDF form XObject that every page draws and that is defined once, at save,
  when M is known — no page is kept back to stamp its number later.
- Column headings are drawn by the page template at the top of every page after the first
  (the first has them under the title block), so a list fed as many small tables reads as
  one table whose header repeats on every page.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from community_app.reports.document import ReportMeta, header_and_footer, title_block
from community_app.reports.fonts import FONT_LATIN, draw_text, register_fonts
from community_app.reports.progress import NO_CONTROL, BuildControl, ReportCancelled
from community_app.reports.styles import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, SLATE

PAGE_SIZE = landscape(A4)
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT  # 257 mm
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
TOTAL_FORM = "pageTotal"
_GAP = 1.5  # points between "第 N 页" and "共 M 页", either side of the centre


class LazyStory(list):  # type: ignore[type-arg]
    """A list that tops itself up from a generator whenever layout takes from its front."""

    def __init__(self, head: list[Flowable], rest: Iterator[Flowable], keep: int = 3) -> None:
        super().__init__(head)
        self._rest: Iterator[Flowable] | None = rest
        self._keep = keep
        self._top_up()

    def _top_up(self) -> None:
        while self._rest is not None and len(self) < self._keep:
            try:
                self.append(next(self._rest))
            except StopIteration:
                self._rest = None

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._top_up()

    def pop(self, index: Any = -1) -> Flowable:
        item = super().pop(index)
        self._top_up()
        return item  # type: ignore[no-any-return]


def _page_number_left(c: Canvas, page: int, y: float) -> None:
    draw_text(c, PAGE_SIZE[0] / 2 - _GAP, y, f"第 {page} 页", 9, "right")


class StreamingCanvas(Canvas):
    """Compresses each page when it is finished and draws "共 M 页" through a form defined at save."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = FONT_LATIN  # an embedded font from the start: no Helvetica in the PDF
        super().__init__(*args, **kwargs)
        self.pages_done = 0

    def showPage(self) -> None:
        y = MARGIN_BOTTOM - 10 * mm
        self.saveState()
        self.setFillColor(SLATE)
        _page_number_left(self, self._pageNumber, y)
        self.doForm(TOTAL_FORM)
        self.restoreState()
        super().showPage()
        self.pages_done += 1
        page = self._doc.Pages.pages[-1]
        content = page.stream  # setStream joined the operators into one str
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)  # as reportlab's own filter
        stream = pdfdoc.PDFStream(content=zlib.compress(data))
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        page.Contents, page.stream = stream, None

    def save(self) -> None:
        self.beginForm(TOTAL_FORM)
        self.setFillColor(SLATE)
        draw_text(self, PAGE_SIZE[0] / 2 + _GAP, MARGIN_BOTTOM - 10 * mm, f"共 {self.pages_done} 页", 9)
        self.endForm()
        self._doc.SaveToFile(self._filename, self)


@dataclass(frozen=True)
class LongReport:
    pages: int


def _decorate(meta: ReportMeta, heading: Callable[[Canvas, float, float], float] | None, first_page: bool
              ) -> Callable[[Canvas, BaseDocTemplate], None]:
    """onPage: running header (not on the first page), column headings, footer."""
    draw = header_and_footer(meta, PAGE_SIZE)

    def on_page(c: Canvas, doc: BaseDocTemplate) -> None:
        draw(c, not first_page)
        if heading is not None and not first_page:
            heading(c, MARGIN_LEFT, PAGE_SIZE[1] - MARGIN_TOP)

    return on_page


class _Doc(BaseDocTemplate):
    def __init__(self, out: io.BytesIO | str, meta: ReportMeta, heading: Any, heading_height: float,
                 control: BuildControl) -> None:
        super().__init__(out, pagesize=PAGE_SIZE, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=meta.title,
                         author=meta.author or meta.generated_by, subject=f"{meta.community_name} {meta.scope_text}",
                         creator="社区网格化管理", invariant=True)
        first = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT - heading_height, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("first", [first], onPage=_decorate(meta, heading, True)),
                               PageTemplate("later", [later], onPage=_decorate(meta, heading, False))])
        self._control = control

    def afterPage(self) -> None:
        """Cancel is also honoured between pages, not only when the next rows are fetched."""
        if self._control.cancelled is not None and self._control.cancelled():
            raise ReportCancelled(ReportCancelled.message)


def build_long_pdf(meta: ReportMeta, head: list[Flowable], rest: Iterator[Flowable], out: Path, *,
                   heading: Callable[[Canvas, float, float], float] | None = None, heading_height: float = 0,
                   control: BuildControl = NO_CONTROL) -> LongReport:
    """Lay out title block + head + the lazily made rest on landscape A4 into `out`.

    heading(canvas, x, top) draws the column headings at the top of every later page and
    returns their height (heading_height reserves it). The caller reports progress and
    checks cancel while it makes flowables; ReportCancelled propagates and no file is left.
    """
    register_fonts()
    partial = out.with_name(f".{out.name}.partial")
    holder: dict[str, StreamingCanvas] = {}

    def canvasmaker(*args: Any, **kwargs: Any) -> StreamingCanvas:
        holder["canvas"] = StreamingCanvas(*args, **kwargs)
        return holder["canvas"]

    try:
        doc = _Doc(str(partial), meta, heading, heading_height, control)
        doc.build(LazyStory([*title_block(meta), NextPageTemplate("later"), *head], rest), canvasmaker=canvasmaker)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return LongReport(holder["canvas"].pages_done)
