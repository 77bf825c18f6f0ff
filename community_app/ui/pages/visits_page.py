"""走访任务: whom the signed-in worker must visit (a supervisor: the whole community), with
tabs for due / overdue / everyone under a visit rule, a grid filter and a name search; the
selected resident's visits on the right; 记录走访 opens the visit dialog.

The list comes from core.visits.visits_due(status="all") on a background thread — one
query, the tabs only pick rows by the state core computed. Each answer carries a
generation number so a late answer for an older refresh is dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_rules import GRACE_DAYS, OVERDUE, can_plan, can_record
from community_app.core.visits import VisitDue, VisitRecord, visit_history, visits_due
from community_app.ui.dialogs.visit_dialog import VisitDialog
from community_app.ui.models.fieldwork_models import visit_model
from community_app.ui.pages.fieldwork_page import FieldworkPage
from community_app.ui.place_texts import number
from community_app.ui.widgets.list_panel import ListPanel
from community_app.ui.widgets.named import named
from community_app.ui.widgets.visit_history_panel import VisitHistoryPanel

log = logging.getLogger(__name__)

TABS = ("due", "overdue", "all")
WIDTHS = {"name": 64, "phone": 116, "grid": 78, "tags": 78, "last": 92, "due": 92, "late": 106}


@dataclass(frozen=True)
class _Answer:
    generation: int
    rows: list[VisitDue]
    as_of: datetime


class VisitsPage(FieldworkPage):
    """Emits loaded(int) — the number of residents under a visit rule — each time the list
    has been (re)read; load_failed() when reading failed."""

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, "visitsPage", parent)
        self.rows: list[VisitDue] | None = None
        self.tab = "due"
        self._generation = 0

        self.rules_button = named(QPushButton(), "visitRulesButton")
        self.rules_button.setVisible(can_plan(user))
        self.tab_group = QButtonGroup(self)
        self.tab_buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(TABS):
            button = named(QPushButton(), f"tab_{key}")
            button.setCheckable(True)
            button.setProperty("segment", True)
            button.setProperty("edge", "first" if i == 0 else "last" if i == len(TABS) - 1 else "")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.tab_group.addButton(button)
            self.tab_buttons[key] = button
        self.tab_buttons["due"].setChecked(True)
        self.grid_label = named(QLabel(), "filterLabel")
        self.grid_combo = named(QComboBox(), "visitGridFilter")
        self.grid_combo.setMinimumContentsLength(12)
        self.search_edit = named(QLineEdit(), "listSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(220)

        self.list = ListPanel("visitPanel", visit_model(self), WIDTHS, "address")
        self.list.table.verticalHeader().setDefaultSectionSize(32)
        self.record_button = self.list.add_button("recordVisitButton")
        self.record_button.setObjectName("primaryButton")
        self.record_button.setVisible(can_record(user))
        self.history = VisitHistoryPanel()
        self._build()
        self._connect()
        self._retranslate()
        self._update_buttons()

    # layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(0)
        for button in self.tab_buttons.values():
            filters.addWidget(button)
        filters.addSpacing(24)
        filters.addWidget(self.grid_label)
        filters.addSpacing(6)
        filters.addWidget(self.grid_combo)
        filters.addSpacing(12)
        filters.addWidget(self.search_edit)
        filters.addStretch(1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setChildrenCollapsible(False)
        body.addWidget(self.list)
        body.addWidget(self.history)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 0)
        body.setSizes([880, 300])
        body.setHandleWidth(12)
        self.history.setMinimumWidth(280)
        self._lay_out((self.rules_button,), [filters, (body, 1)])

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.tab_group.buttonClicked.connect(self._tab_clicked)
        self.grid_combo.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.search_edit.textChanged.connect(lambda _t: self._show_rows())
        self.list.current_changed.connect(self._selected)
        self.list.activated.connect(lambda _row: self.record_visit())
        self.record_button.clicked.connect(self.record_visit)
        self.rules_button.clicked.connect(self.edit_rules)

    # texts -------------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("走访任务"))
        self.refresh_button.setText(self.tr("刷新"))
        self.rules_button.setText(self.tr("走访周期设置…"))
        self.record_button.setText(self.tr("记录走访…"))
        self.grid_label.setText(self.tr("网格"))
        self.search_edit.setPlaceholderText(self.tr("按姓名查找"))
        self.list.title.setText(self.tr("走访对象"))
        self._update_subtitle()
        self._update_tabs()
        self._fill_grid_combo()

    def _update_subtitle(self) -> None:
        scope = self.tr("我负责的网格") if self.user.role_code == roles.GRID_WORKER else self.tr("全社区")
        self._show_subtitle(self.tr("范围：%1").replace("%1", scope),
                            self.tr("到期后超过 %n 天未走访即为超期", "", GRACE_DAYS), self.tr("截至 %1（北京时间）"))

    def _count(self, key: str) -> int:
        rows = self.rows or []
        if key == "due":
            return sum(1 for r in rows if r.is_due)
        if key == "overdue":
            return sum(1 for r in rows if r.state == OVERDUE)
        return len(rows)

    def _update_tabs(self) -> None:
        names = {"due": self.tr("待走访"), "overdue": self.tr("已超期"), "all": self.tr("全部对象")}
        for key, button in self.tab_buttons.items():
            button.setText(names[key] if self.rows is None else f"{names[key]}  {number(self._count(key))}")

    def _fill_grid_combo(self) -> None:
        current = self.grid_combo.currentData()
        self.grid_combo.blockSignals(True)
        self.grid_combo.clear()
        self.grid_combo.addItem(self.tr("全部网格"), None)
        cells = sorted({(r.grid_name, r.grid_cell_id) for r in self.rows or [] if r.grid_cell_id})
        for name, cell_id in cells:
            self.grid_combo.addItem(name, cell_id)
        self.grid_combo.setCurrentIndex(max(0, self.grid_combo.findData(current)))
        self.grid_combo.blockSignals(False)

    # data --------------------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.rows is not None

    @property
    def loading(self) -> bool:
        return self._busy("visits_due")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.rows is None and not self.loading:
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation, user = self._generation, self.user

        def load(session: Session) -> _Answer:
            now = datetime.now(UTC)
            return _Answer(generation, visits_due(session, user, now=now, status="all"), now)

        job = self._start(load, "visits_due")
        job.result.connect(self._loaded)
        job.error.connect(self._failed)
        self.refresh_button.setEnabled(False)

    def _loaded(self, answer: _Answer) -> None:
        if answer.generation != self._generation:
            return
        self.refresh_button.setEnabled(True)
        self.error_label.hide()
        self.rows, self.as_of = answer.rows, answer.as_of
        self._update_subtitle()
        self._update_tabs()
        self._fill_grid_combo()
        self._show_rows()
        self.loaded.emit(len(answer.rows))

    def _failed(self, _exc: object) -> None:
        self._read_failed(self.tr(
            "读取走访名单时出现问题，列表可能不完整。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。"))

    def _tab_clicked(self, button: QPushButton) -> None:
        self.tab = next(key for key, b in self.tab_buttons.items() if b is button)
        self._show_rows()

    def set_tab(self, key: str) -> None:
        self.tab_buttons[key].setChecked(True)
        self.tab = key
        self._show_rows()

    def shown_rows(self) -> list[VisitDue]:
        """The rows the current tab, grid and search select, in core's order."""
        cell, text = self.grid_combo.currentData(), self.search_edit.text().strip()
        rows = self.rows or []
        if self.tab == "due":
            rows = [r for r in rows if r.is_due]
        elif self.tab == "overdue":
            rows = [r for r in rows if r.state == OVERDUE]
        if cell is not None:
            rows = [r for r in rows if r.grid_cell_id == cell]
        if text:
            rows = [r for r in rows if text in r.name]
        return rows

    def _show_rows(self) -> None:
        if self.rows is None:
            return
        current = self.list.current()
        rows = self.shown_rows()
        empty = {"due": self.tr("目前没有到期需要走访的居民。"), "overdue": self.tr("没有超期未走访的居民。"),
                 "all": self.tr("没有需要定期走访的特殊群体居民。")}[self.tab]
        if self.search_edit.text().strip() or self.grid_combo.currentData() is not None:
            empty = self.tr("没有符合条件的居民，请调整网格或查找内容。")
        self.list.set_rows(rows, getattr(current, "id", None), empty, else_first=True)  # type: ignore[arg-type]
        self.list.note.setFullText(self.tr("共 %Ln 人", "", len(rows)))

    def _selected(self, row: VisitDue | None) -> None:
        self.history.show_subject(row)
        self._update_buttons()
        if row is None:
            return
        resident_id = row.resident_id

        def load(session: Session) -> tuple[str, list[VisitRecord]]:
            return resident_id, visit_history(session, resident_id)

        job = self._start(load, "visit_history")
        job.result.connect(self._history_loaded)

    def _history_loaded(self, answer: tuple[str, list[VisitRecord]]) -> None:
        self.history.show_records(*answer)

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(self.list.current() is not None)

    # actions ---------------------------------------------------------------------------------------
    def record_visit(self) -> VisitDialog | None:
        subject = self.list.current()
        if not isinstance(subject, VisitDue) or not can_record(self.user):
            return None
        dialog = VisitDialog(self.user, self.session_factory, subject, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._visit_saved)
        dialog.open()
        return dialog

    def _visit_saved(self, _visit_id: str) -> None:
        subject = self.history.subject
        self.notice_label.setText(self.tr("已保存%1的走访记录。").replace("%1", subject.name if subject else ""))
        self.notice_label.show()
        self.refresh()  # the resident stays selected if still listed (e.g. under 全部对象), else the next one

    def edit_rules(self) -> QWidget | None:
        if not can_plan(self.user):
            return None
        from community_app.ui.dialogs.visit_rules_dialog import VisitRulesDialog

        dialog = VisitRulesDialog(self.user, self.session_factory, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.refresh)
        dialog.open()
        return dialog
