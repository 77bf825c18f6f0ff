"""The dossier (诉求办理单) of one request in a preview window, opened from the request page:
it builds in the background, then prints or saves like the reports page (both audited)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.reports.catalog import MadeReport, ReportOrder
from community_app.ui.pages.reports_page import default_file_name
from community_app.ui.report_printing import page_indexes
from community_app.ui.report_runner import ReportRunner
from community_app.ui.report_style import REPORTS_QSS
from community_app.ui.widgets.named import named
from community_app.ui.widgets.report_preview import ReportPreview
from community_app.ui.workers import Job

DIALOG_SIZE = QSize(1000, 860)


class ReportPreviewDialog(QDialog):
    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreviewDialog")
        self.setStyleSheet(REPORTS_QSS)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(DIALOG_SIZE)
        self.preview = ReportPreview()
        self.error_label = named(QLabel(), "errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.notice_label = named(QLabel(), "noticeBanner")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        self.runner = ReportRunner(user, session_factory, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(self.error_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.preview, 1)
        self.preview.print_requested.connect(self.choose_printer)
        self.preview.save_requested.connect(self.choose_file)
        self.runner.built.connect(self._built)
        self.runner.failed.connect(self._show_error)
        self.runner.cancelled.connect(self.reject)
        self.runner.saved.connect(lambda path: self._notice(self.tr("已保存到 %1。").replace("%1", str(path))))
        self.runner.printed.connect(lambda n: self._notice(self.tr("已发送 %1 页到打印机。").replace("%1", str(n))))
        self.runner.busy_changed.connect(self.preview.set_busy)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("打印办理单"))

    def show_dossier(self, request_id: str) -> Job | None:
        """Build the dossier of this request and show it when ready."""
        self.preview.title_label.setText(self.tr("诉求办理单"))
        self.preview.info_label.setText(self.tr("正在生成…"))
        return self.runner.build(ReportOrder("dossier", request_ref=request_id), self.tr("正在生成诉求办理单…"))

    def _built(self, made: MadeReport) -> None:
        info = self.tr("%1　·　共 %2 页").replace("%1", made.stamp.scope_text).replace("%2", str(made.pages))
        self.preview.show_pdf(made.path, self.tr("诉求办理单"), info)

    def _show_error(self, text: str) -> None:
        self.preview.info_label.setText("")
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def choose_file(self) -> None:
        made = self.runner.made
        if made is None:
            return
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), default_file_name(made),
                                                      self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.runner.save_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def choose_printer(self) -> None:
        if self.runner.made is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("诉求办理单"))
        printer.setFromTo(1, self.preview.page_count)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Job | None:
        pages = page_indexes(self.preview.document, printer) or [self.preview.current_page]
        return self.runner.print_to(self.preview.document, printer, pages)


def open_dossier(user: CurrentUser, session_factory: sessionmaker[Session], request_id: str,
                 parent: QWidget | None = None) -> ReportPreviewDialog:
    """Open the dossier preview of a request (non-modal: the request page stays usable)."""
    dialog = ReportPreviewDialog(user, session_factory, parent)
    dialog.show()
    dialog.show_dossier(request_id)
    return dialog
