"""A card showing one number on the dashboard: a title, the number with its unit, a hint.
Made clickable (set_clickable), the whole card is a button: a click, Enter or Space opens
the list behind the number (clicked(key))."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from community_app.ui.widgets.named import named
from community_app.ui.widgets.restyle import restyle

Tone = Literal["normal", "warning", "danger", "accent"]
PLACEHOLDER = "—"  # shown until the number has been counted


class StatCard(QFrame):
    """Texts are set by the page (it owns translation); the card only lays them out.

    The tone is a dynamic property the style sheet colours: normal, accent, warning, danger.
    With show_share=True a thin bar shows value / share_total (used for stage cards).
    """

    clicked = Signal(str)  # the card's key, when clickable

    def __init__(self, key: str, tone: Tone = "normal", *, show_share: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.clickable = False
        self.setObjectName(f"card_{key}")
        self.setProperty("card", True)
        self.setProperty("tone", tone)
        self.value: int | None = None

        # children made inside the card: re-parented later, each would be re-styled
        self.title_label = named(QLabel(self), "cardTitle")
        self.value_label = named(QLabel(PLACEHOLDER, self), "cardValue")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_label = named(QLabel(self), "cardUnit")
        self.hint_label = named(QLabel(self), "cardHint")
        self.hint_label.setWordWrap(True)

        number_row = QHBoxLayout()
        number_row.setSpacing(6)
        number_row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBaseline)
        number_row.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBaseline)
        number_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addLayout(number_row)
        self.share_bar: QProgressBar | None = None
        if show_share:
            self.share_bar = named(QProgressBar(self), "shareBar")
            self.share_bar.setTextVisible(False)
            self.share_bar.setFixedHeight(6)
            self.share_bar.setRange(0, 1)
            self.share_bar.setValue(0)
            layout.addWidget(self.share_bar)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)

    def set_texts(self, title: str, hint: str = "") -> None:
        self.title_label.setText(title)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))

    def set_unit(self, unit: str) -> None:
        self.unit_label.setText(unit)

    def set_value(self, value: int | None, share_total: int | None = None) -> None:
        self.value = value
        self.value_label.setText(PLACEHOLDER if value is None else QLocale().toString(value))
        if self.share_bar is not None:
            total = share_total or 0
            self.share_bar.setRange(0, max(total, 1))
            self.share_bar.setValue(value if value and total else 0)

    def set_tone(self, tone: Tone) -> None:
        if self.property("tone") != tone:
            self.setProperty("tone", tone)
            restyle(self)  # and the number, whose colour follows the card's tone

    def set_clickable(self, tooltip: str) -> None:
        """A click (or Enter / Space with the focus here) emits clicked(key); the pointing
        hand, the focus frame and the tooltip say so. The number is no longer selectable:
        the label would take the click."""
        self.clickable = True
        self.setProperty("clickable", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setToolTip(tooltip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (self.clickable and event.button() == Qt.MouseButton.LeftButton
                and self.rect().contains(event.position().toPoint())):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.clickable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)
