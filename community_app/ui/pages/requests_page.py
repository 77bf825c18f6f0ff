"""诉求办理: the community's service requests as lists — mine, by stage, due soon, overdue,
by grid cell — with counts, a search box (ticket number or words of the title), and the
request's own page inside the page (double-click a row; ‹ 返回 comes back).

Lists and counts are core.requests.list_requests / count_requests on background threads;
core filters, sorts and pages in SQL. Each answer carries a generation number, so an answer
to an older question (the user typed on) is dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.place_lists import GridCellRow, list_grid_cells
from community_app.core.requests import SORT_DUE, RequestFilter, RequestRow, count_requests, list_requests
from community_app.core.stages import ALL_STAGES
from community_app.ui.dialogs.categories_dialog import CategoriesDialog
from community_app.ui.dialogs.request_form import RequestFormDialog
from community_app.ui.i18n import stage_name
from community_app.ui.icons import icon
from community_app.ui.models.request_table_model import COLUMN_KEYS, RequestTableModel
from community_app.ui.pages.request_detail import RequestDetailPanel
from community_app.ui.request_texts import short_cell_name
from community_app.ui.widgets.named import named
from community_app.ui.widgets.request_filter_list import FilterEntry, FilterSection, RequestFilterList
from community_app.ui.widgets.request_list_card import RequestListCard
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)

PAGE = 200  # rows asked for at once; 加载更多 asks for the next page
SEARCH_DELAY_MS = 250
MINE_PREFIX = "mine:"  # show_list("mine:overdue"): the list, only my requests


def base_filter(key: str) -> RequestFilter:
    """The filter a list key stands for (without the search text, sort or scope)."""
    if key == "mine":
        return RequestFilter(mine=True, open_only=True)
    if key == "open":
        return RequestFilter(open_only=True)
    if key in ("due_soon", "overdue", "paused"):
        return RequestFilter(due=key)
    if key == "all":
        return RequestFilter()
    if key.startswith("stage:"):
        return RequestFilter(stages=(key.removeprefix("stage:"),))
    if key.startswith("cell:"):
        return RequestFilter(grid_cell_id=key.removeprefix("cell:"), open_only=True)
    raise ValueError(f"unknown request list {key!r}")


@dataclass(frozen=True)
class _Page:
    generation: int
    rows: list[RequestRow]
    total: int
    offset: int


@dataclass(frozen=True)
class _Counts:
    cells: list[GridCellRow]
    counts: dict[str, int]


class RequestsPage(QWidget):
    """Signals: request_opened(id) when a row is opened; loaded(int) once a list is shown
    (how many requests it holds); load_failed() when reading failed."""

    request_opened = Signal(str)
    loaded = Signal(int)
    load_failed = Signal()
    counts_loaded = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestsPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._user = user
        self._factory = session_factory
        self.filter_key = "mine" if self._is_worker() else "open"
        self._sort = SORT_DUE
        self._generation = 0
        self._jobs: list[Job] = []
        self.cells: list[GridCellRow] | None = None
        self.counts: dict[str, int] = {}
        self.total: int | None = None

        self.model = RequestTableModel(self)
        self.title_label = named(QLabel(), "pageTitle")
        self.count_label = named(QLabel(), "pageSubtitle")
        self.error_label = named(QLabel(), "errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.refresh_button = named(QPushButton(icon("refresh"), ""), "refreshButton")
        self.new_button = named(QPushButton(), "primaryButton")
        self.new_button.setVisible(user.can(roles.REQUEST_HANDLE) and user.community_code is not None)
        self.categories_button = named(QPushButton(), "categoriesButton")
        self.categories_button.setVisible(user.can(roles.ADMIN_SETTINGS))
        self.categories_dialog: CategoriesDialog | None = None
        self.filters = RequestFilterList()
        self.filters.setMinimumWidth(180)
        self.filters.setMaximumWidth(200)
        self.card = RequestListCard(self.model)
        # the card's parts, as tests and the dashboard's click-through reach them
        self.search, self.mine_check, self.list_title = self.card.search, self.card.mine_check, self.card.title
        self.table, self.empty_label = self.card.table, self.card.empty_label
        self.more_label, self.more_button = self.card.more_label, self.card.more_button
        self.body = QStackedWidget()
        self.detail: RequestDetailPanel | None = None
        self.form: RequestFormDialog | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self._build()
        self._retranslate()
        self._connect()

    def _is_worker(self) -> bool:
        u = self._user
        return u.can(roles.REQUEST_HANDLE) and not (u.can(roles.REQUEST_DISPATCH) or u.can(roles.REQUEST_VERIFY))

    # layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.count_label)
        header.addLayout(titles, 1)
        header.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)
        header.addSpacing(6)
        header.addWidget(self.categories_button, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.table.horizontalHeader().setSortIndicator(COLUMN_KEYS.index("due"), Qt.SortOrder.AscendingOrder)
        filter_card = named(QFrame(), "requestFilterCard")
        filter_card.setProperty("card", True)
        filter_layout = QVBoxLayout(filter_card)
        filter_layout.setContentsMargins(6, 8, 6, 8)
        filter_layout.addWidget(self.filters)
        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addWidget(filter_card)
        columns.addWidget(self.card, 1)

        listing = QWidget()
        lay = QVBoxLayout(listing)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(12)
        lay.addLayout(header)
        lay.addWidget(self.error_label)
        lay.addLayout(columns, 1)
        self.body.addWidget(listing)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body)

    def _connect(self) -> None:
        self.filters.chosen.connect(self._filter_chosen)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(self.refresh)
        self.mine_check.toggled.connect(self._scope_changed)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.refresh_button.clicked.connect(self.reload)
        self.new_button.clicked.connect(self.new_request)
        self.categories_button.clicked.connect(self.edit_categories)
        self.more_button.clicked.connect(self.load_more)
        self.request_opened.connect(self.show_request)

    # texts --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("诉求办理"))
        self.refresh_button.setText(self.tr("刷新"))
        self.new_button.setText(self.tr("登记诉求"))
        self.new_button.setToolTip(self.tr("登记来访、来电、巡查、走访或12345热线反映的问题"))
        self.categories_button.setText(self.tr("分类与时限…"))
        self.categories_button.setToolTip(self.tr("维护诉求的大类、小类及各小类的办理时限和紧急程度"))
        self.card.retranslate()
        self.filters.set_sections(self.sections(), self.filter_key)
        self._update_texts()

    def sections(self) -> list[FilterSection]:
        work = [FilterEntry("mine", self.tr("我的诉求"), self.tr("派给我、或在我负责网格内、仍在办理中的诉求")),
                FilterEntry("open", self.tr("全部在办"), self.tr("尚未办结的全部诉求")),
                FilterEntry("due_soon", self.tr("即将超期"),
                            self.tr("剩余不到 4 个工作小时的在办诉求"), "warn"),
                FilterEntry("overdue", self.tr("已超期"), self.tr("已过办理期限仍未办结的诉求"), "alert"),
                FilterEntry("paused", self.tr("暂停计时"), self.tr("延期待审批或已退回待重新派遣的诉求")),
                FilterEntry("all", self.tr("全部诉求"), self.tr("包括已办结、不予受理和已并单的诉求"))]
        stages = [FilterEntry(f"stage:{code}", stage_name(code)) for code in ALL_STAGES]
        cells = [FilterEntry(f"cell:{c.id}", short_cell_name(c.name), c.name) for c in self.cells or []]
        sections = [FilterSection(self.tr("工作清单"), tuple(work)),
                    FilterSection(self.tr("按环节"), tuple(stages))]
        if cells:
            sections.append(FilterSection(self.tr("按网格（在办）"), tuple(cells)))
        return sections

    def list_name(self, key: str | None = None) -> str:
        return self.filters.label(key or self.filter_key) or self.tr("诉求")

    def _update_texts(self) -> None:
        title = self.list_name()
        if self.mine_check.isChecked() and self.filter_key != "mine":
            title += self.tr("（只看我的）")
        self.list_title.setText(title)
        shown = self.model.rowCount()
        if self.total is None:
            self.count_label.setText(self.tr("正在读取…"))
        else:
            text = self.tr("共 %1 件").replace("%1", f"{self.total:,}")
            if self.search.text().strip():
                text = self.tr("找到 %1 件").replace("%1", f"{self.total:,}")
            self.count_label.setText(f"{title} · {text}")
        more = self.total is not None and shown < self.total
        self.more_label.setText(self.tr("已显示 %1 件，共 %2 件").replace("%1", f"{shown:,}")
                                .replace("%2", f"{self.total:,}") if more else "")
        self.more_button.setVisible(more)
        if self.search.text().strip():
            self.empty_label.setText(self.tr("没有找到编号或标题含“%1”的诉求。请检查输入，或换一个列表查找。")
                                     .replace("%1", self.search.text().strip()))
        else:
            self.empty_label.setText(self.tr("这个列表里目前没有诉求。"))

    # lists --------------------------------------------------------------------------------
    @property
    def current_filter(self) -> RequestFilter:
        """What the list on screen asks core for (paging aside)."""
        f = base_filter(self.filter_key)
        if self.mine_check.isChecked():
            f = replace(f, mine=True)
        return replace(f, text=self.search.text().strip(), sort=self._sort)

    def show_list(self, filter_key: str | None = None) -> None:
        """Back to the lists; with a key ("overdue", "stage:accepted", "cell:<id>", "mine:overdue" …)
        that list is shown (the dashboard clicks through with these)."""
        self.body.setCurrentIndex(0)
        if filter_key is None:
            return
        mine = filter_key.startswith(MINE_PREFIX)
        key = filter_key.removeprefix(MINE_PREFIX)
        base_filter(key)  # refuses an unknown key before anything changes
        self.mine_check.blockSignals(True)
        self.mine_check.setChecked(mine)
        self.mine_check.blockSignals(False)
        self.filter_key = key
        self.filters.select(key)
        self.refresh()
        self._load_counts()

    def _filter_chosen(self, key: str) -> None:
        if key != self.filter_key:
            self.filter_key = key
            self.refresh()

    def _scope_changed(self, _on: bool) -> None:
        self.refresh()
        self._load_counts()

    def _header_clicked(self, column: int) -> None:
        key = self.model.sort_key(column)
        head = self.table.horizontalHeader()
        if key is not None and key != self._sort:
            self._sort = key
            self.refresh()
        sorted_column = next(i for i in range(len(COLUMN_KEYS)) if self.model.sort_key(i) == self._sort)
        order = Qt.SortOrder.AscendingOrder if self._sort == SORT_DUE else Qt.SortOrder.DescendingOrder
        head.setSortIndicator(sorted_column, order)

    # data ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._generation == 0:
            self.reload()

    def reload(self) -> None:
        """The list and the counts again (刷新, and after a change)."""
        self.refresh()
        self._load_counts()

    def refresh(self) -> None:
        self._search_timer.stop()
        self._generation += 1
        self.total = None
        self._update_texts()
        self._fetch(0)

    def load_more(self) -> None:
        if self.total is not None and self.model.rowCount() < self.total:
            self._fetch(self.model.rowCount())

    def _fetch(self, offset: int) -> None:
        generation, user, factory = self._generation, self._user, self._factory
        f = replace(self.current_filter, limit=PAGE, offset=offset)

        def load(_ctx: JobContext) -> _Page:
            with factory() as session:
                return _Page(generation, list_requests(session, user, f), count_requests(session, user, f), offset)

        job = self._start(load, "request_list")
        job.result.connect(self._page_loaded)
        job.error.connect(self._show_error)
        self.more_button.setEnabled(False)

    def _page_loaded(self, page: _Page) -> None:
        if page.generation != self._generation:
            return  # an older question
        self.error_label.hide()
        self.more_button.setEnabled(True)
        if page.offset == 0:
            self.model.set_rows(page.rows)
            self.table.scrollToTop()
        else:
            self.model.append_rows(page.rows)
        self.total = page.total
        self.card.show_empty(page.total == 0)
        self._update_texts()
        self.loaded.emit(page.total)

    def _load_counts(self) -> None:
        user, factory, mine = self._user, self._factory, self.mine_check.isChecked()
        keys = ["mine", "open", "due_soon", "overdue", "paused", "all", *(f"stage:{s}" for s in ALL_STAGES)]

        def load(_ctx: JobContext) -> _Counts:
            with factory() as session:
                cells = list_grid_cells(session, user.community_code)
                counts = {}
                for key in [*keys, *(f"cell:{c.id}" for c in cells)]:
                    f = base_filter(key)
                    counts[key] = count_requests(session, user, replace(f, mine=True) if mine else f)
                return _Counts(cells, counts)

        job = self._start(load, "request_counts")
        job.result.connect(self._counts_loaded)

    def _counts_loaded(self, answer: _Counts) -> None:
        if self.cells is None or [c.id for c in self.cells] != [c.id for c in answer.cells]:
            self.cells = answer.cells
            self.filters.set_sections(self.sections(), self.filter_key)
        self.counts = answer.counts
        self.filters.set_counts(answer.counts)
        self._update_texts()
        self.counts_loaded.emit()

    def _start(self, fn: object, name: str) -> Job:
        self._jobs = [j for j in self._jobs if not j.done]
        job = run_in_background(fn, name=name, parent=self)  # type: ignore[arg-type]
        self._jobs.append(job)
        return job

    @property
    def is_loaded(self) -> bool:
        return self.total is not None

    @property
    def loading(self) -> bool:
        return any(not j.done for j in self._jobs)

    def _show_error(self, _exc: object) -> None:
        self.more_button.setEnabled(True)
        self.error_label.setText(self.tr(
            "读取诉求列表时出现问题，列表可能不完整。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。"))
        self.error_label.show()
        self.load_failed.emit()

    # a request's own page -----------------------------------------------------------------
    def _open(self, index: QModelIndex) -> None:
        request_id = self.model.request_id(index.row())
        if request_id is not None:
            self.request_opened.emit(request_id)

    def show_request(self, request_id: str) -> RequestDetailPanel:
        if self.detail is None:
            self.detail = RequestDetailPanel(self._user, self._factory)
            self.detail.back_requested.connect(self.show_list)
            self.detail.changed.connect(lambda _id: self.reload())
            self.detail.open_requested.connect(self.show_request)
            self.body.addWidget(self.detail)
        self.detail.show_request(request_id)
        self.body.setCurrentWidget(self.detail)
        return self.detail

    def new_request(self) -> RequestFormDialog | None:
        """登记诉求 (for staff who handle requests in a community)."""
        if not (self._user.can(roles.REQUEST_HANDLE) and self._user.community_code is not None):
            return None
        if self.form is not None:
            self.form.deleteLater()
        self.form = RequestFormDialog(self._user, self._factory, parent=self)
        self.form.saved.connect(self._created)
        self.form.open()
        return self.form

    def edit_categories(self) -> CategoriesDialog | None:
        """分类与时限 (administrators only)."""
        if not self._user.can(roles.ADMIN_SETTINGS):
            return None
        if self.categories_dialog is not None:
            self.categories_dialog.deleteLater()
        self.categories_dialog = CategoriesDialog(self._user, self._factory, parent=self)
        self.categories_dialog.open()
        return self.categories_dialog

    def _created(self, request_id: str) -> None:
        self.reload()
        self.show_request(request_id)
