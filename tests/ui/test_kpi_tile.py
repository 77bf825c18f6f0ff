"""An indicator tile never shows a cut unit: the unit goes when it does not fit beside the number."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.ui.widgets.kpi_tile import KpiTile


def fits(tile: KpiTile) -> bool:
    """The number and, when shown, the unit lie inside the tile, side by side, uncut."""
    inside = tile.contentsRect()
    value, unit = tile.value_label.geometry(), tile.unit_label.geometry()
    ok = inside.contains(value) and value.width() >= tile.value_label.sizeHint().width()
    if tile.unit_label.isVisible():
        ok = ok and inside.contains(unit) and unit.width() >= tile.unit_label.sizeHint().width()
    return ok


def test_a_long_unit_goes_in_a_narrow_tile_and_comes_back_when_it_fits(app: QApplication, qtbot: QtBot) -> None:
    tile = KpiTile("received")
    qtbot.addWidget(tile)
    tile.set_value("1,052", "requests", "Accepted: 46")
    tile.resize(125, 110)
    tile.show()
    qtbot.waitUntil(lambda: not tile.unit_label.isVisible())
    qtbot.waitUntil(lambda: fits(tile))  # once the layout has placed them
    tile.resize(260, 110)
    qtbot.waitUntil(tile.unit_label.isVisible)
    qtbot.waitUntil(lambda: fits(tile))
    tile.resize(125, 110)
    tile.set_value("52", "件", "立案 46 件")  # Chinese units are one character: shown
    assert tile.unit_label.isVisible()
    qtbot.waitUntil(lambda: fits(tile))
    tile.set_value("—", "", "")
    assert not tile.unit_label.isVisible()
