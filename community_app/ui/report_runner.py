"""Building, saving and printing a report for the reports page and the dossier preview.

build(order) runs community_app.reports.catalog.build_report on a pool thread with its own
session (only the frozen ReportOrder goes there, only a MadeReport comes back), into a
temporary folder that lives as long as this object; progress with Cancel appears after half
a second. save_to() copies the PDF and print_to() prints it, each after its audit row is
committed (one row per print or save: core's rule "no export without its audit entry").
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.reports.catalog import MadeReport, ReportOrder, build_report
from community_app.reports.output_audit import record_output
from community_app.reports.progress import BuildControl, ReportCancelled
from community_app.ui.i18n import core_message
from community_app.ui.report_printing import print_document
from community_app.ui.workers import PROGRESS_DELAY_MS, Job, JobContext, run_in_background

log = logging.getLogger(__name__)

PROGRESS_STEPS = 1000


class ReportRunner(QObject):
    built = Signal(object)  # MadeReport
    failed = Signal(str)  # what to tell the user
    cancelled = Signal()
    saved = Signal(object)  # the Path written
    printed = Signal(int)  # pages printed
    busy_changed = Signal(bool)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], parent: QWidget) -> None:
        super().__init__(parent)
        self._user = user
        self._factory = session_factory
        self._parent = parent
        self._folder = Path(tempfile.mkdtemp(prefix="community-report-"))
        self._serial = 0
        self.made: MadeReport | None = None
        self.job: Job | None = None
        self.output_job: Job | None = None
        self.progress: QProgressDialog | None = None
        folder = self._folder  # the lambda must not hold self: it runs as self is destroyed
        self.destroyed.connect(lambda *_: shutil.rmtree(folder, ignore_errors=True))

    @property
    def building(self) -> bool:
        return self.job is not None and not self.job.done

    @property
    def busy(self) -> bool:
        return self.building or (self.output_job is not None and not self.output_job.done)

    # building -------------------------------------------------------------------------------
    def build(self, order: ReportOrder, label: str) -> Job | None:
        """Start building; built / failed / cancelled follow. None while another build runs."""
        if self.building:
            return None
        self._serial += 1
        out = self._folder / f"report-{self._serial}.pdf"
        user, factory = self._user, self._factory

        def make(ctx: JobContext) -> MadeReport | Exception:
            control = BuildControl(lambda fraction, text: ctx.progress(round(fraction * PROGRESS_STEPS),
                                                                       PROGRESS_STEPS, text),
                                   lambda: ctx.cancelled)
            with factory() as session:
                try:
                    return build_report(session, user, order, out, control=control)
                except (PermissionError, LookupError, ValueError, ReportCancelled) as answer:
                    return answer  # an answer for the user, not a failure to log

        self.job = run_in_background(make, name=f"report_{order.kind}", parent=self)
        self.job.result.connect(self._answer)
        self.job.error.connect(self._build_failed)
        self._show_progress(self.job, label)
        self.busy_changed.emit(True)
        return self.job

    def _show_progress(self, job: Job, label: str) -> None:
        dialog = QProgressDialog(label, self.tr("取消"), 0, PROGRESS_STEPS, self._parent)
        dialog.setWindowTitle(self.tr("生成报表"))
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(job.cancel)
        job.progress.connect(lambda done, _total, text: self._advance(dialog, done, text))
        job.finished.connect(dialog.close)
        job.finished.connect(dialog.deleteLater)
        self.progress = dialog

    @staticmethod
    def _advance(dialog: QProgressDialog, done: int, text: str) -> None:
        if dialog.wasCanceled():
            return
        dialog.setValue(min(done, PROGRESS_STEPS - 1))  # 100 % would close it before the file is there
        if text:
            dialog.setLabelText(core_message(text))

    def _answer(self, answer: MadeReport | Exception) -> None:
        self.progress = None
        self.busy_changed.emit(False)
        if isinstance(answer, ReportCancelled):
            self.cancelled.emit()
        elif isinstance(answer, Exception):
            self.failed.emit(core_message(str(answer.args[0]) if answer.args else str(answer)))
        else:
            previous, self.made = self.made, answer
            self.built.emit(answer)  # the preview shows the new file and lets go of the old one
            if previous is not None and previous.path != answer.path:
                previous.path.unlink(missing_ok=True)

    def _build_failed(self, _exc: object) -> None:
        self.progress = None
        self.busy_changed.emit(False)
        self.failed.emit(self.tr("生成报表时出现问题，未能完成。请稍后重试；如果问题反复出现，请联系系统管理员。"))

    # leaving the program: save and print, each audited ------------------------------------
    def save_to(self, path: Path) -> Job | None:
        """Copy the report to path (complete or not at all), after its audit row is committed."""
        made = self.made
        if made is None or self.busy:
            return None
        user, factory = self._user, self._factory

        def save(_ctx: JobContext) -> Path:
            partial = path.with_name(f".{path.name}.partial")
            try:
                shutil.copyfile(made.path, partial)
                with factory() as session:
                    record_output(session, user, made.stamp, "save")
                partial.replace(path)
            finally:
                partial.unlink(missing_ok=True)
            return path

        self.output_job = run_in_background(save, name="save_report", parent=self, writes=True)
        self.output_job.result.connect(self.saved)
        self.output_job.error.connect(self._save_failed)
        self.output_job.finished.connect(lambda: self.busy_changed.emit(False))
        self.busy_changed.emit(True)
        return self.output_job

    def _save_failed(self, exc: object) -> None:
        if isinstance(exc, OSError):
            self.failed.emit(self.tr("无法保存文件：请确认文件夹可以写入、文件没有被其他程序打开，然后重试。"))
        else:
            self.failed.emit(self.tr("保存时出现问题，文件未保存。请稍后重试；如果问题反复出现，请联系系统管理员。"))

    def print_to(self, document: QPdfDocument, printer: QPrinter, pages: list[int]) -> Job | None:
        """Audit (on the database thread), then print these pages of the shown document."""
        made = self.made
        if made is None or self.busy or not pages:
            return None
        user, factory, copies = self._user, self._factory, max(1, printer.copyCount())

        def audit(_ctx: JobContext) -> None:
            with factory() as session:
                record_output(session, user, made.stamp, "print", copies=copies)

        self.output_job = run_in_background(audit, name="audit_print", parent=self, writes=True)
        self.output_job.result.connect(lambda _none: self._print_now(document, printer, pages))
        self.output_job.error.connect(self._audit_failed)
        self.output_job.finished.connect(lambda: self.busy_changed.emit(False))
        self.busy_changed.emit(True)
        return self.output_job

    def _audit_failed(self, _exc: object) -> None:
        self.failed.emit(self.tr("无法记录打印日志，未打印。请稍后重试；如果问题反复出现，请联系系统管理员。"))

    def _print_now(self, document: QPdfDocument, printer: QPrinter, pages: list[int]) -> None:
        dialog = QProgressDialog(self.tr("正在打印…"), self.tr("取消"), 0, len(pages), self._parent)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)

        def step(done: int, total: int) -> bool:
            dialog.setValue(done)
            return not dialog.wasCanceled()

        try:
            printed = print_document(document, printer, pages, step=step)
        finally:
            dialog.close()
            dialog.deleteLater()
        if printed == 0:
            self.failed.emit(self.tr("打印机没有响应，未能打印。请检查打印机后重试。"))
        else:
            self.printed.emit(printed)
