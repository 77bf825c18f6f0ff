"""An item delegate that paints cells with the application's base style (Fusion) directly.

With an application style sheet every cell is painted through QStyleSheetStyle, which looks
up the sheet's rules for the view's items on each one: ≈5 of the 12.5 ms a page of the
residents table took to paint (60 rows, 1400×800), although the sheet has no rule for those
items. Through this delegate the page paints in ≈9.5 ms (a Python call per cell takes some
of the gain back). The pixels are the same — the widget's palette already carries the
sheet's colours (QWidget { color: … }); tests/ui/test_residents_page.py compares them. Only
for views whose items the sheet does not style.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleFactory, QStyleOptionViewItem

_base_style: QStyle | None = None


def base_style() -> QStyle:
    """One plain Fusion style for the process (the one application.apply_style sets)."""
    global _base_style
    if _base_style is None:
        _base_style = QStyleFactory.create("Fusion")
    return _base_style


class BaseStyleDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._style = base_style()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        self._style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._view)
