"""The header every page starts with: its title over a subtitle on the left, buttons (and
status text) at the bottom right."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


def page_header(title: QLabel, subtitle: QLabel, right: Iterable[QWidget] = (), *, spacing: int = 6) -> QHBoxLayout:
    header = QHBoxLayout()
    titles = QVBoxLayout()
    titles.setSpacing(2)
    titles.addWidget(title)
    titles.addWidget(subtitle)
    header.addLayout(titles, 1)
    for i, widget in enumerate(right):
        if i:
            header.addSpacing(spacing)
        header.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)
    return header
