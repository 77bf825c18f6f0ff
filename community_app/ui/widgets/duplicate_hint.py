"""并单提示 in the request form: open requests of the same category reported within 50 m and
3 days of the new one (core.requests.duplicate_candidates), with the choice to merge the
new request into one of them or log it as a new request anyway."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from community_app.core.requests import RADIUS_M, WINDOW, DuplicateCandidate
from community_app.ui.i18n import stage_name
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named

VISIBLE_ROWS = 4


class DuplicateHint(QFrame):
    merge_chosen = Signal(str)  # the candidate's request id
    new_chosen = Signal()

    def __init__(self, *, can_merge: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateHint")
        self.can_merge = can_merge
        self.candidates: list[DuplicateCandidate] = []
        self.title = named(QLabel(), "duplicateTitle")
        self.title.setWordWrap(True)
        self.list = named(QListWidget(), "duplicateList")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.note = named(QLabel(), "fieldHint")
        self.note.setWordWrap(True)
        self.merge_button = named(QPushButton(), "primaryButton")
        self.new_button = named(QPushButton(), "newAnywayButton")
        for button in (self.merge_button, self.new_button):
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.merge_button.setVisible(can_merge)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(self._merge)
        self.new_button.clicked.connect(self.new_chosen)
        self.list.currentRowChanged.connect(lambda _row: self.merge_button.setEnabled(self.chosen_id() is not None))
        self.retranslate()

    def show_candidates(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = list(candidates)
        self.list.clear()
        for c in candidates:
            where = self.tr("相距约 %1 米").replace("%1", str(round(c.distance_m)))
            item = QListWidgetItem("　".join((c.ticket_no, c.title, stage_name(c.stage), where,
                                             self.tr("%1 上报").replace("%1", format_minutes(c.reported_at)))))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(item.text())
            self.list.addItem(item)
        self.list.setCurrentRow(0 if candidates else -1)
        rows = min(max(len(candidates), 1), VISIBLE_ROWS)  # as tall as the candidates, up to a few rows
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 24) + 2 * self.list.frameWidth() + 4)
        self.retranslate()
        self.setVisible(bool(candidates))

    def chosen_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def chosen(self) -> DuplicateCandidate | None:
        return next((c for c in self.candidates if c.id == self.chosen_id()), None)

    def _merge(self) -> None:
        chosen = self.chosen_id()
        if chosen is not None:
            self.merge_chosen.emit(chosen)

    def retranslate(self) -> None:
        self.title.setText(self.tr("可能是重复诉求：%1 米内、%2 天内已有 %3 件同类诉求正在办理。")
                           .replace("%1", str(round(RADIUS_M))).replace("%2", str(WINDOW.days))
                           .replace("%3", str(len(self.candidates))))
        if self.can_merge:
            self.note.setText(self.tr("并单：本诉求登记后并入所选诉求，由该诉求统一办理和答复。"))
        else:
            self.note.setText(self.tr(
                "同一问题已有人反映的，可不再登记；确需登记的，社区负责人可在诉求页面并单。"))
        self.merge_button.setText(self.tr("并单（并入所选诉求）"))
        self.new_button.setText(self.tr("仍然作为新诉求登记"))

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.list, self.merge_button, self.new_button):
            widget.setEnabled(enabled)
        if enabled:
            self.merge_button.setEnabled(self.chosen_id() is not None)
