"""从Excel导入居民: the import wizard. Choose a file → check what each column is (the
recognised headers are filled in) → look at the first rows with their problems and choose
all-or-nothing or valid rows only → import → the result, with the report to save.

Reading the file, the preview and the import run in the background (the import on the
writer thread). A progress dialog with 「取消」 appears when the import takes longer than
half a second; cancelling rolls everything back. No SQL here: core.importing does it all.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.importing import (
    Analysis,
    FileReadError,
    ImportReport,
    Layout,
    Preview,
    analyse,
    preview,
    run_import,
    save_report,
)
from community_app.ui.dialogs.import_pages import FilePage, MappingPage, PreviewPage, ResultPage
from community_app.ui.dialogs.import_texts import fill, result_text
from community_app.ui.icons import icon
from community_app.ui.widgets.named import named
from community_app.ui.workers import PROGRESS_DELAY_MS, Job, JobContext, run_in_background

log = logging.getLogger(__name__)

FILE, MAPPING, PREVIEW, RESULT = range(4)
SIZE = (980, 720)
# not yet in app.qss (the same look as the grid import)
DIALOG_QSS = """
QDialog#importDialog { background: #FFFFFF; }
QPushButton#nextButton { color: #FFFFFF; background: #1F5FBF; border: none; padding: 7px 22px; }
QPushButton#nextButton:hover { background: #174E9F; }
QPushButton#nextButton:disabled { background: #B9C6D6; color: #FFFFFF; }
QLabel#importWarning { background: #FFF6E5; border: 1px solid #F0CF8A; border-radius: 4px; color: #8A5300;
                       padding: 8px 12px; font-size: 10.5pt; }
QLabel#importDone { background: #E8F5EC; border: 1px solid #B7DEC3; border-radius: 4px; color: #1E6B3A;
                    padding: 10px 14px; font-size: 11pt; }
QLabel#stepLabel { color: #5B6B7F; font-size: 10.5pt; }
QLabel#previewProblems { background: #FDECEC; border: 1px solid #F3B8B8; border-radius: 4px; color: #A12626;
                         padding: 6px 10px; font-size: 10pt; }
QTableWidget { background: #FFFFFF; border: 1px solid #DCE3EC; gridline-color: #E6ECF4;
               selection-background-color: #D6E4F7; selection-color: #13315C; }
"""
FILE_FILTER = "Excel / CSV (*.xlsx *.xlsm *.csv *.txt)"


class ImportDialog(QDialog):
    """Emits imported(ImportReport) when residents were written (then shows the result)."""

    imported = Signal(object)

    def __init__(self, session_factory: sessionmaker[Session], user: CurrentUser, *,
                 community_code: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(DIALOG_QSS)
        self._session_factory = session_factory
        self._user = user
        self._community = community_code or user.community_code or ""
        self._jobs: list[Job] = []
        self._import_job: Job | None = None
        self._progress: QProgressDialog | None = None
        self.analysis: Analysis | None = None
        self.layout_chosen: Layout | None = None
        self.preview: Preview | None = None
        self.report: ImportReport | None = None

        self.heading = named(QLabel(), "dialogHeading")
        self.step_label = named(QLabel(), "stepLabel")
        self.file_page = FilePage()
        self.file_page.choose.connect(self.choose_file)
        self.file_page.sheet_chosen.connect(self._sheet_chosen)
        self.mapping_page = MappingPage()
        self.mapping_page.changed.connect(self._update_buttons)
        self.preview_page = PreviewPage()
        self.result_page = ResultPage()
        self.result_page.save.connect(self.choose_report_file)
        self.pages = QStackedWidget()
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            self.pages.addWidget(page)
        self.back_button = named(QPushButton(), "previousStepButton")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button = named(QPushButton(), "nextButton")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.cancel_button = named(QPushButton(), "importCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self._build()
        self._retranslate()
        self._update_buttons()
        self._refuse_early()

    def _refuse_early(self) -> None:
        """Say before any file is chosen when this account cannot import."""
        if not self._user.can(roles.RESIDENT_EDIT):
            refusal = self.tr("您的账号没有编辑居民档案的权限，不能导入。如需导入，请联系社区负责人。")
        elif not self._community:
            refusal = self.tr("您的账号没有所属社区，不知道要导入到哪个社区。请联系系统管理员。")
        else:
            return
        self.file_page.show_error(refusal)
        self.file_page.choose_button.setEnabled(False)

    # layout and texts ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QHBoxLayout()
        title.addWidget(self.heading)
        title.addStretch(1)
        title.addWidget(self.step_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(12)
        layout.addLayout(title)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(*SIZE)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("从Excel导入居民"))
        self.heading.setText(self.tr("从Excel导入居民"))
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            page.retranslate()
        self.back_button.setText(self.tr("上一步"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        step = self.pages.currentIndex()
        names = (self.tr("选择文件"), self.tr("核对各列"), self.tr("预览并导入"), self.tr("导入结果"))
        self.step_label.setText(fill(self.tr("第 %1 步，共 4 步：%2"), step + 1, names[step]))
        busy = self.busy
        self.back_button.setVisible(step in (MAPPING, PREVIEW))
        self.back_button.setEnabled(not busy)
        self.next_button.setText({FILE: self.tr("下一步"), MAPPING: self.tr("下一步"), PREVIEW: self.tr("开始导入"),
                                  RESULT: self.tr("完成")}[step])
        ready = {FILE: self.analysis is not None,
                 MAPPING: self.analysis is not None and not self.mapping_page.layout_chosen().problems(),
                 PREVIEW: self.preview is not None, RESULT: True}[step]
        self.next_button.setEnabled(ready and not busy)
        self.cancel_button.setText(self.tr("关闭") if step == RESULT else self.tr("取消"))
        self.cancel_button.setVisible(step != RESULT)

    @property
    def busy(self) -> bool:
        return any(not job.done for job in self._jobs) or (self._import_job is not None and not self._import_job.done)

    def _go(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        self._update_buttons()

    def _start(self, fn: object, name: str, done: object, failed: object) -> Job:
        job = run_in_background(fn, name=name, parent=self)  # type: ignore[arg-type]
        job.result.connect(done)  # type: ignore[arg-type]
        job.error.connect(failed)  # type: ignore[arg-type]
        job.finished.connect(self._update_buttons)
        self._jobs = [j for j in self._jobs if not j.done] + [job]
        self._update_buttons()
        return job

    # step 1: the file ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("选择要导入的文件"), "", FILE_FILTER)
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path, sheet: str | None = None) -> None:
        """Read the file's layout in the background (tests call this instead of the file dialog)."""
        self.analysis = None
        self.preview = None
        self.file_page.show_busy(str(path))

        def run(_ctx: JobContext) -> Analysis | FileReadError:
            try:
                return analyse(path, sheet)
            except FileReadError as refused:  # the file, not a failure: no traceback
                return refused

        self._start(run, "import_analyse", self._analysed, self._failed)

    def _sheet_chosen(self, sheet: str) -> None:
        if self.analysis is not None and sheet != self.analysis.sheet:
            self.load_file(self.analysis.path, sheet)

    def _analysed(self, outcome: Analysis | FileReadError) -> None:
        if isinstance(outcome, FileReadError):
            self.file_page.show_error(outcome.message)
            return
        self.analysis = outcome
        self.file_page.show_analysis(outcome)
        self.mapping_page.show_analysis(outcome)
        self._update_buttons()

    def _failed(self, _exc: object) -> None:
        self._go(FILE)
        self.file_page.show_error(self.tr("读取文件时出错。请确认文件没有被其他程序打开，然后重试；"
                                     "如果问题反复出现，请联系技术支持。"))

    # step 2 → 3: the preview -------------------------------------------------------------------------
    def _check_preview(self) -> None:
        assert self.analysis is not None
        layout = self.mapping_page.layout_chosen()
        self.layout_chosen = layout
        self.preview = None
        path, sheet, community, factory = self.analysis.path, self.analysis.sheet, self._community, \
            self._session_factory

        def run(_ctx: JobContext) -> Preview | FileReadError:
            with factory() as session:
                try:
                    return preview(session, path, layout, community, sheet=sheet)
                except FileReadError as refused:
                    return refused

        self._start(run, "import_preview", self._previewed, self._failed)

    def _previewed(self, outcome: Preview | FileReadError) -> None:
        if isinstance(outcome, FileReadError):
            self._go(FILE)
            self.file_page.show_error(outcome.message)
            return
        assert self.layout_chosen is not None
        self.preview = outcome
        self.preview_page.show_preview(self.layout_chosen, outcome)
        self._go(PREVIEW)

    # step 3 → 4: the import --------------------------------------------------------------------------
    def start_import(self) -> None:
        assert self.analysis is not None and self.layout_chosen is not None
        path, sheet, layout, mode = self.analysis.path, self.analysis.sheet, self.layout_chosen, \
            self.preview_page.mode
        user, community, factory = self._user, self._community, self._session_factory

        def run(ctx: JobContext) -> ImportReport:
            with factory() as session:
                return run_import(session, user, path, layout, mode=mode, sheet=sheet, community_code=community,
                                  progress=lambda done, total: ctx.progress(done, total),
                                  cancelled=lambda: ctx.cancelled)

        job = run_in_background(run, name="import_residents", parent=self, writes=True)
        job.result.connect(self._imported)
        job.error.connect(self._import_failed)
        job.progress.connect(self._on_progress)
        job.finished.connect(self._close_progress)
        self._import_job = job
        self._progress = self._make_progress()
        QTimer.singleShot(PROGRESS_DELAY_MS, self._show_progress)
        self._update_buttons()

    def _make_progress(self) -> QProgressDialog:
        dialog = QProgressDialog(self.tr("正在检查和导入…"), self.tr("取消"), 0, 0, self)
        dialog.setWindowTitle(self.tr("正在导入"))
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel_import)
        dialog.hide()
        return dialog

    def _show_progress(self) -> None:
        if self._progress is not None and self._import_job is not None and not self._import_job.done:
            self._progress.show()

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        if self._progress is None or total <= 0:
            return
        self._progress.setMaximum(total)
        self._progress.setValue(min(done, total))
        self._progress.setLabelText(fill(self.tr("正在检查和导入…（%1 / %2）"), f"{done:,}", f"{total:,}"))

    def cancel_import(self) -> None:
        if self._import_job is not None and not self._import_job.done:
            self._import_job.cancel()
            if self._progress is not None:
                self._progress.setLabelText(self.tr("正在取消，撤销已写入的内容…"))

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.hide()
            self._progress.deleteLater()
            self._progress = None
        self._update_buttons()

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        log.info("import: %s rows, %s created, %s updated, cancelled=%s", report.rows_total, report.created,
                 report.updated, report.cancelled)
        self.result_page.show_report(report, result_text(report))
        self._go(RESULT)
        if report.committed and (report.created or report.updated):
            self.imported.emit(report)

    def _import_failed(self, exc: object) -> None:
        message = str(exc) if isinstance(exc, FileReadError | PermissionError) else self.tr(
            "导入时出错，数据库没有任何改动。请确认磁盘没有写满、文件没有被其他程序占用，然后重试；"
            "如果问题反复出现，请联系技术支持。")
        self.result_page.show_report(ImportReport("", "", self.preview_page.mode, cancelled=False), message)
        self.result_page.done.hide()
        self.result_page.warning.show()
        self._go(RESULT)

    # the report ------------------------------------------------------------------------------------
    def choose_report_file(self) -> None:
        if self.report is None or self.analysis is None:
            return
        suggested = str(self.analysis.path.with_name(self.analysis.path.stem + "_导入报告.xlsx"))
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("保存导入报告"), suggested, "Excel (*.xlsx)")
        if name:
            self.save_report_to(Path(name))

    def save_report_to(self, path: Path) -> None:
        assert self.report is not None
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            save_report(self.report, path)
        except OSError:
            log.exception("could not save the import report")
            self.result_page.saved.setText(self.tr("无法保存报告：请换一个文件夹，或关闭正在打开这个文件的程序后重试。"))
            return
        self.result_page.saved.setText(fill(self.tr("报告已保存到 %1"), path))

    # navigation ------------------------------------------------------------------------------------
    def next(self) -> None:
        step = self.pages.currentIndex()
        if step == FILE:
            self._go(MAPPING)
        elif step == MAPPING:
            self._check_preview()
        elif step == PREVIEW:
            self.start_import()
        else:
            self.accept()

    def back(self) -> None:
        if not self.busy:
            self._go(max(self.pages.currentIndex() - 1, FILE))

    def reject(self) -> None:
        """Close, Esc or 取消: not while the import is writing (cancel it first)."""
        if self._import_job is not None and not self._import_job.done:
            self.cancel_import()
            return
        super().reject()
