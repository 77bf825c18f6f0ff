"""The form beside the category tree in 分类与时限: one category's name, group, handling time
limit (a number and 工作小时/工作日), urgency, active flag and sort order, with core's
problems in red under the fields they name. It only reads and shows widgets; the dialog
loads and saves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from community_app.core.categories import GROUPS, LIMIT_MAX, CategoryInfo, CategoryInput
from community_app.core.deadlines import WORK_DAYS, WORK_HOURS
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named

FIELDS = ("code", "name", "group", "time_limit", "urgency", "sort_order")  # rows of the form, in order
ROW_OF = {"time_limit_unit": "time_limit", "active": "sort_order"}  # fields shown on another field's row
AUTO_ORDER = -1  # the sort-order spin box's "after its siblings", for a new category
NEW_MINOR_LIMIT = 24  # working hours a new 小类 starts with

FORM_QSS = """
QFrame#categoryForm { background: #F7F9FC; border: 1px solid #DCE3EC; border-radius: 6px; }
QLabel#formTitle { font-size: 12pt; font-weight: bold; color: #13315C; }
QLabel#savedNote { color: #1E6B3A; font-size: 10.5pt; }
QFrame#categoryForm QLineEdit[readOnly="true"] { background: #EEF2F7; color: #4A5B70; }
QFrame#categoryForm QSpinBox { min-height: 26px; font-size: 10.5pt; }
"""


class CategoryForm(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryForm")
        self.title = named(QLabel(), "formTitle")
        self.title.setWordWrap(True)
        self.code_edit = named(QLineEdit(), "codeEdit")
        self.code_edit.setMaxLength(16)
        self.name_edit = named(QLineEdit(), "nameEdit")
        self.name_edit.setMaxLength(80)  # longer than core allows: core says so in words
        self.group_combo = named(QComboBox(), "groupCombo")
        for code in GROUPS:
            self.group_combo.addItem("", code)
        self.limit_spin = named(QSpinBox(), "limitSpin")
        self.limit_spin.setRange(0, max(LIMIT_MAX.values()))  # core checks the unit's own maximum
        self.unit_combo = named(QComboBox(), "unitCombo")
        self.unit_combo.addItem("", WORK_HOURS)
        self.unit_combo.addItem("", WORK_DAYS)
        self.urgency_combo = named(QComboBox(), "urgencyCombo")
        self.urgency_combo.addItem("", "normal")
        self.urgency_combo.addItem("", "urgent")
        self.active_check = named(QCheckBox(), "activeCheck")
        self.order_spin = named(QSpinBox(), "orderSpin")
        self.order_spin.setRange(AUTO_ORDER, 99_999)
        self.error_label = named(QLabel(), "loginError")  # problems that belong to no field
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.saved_note = named(QLabel(), "savedNote")
        self.save_button = named(QPushButton(), "saveButton")
        self.save_button.setDefault(True)
        self.inputs: dict[str, QWidget] = {
            "code": self.code_edit, "name": self.name_edit, "group": self.group_combo,
            "time_limit": self.limit_spin, "time_limit_unit": self.unit_combo, "urgency": self.urgency_combo,
            "active": self.active_check, "sort_order": self.order_spin}
        self.labels: dict[str, QLabel] = {key: QLabel() for key in FIELDS}
        self.messages: dict[str, QLabel] = {key: named(QLabel(), "fieldMessage") for key in FIELDS}
        self._build()
        self.retranslate()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        limit_row = QHBoxLayout()
        limit_row.setSpacing(8)
        limit_row.addWidget(self.limit_spin, 1)
        limit_row.addWidget(self.unit_combo, 1)
        order_row = QHBoxLayout()
        order_row.setSpacing(12)
        order_row.addWidget(self.order_spin, 1)
        order_row.addWidget(self.active_check)
        rows: dict[str, QWidget | QHBoxLayout] = {
            "code": self.code_edit, "name": self.name_edit, "group": self.group_combo,
            "time_limit": limit_row, "urgency": self.urgency_combo, "sort_order": order_row}
        for i, key in enumerate(FIELDS):
            label, message, what = self.labels[key], self.messages[key], rows[key]
            message.setWordWrap(True)
            message.setContentsMargins(0, 0, 0, 6)
            message.hide()
            grid.addWidget(label, 2 * i, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if isinstance(what, QHBoxLayout):
                grid.addLayout(what, 2 * i, 1)
            else:
                grid.addWidget(what, 2 * i, 1)
            label.setBuddy(self.inputs[key])
            grid.addWidget(message, 2 * i + 1, 1)
        self.setMinimumWidth(380)
        self.setMaximumWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_note, 1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)

    # texts --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for key, text in (("code", self.tr("代码")), ("name", self.tr("名称")), ("group", self.tr("性质")),
                          ("time_limit", self.tr("办理时限")), ("urgency", self.tr("紧急程度")),
                          ("sort_order", self.tr("排序号"))):
            self.labels[key].setText(text)
        for i, code in enumerate(GROUPS):
            self.group_combo.setItemText(i, self.group_name(code))
        self.unit_combo.setItemText(0, self.tr("工作小时"))
        self.unit_combo.setItemText(1, self.tr("工作日"))
        self.urgency_combo.setItemText(0, self.tr("一般"))
        self.urgency_combo.setItemText(1, self.tr("紧急"))
        self.active_check.setText(self.tr("启用"))
        self.limit_spin.setSpecialValueText(self.tr("（不设时限）"))  # 0: a 大类
        self.order_spin.setSpecialValueText(self.tr("自动（排在最后）"))
        self.code_edit.setPlaceholderText(self.tr("如 E0110"))
        self.code_edit.setToolTip(self.tr("代码保存后不能修改：诉求和统计报表都按代码引用类别。"))

    def group_name(self, code: str) -> str:
        return {"event": self.tr("事件"), "component": self.tr("部件"), "service": self.tr("社区服务")}.get(code, code)

    def limit_text(self, c: CategoryInfo) -> str:
        """"24 工作小时" / "3 工作日"; "" for a 大类."""
        if not c.time_limit:
            return ""
        unit = self.tr("工作日") if c.time_limit_unit == WORK_DAYS else self.tr("工作小时")
        return f"{c.time_limit} {unit}"

    def urgency_name(self, code: str) -> str:
        return self.tr("紧急") if code == "urgent" else self.tr("一般")

    def set_title(self, c: CategoryInfo | None, parent: CategoryInfo | None) -> None:
        if c is not None:
            text = (self.tr("大类 %1") if c.is_major else self.tr("小类 %1")).replace("%1", f"{c.code} {c.name}")
        elif parent is not None:
            text = self.tr("新增小类（所属大类：%1）").replace("%1", f"{parent.code} {parent.name}")
        else:
            text = self.tr("新增大类")
        self.title.setText(text)

    # reading and showing ------------------------------------------------------------------
    def fill(self, c: CategoryInfo | None, parent: CategoryInfo | None) -> None:
        """A category's values, or an empty form for a new one (a 小类 under parent, else a 大类)."""
        self.show_problems([])
        self.saved_note.clear()
        is_minor = (c is not None and not c.is_major) or (c is None and parent is not None)
        self.code_edit.setText(c.code if c else (parent.code if parent else ""))
        self.code_edit.setReadOnly(c is not None)  # codes never change: requests and reports use them
        self.code_edit.style().polish(self.code_edit)  # the style sheet greys a read-only code
        self.name_edit.setText(c.name if c else "")
        group = c.group if c else (parent.group if parent else "event")
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(group)))
        self.group_combo.setEnabled(c is None and parent is None)  # only a new 大类 chooses its group
        self.limit_spin.setValue((c.time_limit or 0) if c else (NEW_MINOR_LIMIT if is_minor else 0))
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(c.time_limit_unit if c else WORK_HOURS)))
        self.urgency_combo.setCurrentIndex(max(0, self.urgency_combo.findData(c.urgency if c else "normal")))
        for widget in (self.limit_spin, self.unit_combo, self.urgency_combo):
            widget.setEnabled(is_minor)  # a 大类 has no limit or urgency of its own
        self.active_check.setChecked(c.active if c else True)
        self.order_spin.setMinimum(0 if c else AUTO_ORDER)
        self.order_spin.setValue(c.sort_order if c else AUTO_ORDER)
        self.set_title(c, parent)

    def edits(self, c: CategoryInfo) -> dict[str, Any]:
        """What the form changes of c: only the values that differ from c's."""
        now: dict[str, Any] = {"name": self.name_edit.text().strip(), "urgency": self.urgency_combo.currentData(),
                               "active": self.active_check.isChecked(), "sort_order": self.order_spin.value()}
        if not c.is_major:
            now["time_limit"] = self.limit_spin.value()
            now["time_limit_unit"] = self.unit_combo.currentData()
        changed = {k: v for k, v in now.items() if getattr(c, k) != v}
        if {"time_limit", "time_limit_unit"} & set(changed):  # core checks the pair together
            changed.update(time_limit=now["time_limit"], time_limit_unit=now["time_limit_unit"])
        return changed

    def new_input(self, parent_code: str | None) -> CategoryInput:
        minor = parent_code is not None
        return CategoryInput(
            code=self.code_edit.text(), name=self.name_edit.text(), parent_code=parent_code,
            group=None if minor else self.group_combo.currentData(),
            time_limit=self.limit_spin.value() if minor else None,
            time_limit_unit=self.unit_combo.currentData(), urgency=self.urgency_combo.currentData(),
            active=self.active_check.isChecked(),
            sort_order=None if self.order_spin.value() == AUTO_ORDER else self.order_spin.value())

    def show_problems(self, problems: list[tuple[str | None, str]]) -> None:
        """(field, message) pairs: in red under the field's row, the rest under the form."""
        by_row: dict[str, list[str]] = {}
        for field, message in problems:
            row = ROW_OF.get(field or "", field or "")
            by_row.setdefault(row if row in self.messages else "", []).append(message)
        for key, label in self.messages.items():
            text = "\n".join(by_row.get(key, []))
            label.setText(text)
            label.setVisible(bool(text))
            set_flag(label, "error", bool(text))
        flagged = {f for f, _m in problems if f}
        for field, widget in self.inputs.items():
            set_flag(widget, "invalid", field in flagged)
        general = "\n".join(by_row.get("", []))
        self.error_label.setText(general)
        self.error_label.setVisible(bool(general))
        first = next((w for f, w in self.inputs.items() if f in flagged and w.isEnabled()), None)
        if first is not None:
            first.setFocus()
