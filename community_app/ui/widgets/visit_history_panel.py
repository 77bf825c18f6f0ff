"""The right-hand card of the visits page: who is selected (name, tags, when due) and their
visits, newest first — when, how, by whom, what was found, and the request a follow-up
became."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from community_app.core.visits import VisitDue, VisitRecord
from community_app.ui.fieldwork_texts import (
    METHOD_NAMES,
    OUTCOME_NAMES,
    code_name,
    day_text,
    interval_text,
    lateness_text,
)
from community_app.ui.i18n import stage_name
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.flow_layout import FlowLayout
from community_app.ui.widgets.named import named


class VisitHistoryPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.setProperty("card", True)
        self.subject: VisitDue | None = None
        self.records: list[VisitRecord] | None = None  # None: being read
        self.title = named(QLabel(), "sectionTitle")
        self.name_label = named(QLabel(), "historyName")
        self.summary_label = named(QLabel(), "historySummary")
        self.summary_label.setWordWrap(True)
        self.tags = QWidget()
        self.tag_layout = FlowLayout(self.tags, spacing=6)
        self.empty_label = named(QLabel(), "panelEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.list = named(QWidget(), "historyList")
        self.rows = QVBoxLayout(self.list)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(0)
        self.rows.addStretch(1)
        scroll = named(QScrollArea(), "historyScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.list)
        self.scroll = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.name_label)
        layout.addWidget(self.tags)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.empty_label, 1)  # one of these two takes the room left
        layout.addWidget(scroll, 1)
        self._retranslate()
        self.show_subject(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("走访记录"))
        self._show()

    def show_subject(self, subject: VisitDue | None) -> None:
        """A resident was selected (their records follow with show_records)."""
        self.subject, self.records = subject, None
        self._show()

    def show_records(self, resident_id: str, records: list[VisitRecord]) -> None:
        if self.subject is not None and self.subject.resident_id == resident_id:
            self.records = records
            self._show()

    def _show(self) -> None:
        s = self.subject
        while self.tag_layout.count():
            item = self.tag_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        while self.rows.count() > 1:
            item = self.rows.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for widget in (self.name_label, self.tags, self.summary_label):
            widget.setVisible(s is not None)
        self.scroll.setVisible(bool(self.records))
        if s is None:
            self.empty_label.setText(self.tr("在左侧选择一位居民，查看其走访记录。"))
            self.empty_label.show()
            return
        self.name_label.setText(s.name)
        for name in s.tag_names:
            self.tag_layout.addWidget(named(QLabel(name), "tagChip"))
        self.summary_label.setText(self.tr("%1走访\n应走访日期 %2（%3）")
                                   .replace("%1", interval_text(s.interval_days))
                                   .replace("%2", day_text(s.due_date))
                                   .replace("%3", lateness_text(s.days_overdue, s.state)))
        if self.records is None:
            self.empty_label.setText(self.tr("正在读取走访记录…"))
        elif not self.records:
            self.empty_label.setText(self.tr("还没有走访记录。点击“记录走访”登记第一次走访。"))
        self.empty_label.setVisible(not self.records)
        for record in self.records or []:
            self.rows.insertWidget(self.rows.count() - 1, self._row(record))

    def _row(self, r: VisitRecord) -> QFrame:
        """when + outcome badge; the notes; who and how, and what became of a follow-up."""
        row = named(QFrame(), "historyRow")
        layout = QVBoxLayout(row)
        layout.setContentsMargins(2, 8, 2, 8)
        layout.setSpacing(3)
        top = QHBoxLayout()
        top.setSpacing(8)
        badge = named(QLabel(code_name(OUTCOME_NAMES, r.outcome)), "outcomeBadge")
        badge.setProperty("outcome", r.outcome)
        top.addWidget(named(QLabel(format_minutes(r.visited_at)), "historyTime"))
        top.addWidget(badge)
        top.addStretch(1)
        layout.addLayout(top)
        if r.notes:
            layout.addWidget(self._wrapped(r.notes, "historyText"))
        extras = [f"{r.staff_name} · {code_name(METHOD_NAMES, r.method)}"]
        if r.followup_ticket_no:
            extras.append(self.tr("已转诉求 %1（%2）").replace("%1", r.followup_ticket_no)
                          .replace("%2", stage_name(r.followup_stage or "")))
        elif r.needs_followup:
            extras.append(self.tr("需要后续跟进"))
        if r.photo_count:
            extras.append(self.tr("照片 %n 张", "", r.photo_count))
        layout.addWidget(self._wrapped("　".join(extras), "historyLink" if len(extras) > 1 else "historyTime"))
        return row

    @staticmethod
    def _wrapped(text: str, name: str) -> QLabel:
        label = named(QLabel(text), name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wrap, never widen
        return label
