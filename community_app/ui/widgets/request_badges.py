"""Coloured pills for a request's stage and deadline state: a QLabel for the request page
and an item delegate for the list, both from one palette so they look the same.

Colours follow the house palette (app.qss): blue for work in hand, amber for what is due
soon or waits, red for overdue, green for done, grey for what was turned away.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Tone:
    text: str
    background: str
    border: str


_GREY = Tone("#4A5B70", "#F0F3F7", "#C9D3DF")
STAGE_TONES: dict[str, Tone] = {
    "reported": Tone("#8A5300", "#FFF4E0", "#F0CF95"),  # waits for someone to take it
    "accepted": Tone("#1F5FBF", "#EAF1FB", "#B4CBEE"),
    "dispatched": Tone("#1F5FBF", "#EAF1FB", "#B4CBEE"),
    "in_progress": Tone("#0B6E75", "#E3F4F4", "#A6D8DA"),
    "pending_verification": Tone("#5B3FA6", "#F0ECFA", "#CBBEEB"),
    "closed": Tone("#1E6B3A", "#E8F5EC", "#B7DEC3"),
    "reviewed": Tone("#1E6B3A", "#E8F5EC", "#B7DEC3"),
    "rejected": _GREY,
    "merged": _GREY,
}
DEADLINE_TONES: dict[str, Tone] = {
    "on_time": Tone("#1E6B3A", "#E8F5EC", "#B7DEC3"),
    "due_soon": Tone("#8A5300", "#FFF1D6", "#E9B860"),
    "overdue": Tone("#FFFFFF", "#C62828", "#C62828"),
    "paused": Tone("#33475B", "#E6ECF4", "#B9C6D6"),
    "finished": _GREY,
    "none": _GREY,
}
URGENCY_TONES: dict[str, Tone] = {
    "urgent": Tone("#FFFFFF", "#D2471B", "#D2471B"),
    "normal": _GREY,
}
NOTICE_TONE = Tone("#8A3B12", "#FFF1E6", "#F3C9A8")  # 督办, 返工 counts


def tone_sheet(tone: Tone, *, font_pt: float = 10) -> str:
    return (f"QLabel {{ color: {tone.text}; background: {tone.background}; border: 1px solid {tone.border};"
            f" border-radius: 10px; padding: 2px 10px; font-size: {font_pt}pt; }}")


class Badge(QLabel):
    """A pill whose colours follow a code (set_code) from one of the palettes above."""

    def __init__(self, tones: dict[str, Tone], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._tones = tones
        self.code: str | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_code(self, code: str, text: str) -> None:
        self.code = code
        self.setText(text)
        self.setStyleSheet(tone_sheet(self._tones.get(code, _GREY)))


class BadgeDelegate(QStyledItemDelegate):
    """Paints the cell's text as a pill coloured by the code in `code_role`."""

    def __init__(self, tones: dict[str, Tone], code_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tones = tones
        self._role = code_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        # the row's background and selection as usual, without the text
        base = QStyleOptionViewItem(option)
        self.initStyleOption(base, index)
        base.text = ""
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, base, painter, widget)
        if not text:
            return
        tone = self._tones.get(str(index.data(self._role)), _GREY)
        metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
        rect = option.rect  # type: ignore[attr-defined]
        height = min(metrics.height() + 6, rect.height() - 6)
        width = min(metrics.horizontalAdvance(text) + 20, rect.width() - 12)
        pill = QRectF(rect.x() + 6, rect.y() + (rect.height() - height) / 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(tone.border), 1))
        painter.setBrush(QColor(tone.background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(tone.text))
        painter.setFont(option.font)  # type: ignore[attr-defined]
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                              int(width) - 12))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 24, hint.height())
