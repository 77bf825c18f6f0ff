"""How the app's form dialogs are laid out, in one place: the column (heading, body, fields,
buttons) with the dialogs' margins, the label / input / message grid of a form, and the
button row (cancel then the confirming button, on the right)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from community_app.ui.widgets.named import named

STRETCH: Final = "stretch"  # a row of dialog_column: the spare height goes here
DialogRow = QWidget | QLayout | tuple[QWidget | QLayout, int] | int | str  # int: spacing in pixels


def dialog_column(dialog: QWidget, rows: Sequence[DialogRow], *, spacing: int = 10) -> QVBoxLayout:
    """Lay `rows` out top to bottom in `dialog`: widgets, layouts, (either, stretch), a number
    of pixels of space, or STRETCH."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(28, 22, 28, 20)
    layout.setSpacing(spacing)
    for row in rows:
        if isinstance(row, str):  # STRETCH
            layout.addStretch(1)
        elif isinstance(row, int):
            layout.addSpacing(row)
        elif isinstance(row, tuple):
            item, stretch = row
            if isinstance(item, QLayout):
                layout.addLayout(item, stretch)
            else:
                layout.addWidget(item, stretch)
        elif isinstance(row, QLayout):
            layout.addLayout(row)
        elif isinstance(row, QWidget):
            layout.addWidget(row)
    return layout


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """The buttons at the bottom of a dialog, on the right, in the order given."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def form_grid() -> QGridLayout:
    """Labels in column 0, inputs (stretching) in column 1, a message line under each input."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(14)
    grid.setVerticalSpacing(2)
    grid.setColumnStretch(1, 1)
    return grid


def add_form_rows(grid: QGridLayout, fields: Sequence[tuple[str, QWidget]], labels: dict[str, QLabel],
                  messages: dict[str, QLabel], *, tall: str,
                  under: Mapping[str, tuple[QWidget, Qt.AlignmentFlag | None]] | None = None,
                  message_height: int | None = None) -> None:
    """A row per (key, input): a right-aligned label (new, into labels[key]), the input, and
    a hidden message line (new, into messages[key]) under it. The `tall` input's label sits at
    its top; under[key] is a line put between an input and its message (a count, a hint);
    message_height keeps that much room for each message even when it is hidden."""
    row = 0
    for key, widget in fields:
        label = labels[key] = named(QLabel(), "formLabel")
        message = messages[key] = named(QLabel(), "fieldMessage")
        message.setWordWrap(True)
        message.hide()
        align = Qt.AlignmentFlag.AlignTop if key == tall else Qt.AlignmentFlag.AlignVCenter
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight | align)
        grid.addWidget(widget, row, 1)
        if under is not None and key in under:
            row += 1
            line, line_align = under[key]
            if line_align is None:
                grid.addWidget(line, row, 1)
            else:
                grid.addWidget(line, row, 1, line_align)
        grid.addWidget(message, row + 1, 1)
        if message_height is not None:
            grid.setRowMinimumHeight(row + 1, message_height)
        row += 2
