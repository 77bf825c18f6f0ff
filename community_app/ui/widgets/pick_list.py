"""The left-hand list of a list-and-detail panel (sync conflicts, rejected changes): refilled
after each load, keeping the user's place."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget


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


def show_rows_or_empty(list_widget: QListWidget, rows: Sequence[tuple[str, Hashable, str | None]], role: int, *,
                       keep: Hashable | None, allowed: bool, empty_label: QLabel, body: QWidget,
                       empty_text: str, refused_text: str) -> bool:
    """refill, then show the list-and-detail body when there is something the user may work on,
    else the empty label saying why (nothing to do, or not theirs to do). True when shown."""
    shown = bool(rows) and allowed
    refill(list_widget, rows, role, keep=keep, select=shown)
    empty_label.setText(empty_text if allowed else refused_text)
    empty_label.setVisible(not shown)
    body.setVisible(shown)
    return shown
