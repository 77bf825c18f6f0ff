"""The list behind a number of the supervisor's dashboard: click 结案率 (of the community, a
grid or a worker) and see the requests it counts — the ones still open first, with buttons
for the others (已结案, 全部立案). Residents behind 走访完成率, grid cells behind 巡查覆盖率.

Rows come from core.kpi_lists on a background thread, with the very conditions the number
was counted with and at the same moment (the report's as_of), so list and number agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import kpi_today
from community_app.core.dashboard import Scope
from community_app.core.kpi_lists import (
    kpi_category_request_rows,
    kpi_patrol_rows,
    kpi_request_rows,
    kpi_resident_rows,
    kpi_week_request_rows,
)
from community_app.core.kpi_period import Period
from community_app.core.kpis import Indicators
from community_app.ui.i18n import QT_TRANSLATE_NOOP, stage_name
from community_app.ui.pages import kpi_today_columns as today
from community_app.ui.pages.kpi_table_model import CENTER, RIGHT, SORT_ROLE, Column, RowsModel
from community_app.ui.pages.kpi_texts import BY_KEY, NONE, PATROL_LIST, ListView, number, percent, tr, view_count
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background


def _t(text: str) -> str:
    return QCoreApplication.translate("KpiList", text)


def _when(moment: datetime | None) -> str:
    return NONE if moment is None else format_minutes(moment)


def _time_sort(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat()


YES, NO = QT_TRANSLATE_NOOP("KpiList", "按期"), QT_TRANSLATE_NOOP("KpiList", "超期")

REQUEST_COLUMNS = (
    Column("ticket", QT_TRANSLATE_NOOP("KpiList", "工单编号"), lambda r: r.ticket_no),
    Column("title", QT_TRANSLATE_NOOP("KpiList", "诉求标题"), lambda r: r.title, tooltip=lambda r: r.title),
    Column("category", QT_TRANSLATE_NOOP("KpiList", "类别"), lambda r: r.category),
    Column("grid", QT_TRANSLATE_NOOP("KpiList", "网格"), lambda r: r.grid_name or NONE),
    Column("worker", QT_TRANSLATE_NOOP("KpiList", "承办人"), lambda r: r.worker_name or NONE),
    Column("stage", QT_TRANSLATE_NOOP("KpiList", "办理环节"), lambda r: stage_name(r.stage)),
    Column("reported", QT_TRANSLATE_NOOP("KpiList", "上报时间"), lambda r: _when(r.reported_at),
           sort=lambda r: _time_sort(r.reported_at)),
    Column("due", QT_TRANSLATE_NOOP("KpiList", "办理时限"), lambda r: _when(r.due_at),
           sort=lambda r: _time_sort(r.due_at), muted=lambda r: r.due_at is None),
    Column("closed", QT_TRANSLATE_NOOP("KpiList", "结案时间"), lambda r: _when(r.closed_at),
           sort=lambda r: _time_sort(r.closed_at), muted=lambda r: r.closed_at is None),
    Column("on_time", QT_TRANSLATE_NOOP("KpiList", "按期"),
           lambda r: NONE if r.closed_at is None else _t(NO) if r.closed_on_time is False else _t(YES),
           align=CENTER, alert=lambda r: r.closed_at is not None and r.closed_on_time is False),
    Column("rework", QT_TRANSLATE_NOOP("KpiList", "返工"), lambda r: number(r.rework_count) if r.rework_count
           else NONE, sort=lambda r: r.rework_count, align=CENTER, warn=lambda r: r.rework_count > 0),
    Column("score", QT_TRANSLATE_NOOP("KpiList", "评分"), lambda r: NONE if r.satisfaction is None
           else str(r.satisfaction), sort=lambda r: r.satisfaction or 0, align=CENTER,
           alert=lambda r: r.satisfaction is not None and r.satisfaction <= 2,
           warn=lambda r: r.satisfaction == 3),
)
REQUEST_WIDTHS = {"ticket": 148, "category": 104, "grid": 128, "worker": 64, "stage": 74, "reported": 140,
                  "due": 140, "closed": 140, "on_time": 52, "rework": 46, "score": 46}
TITLE_MIN = 220  # the title column takes what is left, at least this

RESIDENT_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("KpiList", "姓名"), lambda r: r.name),
    Column("grid", QT_TRANSLATE_NOOP("KpiList", "网格"), lambda r: r.grid_name or NONE),
    Column("tags", QT_TRANSLATE_NOOP("KpiList", "特殊群体"), lambda r: r.tags, tooltip=lambda r: r.tags),
    Column("interval", QT_TRANSLATE_NOOP("KpiList", "走访周期"),
           lambda r: _t(QT_TRANSLATE_NOOP("KpiList", "每 %1 天")).replace("%1", str(r.interval_days)),
           sort=lambda r: r.interval_days, align=CENTER),
    Column("last", QT_TRANSLATE_NOOP("KpiList", "最近走访"),
           lambda r: _t(QT_TRANSLATE_NOOP("KpiList", "从未走访")) if r.last_visit_at is None
           else _when(r.last_visit_at), sort=lambda r: _time_sort(r.last_visit_at),
           alert=lambda r: r.last_visit_at is None),
    Column("next", QT_TRANSLATE_NOOP("KpiList", "应走访日期"),
           lambda r: NONE if r.next_due is None else r.next_due.isoformat(),
           sort=lambda r: "" if r.next_due is None else r.next_due.isoformat()),
    Column("state", QT_TRANSLATE_NOOP("KpiList", "情况"),
           lambda r: _t(QT_TRANSLATE_NOOP("KpiList", "已按期走访")) if r.done
           else _t(QT_TRANSLATE_NOOP("KpiList", "未按期走访")), alert=lambda r: not r.done),
)
RESIDENT_WIDTHS = {"name": 90, "grid": 160, "interval": 90, "last": 140, "next": 110, "state": 100}

PATROL_COLUMNS = (
    Column("grid", QT_TRANSLATE_NOOP("KpiList", "网格"), lambda r: r.grid_name),
    Column("worker", QT_TRANSLATE_NOOP("KpiList", "网格员"), lambda r: r.worker_name or NONE),
    Column("plans", QT_TRANSLATE_NOOP("KpiList", "巡查计划"), lambda r: number(r.plans), sort=lambda r: r.plans,
           align=RIGHT),
    Column("planned", QT_TRANSLATE_NOOP("KpiList", "应巡查轮次"), lambda r: number(r.planned),
           sort=lambda r: r.planned, align=RIGHT),
    Column("covered", QT_TRANSLATE_NOOP("KpiList", "已巡查轮次"), lambda r: number(r.covered),
           sort=lambda r: r.covered, align=RIGHT, alert=lambda r: r.covered < r.planned),
    Column("coverage", QT_TRANSLATE_NOOP("KpiList", "覆盖率"), lambda r: percent(r.coverage),
           sort=lambda r: r.coverage or 0.0, align=RIGHT, alert=lambda r: r.covered < r.planned),
    Column("rounds", QT_TRANSLATE_NOOP("KpiList", "完成巡查次数"), lambda r: number(r.rounds_done),
           sort=lambda r: r.rounds_done, align=RIGHT),
)
PATROL_WIDTHS = {"worker": 90, "plans": 90, "planned": 110, "covered": 110, "coverage": 90, "rounds": 120}

EMPTY = {
    "request": QT_TRANSLATE_NOOP("KpiList", "没有符合条件的诉求。"),
    "resident": QT_TRANSLATE_NOOP("KpiList", "没有符合条件的居民。"),
    "patrol": QT_TRANSLATE_NOOP("KpiList", "这一期间没有巡查计划。"),
}


@dataclass(frozen=True)
class ListRequest:
    """What to list: an indicator of core.kpis for the scope and period of a report,
    narrowed to one grid cell or worker (their name in row_name), at the report's moment;
    or one of the 工作台's numbers of the day (kpi_texts.TODAY_INDICATORS: no period, at the
    moment the counts were made); or a point of the weekly trend (week: its Monday; indicator
    received or closed) or a slice of the category chart (major_codes; indicator received)."""

    indicator: str
    scope: Scope
    period: Period | None
    now: datetime
    indicators: Indicators = field(default_factory=Indicators)  # the row's numbers: counts on the view buttons
    grid_cell_id: str | None = None
    worker_id: str | None = None
    row_name: str = ""
    title: str = ""  # shown instead of the indicator's name (a stage's name, say)
    week: date | None = None
    major_codes: tuple[str, ...] = ()
    period_text: str = ""  # shown instead of the report's period (a week of the trend)


def load_rows(session: Session, request: ListRequest, view: str) -> list[Any]:
    """The rows of one view of the request's list (on a worker thread)."""
    spec, scope, now = BY_KEY[request.indicator], request.scope, request.now
    if spec.kind == "open_request":
        return kpi_today.today_request_rows(session, scope, view, now)
    if spec.kind == "visit_due":
        return kpi_today.today_visit_rows(session, scope, now)
    if spec.kind == "patrol_due":
        return kpi_today.today_patrol_rows(session, scope, now)
    if spec.kind == "register":
        return kpi_today.today_resident_rows(session, scope)
    if spec.kind == "household":
        return kpi_today.today_household_rows(session, scope)
    assert request.period is not None
    args = (session, scope, request.period)
    where = {"grid_cell_id": request.grid_cell_id, "worker_id": request.worker_id, "now": now}
    if spec.kind == "patrol":
        return list(kpi_patrol_rows(*args, **where))
    if spec.kind == "resident":
        return list(kpi_resident_rows(*args, view, **where))
    if request.week is not None:
        return kpi_week_request_rows(*args, request.week, view, now=now)
    if request.major_codes:
        return kpi_category_request_rows(*args, request.major_codes, now=now)
    return list(kpi_request_rows(*args, view, **where))


OPEN_REQUEST_COLUMNS = tuple(c for c in REQUEST_COLUMNS if c.key not in ("closed", "on_time", "score"))
LISTS: dict[str, tuple[tuple[Column, ...], dict[str, int], str, str]] = {  # kind → columns, widths, stretch, empty
    "request": (REQUEST_COLUMNS, REQUEST_WIDTHS, "title", EMPTY["request"]),
    "resident": (RESIDENT_COLUMNS, RESIDENT_WIDTHS, "tags", EMPTY["resident"]),
    "patrol": (PATROL_COLUMNS, PATROL_WIDTHS, "grid", EMPTY["patrol"]),
    "open_request": (OPEN_REQUEST_COLUMNS, {k: w for k, w in REQUEST_WIDTHS.items()
                                            if k not in ("closed", "on_time", "score")}, "title",
                     today.EMPTY["open_request"]),
    "visit_due": (today.VISIT_DUE_COLUMNS, today.VISIT_DUE_WIDTHS, "tags", today.EMPTY["visit_due"]),
    "patrol_due": (today.PATROL_DUE_COLUMNS, today.PATROL_DUE_WIDTHS, "plan", today.EMPTY["patrol_due"]),
    "register": (today.REGISTER_COLUMNS, today.REGISTER_WIDTHS, "address", today.EMPTY["register"]),
    "household": (today.HOUSEHOLD_COLUMNS, today.HOUSEHOLD_WIDTHS, "address", today.EMPTY["household"]),
}


class KpiListDialog(QDialog):
    def __init__(self, request: ListRequest, session_factory: sessionmaker[Session], period_text: str,
                 scope_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiListDialog")
        self.request = request
        self.spec = BY_KEY[request.indicator]
        self._factory = session_factory
        self._period_text = period_text
        self._scope_text = scope_text
        self._job: Job | None = None
        self.view: ListView = self.spec.views[0]
        columns, widths, stretch, self._empty = LISTS[self.spec.kind]
        self.model = RowsModel(columns, "KpiList", self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.heading = named(QLabel(), "dialogHeading")
        self.summary = named(QLabel(), "dialogHint")
        self.summary.setWordWrap(True)
        self.view_group = QButtonGroup(self)
        self.view_buttons: list[QPushButton] = []
        for index, _view in enumerate(self.spec.views):
            button = named(QPushButton(), "listViewButton")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.view_group.addButton(button, index)
            self.view_buttons.append(button)
        self.view_buttons[0].setChecked(True)
        self.view_group.idClicked.connect(self._view_chosen)
        self.table = named(QTableView(), "kpiListTable")
        self._set_up_table(widths, stretch)
        self.empty = named(QLabel(), "panelEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.status = named(QLabel(), "dialogHint")
        self.close_button = named(QPushButton(), "closeButton")
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        views = QHBoxLayout()
        views.setSpacing(6)
        for button in self.view_buttons:
            views.addWidget(button)
            button.setVisible(len(self.view_buttons) > 1)
        views.addStretch(1)
        layout.addLayout(views)
        layout.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        width = sum(widths.values()) + TITLE_MIN + 48 + 24 if self.spec.kind.endswith("request") else 980
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(width, screen.width() - 40), min(640, screen.height() - 60))
        self._retranslate()
        self._load()

    def _set_up_table(self, widths: dict[str, int], stretch: str) -> None:
        t = self.table
        t.setModel(self.proxy)
        t.setSortingEnabled(True)
        t.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # core's order until a header is clicked
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(30)
        t.setFrameShape(QFrame.Shape.NoFrame)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for key, width in widths.items():
            t.setColumnWidth(self.model.column_of(key), width)
        header.setSectionResizeMode(self.model.column_of(stretch), QHeaderView.ResizeMode.Stretch)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        title = self.request.title or QCoreApplication.translate("Kpi", self.spec.title)
        where = self.request.row_name or self._scope_text
        self.setWindowTitle(_t(QT_TRANSLATE_NOOP("KpiList", "%1明细")).replace("%1", title))
        self.heading.setText(f"{title} · {where}")
        self.summary.setText(f"{self._period_text}　{QCoreApplication.translate('Kpi', self.spec.definition)}")
        for button, view in zip(self.view_buttons, self.spec.views, strict=True):
            count = view_count(view.key, self.request.indicators)
            label = tr(view.label)
            with_count = _t(QT_TRANSLATE_NOOP("KpiList", "%1（%2）"))  # full-width brackets are Chinese only
            button.setText(label if count is None else with_count.replace("%1", label).replace("%2", number(count)))
        self.close_button.setText(_t(QT_TRANSLATE_NOOP("KpiList", "关闭")))
        self.empty.setText(_t(self._empty))
        self._show_status()

    def _show_status(self) -> None:
        if self.loading:
            self.status.setText(_t(QT_TRANSLATE_NOOP("KpiList", "正在读取…")))
        else:
            shown = number(self.model.rowCount())
            self.status.setText(_t(QT_TRANSLATE_NOOP("KpiList", "共 %1 条")).replace("%1", shown))

    @property
    def loading(self) -> bool:
        return self._job is not None and not self._job.done

    def _view_chosen(self, index: int) -> None:
        self.view = self.spec.views[index]
        self._load()

    def _load(self) -> None:
        request, view, factory = self.request, self.view.key, self._factory

        def rows(_ctx: JobContext) -> list[Any]:
            with factory() as session:
                return load_rows(session, request, view)

        job = run_in_background(rows, name="kpi_list", parent=self)
        self._job = job
        job.result.connect(lambda found, job=job: self._show(job, found))
        job.error.connect(lambda _exc, job=job: self._failed(job))
        self._show_status()

    def _show(self, job: Job, rows: list[Any]) -> None:
        if job is not self._job:
            return  # an earlier view's answer
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._show_status()

    def _failed(self, job: Job) -> None:
        if job is self._job:
            self.model.set_rows([])
            self.stack.setCurrentWidget(self.empty)
            self.status.setText(_t(QT_TRANSLATE_NOOP(
                "KpiList", "读取明细时出现问题，请关闭后重试；如果反复出现，请联系系统管理员。")))

    def row_ids(self) -> list[str]:
        """Ids of the rows shown, in the order shown."""
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()).id
                for r in range(self.proxy.rowCount())]


__all__ = ["PATROL_LIST", "KpiListDialog", "ListRequest", "load_rows"]
