"""A month picker for reports: ‹ 2026年11月 › — the last two years' months in a drop-down,
the month just ended chosen at first, none after the current one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from community_app.ui.widgets.named import named

MONTHS_OFFERED = 24


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after day's month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class MonthPicker(QWidget):
    month_changed = Signal(object)  # date: the first day of the chosen month

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.prev_button = named(QPushButton("‹"), "monthPrev")
        self.next_button = named(QPushButton("›"), "monthNext")
        self.combo = named(QComboBox(), "monthCombo")
        for button in (self.prev_button, self.next_button):
            button.setProperty("tool", True)
            button.setFixedSize(32, 30)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.prev_button)
        row.addWidget(self.combo, 1)
        row.addWidget(self.next_button)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.combo.activated.connect(lambda _i: self._changed())
        self._fill(add_months(today, -1))  # a monthly report is mostly printed for the month just ended
        self._retranslate()

    @property
    def month(self) -> date:
        value = self.combo.currentData()
        return value if isinstance(value, date) else add_months(self.today, 0)

    def set_month(self, day: date) -> None:
        self._fill(add_months(day, 0))
        self._changed()

    def step(self, months: int) -> None:
        self.set_month(add_months(self.month, months))

    def _fill(self, chosen: date) -> None:
        latest = add_months(self.today, 0)
        chosen = min(chosen, latest)
        months = [add_months(latest, -i) for i in range(MONTHS_OFFERED)]
        if chosen not in months:
            months.append(chosen)
        self.combo.blockSignals(True)
        self.combo.clear()
        for month in months:
            self.combo.addItem(self._label(month), month)
        self.combo.setCurrentIndex(months.index(chosen))
        self.combo.blockSignals(False)
        self.next_button.setEnabled(chosen < latest)

    def _label(self, month: date) -> str:
        return self.tr("%1年%2月").replace("%1", str(month.year)).replace("%2", str(month.month))

    def _changed(self) -> None:
        self.next_button.setEnabled(self.month < add_months(self.today, 0))
        self.month_changed.emit(self.month)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.prev_button.setToolTip(self.tr("上个月"))
        self.next_button.setToolTip(self.tr("下个月"))
        for i in range(self.combo.count()):
            self.combo.setItemText(i, self._label(self.combo.itemData(i)))
