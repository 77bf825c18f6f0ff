"""工作台: the day's numbers for the signed-in user's community or grid cells.

Counting happens in core.dashboard (SQL) on a background thread; this page only shows
the DashboardCounts it gets back, so the window is up before the numbers are.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
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
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.dashboard import DashboardCounts, dashboard_counts
from community_app.core.stages import OPEN_STAGES
from community_app.ui.i18n import stage_name
from community_app.ui.icons import icon
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.widgets.stat_card import StatCard
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)

# which unit each card counts in
PERSON, HOUSEHOLD, CASE = "person", "household", "case"
CARD_UNITS = {"residents": PERSON, "households": HOUSEHOLD, "visits_due": PERSON,
              "open_total": CASE, "overdue": CASE, "due_soon": CASE}


class Unit:
    """The "Unit" translation context. pyside6-lupdate takes a bare name as translate()'s fourth
    argument for the old `encoding` argument, so translate(..., count) is never marked plural;
    Unit.tr(text, disambiguation, count) is."""

    @staticmethod
    def tr(text: str, disambiguation: str, count: int) -> str:
        return QCoreApplication.translate("Unit", text, disambiguation, count)


def unit_text(unit: str, count: int) -> str:
    """The unit after a number; English needs the count to choose singular or plural."""
    if unit == PERSON:
        return Unit.tr("人", "", count)
    if unit == HOUSEHOLD:
        return Unit.tr("户", "", count)
    return Unit.tr("件", "", count)


class DashboardPage(QWidget):
    """Emits loaded(DashboardCounts) each time fresh numbers are shown."""

    loaded = Signal(object)
    load_failed = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._user = user
        self._session_factory = session_factory
        self._job: Job | None = None
        self.counts: DashboardCounts | None = None

        self.title_label = named(QLabel(), "pageTitle")
        self.subtitle_label = named(QLabel(), "pageSubtitle")
        self.status_label = named(QLabel(), "pageStatus")
        self.refresh_button = named(QPushButton(icon("refresh"), ""), "refreshButton")
        self.refresh_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.refresh_button.clicked.connect(self.refresh)
        self.error_label = named(QLabel(), "errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.cards: dict[str, StatCard] = {
            "residents": StatCard("residents", "accent"),
            "households": StatCard("households", "accent"),
            "visits_due": StatCard("visits_due"),
            "open_total": StatCard("open_total", "accent"),
            "overdue": StatCard("overdue"),
            "due_soon": StatCard("due_soon"),
        }
        self.stage_cards: dict[str, StatCard] = {
            code: StatCard(f"stage_{code}", show_share=True) for code in OPEN_STAGES
        }
        self.section_labels = [named(QLabel(), "sectionTitle") for _ in range(3)]
        self._build()
        self._retranslate()

    # layout ---------------------------------------------------------------------------
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
        for label, keys in (
            (self.section_labels[0], ["residents", "households", "visits_due"]),
            (self.section_labels[1], ["open_total", "overdue", "due_soon"]),
        ):
            body.addSpacing(6)
            body.addWidget(label)
            body.addLayout(self._row([self.cards[k] for k in keys]))
        body.addSpacing(6)
        body.addWidget(self.section_labels[2])
        body.addLayout(self._stage_row())
        body.addStretch(1)

        content = named(QWidget(), "pageContent")
        content.setLayout(body)
        body.setContentsMargins(28, 22, 28, 22)
        scroll = named(QScrollArea(), "pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    @staticmethod
    def _row(cards: list[StatCard]) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
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
                arrow = named(QLabel(), "stageArrow")
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
        sections = (self.tr("基本情况"), self.tr("诉求办理"), self.tr("在办诉求 · 按办理环节"))
        for label, text in zip(self.section_labels, sections, strict=True):
            label.setText(text)
        c = self.cards
        c["residents"].set_texts(self.tr("居民总数"), self.tr("在册常住、流动及境外人员"))
        c["households"].set_texts(self.tr("户数"), self.tr("有在册居民的住户"))
        c["visits_due"].set_texts(self.tr("待走访"), self.tr("特殊群体居民，已到或超过走访周期"))
        c["open_total"].set_texts(self.tr("在办诉求"), self.tr("尚未办结的居民诉求"))
        c["overdue"].set_texts(self.tr("已超期"), self.tr("已超过办理时限，请优先处理"))
        c["due_soon"].set_texts(self.tr("即将超期"), self.tr("24 小时内到期"))
        for code, card in self.stage_cards.items():
            card.set_texts(stage_name(code))
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
        if self._job is not None and not self._job.done:
            self.status_label.setText(self.tr("正在统计…"))
        else:
            self.status_label.setText("")

    # data -------------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.counts is not None

    @property
    def loading(self) -> bool:
        return self._job is not None and not self._job.done

    def refresh(self) -> None:
        if self.loading:
            return
        user, factory = self._user, self._session_factory

        def count(_ctx: JobContext) -> DashboardCounts:
            with factory() as session:
                return dashboard_counts(session, user=user)

        self.refresh_button.setEnabled(False)
        self._job = run_in_background(count, name="dashboard_counts", parent=self)
        self._job.result.connect(self._show_counts)
        self._job.error.connect(self._show_error)
        self._update_subtitle()

    def _show_counts(self, counts: DashboardCounts) -> None:
        self.counts = counts
        self.error_label.hide()
        for key, card in self.cards.items():
            card.set_value(getattr(counts, key))
        for code, card in self.stage_cards.items():
            card.set_value(counts.open_by_stage.get(code, 0), counts.open_total)
        self._update_units()
        self.cards["overdue"].set_tone("danger" if counts.overdue else "normal")
        self.cards["due_soon"].set_tone("warning" if counts.due_soon else "normal")
        self.cards["visits_due"].set_tone("warning" if counts.visits_due else "normal")
        self.refresh_button.setEnabled(True)
        self._update_subtitle()
        self.loaded.emit(counts)

    def _show_error(self, _exc: object) -> None:
        self.refresh_button.setEnabled(True)
        self.error_label.setText(self.tr(
            "统计数据时出现问题，以下数字可能不是最新的。请稍后点击“刷新”重试；"
            "如果问题反复出现，请联系系统管理员。"
        ))
        self.error_label.show()
        self._update_subtitle()
        self.load_failed.emit()
