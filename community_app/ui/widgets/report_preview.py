"""The in-app preview of a built report: QtPdf's QPdfView over a QPdfDocument, with a
toolbar for the page (第 x 页 / 共 y 页), zoom (−, %, +, 适合宽度, 整页) and the two ways a
report leaves the program: 打印… and 另存为 PDF…. Those only emit signals; the page that
owns the preview prints, saves and audits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QFile, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from community_app.ui.icons import icon
from community_app.ui.widgets.named import named

ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FIT_WIDTH = "fit_width"
FIT_PAGE = "fit_page"


class ReportPreview(QFrame):
    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setProperty("card", True)
        self.document = QPdfDocument(self)
        self._file: QFile | None = None
        self.view = named(QPdfView(), "pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(14)
        self.view.setDocumentMargins(self.view.documentMargins().__class__(24, 18, 24, 18))
        self.title_label = named(QLabel(), "previewTitle")
        self.info_label = named(QLabel(), "previewInfo")
        self.title_label.setMinimumWidth(80)
        self.info_label.setMinimumWidth(80)
        self.prev_button = self._tool("previewPrev", "‹")
        self.next_button = self._tool("previewNext", "›")
        # a line edit, not a QSpinBox: a styled spin box without buttons leaves its text no room
        self.page_edit = named(QLineEdit("1"), "previewPage")
        self.page_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_edit.setValidator(QIntValidator(1, 1, self.page_edit))
        self.page_edit.setFixedWidth(56)
        self.page_prefix = named(QLabel(), "previewPageText")
        self.page_total = named(QLabel(), "previewPageText")
        self.zoom_out_button = self._tool("previewZoomOut", "−")
        self.zoom_in_button = self._tool("previewZoomIn", "+")
        self.zoom_combo = named(QComboBox(), "previewZoom")
        self.zoom_combo.setMinimumWidth(104)
        self.print_button = named(QPushButton(), "primaryButton")
        self.print_button.setObjectName("printButton")
        self.save_button = named(QPushButton(), "saveAsButton")
        for button in (self.print_button, self.save_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.empty_title = named(QLabel(), "previewEmptyTitle")
        self.empty_text = named(QLabel(), "previewEmptyText")
        self.empty_text.setWordWrap(True)
        self.stack = QStackedWidget()
        self._build()
        self.prev_button.clicked.connect(lambda: self.go_to(self.current_page - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page + 1))
        self.page_edit.editingFinished.connect(lambda: self.go_to(int(self.page_edit.text() or "1") - 1))
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_combo.activated.connect(self._zoom_chosen)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.view.zoomFactorChanged.connect(self._zoom_changed)
        self.print_button.clicked.connect(self.print_requested)
        self.save_button.clicked.connect(self.save_requested)
        self._retranslate()
        self._set_ready(False)

    def _tool(self, name: str, text: str) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setProperty("tool", True)
        button.setFixedSize(32, 30)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _build(self) -> None:
        head = QHBoxLayout()
        head.setContentsMargins(18, 10, 14, 10)
        head.setSpacing(8)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title_label)
        titles.addWidget(self.info_label)
        head.addLayout(titles, 1)
        head.addWidget(self.save_button)
        head.addWidget(self.print_button)
        header = named(QFrame(), "previewHeader")
        header.setLayout(head)

        tools = QHBoxLayout()
        tools.setContentsMargins(14, 5, 14, 5)
        tools.setSpacing(6)
        for widget in (self.prev_button, self.page_prefix, self.page_edit, self.page_total, self.next_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_combo, self.zoom_in_button):
            tools.addWidget(widget)
        self.toolbar = toolbar = named(QFrame(), "previewToolbar")
        toolbar.setLayout(tools)

        empty = named(QWidget(), "previewEmpty")
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(2)
        picture = QLabel()
        picture.setPixmap(icon("reports").pixmap(56, 56))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(picture)
        for label in (self.empty_title, self.empty_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty_layout.addWidget(label)
        empty_layout.addStretch(3)
        self.stack.addWidget(empty)
        self.stack.addWidget(self.view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(toolbar)
        layout.addWidget(self.stack, 1)

    # texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.print_button.setText(self.tr("打印…"))
        self.save_button.setText(self.tr("另存为 PDF…"))
        self.prev_button.setToolTip(self.tr("上一页"))
        self.next_button.setToolTip(self.tr("下一页"))
        self.zoom_out_button.setToolTip(self.tr("缩小"))
        self.zoom_in_button.setToolTip(self.tr("放大"))
        self.page_prefix.setText(self.tr("第"))
        self._fill_zoom_combo()
        self._show_page_total()
        if self.document.pageCount() == 0:
            self.title_label.setText(self.tr("报表预览"))
            self.info_label.setText("")
        self.empty_title.setText(self.tr("尚未生成报表"))
        self.empty_text.setText(self.tr("在左侧选择报表、范围和月份，点击“生成报表”后在此预览，"
                                        "确认无误再打印或另存为 PDF。"))

    def _fill_zoom_combo(self) -> None:
        current = self.zoom_combo.currentData()
        self.zoom_combo.blockSignals(True)
        self.zoom_combo.clear()
        self.zoom_combo.addItem(self.tr("适合宽度"), FIT_WIDTH)
        self.zoom_combo.addItem(self.tr("整页"), FIT_PAGE)
        for step in ZOOM_STEPS:
            self.zoom_combo.addItem(f"{round(step * 100)}%", step)
        index = self.zoom_combo.findData(current if current is not None else FIT_WIDTH)
        self.zoom_combo.setCurrentIndex(max(index, 0))
        self.zoom_combo.blockSignals(False)

    def _show_page_total(self) -> None:
        self.page_total.setText(self.tr("页 / 共 %1 页").replace("%1", str(self.page_count)))

    # document -------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def show_pdf(self, path: Path, title: str, info: str) -> int:
        """Show the PDF at path (kept open until the next one or clear()); returns its page
        count, 0 if unreadable. Read through a QFile: pdfium then reads pages as they are
        shown, so a 7,000-page roster opens in a blink (by file name it reads it all first)."""
        self._close()
        self._file = QFile(str(path), self)
        if self._file.open(QIODevice.OpenModeFlag.ReadOnly):
            self.document.load(self._file)
        ok = self.document.status() == QPdfDocument.Status.Ready and self.page_count > 0
        self.title_label.setText(title)
        self.info_label.setText(info)
        self.page_edit.setValidator(QIntValidator(1, max(1, self.page_count), self.page_edit))
        self._show_page_total()
        self._set_ready(ok)
        if ok:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.zoom_combo.setCurrentIndex(self.zoom_combo.findData(FIT_WIDTH))
            self.go_to(0)
        return self.page_count if ok else 0

    def _close(self) -> None:
        self.document.close()
        if self._file is not None:
            self._file.close()
            self._file.deleteLater()
            self._file = None

    def clear(self) -> None:
        self._close()
        self._retranslate()
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.stack.setCurrentIndex(1 if ready else 0)
        self.toolbar.setVisible(ready)
        for widget in (self.prev_button, self.next_button, self.page_edit, self.zoom_out_button,
                       self.zoom_in_button, self.zoom_combo, self.print_button, self.save_button):
            widget.setEnabled(ready)
        self._page_changed(self.current_page if ready else 0)

    def set_busy(self, busy: bool) -> None:
        """While a report is printed or saved, the buttons wait."""
        ready = self.page_count > 0
        self.print_button.setEnabled(ready and not busy)
        self.save_button.setEnabled(ready and not busy)

    # navigation and zoom --------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        if self.page_count == 0:
            return
        page = max(0, min(page, self.page_count - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._page_changed(page)

    def _page_changed(self, page: int) -> None:
        self.page_edit.setText(str(page + 1))
        has_pages = self.page_count > 0
        self.prev_button.setEnabled(has_pages and page > 0)
        self.next_button.setEnabled(has_pages and page < self.page_count - 1)

    def step_zoom(self, direction: int) -> None:
        factor = self.view.zoomFactor()
        if direction > 0:
            target = next((s for s in ZOOM_STEPS if s > factor + 0.01), ZOOM_STEPS[-1])
        else:
            target = next((s for s in reversed(ZOOM_STEPS) if s < factor - 0.01), ZOOM_STEPS[0])
        self.set_zoom(target)

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.zoom_combo.setCurrentIndex(max(0, self.zoom_combo.findData(factor)))

    def _zoom_chosen(self, index: int) -> None:
        value = self.zoom_combo.itemData(index)
        if value == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.set_zoom(float(value))

    def _zoom_changed(self, factor: float) -> None:
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            return  # a fit mode: the combo keeps saying so
        index = self.zoom_combo.findData(factor)
        if index < 0:
            self.zoom_combo.setEditText(f"{round(factor * 100)}%")
        else:
            self.zoom_combo.setCurrentIndex(index)
