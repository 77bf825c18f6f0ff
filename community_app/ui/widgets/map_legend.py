"""The grid map's legend: the colour classes of open requests and the building symbols.

Colours come from community_app.maps.scale, the same table the page is drawn with, so the
legend cannot drift from the map. Symbols are painted here to match static/grid_map.css.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from community_app.maps.scale import OPEN_REQUEST_CLASSES
from community_app.ui.widgets.named import named

SWATCH = QSize(22, 14)
SYMBOL = QSize(16, 16)
CELL_BORDER = "#5b6b7f"
BUILDING_BLUE = "#2563eb"
BUILDING_OUTSIDE = "#f59e0b"
CLUSTER_BLUE = "#1d4ed8"


def _pixmap(size: QSize, ratio: float) -> QPixmap:
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def swatch(color: str, ratio: float = 2.0) -> QPixmap:
    pixmap = _pixmap(SWATCH, ratio)
    with QPainter(pixmap) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(CELL_BORDER), 1))
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(QRectF(0.5, 0.5, SWATCH.width() - 1, SWATCH.height() - 1), 2, 2)
    return pixmap


def dot(color: str, ratio: float = 2.0) -> QPixmap:
    pixmap = _pixmap(SYMBOL, ratio)
    with QPainter(pixmap) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.setBrush(QColor(color))
        painter.drawEllipse(QRectF(3, 3, 10, 10))
    return pixmap


def cluster_symbol(ratio: float = 2.0) -> QPixmap:
    pixmap = _pixmap(SYMBOL, ratio)
    with QPainter(pixmap) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(CLUSTER_BLUE), 1.6))
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(1.5, 1.5, 13, 13))
    return pixmap


class MapLegend(QFrame):
    """Texts are set by the page (it owns translation) through set_texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.scale_title = named(QLabel(), "legendTitle")
        self.class_labels: list[QLabel] = []
        self.symbol_labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(6)
        layout.addWidget(self.scale_title)
        ratio = self.devicePixelRatioF() or 1.0
        for color_class in OPEN_REQUEST_CLASSES:
            icon = QLabel()
            icon.setPixmap(swatch(color_class.color, max(ratio, 2.0)))
            text = named(QLabel(color_class.label), "legendText")
            self.class_labels.append(text)
            layout.addWidget(icon)
            layout.addWidget(text)
            layout.addSpacing(6)
        layout.addSpacing(12)
        divider = named(QFrame(), "legendDivider")
        divider.setFrameShape(QFrame.Shape.VLine)
        layout.addWidget(divider)
        layout.addSpacing(12)
        for key, pixmap in (("building", dot(BUILDING_BLUE)), ("outside", dot(BUILDING_OUTSIDE)),
                            ("cluster", cluster_symbol())):
            icon = QLabel()
            icon.setPixmap(pixmap)
            text = named(QLabel(), "legendText")
            self.symbol_labels[key] = text
            layout.addWidget(icon)
            layout.addWidget(text)
            layout.addSpacing(10)
        layout.addStretch(1)

    def set_texts(self, scale_title: str, building: str, outside: str, cluster: str) -> None:
        self.scale_title.setText(scale_title)
        self.symbol_labels["building"].setText(building)
        self.symbol_labels["outside"].setText(outside)
        self.symbol_labels["cluster"].setText(cluster)
