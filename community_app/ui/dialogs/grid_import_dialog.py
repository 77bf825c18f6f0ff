"""导入网格边界: choose a GeoJSON file, say whether its coordinates are GCJ-02, look at
the preview (each cell, what is wrong with it, what a repair would change), accept the
repair if needed, import. Nothing is written before 「导入」, and then all or nothing.

Checking runs on a background thread each time the file or an option changes (answers
to an older check are dropped); the import runs on the writer thread with progress and
can be cancelled, which rolls everything back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.grid_import import (
    GridImportError,
    GridImportPreview,
    GridImportResult,
    SourceCrs,
    import_grid_cells,
    preview_grid_import,
    read_geojson_file,
)
from community_app.core.place_rules import PlaceError
from community_app.ui.dialogs.grid_import_texts import (
    feature_details,
    preview_columns,
    repair_summary,
    result_text,
    status_text,
)
from community_app.ui.icons import icon
from community_app.ui.models.place_models import RowTableModel
from community_app.ui.place_texts import number, problem_text
from community_app.ui.widgets.elided_label import ElidedLabel
from community_app.ui.widgets.named import named
from community_app.ui.widgets.restyle import restyle
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)

# not yet in app.qss
DIALOG_QSS = """
QDialog#gridImportDialog { background: #FFFFFF; }
QPushButton#importButton { color: #FFFFFF; background: #1F5FBF; border: none; padding: 7px 22px; }
QPushButton#importButton:hover { background: #174E9F; }
QPushButton#importButton:disabled { background: #B9C6D6; color: #FFFFFF; }
QLabel#importWarning { background: #FFF6E5; border: 1px solid #F0CF8A; border-radius: 4px; color: #8A5300;
                       padding: 8px 12px; font-size: 10.5pt; }
QLabel#importDone { background: #E8F5EC; border: 1px solid #B7DEC3; border-radius: 4px; color: #1E6B3A;
                    padding: 10px 14px; font-size: 11pt; }
QLabel#featureDetails { background: #F5F8FC; border: 1px solid #DCE3EC; border-radius: 4px; padding: 8px 12px;
                        font-size: 10.5pt; }
QTableView#previewTable { background: #FFFFFF; border: 1px solid #DCE3EC; gridline-color: #E6ECF4;
                          selection-background-color: #D6E4F7; selection-color: #13315C; }
"""

@dataclass(frozen=True)
class _Checked:
    generation: int
    preview: GridImportPreview | None
    error: PlaceError | None


class GridImportDialog(QDialog):
    """Emits imported(GridImportResult) once cells are in the database (then shows the result)."""

    imported = Signal(object)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], community_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridImportDialog")
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(DIALOG_QSS)
        self._user = user
        self._session_factory = session_factory
        self._community = community_code
        self._generation = 0
        self._jobs: list[Job] = []
        self._import_job: Job | None = None
        self.path: Path | None = None
        self.preview: GridImportPreview | None = None
        self.file_error: PlaceError | None = None
        self.result: GridImportResult | None = None
        self._said = ""  # what the last check or import attempt ended with, when the summary is not enough

        self.heading = named(QLabel(), "dialogHeading")
        self.intro = named(QLabel(), "dialogHint")
        self.intro.setWordWrap(True)
        self.file_label = named(ElidedLabel(), "importFile")
        self.choose_button = named(QPushButton(), "chooseFileButton")
        self.choose_button.clicked.connect(self._choose_file)
        self.gcj_check = named(QCheckBox(), "gcj02Check")
        self.gcj_check.toggled.connect(self.check)
        self.code_edit = named(QLineEdit(), "singleCode")
        self.name_edit = named(QLineEdit(), "singleName")
        self.code_edit.editingFinished.connect(self.check)
        self.name_edit.editingFinished.connect(self.check)
        self.code_row = QWidget()
        self.code_label, self.name_label = QLabel(), QLabel()
        self.status_label = named(QLabel(), "importStatus")
        self.status_label.setWordWrap(True)
        self.warning_label = named(QLabel(), "importWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()
        self.model = RowTableModel(preview_columns(False), self)
        self.table = named(QTableView(), "previewTable")
        self.details_label = named(QLabel(), "featureDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.repair_check = named(QCheckBox(), "repairCheck")
        self.repair_check.toggled.connect(self._on_repair_toggled)
        self.repair_summary = named(QLabel(), "dialogHint")
        self.repair_summary.setWordWrap(True)
        self.progress = named(QProgressBar(), "importProgress")
        self.progress.hide()
        self.done_label = named(QLabel(), "importDone")
        self.done_label.setWordWrap(True)
        self.done_label.hide()
        self.cancel_button = named(QPushButton(), "importCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.import_button = named(QPushButton(), "importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self._build()
        self._retranslate()
        self._update_state()

    # layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        code_layout = QHBoxLayout(self.code_row)
        code_layout.setContentsMargins(0, 0, 0, 0)
        for label, edit in ((self.code_label, self.code_edit), (self.name_label, self.name_edit)):
            code_layout.addWidget(label)
            code_layout.addWidget(edit, 1)
        self.code_row.hide()

        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.verticalHeader().hide()
        t.setAlternatingRowColors(False)
        header = t.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((56, 150, 190, 90, 110, 90)):
            t.setColumnWidth(column, width)
        t.selectionModel().selectionChanged.connect(self._show_details)

        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(file_row)
        layout.addWidget(self.gcj_check)
        layout.addWidget(self.code_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details_label)
        layout.addWidget(self.repair_check)
        layout.addWidget(self.repair_summary)
        layout.addWidget(self.done_label)
        layout.addLayout(buttons)
        self.resize(940, 720)

    # texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("导入网格边界"))
        self.heading.setText(self.tr("导入网格边界（GeoJSON）"))
        self.intro.setText(self.tr(
            "选择从 GIS 软件或地图平台导出的 GeoJSON 文件。每个面是一个网格，属性中的 code（编码）、"
            "name（名称）、kind（类型）会被读取；编码已存在的网格将更新边界。导入后，各楼栋按坐标重新划入网格。"))
        self.choose_button.setText(self.tr("选择文件…"))
        self.gcj_check.setText(self.tr("坐标为 GCJ-02（来自高德、腾讯地图），导入时换算为 WGS-84"))
        self.code_label.setText(self.tr("网格编码"))
        self.name_label.setText(self.tr("网格名称"))
        self.code_edit.setPlaceholderText(self.tr("文件中没有编码，请填写"))
        self.name_edit.setPlaceholderText(self.tr("文件中没有名称，请填写"))
        self.repair_check.setText(self.tr("自动修复不合法的边界后导入"))
        self.cancel_button.setText(self.tr("关闭") if self.result is not None or self.path is None else
                                   self.tr("取消"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._update_state()

    # the file and its check ---------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择网格边界文件"), str(self.path.parent if self.path else Path.home()),
            self.tr("GeoJSON 文件 (*.geojson *.json);;所有文件 (*)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setFullText(str(path))
        self.code_edit.clear()
        self.name_edit.clear()
        self.check()

    @property
    def source_crs(self) -> SourceCrs:
        return "gcj02" if self.gcj_check.isChecked() else "wgs84"

    @property
    def checking(self) -> bool:
        return any(not job.done for job in self._jobs)

    def check(self) -> None:
        """Check the file again with the current options (on a background thread)."""
        if self.path is None or self.result is not None:
            return
        self._said = ""
        self._generation += 1
        generation, path, crs = self._generation, self.path, self.source_crs
        code, name = self.code_edit.text().strip() or None, self.name_edit.text().strip() or None
        factory, community = self._session_factory, self._community

        def run(_ctx: JobContext) -> _Checked:
            try:
                text = read_geojson_file(path)
                with factory() as session:
                    preview = preview_grid_import(session, community, text, crs, default_code=code,
                                                  default_name=name)
            except GridImportError as refused:
                return _Checked(generation, None, refused)
            return _Checked(generation, preview, None)

        job = run_in_background(run, name="grid_import_preview", parent=self)
        job.result.connect(self._checked)
        job.error.connect(self._check_failed)
        job.finished.connect(self._update_state)
        self._jobs = [j for j in self._jobs if not j.done] + [job]
        self._update_state()

    def _checked(self, checked: _Checked) -> None:
        if checked.generation != self._generation:
            return  # an older check: the options changed since
        self.preview, self.file_error = checked.preview, checked.error
        features = list(checked.preview.features) if checked.preview else []
        self.model.set_rows(features)
        if checked.preview is not None:
            self.code_row.setVisible(checked.preview.asks_for_code)
        if features:  # show the most serious first: a problem, else an invalid boundary, else a warning
            worst = min(range(len(features)), key=lambda i: (not features[i].problems, not features[i].invalid,
                                                             not features[i].warnings, i))
            self.table.selectRow(worst)
        self._update_state()

    def _check_failed(self, _exc: object) -> None:
        self.preview, self.file_error = None, None
        self.model.set_rows([])
        self._said = self.tr("检查文件时出现问题。请重试；如果问题反复出现，请联系系统管理员。")

    def _on_repair_toggled(self, _on: bool) -> None:
        selected = self.table.selectionModel().selectedRows()
        self.model.columns = preview_columns(self.repair_check.isChecked())
        self.model.set_rows(self.model.rows)
        if selected:
            self.table.selectRow(selected[0].row())
        self._show_details()
        self._update_state()

    # what the user sees -------------------------------------------------------------------------
    def _update_state(self) -> None:
        preview, repair = self.preview, self.repair_check.isChecked()
        self.warning_label.setVisible(bool(preview and preview.warnings) and self.result is None)
        if preview is not None:
            self.warning_label.setText("\n".join(problem_text(w) for w in preview.warnings))
        needs_repair = bool(preview and preview.needs_repair) and self.result is None
        self.repair_check.setVisible(needs_repair)
        self.repair_summary.setVisible(needs_repair)
        if preview is not None and needs_repair:
            self.repair_summary.setText(repair_summary(preview))
        self.status_label.setText(self._said or status_text(chosen=self.path is not None, checking=self.checking,
                                                            file_error=self.file_error, preview=preview))
        self.status_label.setObjectName("errorBanner" if self.file_error is not None else "importStatus")
        restyle(self.status_label)
        importing = self._import_job is not None and not self._import_job.done
        can = bool(preview and preview.can_import(repair)) and not self.checking and not importing
        self.import_button.setEnabled(can and self.result is None)
        self.import_button.setVisible(self.result is None)
        count = len(preview.features) if preview else 0
        self.import_button.setText(self.tr("正在导入…") if importing else
                                   self.tr("导入 %1 个网格").replace("%1", number(count)) if count else self.tr("导入"))
        for widget in (self.choose_button, self.gcj_check, self.repair_check, self.code_edit, self.name_edit):
            widget.setEnabled(not importing and self.result is None)
        self.cancel_button.setText(self.tr("关闭") if self.result is not None else self.tr("取消"))

    def _show_details(self, *_args: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        feature = self.model.row_at(rows[0].row()) if rows and self.model.rows else None
        self.details_label.setText(feature_details(feature))

    # import ---------------------------------------------------------------------------------------
    def start_import(self) -> None:
        preview = self.preview
        if self.path is None or preview is None or not preview.can_import(self.repair_check.isChecked()):
            return
        path, crs, repair, user = self.path, self.source_crs, self.repair_check.isChecked(), self._user
        code, name = self.code_edit.text().strip() or None, self.name_edit.text().strip() or None
        factory, community = self._session_factory, self._community
        self._said = ""

        def run(ctx: JobContext) -> GridImportResult | PlaceError | None:
            def progress(done: int, total: int) -> None:
                if ctx.cancelled:
                    raise _Cancelled
                ctx.progress(done, total)

            text = read_geojson_file(path)
            with factory() as session:
                try:
                    result = import_grid_cells(session, user, text, source_crs=crs, repair=repair,
                                               community_code=community, default_code=code, default_name=name,
                                               progress=progress)
                    if ctx.cancelled:
                        raise _Cancelled
                except (PlaceError, _Cancelled) as stopped:
                    session.rollback()
                    return stopped if isinstance(stopped, PlaceError) else None
                session.commit()
                return result

        self._import_job = run_in_background(run, name="grid_import", parent=self, writes=True)
        self._import_job.progress.connect(self._on_progress)
        self._import_job.result.connect(self._imported)
        self._import_job.error.connect(self._import_failed)
        self._import_job.finished.connect(self._update_state)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._update_state()

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status_label.setText(self.tr(
                "正在按新的边界重新划分楼栋：%1 / %2 栋。可以点击“取消”，取消后数据库不会有任何改动。"
            ).replace("%1", number(done)).replace("%2", number(total)))

    def _imported(self, outcome: GridImportResult | PlaceError | None) -> None:
        self.progress.hide()
        if outcome is None:
            self._said = self.tr("已取消导入，数据库没有任何改动。")
            self._update_state()
            return
        if isinstance(outcome, PlaceError):
            self.file_error = outcome
            if isinstance(outcome, GridImportError) and outcome.preview is not None:
                self.preview = outcome.preview
                self.model.set_rows(list(outcome.preview.features))
            self._update_state()
            return
        self.result = outcome
        self.done_label.setText(result_text(outcome))
        self.done_label.show()
        self.details_label.hide()
        self.table.setEnabled(False)
        self._update_state()
        self.imported.emit(outcome)

    def _import_failed(self, _exc: object) -> None:
        self.progress.hide()
        self._said = self.tr("导入时出现问题，数据库没有任何改动。请重试；如果问题反复出现，请联系系统管理员。")
        self._update_state()

    def _cancel(self) -> None:
        if self._import_job is not None and not self._import_job.done:
            self._import_job.cancel()
            self._said = self.tr("正在取消…")
            self.status_label.setText(self._said)
            return
        if self.result is not None:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if self._import_job is not None and not self._import_job.done:
            self._import_job.cancel()  # Esc while importing: cancel, close once rolled back
            return
        super().reject()


class _Cancelled(Exception):  # noqa: N818 — control flow, not an error
    pass


