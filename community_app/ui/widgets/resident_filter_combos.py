"""What the residents page's filter bar and the reports page's roster form share: refilling a
combo without losing the choice, and the place choices (grid cells, tags, a cell's buildings)
from core.resident_query.FilterChoices. The "all …" entries and their texts stay with each
widget (their translations are filed under the widget's own context)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from community_app.core.resident_query import FilterChoices, local_address

ComboItems = list[tuple[str, object]]  # (text, data)


def refill_combo(combo: QComboBox, items: ComboItems) -> None:
    """Replace a combo's items, keeping the chosen value if it is still there, quietly."""
    chosen, index = combo.currentData(), combo.currentIndex()
    combo.blockSignals(True)
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)
    if chosen is None:  # an "all" entry: keep its place (全部状态 is not the first)
        index = index if 0 <= index < len(items) and items[index][1] is None else 0
    else:
        index = max(combo.findData(chosen), 0)
    combo.setCurrentIndex(index)
    combo.blockSignals(False)


def cell_items(choices: FilterChoices | None) -> ComboItems:
    return [(name, cell_id) for cell_id, name in (choices.grid_cells if choices else ())]


def tag_items(choices: FilterChoices | None) -> ComboItems:
    return [(name, code) for code, name in (choices.tags if choices else ())]


def building_items(choices: FilterChoices | None, cell: object) -> ComboItems:
    """The buildings of grid cell `cell` (of every cell when None), by their local address."""
    buildings = choices.buildings if choices else ()
    return [(local_address(address), building_id) for building_id, address, cell_id in buildings
            if cell is None or cell_id == cell]
