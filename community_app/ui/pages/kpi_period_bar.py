"""The period picker of the supervisor's indicators: 本月 · 上月 · 本季度 · 上季度 · 本年 ·
自定义 (two dates and 查询). Emits period_changed(core.kpi_period.Period)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from community_app.core.kpi_period import MAX_DAYS, PERIOD_KINDS, Period, PeriodKind, preset
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.widgets.named import named

KIND_NAMES: dict[str, str] = {
    "this_month": QT_TRANSLATE_NOOP("KpiPeriodBar", "本月"),
    "last_month": QT_TRANSLATE_NOOP("KpiPeriodBar", "上月"),
    "this_quarter": QT_TRANSLATE_NOOP("KpiPeriodBar", "本季度"),
    "last_quarter": QT_TRANSLATE_NOOP("KpiPeriodBar", "上季度"),
    "this_year": QT_TRANSLATE_NOOP("KpiPeriodBar", "本年"),
    "custom": QT_TRANSLATE_NOOP("KpiPeriodBar", "自定义"),
}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class KpiPeriodBar(QWidget):
    period_changed = Signal(object)  # Period

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiPeriodBar")
        self.today = today
        self.period: Period = preset("this_month", today)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(0)
        outer.addLayout(row)
        for index, kind in enumerate(PERIOD_KINDS):
            button = named(QPushButton(), "periodButton")
            button.setCheckable(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setProperty("position", "first" if index == 0 else
                               "last" if index == len(PERIOD_KINDS) - 1 else "middle")
            self.group.addButton(button, index)
            self.buttons[kind] = button
            row.addWidget(button)
        self.buttons["this_month"].setChecked(True)
        self.group.idClicked.connect(self._kind_clicked)

        self.from_edit = self._date_edit("periodFrom", self.period.start)
        self.dash = named(QLabel("—"), "periodDash")
        self.to_edit = self._date_edit("periodTo", self.period.end)
        self.apply_button = named(QPushButton(), "periodApply")
        self.apply_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.apply_button.clicked.connect(self._apply_custom)
        dates = QHBoxLayout()  # under the buttons, so choosing 自定义 does not widen the row
        dates.setSpacing(6)
        dates.addStretch(1)
        for widget in (self.from_edit, self.dash, self.to_edit, self.apply_button):
            dates.addWidget(widget)
            widget.setVisible(False)
        outer.addLayout(dates)
        self._retranslate()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = named(QDateEdit(_qdate(day)), name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMaximumDate(_qdate(date(self.today.year + 1, 12, 31)))
        return edit

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for kind, button in self.buttons.items():
            button.setText(_translate(KIND_NAMES[kind]))
        self.apply_button.setText(_translate(QT_TRANSLATE_NOOP("KpiPeriodBar", "查询")))
        self.from_edit.setToolTip(_translate(QT_TRANSLATE_NOOP("KpiPeriodBar", "第一天")))
        self.to_edit.setToolTip(_translate(QT_TRANSLATE_NOOP("KpiPeriodBar", "最后一天（含）")))

    @property
    def kind(self) -> PeriodKind:
        return PERIOD_KINDS[max(self.group.checkedId(), 0)]

    def renewed(self, today: date) -> Period:
        """The chosen period as of `today` (本月 is another month after midnight on the 1st)."""
        self.today = today
        if self.kind != "custom":
            self.period = preset(self.kind, today)
        return self.period

    def choose(self, kind: PeriodKind) -> None:
        """Select a preset as a click would (custom shows the date fields)."""
        self.buttons[kind].setChecked(True)
        self._kind_clicked(PERIOD_KINDS.index(kind))

    def set_custom(self, start: date, end: date) -> None:
        self.buttons["custom"].setChecked(True)
        self._show_custom(True)
        self.from_edit.setDate(_qdate(start))
        self.to_edit.setDate(_qdate(end))
        self._apply_custom()

    def _kind_clicked(self, index: int) -> None:
        kind = PERIOD_KINDS[index]
        self._show_custom(kind == "custom")
        if kind != "custom":
            self._emit(preset(kind, self.today))

    def _show_custom(self, shown: bool) -> None:
        for widget in (self.from_edit, self.dash, self.to_edit, self.apply_button):
            widget.setVisible(shown)

    def _apply_custom(self) -> None:
        start, end = _date(self.from_edit.date()), _date(self.to_edit.date())
        if end < start:  # typed the wrong way round: take them as meant
            start, end = end, start
        start = max(start, end - timedelta(days=MAX_DAYS))
        self.from_edit.setDate(_qdate(start))
        self.to_edit.setDate(_qdate(end))
        self._emit(Period(start, end, "custom"))

    def _emit(self, period: Period) -> None:
        self.period = period
        self.period_changed.emit(period)


def _translate(text: str) -> str:
    return QCoreApplication.translate("KpiPeriodBar", text)
