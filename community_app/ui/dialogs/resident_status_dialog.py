"""迁出 and 死亡注销: the date (and for moving out, where to) of a status change. Neither deletes
anything — core keeps the record and changes its status — but both are worth a second look,
so each dialog says what will happen before the user confirms.

Opened with open() (window-modal, non-blocking); the caller reads the values in `accepted`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from community_app.core import localtime
from community_app.ui.dialogs.dialog_layout import button_row, dialog_column
from community_app.ui.widgets.named import named

DESTINATION_MAX = 100


def _date_edit() -> QDateEdit:
    edit = named(QDateEdit(), "statusDateEdit")
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    today = localtime.today()
    edit.setMaximumDate(QDate(today.year, today.month, today.day))  # core refuses future dates too
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setDate(QDate(today.year, today.month, today.day))
    return edit


class _StatusDialog(QDialog):
    def __init__(self, whose: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._whose = whose
        self.heading = named(QLabel(), "dialogHeading")
        self.body = named(QLabel(), "dialogBody")
        self.body.setWordWrap(True)
        self.date_label = QLabel()
        self.date_edit = _date_edit()
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.grid.addWidget(self.date_label, 0, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(self.date_edit, 0, 1, Qt.AlignmentFlag.AlignLeft)

    def _build(self) -> None:
        dialog_column(self, [self.heading, self.body, self.grid, 6, button_row(self.cancel_button, self.ok_button)],
                      spacing=12)
        self.setMinimumWidth(500)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.cancel_button.setText(self.tr("取消"))

    def on_date(self) -> date:
        return self.date_edit.date().toPython()  # type: ignore[no-any-return]


class MoveOutDialog(_StatusDialog):
    def __init__(self, whose: str, parent: QWidget | None = None) -> None:
        super().__init__(whose, parent)
        self.setObjectName("moveOutDialog")
        self.destination_label = QLabel()
        self.destination_edit = named(QLineEdit(), "destinationEdit")
        self.destination_edit.setMaxLength(DESTINATION_MAX)
        self.destination_edit.textChanged.connect(self._update_ok)
        self.message = named(QLabel(), "fieldMessage")
        self.grid.addWidget(self.destination_label, 1, 0,
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(self.destination_edit, 1, 1)
        self.grid.addWidget(self.message, 2, 1)
        self.ok_button.setObjectName("primaryButton")
        self._build()
        self._retranslate()
        self._update_ok()
        self.destination_edit.setFocus()

    def _retranslate(self) -> None:
        super()._retranslate()
        self.setWindowTitle(self.tr("迁出登记"))
        self.heading.setText(self.tr("迁出登记"))
        self.body.setText(self.tr("居民“%1”迁出后，档案保留，状态改为“已迁出”，不再计入在册人数。")
                          .replace("%1", self._whose))
        self.date_label.setText(self.tr("迁出日期"))
        self.destination_label.setText(self.tr("迁往地址"))
        self.destination_edit.setPlaceholderText(self.tr("如：青岛市崂山区中韩街道某社区"))
        self.message.setText(self.tr("请填写迁往何处。"))
        self.ok_button.setText(self.tr("确认迁出"))

    def destination(self) -> str:
        return " ".join(self.destination_edit.text().split())

    def _update_ok(self) -> None:
        ok = bool(self.destination())
        self.ok_button.setEnabled(ok)
        self.message.setVisible(not ok)

    def accept(self) -> None:
        if self.destination():
            super().accept()


class DeathDialog(_StatusDialog):
    def __init__(self, whose: str, parent: QWidget | None = None) -> None:
        super().__init__(whose, parent)
        self.setObjectName("deathDialog")
        self.ok_button.setObjectName("dangerButton")
        self._build()
        self._retranslate()

    def _retranslate(self) -> None:
        super()._retranslate()
        self.setWindowTitle(self.tr("死亡注销"))
        self.heading.setText(self.tr("死亡注销"))
        self.body.setText(self.tr("确认为居民“%1”办理死亡注销吗？档案保留，状态改为“已故”，"
                                  "不再计入在册人数和走访对象。请核实死亡证明后再办理。").replace("%1", self._whose))
        self.date_label.setText(self.tr("死亡日期"))
        self.ok_button.setText(self.tr("确认注销"))
