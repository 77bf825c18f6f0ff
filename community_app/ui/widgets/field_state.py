"""Colouring a form field by the state of what was typed: the message under it says why
(red for an error that blocks saving, amber for a warning, grey for a hint or what was
derived). The style sheet colours by dynamic properties; changing one needs a re-polish
(set_flag, through restyle)."""

from __future__ import annotations

import html
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from community_app.ui.widgets.restyle import restyle

Tone = Literal["hint", "info", "warning", "error"]
# a label mixing tones (an error and a warning under one field) colours each line itself;
# the same colours as the fieldMessage rules in app.qss
LINE_COLOURS: dict[str, str] = {"hint": "#7A899B", "info": "#1E6B3A", "warning": "#B86E00", "error": "#C62828"}


def set_flag(widget: QWidget, name: str, value: object) -> None:
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    restyle(widget)


def show_message(label: QLabel, text: str, tone: Tone = "hint") -> None:
    """The text under a field (hidden when empty) in its tone."""
    label.setText(text)
    label.setVisible(bool(text))
    set_flag(label, "tone", tone)
    # the first-run dialog's rule colours [error="true"] red: keep it working for shared labels
    set_flag(label, "error", tone == "error")


def mark_input(widget: QWidget, tone: Tone | None) -> None:
    """Red border for an error, amber for a warning, plain otherwise."""
    set_flag(widget, "invalid", tone == "error")
    set_flag(widget, "warned", tone == "warning")


def show_lines(label: QLabel, lines: list[tuple[Tone, str]]) -> Tone | None:
    """Several messages under one field, each in its own colour; returns the strongest tone."""
    if not lines:
        show_message(label, "")
        return None
    order: list[Tone] = ["hint", "info", "warning", "error"]
    strongest = max((tone for tone, _ in lines), key=order.index)
    if len({tone for tone, _ in lines}) == 1:
        label.setTextFormat(Qt.TextFormat.PlainText)
        show_message(label, "\n".join(text for _, text in lines), strongest)
        return strongest
    label.setTextFormat(Qt.TextFormat.RichText)
    body = "<br>".join(f'<span style="color:{LINE_COLOURS[tone]}">{html.escape(text)}</span>' for tone, text in lines)
    show_message(label, body, strongest)
    return strongest
