"""居民档案 (一人一档): the register as a searchable, filterable table.

Every keystroke (after a short pause) asks core.resident_query for the first page of the
result right here on the GUI thread — 1–12 ms at 200,000 residents, less than handing it
to a thread and back costs on a busy machine — under a time budget: a query that runs longer is
interrupted and asked again on a background thread, so the window never freezes. The
full id list follows in a background job. Answers to an older query are dropped (each
query has a generation number).
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.exporting import ExportResult
from community_app.core.resident_query import (
    FilterChoices,
    ResidentFilter,
    ResidentRow,
    filter_choices,
    find_residents,
    resident_rows,
)
from community_app.ui.dialogs.import_dialog import ImportDialog
from community_app.ui.dialogs.resident_form import ResidentFormDialog
from community_app.ui.models.resident_table_model import COLUMN_KEYS, ResidentTableModel
from community_app.ui.pages.resident_detail import ResidentDetailPanel
from community_app.ui.pages.residents_export import start_export
from community_app.ui.widgets.base_style_delegate import BaseStyleDelegate
from community_app.ui.widgets.named import named
from community_app.ui.widgets.resident_filter_bar import ResidentFilterBar
from community_app.ui.workers import Job, JobContext, run_in_background
from db.engine import QueryTimeoutError, time_budget

log = logging.getLogger(__name__)

FIRST_PAGE = 60  # a screenful and some: what the first paint needs
FIRST_PAGE_BUDGET_S = 0.08  # the longest the GUI thread may wait for a first page before a thread takes over
COLUMN_WIDTHS = {"name": 96, "sex": 52, "age": 56, "id_number": 176, "phone": 124, "address": 230,
                 "grid": 140, "tags": 160, "status": 64}


@dataclass(frozen=True)
class _FirstPage:
    generation: int
    rowids: list[int]
    rows: list[ResidentRow]
    complete: bool  # the page holds the whole result


class ResidentsPage(QWidget):
    """Signals: resident_opened(id) when a row is opened; loaded(int) once a query's full
    result is shown (its row count)."""

    resident_opened = Signal(str)
    export_done = Signal(object)  # ExportResult
    loaded = Signal(int)
    load_failed = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("residentsPage")
        self._user = user
        self._session_factory = session_factory
        self._filter = ResidentFilter(community_code=user.community_code)
        self._sort, self._descending = "name", False
        self._generation = 0
        self._jobs: list[Job] = []
        self._choices: FilterChoices | None = None
        self._pending_cell: str | None = None
        self.total: int | None = None

        self.model = ResidentTableModel(session_factory, self)
        self.model.fetch_failed.connect(self._show_error)
        self.title_label = named(QLabel(), "pageTitle")
        self.count_label = named(QLabel(), "pageSubtitle")
        self.error_label = named(QLabel(), "errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.filters = ResidentFilterBar()
        # the filter bar's parts, as tests and the map reach them
        self.search, self.cell_combo, self.tag_combo = self.filters.search, self.filters.cell_combo, \
            self.filters.tag_combo
        self.table = named(QTableView(), "residentTable")
        self.empty_label = named(QLabel(), "emptyResult")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()  # the list, and room for a resident's page

        self.new_button = named(QPushButton(), "newResident")
        self.new_button.setVisible(user.can(roles.RESIDENT_EDIT) and user.community_code is not None)
        self.import_button = named(QPushButton(), "importResidents")
        self.import_button.setVisible(user.can(roles.RESIDENT_EDIT) and user.community_code is not None)
        self.export_button = named(QPushButton(), "exportResidents")
        self.export_button.setVisible(user.can(roles.RESIDENT_VIEW))
        self.detail: ResidentDetailPanel | None = None  # built on the first resident opened

        self._build()
        for button in (self.import_button, self.export_button, self.new_button):
            self.add_action(button)
        self._retranslate()
        self._connect()

    # layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.count_label)
        header.addLayout(titles, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)
        header.addLayout(self.actions)

        t = self.table
        t.setModel(self.model)
        t.setItemDelegate(BaseStyleDelegate(t))  # a result paints ~3 ms sooner: see the module
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setSortingEnabled(False)  # sorting is SQL's: the header click is handled below
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(34)
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head = t.horizontalHeader()
        head.setSectionsClickable(True)
        head.setSortIndicatorShown(True)
        head.setSortIndicator(COLUMN_KEYS.index("name"), Qt.SortOrder.AscendingOrder)
        head.setHighlightSections(False)
        head.setStretchLastSection(True)
        for i, key in enumerate(COLUMN_KEYS):
            head.resizeSection(i, COLUMN_WIDTHS[key])

        listing = QWidget()
        lay = QVBoxLayout(listing)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(12)
        lay.addLayout(header)
        lay.addWidget(self.filters)
        lay.addWidget(self.error_label)
        lay.addWidget(t, 1)
        lay.addWidget(self.empty_label)
        self.empty_label.hide()
        self.body.addWidget(listing)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body)

    def add_action(self, button: QPushButton) -> None:
        """A button in the page header (new resident, import, export)."""
        self.actions.addWidget(button)

    def _connect(self) -> None:
        self.filters.changed.connect(self._filters_changed)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.resident_opened.connect(self.show_resident)
        self.new_button.clicked.connect(self.new_resident)
        self.import_button.clicked.connect(self.import_residents)
        self.export_button.clicked.connect(self.choose_export_file)

    # texts ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("居民档案"))
        self.new_button.setText(self.tr("新增居民"))
        self.import_button.setText(self.tr("从Excel导入…"))
        self.export_button.setText(self.tr("导出…"))
        self.export_button.setToolTip(self.tr("把当前列表（按搜索和筛选条件）导出为 Excel 文件"))
        self.empty_label.setText(self.tr("没有符合条件的居民。请检查搜索内容，或点击“重置”清除筛选条件。"))
        self._update_count()

    def _update_count(self) -> None:
        if self.total is None:
            shown = self.model.rowCount()
            text = (self.tr("已显示前 %1 人，正在统计总数…").replace("%1", str(shown)) if shown
                    else self.tr("正在查询…"))
        else:
            text = self.tr("共 %1 人").replace("%1", f"{self.total:,}")
            if self._filter.text.strip() or self._narrowed():
                text += self.tr("（已按条件筛选）")
        self.count_label.setText(text)

    def _narrowed(self) -> bool:
        f = self._filter
        return any(v is not None for v in (f.grid_cell_id, f.building_id, f.tag_code, f.age_min, f.age_max,
                                           f.residence_type)) or f.status != "active"

    # filters ----------------------------------------------------------------------------
    @property
    def current_filter(self) -> ResidentFilter:
        return self._filter

    def _filters_changed(self, fields: dict[str, object]) -> None:
        self._set_filter(replace(self._filter, **fields))

    def reset_filters(self) -> None:
        self.filters.reset()

    def show_grid_cell(self, cell_id: str) -> None:
        """Filter to one grid cell (a click on the map)."""
        if not self.filters.has_choices:
            self._pending_cell = cell_id  # chosen in the combo when the choices arrive
            self._set_filter(replace(self._filter, grid_cell_id=cell_id, building_id=None))
        else:
            self.filters.select_cell(cell_id)

    def _header_clicked(self, column: int) -> None:
        key = self.model.sort_key(column)
        head = self.table.horizontalHeader()
        if key is None:  # not sortable: keep the indicator where the order really is
            head.setSortIndicator(COLUMN_KEYS.index(self._column_of_sort()), self._sort_order())
            return
        self._descending = not self._descending if key == self._sort else False
        self._sort = key
        head.setSortIndicator(column, self._sort_order())
        self.refresh()

    def _column_of_sort(self) -> str:
        return next(k for k in COLUMN_KEYS if self.model.sort_key(COLUMN_KEYS.index(k)) == self._sort)

    def _sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    # data -------------------------------------------------------------------------------
    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)
        if self._choices is None and not any(j.name == "resident_filters" and not j.done for j in self._jobs):
            self._load_choices()
            if self._generation == 0:
                self.refresh()

    def _load_choices(self) -> None:
        factory, community = self._session_factory, self._user.community_code

        def load(_ctx: JobContext) -> FilterChoices:
            with factory() as session:
                return filter_choices(session, community)

        job = self._start(load, "resident_filters")
        job.result.connect(self._choices_loaded)

    def _choices_loaded(self, choices: FilterChoices) -> None:
        self._choices = choices
        self.filters.set_choices(choices)
        if self._pending_cell is not None:
            cell, self._pending_cell = self._pending_cell, None
            self.show_grid_cell(cell)

    def _set_filter(self, f: ResidentFilter) -> None:
        if f != self._filter:
            self._filter = f
            self.refresh()

    def refresh(self) -> None:
        """Query again with the current filter and sort: the first page, then the rest."""
        self._generation += 1
        generation, f, sort, desc = self._generation, self._filter, self._sort, self._descending
        factory = self._session_factory
        self.total = None
        self._update_count()
        # the rows read with the page are those the table shows at once (~1 ms less than all
        # of them); it reads the others when scrolled to them
        shown = self._rows_on_screen()

        def first_page(budget: float | None) -> _FirstPage:
            with factory() as session, time_budget(session, budget) if budget is not None else nullcontext():
                ids = find_residents(session, f, sort=sort, descending=desc, limit=FIRST_PAGE)
                return _FirstPage(generation, ids, resident_rows(session, ids[:shown]), len(ids) < FIRST_PAGE)

        try:
            page = first_page(FIRST_PAGE_BUDGET_S)
        except QueryTimeoutError:
            log.debug("first page over its budget; asking again in the background")
        except Exception:  # the background job asks again and reports a lasting failure
            log.warning("first page failed on the GUI thread; asking again in the background", exc_info=True)
        else:
            self._first_page(page)
            return
        job = self._start(lambda _ctx: first_page(None), "residents_first_page")
        job.result.connect(self._first_page)
        job.error.connect(self._show_error)

    def _rows_on_screen(self) -> int:
        if not self.table.isVisible():
            return FIRST_PAGE
        rows = self.table.viewport().height() // max(1, self.table.verticalHeader().defaultSectionSize())
        return min(FIRST_PAGE, rows + 2)

    def _first_page(self, page: _FirstPage) -> None:
        if page.generation != self._generation:
            return  # the user typed on
        self.error_label.hide()
        self.model.set_rows(page.rowids, page.rows)
        self.table.scrollToTop()
        if page.complete:
            self._result_complete(len(page.rowids))
            return
        self._update_count()
        generation, f, sort, desc, factory = page.generation, self._filter, self._sort, self._descending, \
            self._session_factory

        def rest(_ctx: JobContext) -> tuple[int, list[int]]:
            with factory() as session:
                return generation, find_residents(session, f, sort=sort, descending=desc)

        job = self._start(rest, "residents_all_ids")
        job.result.connect(self._all_ids)
        job.error.connect(self._show_error)

    def _all_ids(self, result: tuple[int, list[int]]) -> None:
        generation, ids = result
        if generation != self._generation:
            return
        self.model.extend_to(ids)
        self._result_complete(len(ids))

    def _result_complete(self, total: int) -> None:
        self.total = total
        self.empty_label.setVisible(total == 0)
        self.table.setVisible(total > 0)
        self._update_count()
        self.loaded.emit(total)

    def _start(self, fn: object, name: str) -> Job:
        self._jobs = [j for j in self._jobs if not j.done]
        job = run_in_background(fn, name=name, parent=self)  # type: ignore[arg-type]
        self._jobs.append(job)
        return job

    @property
    def is_loaded(self) -> bool:
        return self.total is not None

    def _show_error(self, _exc: object) -> None:
        self.show_list()
        self.error_label.setText(self.tr(
            "读取居民档案时出现问题，列表可能不完整。请稍后重试；如果问题反复出现，请联系系统管理员。"))
        self.error_label.show()
        self.load_failed.emit()

    def _open(self, index: QModelIndex) -> None:
        resident_id = self.model.resident_id(index.row())
        if resident_id is not None and self._user.can(roles.RESIDENT_VIEW):
            self.resident_opened.emit(resident_id)

    # a resident's own page -----------------------------------------------------------------
    def show_resident(self, resident_id: str) -> ResidentDetailPanel:
        if self.detail is None:
            self.detail = ResidentDetailPanel(self._user, self._session_factory)
            self.detail.back_requested.connect(self.show_list)
            self.detail.changed.connect(lambda _id: self.refresh())
            self.body.addWidget(self.detail)
        self.detail.show_resident(resident_id)
        self.body.setCurrentWidget(self.detail)
        return self.detail

    def show_list(self) -> None:
        self.body.setCurrentIndex(0)

    def new_resident(self) -> ResidentFormDialog | None:
        if self._user.community_code is None:
            return None
        dialog = ResidentFormDialog(self._user, self._session_factory, resident_id=None,
                                    community_code=self._user.community_code, parent=self)
        dialog.saved.connect(self._created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _created(self, resident_id: str) -> None:
        self.refresh()
        self.show_resident(resident_id)

    # Excel -------------------------------------------------------------------------------------
    def import_residents(self) -> ImportDialog:
        dialog = ImportDialog(self._session_factory, self._user, community_code=self._user.community_code,
                              parent=self)
        dialog.imported.connect(lambda _report: self.refresh())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_export_file(self) -> None:
        path, _selected = QFileDialog.getSaveFileName(
            self, self.tr("导出居民名册"), self.tr("居民名册.xlsx"), self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(Path(path if path.lower().endswith(".xlsx") else path + ".xlsx"))

    def export_to(self, path: Path) -> Job | None:
        """Export the residents listed now (masked unless the user may export personal data),
        in the background with progress and Cancel."""
        if self.total is None:
            self.error_label.setText(self.tr("列表还在统计中，请稍候再导出。"))
            self.error_label.show()
            return None
        job = start_export(self, self._session_factory, self._user, self.model.rowids(), path,
                           self.count_label.text())
        job.result.connect(self._exported)
        job.error.connect(self._export_failed)
        self._jobs.append(job)
        return job

    def _exported(self, result: ExportResult) -> None:
        if not result.cancelled:
            text = self.tr("已导出 %1 人到 %2。").replace("%1", f"{result.count:,}").replace("%2", str(result.path))
            text += self.tr("身份证号和电话已脱敏。") if result.masked else self.tr("含完整个人信息，请妥善保管。")
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("导出完成"), text, parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.export_done.emit(result)

    def _export_failed(self, exc: object) -> None:
        text = str(exc) if isinstance(exc, PermissionError) else self.tr(
            "导出没有完成：文件可能正被其他程序（如 Excel）打开，或没有写入权限。请关闭该文件或换一个位置后重试。")
        QMessageBox.warning(self, self.tr("导出"), text)
