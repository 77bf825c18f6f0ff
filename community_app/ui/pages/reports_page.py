"""报表打印: choose a report (月度网格工作报告, 特殊群体走访报告, 诉求办理单, 居民花名册),
its scope and month (or the request, or the roster's filters), build it in the background,
check it in the preview, then print it or save it as a PDF — each audited.

What a user may pick comes from core (reports.report_scopes): supervisors and admins any
grid or worker of the community, a grid worker only their own grids. The page only shows
and asks; building, permission and audit are core's (reports.catalog, reports.output_audit).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.localtime import today
from community_app.core.resident_query import FilterChoices, filter_choices
from community_app.reports.catalog import REPORT_KINDS, MadeReport
from community_app.reports.report_scopes import ScopeChoices, own_grid_ids, scope_choices
from community_app.ui.report_runner import ReportRunner
from community_app.ui.report_style import REPORTS_QSS
from community_app.ui.widgets.named import named
from community_app.ui.widgets.page_header import page_header
from community_app.ui.widgets.report_preview import ReportPreview
from community_app.ui.widgets.report_settings import TITLES, ReportSettings, report_title
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)

SETTINGS_WIDTH = 340


@dataclass(frozen=True)
class _Choices:
    scopes: ScopeChoices
    residents: FilterChoices


def _load_choices(session: Session, user: CurrentUser) -> _Choices:
    scopes = scope_choices(session, user)
    residents = filter_choices(session, user.community_code)
    if not scopes.whole_community:  # a grid worker's roster: their own grids only
        own = set(own_grid_ids(session, user))
        residents = FilterChoices(tuple(c for c in residents.grid_cells if c[0] in own),
                                  tuple(b for b in residents.buildings if b[2] in own), residents.tags)
    return _Choices(scopes, residents)


def default_file_name(made: MadeReport) -> str:
    """居民花名册_第一网格_2026年11月.pdf — what the save dialog suggests."""
    parts = [made.stamp.title, made.stamp.scope_text, made.stamp.period_text]
    name = "_".join(p for p in parts if p).replace("/", "-").replace("　", "_")
    return f"{name}.pdf"


class ReportsPage(QWidget):
    loaded = Signal()
    load_failed = Signal()
    report_shown = Signal(int)  # pages

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.setStyleSheet(REPORTS_QSS)
        self._user = user
        self._factory = session_factory
        self.choices: _Choices | None = None
        self._load_job: Job | None = None
        self.title_label = named(QLabel(), "pageTitle")
        self.subtitle_label = named(QLabel(), "pageSubtitle")
        self.settings = ReportSettings(today())
        self.settings.setEnabled(False)
        self.preview = ReportPreview()
        self.error_label = named(QLabel(), "errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.notice_label = named(QLabel(), "noticeBanner")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        self.runner = ReportRunner(user, session_factory, self)
        self._build()
        self.settings.build_requested.connect(self.build)
        self.settings.kind_changed.connect(lambda _kind: self._show_privacy())
        self.preview.print_requested.connect(self.choose_printer)
        self.preview.save_requested.connect(self.choose_file)
        self.runner.built.connect(self._built)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        self.runner.saved.connect(self._saved)
        self.runner.printed.connect(self._printed)
        self.runner.busy_changed.connect(self._busy)
        self._retranslate()
        self._load()

    def _build(self) -> None:
        scroll = named(QScrollArea(), "reportSettingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.settings)
        scroll.setFixedWidth(SETTINGS_WIDTH)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.error_label)
        right.addWidget(self.notice_label)
        right.addWidget(self.preview, 1)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(scroll)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 20)
        layout.setSpacing(14)
        layout.addLayout(page_header(self.title_label, self.subtitle_label))
        layout.addLayout(body, 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("报表打印"))
        self.subtitle_label.setText(self.tr(
            "生成正式报表，预览无误后打印或另存为 PDF。打印和保存含个人信息的报表均记入审计日志。"))
        self._show_privacy()

    def _show_privacy(self) -> None:
        kind = self.settings.kind
        if kind == "monthly":
            text, warning = self.tr("本报表为统计数据，不含居民个人信息。"), False
        elif self._user.can(roles.PII_EXPORT):
            text, warning = self.tr("身份证号、电话将完整打印；打印和保存记入审计日志，请妥善保管。"), True
        else:
            text, warning = self.tr("身份证号、电话按规定脱敏打印；打印和保存记入审计日志。"), False
        self.settings.set_privacy(text, warning)

    # loading the choices ------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.choices is not None

    def _load(self) -> None:
        user, factory = self._user, self._factory

        def fetch(_ctx: JobContext) -> _Choices:
            with factory() as session:
                return _load_choices(session, user)

        self._load_job = run_in_background(fetch, name="report_choices", parent=self)
        self._load_job.result.connect(self._choices_loaded)
        self._load_job.error.connect(self._choices_failed)

    def _choices_loaded(self, choices: _Choices) -> None:
        self.choices = choices
        self.settings.set_choices(choices.scopes, choices.residents)
        self.settings.setEnabled(True)
        self._busy(False)
        self.loaded.emit()

    def _choices_failed(self, _exc: object) -> None:
        self._error(self.tr("读取网格和网格员时出现问题；请稍后重新打开本页。如果问题反复出现，请联系系统管理员。"))
        self.load_failed.emit()

    # building -----------------------------------------------------------------------------
    def choose_report(self, kind: str) -> None:
        if kind not in REPORT_KINDS:
            raise ValueError(kind)
        self.settings.choose_report(kind)

    def build(self) -> Job | None:
        """Build what the settings say; the preview shows it when done."""
        if not self.is_loaded:
            return None
        self._error("")
        self.notice_label.hide()
        order = self.settings.order()
        label = self.tr("正在生成“%1”…").replace("%1", report_title(order.kind))
        return self.runner.build(order, label)

    def _built(self, made: MadeReport) -> None:
        stamp = made.stamp
        title = report_title(stamp.kind) if stamp.kind in TITLES else stamp.title
        info = "　·　".join(p for p in (stamp.scope_text, stamp.period_text,
                                       self.tr("共 %1 页").replace("%1", str(made.pages))) if p)
        if stamp.rows is not None:
            info += self.tr("　·　%1 人").replace("%1", f"{stamp.rows:,}")
        pages = self.preview.show_pdf(made.path, title, info)
        if pages == 0:
            self._error(self.tr("报表已生成，但无法显示预览。请重新生成；如果问题反复出现，请联系系统管理员。"))
            return
        self.report_shown.emit(pages)

    def _failed(self, message: str) -> None:
        self._error(message)

    def _cancelled(self) -> None:
        self._notice(self.tr("已取消生成报表。"))

    def _busy(self, busy: bool) -> None:
        self.settings.build_button.setEnabled(not busy and self.is_loaded)
        self.preview.set_busy(busy)

    # leaving the program ------------------------------------------------------------------
    def choose_file(self) -> None:
        made = self.runner.made
        if made is None:
            return
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), default_file_name(made),
                                                      self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.save_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def save_to(self, path: Path) -> Job | None:
        """Save the report shown to path (audited)."""
        return self.runner.save_to(path)

    def choose_printer(self) -> None:
        if self.runner.made is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.preview.title_label.text())
        printer.setFromTo(1, self.preview.page_count)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印报表"))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Job | None:
        """Print the pages the printer's range names (all by default) of the report shown (audited)."""
        from community_app.ui.report_printing import page_indexes

        pages = page_indexes(self.preview.document, printer) or [self.preview.current_page]
        return self.runner.print_to(self.preview.document, printer, pages)

    def _saved(self, path: Path) -> None:
        self._notice(self.tr("已保存到 %1。请妥善保管。").replace("%1", str(path)))

    def _printed(self, pages: int) -> None:
        self._notice(self.tr("已发送 %1 页到打印机。").replace("%1", str(pages)))

    # banners --------------------------------------------------------------------------------
    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

