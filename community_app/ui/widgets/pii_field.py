"""An ID number or phone field of the edit form, masked until the user reveals it.

States: "open" (a new record, or nothing on record: type freely), "masked" (the stored value
is kept but only its mask is shown, read-only), "revealed" (the full value after an audited
reveal, editable), "replaced" (cleared to type a new number without ever seeing the old one;
only where the form allows it). The widget never fetches anything: the form asks for the
reveal (reason, audit) and hands the value back with set_revealed().
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from community_app.ui.widgets.named import named
from community_app.ui.widgets.restyle import restyle

State = Literal["open", "masked", "revealed", "replaced"]


class PiiField(QWidget):
    reveal_requested = Signal()
    edited = Signal()  # the user left the field after typing (editingFinished)

    def __init__(self, edit: QLineEdit, *, can_reveal: bool, can_replace: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self._can_reveal = can_reveal
        self._can_replace = can_replace
        self._stored: str | None = None
        self.state: State = "open"
        self.reveal_button = named(QPushButton(), "revealButton")
        self.replace_button = named(QPushButton(), "revealButton")
        for button in (self.reveal_button, self.replace_button):
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.replace_button.clicked.connect(self._replace)
        self.edit.editingFinished.connect(self._finished)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.replace_button)
        self._apply()

    def set_texts(self, reveal: str, replace: str) -> None:
        self.reveal_button.setText(reveal)
        self.replace_button.setText(replace)

    def set_stored(self, value: str | None, masked: str) -> None:
        """An existing record's value: shown masked; nothing on record leaves the field open."""
        self._stored = value or None
        self.state = "masked" if self._stored else "open"
        self.edit.setText(masked if self._stored else "")
        self._apply()

    def set_revealed(self, value: str) -> None:
        self.state = "revealed"
        self.edit.setText(value)
        self._apply()
        self.edit.setFocus()

    def value(self) -> str | None:
        """What to save: the stored value while masked, else what is in the field."""
        if self.state == "masked":
            return self._stored
        return self.edit.text().strip() or None

    @property
    def typed(self) -> bool:
        """The field holds text the user can see (and so can be checked as they leave it)."""
        return self.state != "masked"

    def _replace(self) -> None:
        self.state = "replaced"
        self.edit.clear()
        self._apply()
        self.edit.setFocus()

    def _finished(self) -> None:
        if self.typed:
            self.edited.emit()

    def _apply(self) -> None:
        masked = self.state == "masked"
        self.edit.setReadOnly(masked)
        self.edit.setProperty("masked", masked)
        restyle(self.edit)
        self.reveal_button.setVisible(masked and self._can_reveal)
        self.replace_button.setVisible(masked and self._can_replace)
