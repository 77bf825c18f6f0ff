"""A titled list: a section title, action buttons on the right, a sortable table over a
RowTableModel, and a line shown in place of the table when it is empty."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from community_app.ui.models.place_models import SORT_ROLE, RowTableModel
from community_app.ui.widgets.elided_label import ElidedLabel
from community_app.ui.widgets.named import named


class ListPanel(QFrame):
    """Emits current_changed(row or None) when the selected row changes, activated(row) on
    a double click or Enter. Rows are the model's dataclasses."""

    current_changed = Signal(object)
    activated = Signal(object)

    def __init__(self, name: str, model: RowTableModel, widths: dict[str, int], stretch: str, *,
                 buttons_below: bool = False, parent: QWidget | None = None) -> None:
        """widths: column key → pixels; stretch: the column that takes the room left over;
        buttons_below: the action buttons go under the table (for a narrow panel)."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("card", True)
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.title = named(QLabel(), "sectionTitle")
        self.note = named(ElidedLabel(), "panelNote")  # a long cell name must not widen the window
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        self.table = named(QTableView(), f"{name}Table")
        self.empty = named(QLabel(), "panelEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        t = self.table
        t.setModel(self.proxy)
        t.setSortingEnabled(True)
        t.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order core gives, until a header is clicked
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(30)
        t.setFrameShape(QFrame.Shape.NoFrame)
        header = t.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for key, width in widths.items():
            t.setColumnWidth(model.column_of(key), width)
        header.setSectionResizeMode(model.column_of(stretch), QHeaderView.ResizeMode.Stretch)
        # the stretching column must not vanish when the panel is narrow: below this, scroll
        t.setMinimumWidth(sum(widths.values()) + 64)
        t.selectionModel().selectionChanged.connect(self._on_selection)
        t.doubleClicked.connect(lambda index: self.activated.emit(self._row(index.row())))

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.title)
        top.addWidget(self.note, 1)
        top.addLayout(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        if buttons_below:
            top.removeItem(self.buttons)
            layout.addLayout(self.buttons)

    def add_button(self, name: str) -> QPushButton:
        button = named(QPushButton(), name)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.buttons.addWidget(button)
        return button

    def _row(self, proxy_row: int) -> object:
        return self.model.row_at(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())

    def _on_selection(self, *_args: object) -> None:
        self.current_changed.emit(self.current())

    def current(self) -> object | None:
        """The selected row's dataclass, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self._row(rows[0].row()) if rows else None

    def set_rows(self, rows: list[object], select_id: str | None = None, empty_text: str = "", *,
                 else_first: bool = False) -> None:
        """Show rows and select the one with select_id; when it is not there, the first row
        (else_first) or none."""
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(False)
        self.empty.setText(empty_text)
        self.stack.setCurrentWidget(self.table if rows or not empty_text else self.empty)
        source_row = self.model.row_of(select_id) if select_id else -1
        if source_row < 0 and else_first and rows:
            source_row = self.proxy.mapToSource(self.proxy.index(0, 0)).row()  # first as sorted on screen
        if source_row >= 0:
            self.select_source_row(source_row)
        else:
            self.current_changed.emit(None)

    def select_source_row(self, source_row: int) -> None:
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.setCurrentIndex(proxy_index)
        self.table.selectRow(proxy_index.row())
        self.table.scrollTo(proxy_index)
