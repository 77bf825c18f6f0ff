"""Printing a report: each page of the QPdfDocument is rendered at the printer's resolution
and painted over the whole sheet, so what prints is what the preview showed (the PDF keeps
its own 20 mm margins; printers' unprintable edges are narrower than that).

Rendering stays in the GUI thread (the document lives there and the preview paints from it);
a progress dialog with Cancel appears after half a second and events are processed between
pages, so the window keeps painting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 600  # an A4 page at 600 dpi is a 139 MB image already; no office printer needs more


def render_size(page_points: QSizeF, dpi: int) -> QSize:
    """Pixels of a page of this size (PDF points, 1/72 inch) at dpi."""
    return QSize(round(page_points.width() * dpi / 72), round(page_points.height() * dpi / 72))


def page_indexes(document: QPdfDocument, printer: QPrinter) -> list[int]:
    """The pages the print dialog asked for (all by default), 0-based."""
    count = document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(printer.toPage() or count, count) - 1
        return list(range(first, last + 1))
    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        return []  # the caller passes its current page
    return list(range(count))


def print_document(document: QPdfDocument, printer: QPrinter, pages: list[int], *,
                   step: Callable[[int, int], bool] | None = None) -> int:
    """Print these pages (0-based) of document; returns how many were printed. `step(done,
    total)` is called before each page and stops the job when it returns False."""
    if not pages:
        return 0
    dpi = max(72, min(printer.resolution(), MAX_DPI))
    printer.setFullPage(True)
    painter = QPainter()
    printed = 0
    try:
        for n, index in enumerate(pages):
            if step is not None and not step(n, len(pages)):
                break
            points = document.pagePointSize(index)
            orientation = QPageLayout.Orientation.Landscape if points.width() > points.height() \
                else QPageLayout.Orientation.Portrait
            if n == 0:
                printer.setPageOrientation(orientation)
                if not painter.begin(printer):
                    return 0
            else:
                printer.setPageOrientation(orientation)  # takes effect on the next sheet
                printer.newPage()
            image = document.render(index, render_size(points, dpi))
            sheet: QRect = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            sheet.moveTo(0, 0)
            # keep the page's proportions on the sheet (A4 on Letter leaves a thin band)
            scaled = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (sheet.width() - scaled.width()) // 2
            y = (sheet.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
            printed += 1
            QCoreApplication.processEvents()
    finally:
        if painter.isActive():
            painter.end()
    if step is not None:
        step(printed, len(pages))
    return printed

