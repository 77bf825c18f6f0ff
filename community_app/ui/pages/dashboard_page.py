"""工作台: the day's numbers for the signed-in user's community or grid cells and, for those
who may see reports (supervisors), the standard indicators of a chosen period.

Counting happens in core (core.dashboard, core.kpis: SQL) on background threads; this page
only shows the DashboardCounts and KpiReport it gets back, so the window is up before the
numbers are. The numbers of the day come through a plain connection (core.dashboard needs no
SQLAlchemy); the indicators' part of the page (SupervisorView, QtCharts, core.kpis) is built
when its first report arrives, so the start never waits for those imports.

A click on any number — an indicator, a card of the day, a stage — opens the
list behind it (KpiListDialog), counted with the same conditions at the same moment.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.beside import Beside
from community_app.core.dashboard import DashboardCounts, Scope, numbers_of_the_day, scope_for
from community_app.core.deadline_rules import DUE_SOON
from community_app.core.kpi_period import Period, local_date, preset
from community_app.core.stages import OPEN_STAGES
from community_app.ui.i18n import Unit, stage_name
from community_app.ui.icons import icon
from community_app.ui.timefmt import format_minutes
from community_app.ui.warm_up import when_warm
from community_app.ui.widgets.named import named
from community_app.ui.widgets.stat_card import StatCard
from community_app.ui.workers import Job, JobContext, run_in_background
from db.connection import utcnow
from db.database import SessionSource, plain_or_session

if TYPE_CHECKING:
    from community_app.core.kpis import KpiReport
    from community_app.ui.pages.kpi_list_dialog import KpiListDialog, ListRequest
    from community_app.ui.pages.supervisor_view import SupervisorView

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# which unit each card counts in
PERSON, HOUSEHOLD, CASE, PLAN = "person", "household", "case", "plan"
CARD_UNITS = {"residents": PERSON, "households": HOUSEHOLD, "visits_due": PERSON,
              "open_total": CASE, "overdue": CASE, "due_soon": CASE, "patrols_due": PLAN}
WORKER_SECTIONS = (("overdue", "due_soon", "visits_due", "patrols_due"), ("residents", "households", "open_total"))
SUPERVISOR_CARDS = ("residents", "households", "open_total", "overdue", "due_soon", "visits_due", "patrols_due")
STAGE_CARD = "stage_"  # a stage card's key: stage_<code>


def today_list_key(card_key: str) -> str:
    """The list (kpi_texts.TODAY_INDICATORS) behind a card: stage_dispatched → today:stage:dispatched."""
    from community_app.ui.pages.kpi_texts import TODAY_PREFIX

    if card_key.startswith(STAGE_CARD):
        return f"{TODAY_PREFIX}stage:{card_key.removeprefix(STAGE_CARD)}"
    return TODAY_PREFIX + card_key


def unit_text(unit: str, count: int) -> str:
    """The unit after a number; English needs the count to choose singular or plural."""
    if unit == PERSON:
        return Unit.tr("人", "", count)
    if unit == HOUSEHOLD:
        return Unit.tr("户", "", count)
    if unit == PLAN:
        return Unit.tr("项", "", count)
    return Unit.tr("件", "", count)


PendingCounts = Beside[tuple[Scope, DashboardCounts]]  # numbers_of_the_day, begun on a thread of its own


def count_in_background(user: CurrentUser, session_factory: SessionSource, *, parent: QObject | None = None,
                        counting: PendingCounts | None = None) -> Job:
    """The dashboard's numbers of the day for `user` (core.dashboard.numbers_of_the_day), counted on
    a pool thread — or collected from `counting`, begun on a plain thread the moment the user was
    signed in. The main window starts it before it builds anything and hands it to its
    DashboardPage; results arrive through the event loop, so connecting later loses nothing."""

    def count(_ctx: JobContext) -> tuple[Scope, DashboardCounts]:
        return counting.result() if counting is not None else numbers_of_the_day(session_factory, user)

    return run_in_background(count, name="dashboard_counts", parent=parent)


class DashboardPage(QWidget):
    """Emits loaded(DashboardCounts) each time a refresh has shown all its numbers (the
    indicators too, for supervisors), load_failed() when counting failed, and
    kpis_loaded(KpiReport) each time indicators (of a newly chosen period, say) are shown."""

    loaded = Signal(object)
    load_failed = Signal()
    kpis_loaded = Signal(object)
    counts_shown = Signal(object)  # DashboardCounts, as soon as they are on screen (before the indicators)

    def __init__(self, user: CurrentUser, session_factory: SessionSource,
                 parent: QWidget | None = None, *, counting: Job | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._user = user
        self._session_factory = session_factory
        self._counts_job: Job | None = None
        self._kpi_job: Job | None = None
        self._refreshing = False  # a refresh is waiting for its jobs
        self._kpi_pending = False  # indicators to load once the numbers of the day are shown
        # counting starts before the widgets are built (or earlier still, `counting` from
        # count_in_background): at a street's size the SQL takes about as long as building them
        # (a page never refreshed drops the answer)
        self._early_job: Job | None = self._count(counting)
        self.counts: DashboardCounts | None = None
        self.scope: Scope | None = None  # what the counts cover (core.dashboard.scope_for)
        self.report: KpiReport | None = None
        self.list_dialog: KpiListDialog | None = None
        self.shows_indicators = user.can(roles.REPORT_VIEW)

        # the frame first, then every widget made inside it: a widget that changes parent has
        # the style sheet matched again for it and all it holds (built bottom-up, the page was
        # re-styled three times over at every start: ≈20 ms)
        content = self._content = self._frame()
        self.title_label = named(QLabel(content), "pageTitle")
        self.subtitle_label = named(QLabel(content), "pageSubtitle")
        self.status_label = named(QLabel(content), "pageStatus")
        self.refresh_button = named(QPushButton(icon("refresh"), "", content), "refreshButton")
        self.refresh_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.refresh_button.clicked.connect(self.refresh)
        self.error_label = named(QLabel(content), "errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.cards: dict[str, StatCard] = {
            "residents": StatCard("residents", "accent", parent=content),
            "households": StatCard("households", "accent", parent=content),
            "visits_due": StatCard("visits_due", parent=content),
            "open_total": StatCard("open_total", "accent", parent=content),
            "overdue": StatCard("overdue", parent=content),
            "due_soon": StatCard("due_soon", parent=content),
            "patrols_due": StatCard("patrols_due", parent=content),
        }
        self.stage_cards: dict[str, StatCard] = {
            code: StatCard(f"{STAGE_CARD}{code}", show_share=True, parent=content) for code in OPEN_STAGES
        }
        for card in (*self.cards.values(), *self.stage_cards.values()):
            card.clicked.connect(self._card_clicked)
        self.section_labels = [named(QLabel(content), "sectionTitle") for _ in range(3)]
        self.kpi_view: SupervisorView | None = None  # built with the first indicators
        self.kpi_placeholder: QLabel | None = None  # holds its place until then
        if self.shows_indicators:
            self.kpi_placeholder = named(QLabel(content), "kpiPlaceholder")
            self.kpi_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.kpi_placeholder.setMinimumHeight(420)
        self._build()
        self._retranslate()

    # layout ---------------------------------------------------------------------------
    def _frame(self) -> QWidget:
        """The scroll area and the (still empty) widget it shows, in place in the page."""
        scroll = named(QScrollArea(self), "pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = named(QWidget(), "pageContent")
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return content

    def _build(self) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        header.addLayout(titles, 1)
        header.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addSpacing(12)
        header.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)

        body = QVBoxLayout()
        body.setSpacing(12)
        body.addLayout(header)
        body.addWidget(self.error_label)
        if self.kpi_placeholder is not None:
            body.addSpacing(4)
            body.addWidget(self.section_labels[0])
            for key in SUPERVISOR_CARDS:  # seven in a row: smaller numbers, tighter margins
                card = self.cards[key]
                card.setProperty("compact", True)
                card.layout().setContentsMargins(14, 12, 12, 12)
            body.addLayout(self._row([self.cards[k] for k in SUPERVISOR_CARDS]))
            body.addSpacing(8)
            body.addWidget(self.kpi_placeholder)
            self.section_labels[1].hide()  # a grid worker's second heading
        else:
            for label, keys in zip(self.section_labels[:2], WORKER_SECTIONS, strict=True):
                body.addSpacing(6)
                body.addWidget(label)
                body.addLayout(self._row([self.cards[k] for k in keys]))
        body.addSpacing(6)
        body.addWidget(self.section_labels[2])
        body.addLayout(self._stage_row())
        body.addStretch(1)

        self._body = body
        self._content.setLayout(body)
        body.setContentsMargins(28, 22, 28, 22)

    @staticmethod
    def _row(cards: list[StatCard]) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12 if len(cards) > 4 else 16)
        for column, card in enumerate(cards):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
        return grid

    def _stage_row(self) -> QHBoxLayout:
        """Stage cards in workflow order, joined by arrows."""
        row = QHBoxLayout()
        row.setSpacing(6)
        for index, card in enumerate(self.stage_cards.values()):
            if index:
                arrow = named(QLabel(self._content), "stageArrow")
                arrow.setPixmap(icon("stage-arrow").pixmap(QSize(20, 20)))
                row.addWidget(arrow)
            row.addWidget(card, 1)
        return row

    # texts ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("工作台"))
        self.refresh_button.setText(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("重新统计以下数字"))
        if self.kpi_placeholder is not None:
            self.kpi_placeholder.setText(self.tr("正在统计本月指标…"))
        if self.shows_indicators:
            sections = (self.tr("今日概况"), "", self.tr("在办诉求 · 按办理环节"))
        else:
            sections = (self.tr("我的待办"), self.tr("我负责的网格"), self.tr("在办诉求 · 按办理环节"))
        for label, text in zip(self.section_labels, sections, strict=True):
            label.setText(text)
        c = self.cards
        c["residents"].set_texts(self.tr("居民总数"), self.tr("在册常住、流动及境外人员"))
        c["households"].set_texts(self.tr("户数"), self.tr("有在册居民的住户"))
        c["visits_due"].set_texts(self.tr("待走访"), self.tr("特殊群体居民，已到或超过走访周期"))
        c["open_total"].set_texts(self.tr("在办诉求"), self.tr("尚未办结的居民诉求"))
        c["overdue"].set_texts(self.tr("已超期"), self.tr("已超过办理时限，请优先处理"))
        hours = str(int(DUE_SOON.total_seconds() // 3600))
        c["due_soon"].set_texts(self.tr("即将超期"), self.tr("剩余办理时间不足 %1 个工作小时").replace("%1", hours))
        c["patrols_due"].set_texts(self.tr("待巡查"), self.tr("巡查计划已到或超过巡查日期"))
        for code, card in self.stage_cards.items():
            card.set_texts(stage_name(code))
        for card in (*self.cards.values(), *self.stage_cards.values()):
            card.set_clickable(self.tr("点击查看明细"))
        self._update_units()
        self._update_subtitle()

    def _update_units(self) -> None:
        for key, card in self.cards.items():
            card.set_unit(unit_text(CARD_UNITS[key], card.value or 0))
        for card in self.stage_cards.values():
            card.set_unit(unit_text(CASE, card.value or 0))

    def _update_subtitle(self) -> None:
        scope = self.tr("我负责的网格") if self._user.role_code == roles.GRID_WORKER else self.tr("全社区")
        parts = [self.tr("统计范围：%1").replace("%1", scope)]
        if self.counts is not None:
            parts.append(self.tr("数据截至 %1（北京时间）").replace("%1", format_minutes(self.counts.as_of)))
        self.subtitle_label.setText("　·　".join(parts))
        self.status_label.setText(self.tr("正在统计…") if self.loading else "")
        if self.kpi_view is not None:
            self.kpi_view.set_loading(self._kpi_job is not None and not self._kpi_job.done)

    # data -------------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.counts is not None and (not self.shows_indicators or self.report is not None)

    @property
    def loading(self) -> bool:
        return self._kpi_pending or any(job is not None and not job.done for job in (self._counts_job, self._kpi_job))

    def _count(self, job: Job | None = None) -> Job:
        """Start counting the numbers of the day (or take `job`, begun by count_in_background);
        only the answer of the current _counts_job is shown."""
        if job is None:
            job = count_in_background(self._user, self._session_factory, parent=self)
        else:
            job.setParent(self)
        job.result.connect(lambda found, job=job: self._counted(*found) if job is self._counts_job else None)
        job.error.connect(lambda exc, job=job: self._show_error(exc) if job is self._counts_job else None)
        return job

    def refresh(self) -> None:
        """Count everything again; a refresh still running is superseded (its answers dropped)."""
        self._refreshing = True
        self.error_label.hide()
        self.refresh_button.setEnabled(False)
        early, self._early_job = self._early_job, None  # the first refresh takes the count begun in __init__
        self._counts_job = early if early is not None else self._count()
        if self.shows_indicators:
            # after the numbers of the day: the indicators' imports (SQLAlchemy, QtCharts) and
            # queries must not hold them up
            self._kpi_pending = True
        self._update_subtitle()

    def _start_kpis(self) -> None:
        if not self._kpi_pending:
            return
        self._kpi_pending = False
        today = local_date(utcnow())
        period = self.kpi_view.period_bar.renewed(today) if self.kpi_view is not None else preset("this_month", today)
        self._load_kpis(period)

    def _load_kpis(self, period: Period) -> None:
        """Indicators of `period` for the user's scope; an answer to an earlier choice is dropped."""
        user, factory = self._user, self._session_factory

        def compute(_ctx: JobContext) -> tuple[Scope, KpiReport]:
            from community_app.core.kpis import compute_kpis

            with factory() as session:
                scope = scope_for(session, user)
                return scope, compute_kpis(session, scope, period)

        job = run_in_background(compute, name="kpis", parent=self)
        self._kpi_job = job
        job.result.connect(lambda found, job=job: self._show_kpis(job, found))
        job.error.connect(lambda exc, job=job: self._show_error(exc) if job is self._kpi_job else None)
        self._update_subtitle()

    def display(self, counts: DashboardCounts, report: KpiReport | None = None, scope: Scope | None = None) -> None:
        """Show numbers counted elsewhere (a report being printed, a benchmark), without a job."""
        self.scope = scope or self.scope
        self._show_counts(counts)
        if report is not None and self.shows_indicators:
            self.report = report
            view = self._supervisor_view()
            view.scope = scope or view.scope
            view.show_report(report)

    def _supervisor_view(self) -> SupervisorView:
        """The indicators' part of the page, built in the placeholder's place on first use."""
        if self.kpi_view is None:
            from community_app.ui.pages.supervisor_view import SupervisorView

            # the scope is the community (scope_for reads cells only for grid workers)
            view = SupervisorView(Scope(self._user.community_code, None), local_date(utcnow()), self._content)
            view.period_changed.connect(self._load_kpis)
            view.list_requested.connect(self.open_list)
            if self.kpi_placeholder is not None:
                self._body.replaceWidget(self.kpi_placeholder, view)
                self.kpi_placeholder.deleteLater()
                self.kpi_placeholder = None
            self.kpi_view = view
        return self.kpi_view

    def _counted(self, scope: Scope, counts: DashboardCounts) -> None:
        self.scope = scope
        self._show_counts(counts)

    def _show_counts(self, counts: DashboardCounts) -> None:
        self.counts = counts
        for key, card in self.cards.items():
            card.set_value(getattr(counts, key))
        for code, card in self.stage_cards.items():
            card.set_value(counts.open_by_stage.get(code, 0), counts.open_total)
        self._update_units()
        self.cards["overdue"].set_tone("danger" if counts.overdue else "normal")
        self.cards["due_soon"].set_tone("warning" if counts.due_soon else "normal")
        self.cards["visits_due"].set_tone("warning" if counts.visits_due else "normal")
        self.cards["patrols_due"].set_tone("warning" if counts.patrols_due else "normal")
        self._update_subtitle()  # "数据截至 …" with the numbers
        self.counts_shown.emit(counts)
        self._finish_refresh()
        if self._kpi_pending:
            QTimer.singleShot(0, self, self._start_kpis)  # once the numbers are painted (not if the page is gone)

    def _show_kpis(self, job: Job, found: tuple[Scope, KpiReport]) -> None:
        if job is not self._kpi_job or not self.shows_indicators:
            return
        scope, report = found
        self.report = report
        view = self._supervisor_view()
        view.scope = scope
        view.show_report(report)
        self.kpis_loaded.emit(report)
        self._finish_refresh()

    def _finish_refresh(self) -> None:
        self._update_subtitle()
        if not self._refreshing or self.loading:
            return
        self._refreshing = False
        self.refresh_button.setEnabled(True)
        if self.error_label.isHidden() and self.is_loaded:
            self.loaded.emit(self.counts)
        else:
            self.load_failed.emit()

    def _show_error(self, _exc: object) -> None:
        self.error_label.setText(self.tr(
            "统计数据时出现问题，以下数字可能不是最新的。请稍后点击“刷新”重试；"
            "如果问题反复出现，请联系系统管理员。"
        ))
        self.error_label.show()
        if not self._refreshing:
            self.load_failed.emit()  # a period chosen later failed
        if self._kpi_pending:  # the numbers of the day failed: the indicators may still come
            QTimer.singleShot(0, self, self._start_kpis)
        self._finish_refresh()

    # lists --------------------------------------------------------------------------------
    def _card_clicked(self, card_key: str) -> None:
        # the list needs SQLAlchemy: while the warm-up thread still loads it (the first second
        # after sign-in), open when it is done instead of importing it here and freezing the window
        when_warm(self, lambda: self.open_today_list(card_key))

    def open_today_list(self, card_key: str) -> KpiListDialog | None:
        """The list behind a card of the day (or a stage card), as counted at the counts' moment."""
        from community_app.ui.pages.kpi_list_dialog import ListRequest

        counts = self.counts
        if counts is None:
            return None  # nothing counted yet: the card shows —
        if self.scope is None:  # numbers shown through display() without their scope
            with plain_or_session(self._session_factory) as db:
                self.scope = scope_for(db, self._user)
        title = stage_name(card_key.removeprefix(STAGE_CARD)) if card_key.startswith(STAGE_CARD) else ""
        request = ListRequest(indicator=today_list_key(card_key), scope=self.scope, period=None, now=counts.as_of,
                              title=title)
        as_of = self.tr("数据截至 %1（北京时间）").replace("%1", format_minutes(counts.as_of))
        return self.open_list(request, as_of)

    def open_list(self, request: ListRequest, period_text: str | None = None) -> KpiListDialog:
        """The list behind a number, in a window of its own (not blocking the page)."""
        from community_app.ui.pages.kpi_list_dialog import KpiListDialog

        if self.list_dialog is not None:
            self.list_dialog.close()
        if period_text is None:
            assert self.kpi_view is not None
            period_text = request.period_text or self.kpi_view.period_label.text()
        where = self.tr("我负责的网格") if self._user.role_code == roles.GRID_WORKER else self.tr("全社区")
        dialog = KpiListDialog(request, self._session_factory, period_text, where, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code, dialog=dialog: self._list_closed(dialog))
        self.list_dialog = dialog
        dialog.open()
        return dialog

    def _list_closed(self, dialog: KpiListDialog) -> None:
        if self.list_dialog is dialog:
            self.list_dialog = None
