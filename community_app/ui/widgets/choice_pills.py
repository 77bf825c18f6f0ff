"""A row of round, mutually exclusive buttons for a short list of codes (channel, urgency,
how a place or a reporter is given; the owner words the buttons with set_text), and the
stack that shows the part a choice opens."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QStackedWidget, QWidget

from community_app.ui.widgets.named import named


class ChoicePills(QWidget):
    changed = Signal(str)  # the code chosen by the user

    def __init__(self, codes: tuple[str, ...], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for code in codes:
            button = named(QPushButton(), f"{name}_{code}")
            button.setCheckable(True)
            button.setProperty("pill", True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=code: self.changed.emit(c))
            self._group.addButton(button)
            row.addWidget(button)
            self.buttons[code] = button
        row.addStretch(1)

    def value(self) -> str | None:
        return next((code for code, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, code: str | None) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)
        else:  # none chosen: an exclusive group needs a moment off to clear
            self._group.setExclusive(False)
            for b in self.buttons.values():
                b.setChecked(False)
            self._group.setExclusive(True)

    def set_text(self, code: str, text: str) -> None:
        self.buttons[code].setText(text)


class FittingStack(QStackedWidget):
    """A stacked widget as tall as the page on show (QStackedWidget takes its tallest page's
    height, which leaves a short page floating in empty space)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()
