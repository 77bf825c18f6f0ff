"""The prompt before a workflow action: asks exactly what core says the action needs (a note,
who is to handle it, which request to merge into, satisfaction, extension hours) and
offers an optional note and photos for every action. It does not write: the request page
runs core.workflow.perform with values() and shows core's answer here (set_busy,
show_problems) or closes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from community_app.core.problems import ValidationFailed
from community_app.core.requests import RequestDetail
from community_app.core.workflow import ActionInfo, StaffChoice
from community_app.core.workflow_rules import EXTENSION_HOURS_MAX, NOTE_MAX
from community_app.ui.dialogs.dialog_layout import STRETCH, add_form_rows, button_row, dialog_column, form_grid
from community_app.ui.i18n import role_name, stage_name
from community_app.ui.icons import icon
from community_app.ui.request_texts import (
    ACTION_NAMES,
    BACKWARD_ACTIONS,
    NOTE_LABELS,
    SATISFACTION_NAMES,
    name_of,
    rt,
    short_cell_name,
)
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named

PHOTO_FILTER = "*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff"
FIELDS = ("target_staff_id", "merge_into_id", "satisfaction", "extension_hours", "note", "photos")


@dataclass(frozen=True)
class MergeChoice:
    """An open request of the same category this one may be merged into."""

    id: str
    ticket_no: str
    title: str
    stage: str
    reported_at: datetime
    distance_m: float | None  # known for the nearby ones (the duplicate hint's candidates)


@dataclass(frozen=True)
class ActionValues:
    note: str | None
    target_staff_id: str | None
    merge_into_id: str | None
    satisfaction: int | None
    extension_hours: int | None
    photos: tuple[str, ...]


def photo_filter() -> str:
    return QCoreApplication.translate("RequestText", "图片") + f" ({PHOTO_FILTER})"


class ActionDialog(QDialog):
    submitted = Signal()  # the user confirmed; read values()

    def __init__(self, action: ActionInfo, detail: RequestDetail, handlers: list[StaffChoice],
                 merge_choices: list[MergeChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.setWindowIcon(icon("app"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.action, self.detail = action, detail
        self.photos: list[str] = []
        self._busy = False
        self.heading = named(QLabel(), "dialogHeading")
        self.subject = named(QLabel(), "actionSubject")
        self.subject.setWordWrap(True)
        self.target_combo = named(QComboBox(), "targetCombo")
        self.merge_combo = named(QComboBox(), "mergeCombo")
        for combo in (self.target_combo, self.merge_combo):
            combo.setMinimumContentsLength(30)
        self.star_group = QButtonGroup(self)
        self.star_buttons = [named(QPushButton("★"), "starButton") for _ in range(5)]
        self.star_text = named(QLabel(), "starText")
        self.hours_spin = named(QSpinBox(), "extensionHours")
        self.hours_spin.setRange(1, EXTENSION_HOURS_MAX)
        self.hours_spin.setValue(detail.extension_hours_requested or 8)
        self.note_edit = named(QPlainTextEdit(), "actionNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(110)
        self.note_count = named(QLabel(), "fieldMessage")
        self.photo_button = named(QPushButton(), "addPhotoButton")
        self.photo_clear = named(QPushButton(), "revealButton")
        self.photo_label = named(QLabel(), "photoList")
        self.photo_label.setWordWrap(True)
        self.error_label = named(QLabel(), "loginError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.ok_button = named(QPushButton(), "dangerButton" if action.code in BACKWARD_ACTIONS else "primaryButton")
        self.ok_button.setDefault(True)
        self.cancel_button = named(QPushButton(), "formCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self._fill_targets(handlers)
        self._fill_merge(merge_choices)
        self._build()
        self._connect()
        self._retranslate()
        self.resize(600, 10)

    # layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        a = self.action
        stars = QWidget()
        star_row = QHBoxLayout(stars)
        star_row.setContentsMargins(0, 0, 0, 0)
        star_row.setSpacing(2)
        for value, button in enumerate(self.star_buttons, start=1):
            button.setCheckable(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setProperty("value", value)
            self.star_group.addButton(button, value)
            star_row.addWidget(button)
        star_row.addSpacing(10)
        star_row.addWidget(self.star_text)
        star_row.addStretch(1)
        hours = QWidget()
        hours_row = QHBoxLayout(hours)
        hours_row.setContentsMargins(0, 0, 0, 0)
        hours_row.addWidget(self.hours_spin)
        self.hours_hint = named(QLabel(), "fieldHint")
        hours_row.addWidget(self.hours_hint, 1)
        photos = QWidget()
        photo_row = QHBoxLayout(photos)
        photo_row.setContentsMargins(0, 0, 0, 0)
        photo_row.setSpacing(10)
        photo_row.addWidget(self.photo_button)
        photo_row.addWidget(self.photo_clear)
        photo_row.addWidget(self.photo_label, 1)
        self._boxes = (stars, hours, photos)  # kept alive (and their children) when a box is not used
        wanted: list[tuple[str, QWidget]] = []
        if a.needs_target:
            wanted.append(("target_staff_id", self.target_combo))
        if a.needs_merge_target:
            wanted.append(("merge_into_id", self.merge_combo))
        if a.needs_satisfaction:
            wanted.append(("satisfaction", stars))
        if a.needs_extension_hours or a.code == "approve_extension":
            wanted.append(("extension_hours", hours))
        wanted += [("note", self.note_edit), ("photos", photos)]
        self.inputs.update(wanted)
        grid = form_grid()
        add_form_rows(grid, wanted, self.labels, self.messages, tall="note",
                      under={"note": (self.note_count, Qt.AlignmentFlag.AlignRight)}, message_height=8)
        dialog_column(self, [self.heading, self.subject, 6, grid, self.error_label, STRETCH,
                             button_row(self.cancel_button, self.ok_button)])

    def _connect(self) -> None:
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.photo_button.clicked.connect(self._add_photos)
        self.photo_clear.clicked.connect(self._clear_photos)
        self.note_edit.textChanged.connect(self._update_count)
        self.star_group.idToggled.connect(lambda _id, _on: self._show_stars())

    def _fill_targets(self, handlers: list[StaffChoice]) -> None:
        d = self.detail
        self.target_combo.addItem("", None)
        for h in handlers:
            if self.action.code == "reassign" and h.id == d.assignee_id:
                continue  # core refuses "the same person"; do not offer it
            cells = "、".join(short_cell_name(c) for c in h.cell_names)
            text = f"{h.display_name}（{role_name(h.role_code, h.role_code)}" + (f" · {cells}）" if cells else "）")
            self.target_combo.addItem(text, h.id)
        # the worker responsible for the request's grid cell is the usual choice
        usual = next((h.id for h in handlers if d.grid_cell_name and d.grid_cell_name in h.cell_names), None)
        self.target_combo.setCurrentIndex(max(self.target_combo.findData(usual), 0) if usual else 0)

    def _fill_merge(self, choices: list[MergeChoice]) -> None:
        self.merge_combo.addItem("", None)
        for c in choices:
            where = self.tr("相距约 %1 米").replace("%1", str(round(c.distance_m))) if c.distance_m is not None else ""
            parts = [c.ticket_no, c.title, stage_name(c.stage), format_minutes(c.reported_at), where]
            self.merge_combo.addItem("  ·  ".join(p for p in parts if p), c.id)
        if len(choices) >= 1 and choices[0].distance_m is not None:
            self.merge_combo.setCurrentIndex(1)  # the nearest duplicate
        self.merge_combo.setEnabled(bool(choices))

    # texts ------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def action_name(self) -> str:
        return name_of(ACTION_NAMES, self.action.code, self.action.name)

    def _retranslate(self) -> None:
        a, d = self.action, self.detail
        name = self.action_name()
        self.setWindowTitle(self.tr("%1 · %2").replace("%1", name).replace("%2", d.ticket_no))
        self.heading.setText(name)
        move = self.tr("环节不变（%1）").replace("%1", stage_name(d.stage)) if not a.to_stage else \
            self.tr("%1 → %2").replace("%1", stage_name(d.stage)).replace("%2", stage_name(a.to_stage))
        self.subject.setText(f"{d.ticket_no}　{d.title}\n{move}")
        note_label = name_of(NOTE_LABELS, a.code, a.note_label) if a.needs_note else self.tr("说明")
        texts = {"target_staff_id": self.tr("承办人"), "merge_into_id": self.tr("并入诉求"),
                 "satisfaction": self.tr("满意度"), "extension_hours": self.tr("延期时长"),
                 "note": note_label, "photos": self.tr("照片")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.target_combo.setItemText(0, self.tr("请选择承办人"))
        self.merge_combo.setItemText(0, self.tr("请选择要并入的诉求") if self.merge_combo.count() > 1
                                     else self.tr("没有可并入的同类在办诉求"))
        self.hours_spin.setSuffix(self.tr(" 个工作小时"))
        self.hours_hint.setText(self.tr("申请了 %1 个工作小时，可按实际批准").replace(
            "%1", str(d.extension_hours_requested)) if a.code == "approve_extension" and d.extension_hours_requested
            else self.tr("按工作时间计算，最多 %1 个工作小时").replace("%1", str(EXTENSION_HOURS_MAX)))
        self.note_edit.setPlaceholderText(self.tr("必填") if a.needs_note else self.tr("选填：办理情况、处理结果等"))
        self.photo_button.setText(self.tr("添加照片…"))
        self.photo_clear.setText(self.tr("清除"))
        self.cancel_button.setText(self.tr("取消"))
        self.ok_button.setText(self.tr("正在提交…") if self._busy else name)
        self._show_stars()
        self._show_photos()
        self._update_count()

    def _show_stars(self) -> None:
        value = self.star_group.checkedId()
        for button in self.star_buttons:
            set_flag(button, "lit", value > 0 and int(button.property("value")) <= value)
        self.star_text.setText(rt(SATISFACTION_NAMES[value]) if value in SATISFACTION_NAMES
                               else self.tr("请点选 1–5 颗星"))

    def _show_photos(self) -> None:
        self.photo_label.setText("、".join(Path(p).name for p in self.photos) if self.photos
                                 else self.tr("未添加（可选）"))
        self.photo_clear.setVisible(bool(self.photos))

    def _update_count(self) -> None:
        count = len(self.note_edit.toPlainText().strip())
        self.note_count.setText(f"{count}/{NOTE_MAX}")
        self.note_count.setVisible(True)

    # behaviour ---------------------------------------------------------------------------------
    def _add_photos(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "", photo_filter())
        self.add_photos(files)

    def add_photos(self, paths: list[str]) -> None:
        self.photos.extend(p for p in paths if p not in self.photos)
        self._show_photos()

    def _clear_photos(self) -> None:
        self.photos.clear()
        self._show_photos()

    def set_satisfaction(self, value: int) -> None:
        self.star_buttons[value - 1].setChecked(True)

    def values(self) -> ActionValues:
        a = self.action
        note = self.note_edit.toPlainText().strip() or None
        hours = self.hours_spin.value() if (a.needs_extension_hours or a.code == "approve_extension") else None
        star = self.star_group.checkedId()
        return ActionValues(
            note=note,
            target_staff_id=self.target_combo.currentData() if a.needs_target else None,
            merge_into_id=self.merge_combo.currentData() if a.needs_merge_target else None,
            satisfaction=star if a.needs_satisfaction and star > 0 else None,
            extension_hours=hours, photos=tuple(self.photos))

    def _submit(self) -> None:
        if not self._busy:
            self._clear_problems()
            self.submitted.emit()

    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (*self.inputs.values(), self.note_edit, self.photo_button, self.photo_clear,
                       self.ok_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.merge_combo.setEnabled(not busy and self.merge_combo.count() > 1)
        self.ok_button.setText(self.tr("正在提交…") if busy else self.action_name())

    def show_problems(self, refused: ValidationFailed, lines: list[str]) -> None:
        """Core's messages (lines, same order as refused.problems) under the fields they name."""
        by_field: dict[str, list[str]] = {}
        for problem, text in zip(refused.problems, lines, strict=True):
            key = problem.field if problem.field in self.messages else ""
            by_field.setdefault(key, []).append(text)
        for key, label in self.messages.items():
            text = "\n".join(by_field.get(key, []))
            label.setText(text)
            label.setVisible(bool(text))
            set_flag(label, "error", bool(text))
            set_flag(self.inputs[key], "invalid", bool(text))
        general = "\n".join(by_field.get("", []))
        self.error_label.setText(general)
        self.error_label.setVisible(bool(general))

    def _clear_problems(self) -> None:
        for key, label in self.messages.items():
            label.hide()
            set_flag(self.inputs[key], "invalid", False)
        self.error_label.hide()

    def reject(self) -> None:
        if not self._busy:
            super().reject()
