"""One indicator on the supervisor's dashboard: its name, the number, a line on what the
number is made of. The whole tile is a button: a click (or Enter) opens the list behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from community_app.ui.widgets.named import named

PLACEHOLDER = "—"
MIN_WIDTH = 112  # "按期结案率" and "100.0%" still fit


class KpiTile(QFrame):
    clicked = Signal(str)  # the indicator key

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"kpi_{key}")
        self.setProperty("kpiTile", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # tiles of a row share its width equally, whatever their words
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(MIN_WIDTH)
        self.title_label = named(QLabel(), "kpiTitle")
        self.value_label = named(QLabel(PLACEHOLDER), "kpiValue")
        self.unit_label = named(QLabel(), "kpiUnit")
        self.caption_label = named(QLabel(), "kpiCaption")
        self.caption_label.setWordWrap(True)

        number_row = self._number_row = QHBoxLayout()
        number_row.setSpacing(4)
        number_row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBaseline)
        number_row.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBaseline)
        number_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 10, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addLayout(number_row)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)

    def set_title(self, title: str, definition: str) -> None:
        self.title_label.setText(title)
        self.setToolTip(definition)
        self.setAccessibleName(title)
        self.setAccessibleDescription(definition)

    def set_value(self, value: str, unit: str, caption: str) -> None:
        self.value_label.setText(value)
        self.unit_label.setText(unit)
        self.caption_label.setText(caption)
        self._fit_unit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_unit()

    def _fit_unit(self) -> None:
        """The unit goes when number and unit do not fit side by side (a narrow tile, a long
        English word): the title already says what is counted, and a cut word must not show."""
        margins = self.layout().contentsMargins()
        room = self.contentsRect().width() - margins.left() - margins.right()
        needed = self.value_label.sizeHint().width() + self._number_row.spacing() + self.unit_label.sizeHint().width()
        self.unit_label.setVisible(bool(self.unit_label.text()) and needed <= room)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)
