"""巡查管理: the patrol plans of the user's grid cells with their last round and due state;
the selected plan's recent rounds; the month's patrol coverage (巡查覆盖率) per grid cell.
开始巡查 opens the round dialog that walks the checklist item by item; supervisors make and
change plans (checklist, frequency).

Everything is read by core.patrols on background threads and shown as frozen dataclasses;
late answers for an older request are dropped by generation numbers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QPushButton, QSplitter, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import localtime, roles
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_rules import GRACE_DAYS, can_plan, can_record
from community_app.core.patrol_coverage import CoverageReport, month_bounds
from community_app.core.patrols import PatrolPlanRow, RoundRow, patrol_coverage, patrol_plans, plan_cells, recent_rounds
from community_app.ui.models.fieldwork_models import coverage_model, plan_model, round_model
from community_app.ui.pages.fieldwork_page import FieldworkPage
from community_app.ui.place_texts import number
from community_app.ui.widgets.list_panel import ListPanel
from community_app.ui.widgets.named import named

log = logging.getLogger(__name__)

PLAN_WIDTHS = {"grid": 96, "frequency": 76, "items": 64, "worker": 80, "last": 150, "due": 104, "state": 168}
ROUND_WIDTHS = {"started": 136, "staff": 64, "state": 64, "problems": 48, "requests": 48}
COVERAGE_WIDTHS = {"worker": 64, "planned": 60, "covered": 60, "rounds": 68, "rate": 64}
MONTHS_SHOWN = 6


@dataclass(frozen=True)
class _Plans:
    generation: int
    plans: list[PatrolPlanRow]
    cells: list[tuple[str, str]]
    as_of: datetime


def _months(today: date, count: int) -> list[date]:
    """The first day of this month and of the count - 1 before it."""
    firsts, year, month = [], today.year, today.month
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return firsts


class PatrolsPage(FieldworkPage):
    """Emits loaded(int) — the number of plans — each time the plans have been (re)read."""

    coverage_loaded = Signal(object)  # CoverageReport

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, "patrolsPage", parent)
        self.plans: list[PatrolPlanRow] | None = None
        self.cells: list[tuple[str, str]] = []
        self.coverage: CoverageReport | None = None
        self._generation = {"plans": 0, "rounds": 0, "coverage": 0}

        self.new_plan_button = named(QPushButton(), "newPlanButton")
        self.edit_plan_button = named(QPushButton(), "editPlanButton")
        for button in (self.new_plan_button, self.edit_plan_button):
            button.setVisible(can_plan(user))
        self.plan_list = ListPanel("planPanel", plan_model(self), PLAN_WIDTHS, "name")
        self.start_button = self.plan_list.add_button("startPatrolButton")
        self.start_button.setObjectName("primaryButton")
        self.start_button.setVisible(can_record(user))
        self.round_list = ListPanel("roundPanel", round_model(self), ROUND_WIDTHS, "notes")
        self.coverage_list = ListPanel("coveragePanel", coverage_model(self), COVERAGE_WIDTHS, "grid")
        self.month_combo = named(QComboBox(), "coverageMonth")
        self.coverage_list.buttons.addWidget(self.month_combo)
        today = localtime.today()
        for first in _months(today, MONTHS_SHOWN):
            self.month_combo.addItem("", first)
        self._build()
        self._connect()
        self._retranslate()
        self._update_buttons()

    # layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.round_list)
        bottom.addWidget(self.coverage_list)
        bottom.setSizes([600, 560])
        main = QSplitter(Qt.Orientation.Vertical)
        main.setChildrenCollapsible(False)
        main.addWidget(self.plan_list)
        main.addWidget(bottom)
        main.setSizes([330, 360])
        for splitter in (bottom, main):
            splitter.setHandleWidth(12)
        self._lay_out((self.new_plan_button, self.edit_plan_button), [(main, 1)])

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.plan_list.current_changed.connect(self._plan_selected)
        self.plan_list.activated.connect(lambda _row: self.start_patrol())
        self.start_button.clicked.connect(self.start_patrol)
        self.new_plan_button.clicked.connect(self.new_plan)
        self.edit_plan_button.clicked.connect(self.edit_plan)
        self.month_combo.currentIndexChanged.connect(lambda _i: self.load_coverage())

    # texts -----------------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("巡查管理"))
        self.refresh_button.setText(self.tr("刷新"))
        self.new_plan_button.setText(self.tr("新建巡查计划…"))
        self.edit_plan_button.setText(self.tr("修改计划…"))
        self.plan_list.title.setText(self.tr("巡查计划"))
        self.round_list.title.setText(self.tr("巡查记录"))
        self.coverage_list.title.setText(self.tr("巡查覆盖率"))
        for i in range(self.month_combo.count()):
            first: date = self.month_combo.itemData(i)
            self.month_combo.setItemText(i, self.tr("%1年%2月").replace("%1", str(first.year))
                                         .replace("%2", str(first.month)))
        self.coverage_list.table.setToolTip(self.tr(
            "覆盖率 = 有完成巡查的周期数 ÷ 应巡查的周期数。按计划频次把当月（截至今天）划分为若干周期，"
            "每个周期内至少完成一次巡查即为覆盖。"))
        self._update_subtitle()
        self._update_buttons()
        self._show_coverage_note()

    def _update_subtitle(self) -> None:
        scope = self.tr("我负责的网格") if self.user.role_code == roles.GRID_WORKER else self.tr("全社区")
        self._show_subtitle(self.tr("范围：%1").replace("%1", scope),
                            self.tr("到期后超过 %n 天未巡查即为超期", "", GRACE_DAYS), self.tr("截至 %1（北京时间）"))
        if self.plans is not None:
            due = sum(1 for p in self.plans if p.is_due)
            self.plan_list.note.setFullText(self.tr("共 %1 个计划，%2 个待巡查").replace("%1", number(len(self.plans)))
                                            .replace("%2", number(due)))

    def _update_buttons(self) -> None:
        plan = self.plan_list.current()
        has = isinstance(plan, PatrolPlanRow)
        self.start_button.setEnabled(has and plan.active)  # type: ignore[union-attr]
        resume = has and plan.open_round_id is not None  # type: ignore[union-attr]
        self.start_button.setText(self.tr("继续巡查…") if resume else self.tr("开始巡查…"))
        self.edit_plan_button.setEnabled(has)
        self.new_plan_button.setEnabled(bool(self.cells))

    def _show_coverage_note(self) -> None:
        c = self.coverage
        if c is None:
            self.coverage_list.note.setFullText("")
            return
        rate = "—" if c.coverage is None else f"{c.coverage * 100:.0f}%"
        self.coverage_list.note.setFullText(self.tr("合计 %1（%2/%3 个周期）").replace("%1", rate)
                                            .replace("%2", number(c.covered)).replace("%3", number(c.planned)))

    # data --------------------------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.plans is not None and (self.coverage is not None or self.user.community_code is None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.plans is None and not self._busy("patrol_plans"):
            self.refresh()

    def refresh(self) -> None:
        self._generation["plans"] += 1
        generation, user = self._generation["plans"], self.user

        def load(session: Session) -> _Plans:
            now = datetime.now(UTC)
            return _Plans(generation, patrol_plans(session, user, now=now), plan_cells(session, user), now)

        job = self._start(load, "patrol_plans")
        job.result.connect(self._plans_loaded)
        job.error.connect(self._failed)
        self.refresh_button.setEnabled(False)
        self.load_coverage()

    def _plans_loaded(self, answer: _Plans) -> None:
        if answer.generation != self._generation["plans"]:
            return
        self.refresh_button.setEnabled(True)
        self.error_label.hide()
        self.plans, self.cells, self.as_of = answer.plans, answer.cells, answer.as_of
        current = self.plan_list.current()
        empty = self.tr("还没有巡查计划。") + (self.tr("点击“新建巡查计划”为网格制定巡查清单和频次。")
                                           if can_plan(self.user) else self.tr("请联系社区负责人制定巡查计划。"))
        self.plan_list.set_rows(answer.plans, getattr(current, "id", None), empty, else_first=True)  # type: ignore[arg-type]
        self._update_subtitle()
        self._update_buttons()
        self.loaded.emit(len(answer.plans))

    def _failed(self, _exc: object) -> None:
        self._read_failed(self.tr(
            "读取巡查信息时出现问题，列表可能不完整。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。"))

    def _plan_selected(self, plan: PatrolPlanRow | None) -> None:
        self._update_buttons()
        self._generation["rounds"] += 1
        if plan is None:
            self.round_list.set_rows([], None, self.tr("选择一个巡查计划，查看其巡查记录。"))
            return
        generation, plan_id = self._generation["rounds"], plan.id

        def load(session: Session) -> tuple[int, list[RoundRow]]:
            return generation, recent_rounds(session, plan_id)

        job = self._start(load, "patrol_rounds")
        job.result.connect(self._rounds_loaded)
        self.round_list.note.setFullText(plan.name)

    def _rounds_loaded(self, answer: tuple[int, list[RoundRow]]) -> None:
        generation, rows = answer
        if generation == self._generation["rounds"]:
            self.round_list.set_rows(rows, None, self.tr("这个计划还没有巡查记录。"))

    def load_coverage(self) -> None:
        community = self.user.community_code
        if community is None:
            return
        self._generation["coverage"] += 1
        generation = self._generation["coverage"]
        first, last = month_bounds(self.month_combo.currentData() or localtime.today())

        def load(session: Session) -> tuple[int, CoverageReport]:
            return generation, patrol_coverage(session, community, first, last)

        job = self._start(load, "patrol_coverage")
        job.result.connect(self._coverage_loaded)
        job.error.connect(self._failed)

    def _coverage_loaded(self, answer: tuple[int, CoverageReport]) -> None:
        generation, report = answer
        if generation != self._generation["coverage"]:
            return
        self.coverage = report
        self.coverage_list.set_rows(list(report.rows), None, self.tr("本社区还没有网格。"))
        self._show_coverage_note()
        self.coverage_loaded.emit(report)

    # actions -----------------------------------------------------------------------------------------
    def start_patrol(self) -> QWidget | None:
        plan = self.plan_list.current()
        if not isinstance(plan, PatrolPlanRow) or not plan.active or not can_record(self.user):
            return None
        from community_app.ui.dialogs.patrol_round_dialog import PatrolRoundDialog

        dialog = PatrolRoundDialog(self.user, self.session_factory, plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._round_changed)
        dialog.open()
        return dialog

    def _round_changed(self, message: str) -> None:
        if message:
            self.notice_label.setText(message)
            self.notice_label.show()
        self.refresh()

    def _plan_saved(self, _plan_id: str) -> None:
        self.refresh()

    def new_plan(self) -> QWidget | None:
        return self._plan_dialog(None)

    def edit_plan(self) -> QWidget | None:
        plan = self.plan_list.current()
        return self._plan_dialog(plan) if isinstance(plan, PatrolPlanRow) else None

    def _plan_dialog(self, plan: PatrolPlanRow | None) -> QWidget | None:
        if not can_plan(self.user) or not self.cells:
            return None
        from community_app.ui.dialogs.patrol_plan_dialog import PatrolPlanDialog

        dialog = PatrolPlanDialog(self.user, self.session_factory, plan, self.cells, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._plan_saved)
        dialog.open()
        return dialog
