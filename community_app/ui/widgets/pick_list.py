"""The left-hand list of a list-and-detail panel (sync conflicts, rejected changes): refilled
after each load, keeping the user's place."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtWidgets import QListWidget, QListWidgetItem


def refill(list_widget: QListWidget, rows: Sequence[tuple[str, Hashable, str | None]], role: int, *,
           keep: Hashable | None, select: bool) -> None:
    """Replace the items by (text, key, tooltip) rows, keys stored under `role`, without a
    current-item signal per row; when `select`, make the kept key (else the first row) current."""
    list_widget.blockSignals(True)
    list_widget.clear()
    for text, key, tip in rows:
        item = QListWidgetItem(text)
        item.setData(role, key)
        if tip:
            item.setToolTip(tip)
        list_widget.addItem(item)
    list_widget.blockSignals(False)
    if select and rows:
        keys = [key for _, key, _ in rows]
        list_widget.setCurrentRow(keys.index(keep) if keep in keys else 0)
