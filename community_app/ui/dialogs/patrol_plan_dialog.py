"""新建 / 修改巡查计划: a grid cell's checklist and how often it is patrolled. Items are typed
or picked from the standard list (db/data/patrol_items.csv), reordered by dragging, and
removed; core checks names, frequency and duplicates (core.patrols.create_plan/update_plan).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import fieldwork_rules
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_links import standard_checklist
from community_app.core.patrols import ITEM_MAX, PLAN_NAME_MAX, PatrolPlanInput, PatrolPlanRow, create_plan, update_plan
from community_app.core.problems import ValidationFailed
from community_app.ui.dialogs.dialog_layout import button_row, dialog_column
from community_app.ui.dialogs.fieldwork_save import clear_problems, show_problems, write_in_background
from community_app.ui.fieldwork_style import DIALOG_QSS
from community_app.ui.fieldwork_texts import short_grid_name
from community_app.ui.icons import icon
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job

DEFAULT_FREQUENCY = 7


class PatrolPlanDialog(QDialog):
    """Emits saved(plan_id) after the plan is committed. cells: (id, name) the plan may be for."""

    saved = Signal(str)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], plan: PatrolPlanRow | None,
                 cells: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patrolPlanDialog")
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(DIALOG_QSS)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._user, self._factory, self.plan = user, session_factory, plan
        self._job: Job | None = None
        self.plan_id: str | None = plan.id if plan else None

        self.heading = named(QLabel(), "dialogHeading")
        self.intro = named(QLabel(), "dialogHint")
        self.intro.setWordWrap(True)
        self.cell_combo = named(QComboBox(), "planCell")
        for cell_id, name in cells:
            self.cell_combo.addItem(name, cell_id)
        self.name_edit = named(QLineEdit(), "planName")
        self.name_edit.setMaxLength(PLAN_NAME_MAX)
        self.frequency_spin = named(QSpinBox(), "planFrequency")
        self.frequency_spin.setRange(1, fieldwork_rules.INTERVAL_MAX)
        self.frequency_spin.setValue(DEFAULT_FREQUENCY)
        self.frequency_spin.setMinimumWidth(160)
        self.active_check = named(QCheckBox(), "planActive")
        self.active_check.setChecked(True)
        self.items = named(QListWidget(), "checklist")
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.setMinimumHeight(200)
        self.new_item_edit = named(QLineEdit(), "newItem")
        self.new_item_edit.setMaxLength(ITEM_MAX)
        self.add_button = named(QPushButton(), "addItem")
        self.standard_combo = named(QComboBox(), "standardItems")
        self.remove_button = named(QPushButton(), "removeItem")
        self.labels = {key: named(QLabel(), "formLabel") for key in ("cell", "name", "frequency", "checklist")}
        self.messages = {key: named(QLabel(), "fieldMessage") for key in
                         ("grid_cell_id", "name", "frequency_days", "checklist")}
        self.inputs: dict[str, QWidget] = {"grid_cell_id": self.cell_combo, "name": self.name_edit,
                                           "frequency_days": self.frequency_spin, "checklist": self.items}
        self.error_label = named(QLabel(), "loginError")
        self.error_label.setWordWrap(True)
        self.save_button = named(QPushButton(), "saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = named(QPushButton(), "formCancelButton")
        self.cancel_button.setAutoDefault(False)
        self._build()
        self._connect()
        if plan is not None:
            self._fill(plan)
        self._retranslate()
        clear_problems(self.inputs, self.messages, self.error_label)
        self.resize(640, 640)

    def _build(self) -> None:
        frequency = QHBoxLayout()
        frequency.addWidget(self.frequency_spin)
        frequency.addSpacing(16)
        frequency.addWidget(self.active_check)
        frequency.addStretch(1)
        adding = QHBoxLayout()
        adding.addWidget(self.new_item_edit, 1)
        adding.addWidget(self.add_button)
        picking = QHBoxLayout()
        picking.addWidget(self.standard_combo, 1)
        picking.addWidget(self.remove_button)
        checklist = QVBoxLayout()
        checklist.setSpacing(6)
        checklist.addWidget(self.items, 1)
        checklist.addLayout(adding)
        checklist.addLayout(picking)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        rows: list[tuple[str, str, QWidget | QHBoxLayout | QVBoxLayout]] = [
            ("cell", "grid_cell_id", self.cell_combo), ("name", "name", self.name_edit),
            ("frequency", "frequency_days", frequency), ("checklist", "checklist", checklist)]
        for i, (label_key, field, widget) in enumerate(rows):
            align = Qt.AlignmentFlag.AlignTop if label_key == "checklist" else Qt.AlignmentFlag.AlignVCenter
            grid.addWidget(self.labels[label_key], i * 2, 0, Qt.AlignmentFlag.AlignRight | align)
            if isinstance(widget, QWidget):
                grid.addWidget(widget, i * 2, 1)
            else:
                grid.addLayout(widget, i * 2, 1)
            self.messages[field].setWordWrap(True)
            grid.addWidget(self.messages[field], i * 2 + 1, 1)
        grid.setRowStretch(6, 1)
        dialog_column(self, [self.heading, self.intro, (grid, 1), self.error_label,
                             button_row(self.cancel_button, self.save_button)])

    def _connect(self) -> None:
        self.add_button.clicked.connect(self._add_typed)
        self.new_item_edit.returnPressed.connect(self._add_typed)
        self.standard_combo.activated.connect(self._add_standard)
        self.remove_button.clicked.connect(self._remove)
        self.cell_combo.currentIndexChanged.connect(self._suggest_name)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def _fill(self, plan: PatrolPlanRow) -> None:
        self.cell_combo.setCurrentIndex(max(0, self.cell_combo.findData(plan.grid_cell_id)))
        self.name_edit.setText(plan.name)
        self.frequency_spin.setValue(plan.frequency_days)
        self.active_check.setChecked(plan.active)
        for item in plan.checklist:
            self.add_item(item)

    # texts ----------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        editing = self.plan is not None
        self.setWindowTitle(self.tr("修改巡查计划") if editing else self.tr("新建巡查计划"))
        self.heading.setText(self.tr("修改巡查计划") if editing else self.tr("新建巡查计划"))
        self.intro.setText(self.tr("为网格制定巡查清单和频次。网格员按清单逐项检查，发现问题可直接上报为诉求；"
                                   "到期后超过 %n 天未巡查即为超期。", "", fieldwork_rules.GRACE_DAYS))
        for key, text in {"cell": self.tr("网格"), "name": self.tr("计划名称"), "frequency": self.tr("巡查频次"),
                          "checklist": self.tr("巡查清单")}.items():
            self.labels[key].setText(text)
        self.frequency_spin.setPrefix(self.tr("每 "))
        self.frequency_spin.setSuffix(self.tr(" 天一次"))
        self.active_check.setText(self.tr("启用"))
        self.name_edit.setPlaceholderText(self.tr("例如：第一网格日常巡查"))
        self.new_item_edit.setPlaceholderText(self.tr("输入巡查项，例如：消防通道是否畅通"))
        self.add_button.setText(self.tr("添加"))
        self.remove_button.setText(self.tr("删除所选"))
        self.standard_combo.clear()
        self.standard_combo.addItem(self.tr("从常用巡查项中添加…"), None)
        for item in standard_checklist():
            self.standard_combo.addItem(item, item)
        self.save_button.setText(self.tr("正在保存…") if self.busy else self.tr("保存"))
        self.cancel_button.setText(self.tr("取消"))
        if not editing and not self.name_edit.text():
            self._suggest_name()

    def _suggest_name(self) -> None:
        if self.plan is None:
            self.name_edit.setText(self.tr("%1日常巡查").replace("%1", short_grid_name(self.cell_combo.currentText())))

    # the checklist --------------------------------------------------------------------------------
    def checklist(self) -> tuple[str, ...]:
        return tuple(self.items.item(i).text() for i in range(self.items.count()))

    def add_item(self, text: str) -> None:
        text = " ".join(text.split())
        if text and text not in self.checklist():
            entry = QListWidgetItem(text)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
            self.items.addItem(entry)

    def _add_typed(self) -> None:
        self.add_item(self.new_item_edit.text())
        self.new_item_edit.clear()

    def _add_standard(self, index: int) -> None:
        item = self.standard_combo.itemData(index)
        if item:
            self.add_item(item)
        self.standard_combo.setCurrentIndex(0)

    def _remove(self) -> None:
        for entry in self.items.selectedItems():
            self.items.takeItem(self.items.row(entry))

    # saving ----------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def plan_input(self) -> PatrolPlanInput:
        return PatrolPlanInput(grid_cell_id=self.cell_combo.currentData() or "", name=self.name_edit.text(),
                               frequency_days=self.frequency_spin.value(), checklist=self.checklist(),
                               active=self.active_check.isChecked())

    def submit(self) -> None:
        if self.busy:
            return
        data, user, plan_id = self.plan_input(), self._user, self.plan_id

        def save(session: Session) -> str:
            if plan_id is None:
                return create_plan(session, user, data)
            update_plan(session, user, plan_id, data)
            return plan_id

        clear_problems(self.inputs, self.messages, self.error_label)
        self._job = write_in_background(self, "save_patrol_plan", self._factory, save)
        self._job.result.connect(self._done)
        self._job.error.connect(self._failed)
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("正在保存…"))

    def _done(self, outcome: object) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("保存"))
        if isinstance(outcome, ValidationFailed):
            show_problems(outcome, self.inputs, self.messages, self.error_label)
            return
        self.plan_id = str(outcome)
        self.saved.emit(self.plan_id)
        self.accept()

    def _failed(self, _exc: object) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("保存"))
        self.error_label.setText(self.tr("保存时出现问题，计划没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。"))
        self.error_label.show()

    def reject(self) -> None:
        if not self.busy:
            super().reject()
