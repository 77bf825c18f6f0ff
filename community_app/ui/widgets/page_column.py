"""The column a full page is laid out in (header, banners, body) and the banner lines under
its header that show only when they have something to say."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from community_app.ui.widgets.named import named

PageRow = QWidget | QLayout | tuple[QWidget, int]  # (widget, stretch): the row that takes the spare height


def banner_label(name: str) -> QLabel:
    """A word-wrapped line under a page's header (an error, a notice), hidden until it is set."""
    label = named(QLabel(), name)
    label.setWordWrap(True)
    label.hide()
    return label


def page_column(page: QWidget, rows: Sequence[PageRow]) -> QVBoxLayout:
    """Lay `rows` out top to bottom in `page` with the pages' margins and spacing."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(28, 22, 28, 18)
    layout.setSpacing(10)
    add_rows(layout, rows)
    return layout


def add_rows(layout: QVBoxLayout, rows: Sequence[PageRow]) -> None:
    for row in rows:
        if isinstance(row, tuple):
            layout.addWidget(*row)
        elif isinstance(row, QLayout):
            layout.addLayout(row)
        else:
            layout.addWidget(row)
