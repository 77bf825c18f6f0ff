"""A date field that may be left empty: QDateEdit always holds a date, so the day before the
earliest allowed date stands for "not filled in" and shows a placeholder text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

EARLIEST = QDate(1900, 1, 1)
EMPTY = EARLIEST.addDays(-1)
CALENDAR_START = QDate(1970, 1, 1)  # where the calendar opens when nothing is filled in


class OptionalDateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(EMPTY)
        self.setSpecialValueText(" ")  # the placeholder; set_placeholder() gives it words
        self.set_value(None)

    def set_placeholder(self, text: str) -> None:
        self.setSpecialValueText(text)

    def set_maximum(self, day: date) -> None:
        self.setMaximumDate(QDate(day.year, day.month, day.day))

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(EMPTY)
            calendar = self.calendarWidget()
            if calendar is not None:
                calendar.setCurrentPage(CALENDAR_START.year(), CALENDAR_START.month())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date | None:
        current = self.date()
        if current <= EMPTY:
            return None
        return date(current.year(), current.month(), current.day())
