"""The right-hand side of the round dialog: one checklist item — 正常 or 有问题, a note,
photos, and for a problem 上报为诉求 with a category (suggested from the standard items) and
the building where it was seen. It shows and collects; the dialog saves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from community_app.core.fieldwork_links import CategoryChoice, suggested_category
from community_app.core.patrols import RoundItemRow
from community_app.ui.fieldwork_texts import PHOTO_FILTER
from community_app.ui.widgets.named import named


class PatrolItemEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: str | None = None
        self.answer: RoundItemRow | None = None
        self.photos: list[str] = []
        self.counter_label = named(QLabel(), "itemCounter")
        self.item_label = named(QLabel(), "itemTitle")
        self.item_label.setWordWrap(True)
        self.result_group = QButtonGroup(self)
        self.ok_button = named(QPushButton(), "resultOk")
        self.problem_button = named(QPushButton(), "resultProblem")
        for button, kind in ((self.ok_button, "ok"), (self.problem_button, "problem")):
            button.setCheckable(True)
            button.setProperty("choice", kind)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.result_group.addButton(button)
        self.note_label = named(QLabel(), "formLabel")
        self.note_edit = named(QPlainTextEdit(), "itemNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(84)
        self.message = named(QLabel(), "fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.photo_button = named(QPushButton(), "addPhotoButton")
        self.photo_label = named(QLabel(), "photoList")
        self.photo_label.setWordWrap(True)
        self.report_check = named(QCheckBox(), "reportProblem")
        self.category_label = named(QLabel(), "formLabel")
        self.category_combo = named(QComboBox(), "problemCategory")
        self.building_label = named(QLabel(), "formLabel")
        self.building_combo = named(QComboBox(), "problemBuilding")
        for combo in (self.category_combo, self.building_combo):
            combo.setMinimumContentsLength(16)
        self.reported_label = named(QLabel(), "requestDone")
        self.reported_label.setWordWrap(True)
        self.previous_button = named(QPushButton(), "previousItem")
        self.save_button = named(QPushButton(), "primaryButton")
        self._build()
        self.result_group.buttonClicked.connect(self._update)
        self.report_check.toggled.connect(self._update)
        self.photo_button.clicked.connect(self._add_photos)
        self.retranslate()

    def _build(self) -> None:
        choices = QHBoxLayout()
        choices.setSpacing(12)
        choices.addWidget(self.ok_button)
        choices.addWidget(self.problem_button)
        choices.addStretch(1)
        photos = QHBoxLayout()
        photos.setSpacing(10)
        photos.addWidget(self.photo_button)
        photos.addWidget(self.photo_label, 1)
        self.problem_box = QFrame()
        problem = QGridLayout(self.problem_box)
        problem.setContentsMargins(0, 4, 0, 0)
        problem.setHorizontalSpacing(12)
        problem.setVerticalSpacing(6)
        problem.setColumnStretch(1, 1)
        problem.addWidget(self.report_check, 0, 0, 1, 2)
        problem.addWidget(self.category_label, 1, 0, Qt.AlignmentFlag.AlignRight)
        problem.addWidget(self.category_combo, 1, 1)
        problem.addWidget(self.building_label, 2, 0, Qt.AlignmentFlag.AlignRight)
        problem.addWidget(self.building_combo, 2, 1)
        problem.addWidget(self.reported_label, 3, 0, 1, 2)
        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addStretch(1)
        steps.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.counter_label)
        layout.addWidget(self.item_label)
        layout.addSpacing(4)
        layout.addLayout(choices)
        layout.addSpacing(4)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.message)
        layout.addLayout(photos)
        layout.addWidget(self.problem_box)
        layout.addStretch(1)
        layout.addLayout(steps)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.ok_button.setText(self.tr("✓ 正常"))
        self.problem_button.setText(self.tr("⚠ 有问题"))
        self.note_label.setText(self.tr("情况说明"))
        self.photo_button.setText(self.tr("添加照片…"))
        self.report_check.setText(self.tr("上报为诉求（来源：巡查发现），进入受理流程"))
        self.category_label.setText(self.tr("诉求类别"))
        self.building_label.setText(self.tr("问题位置"))
        self.previous_button.setText(self.tr("上一项"))
        if self.category_combo.count():
            self.category_combo.setItemText(0, self.tr("请选择诉求类别"))
            self.building_combo.setItemText(0, self.tr("网格内（不指定楼栋）"))
        self._update()

    def set_choices(self, categories: list[CategoryChoice], buildings: list[tuple[str, str]]) -> None:
        self.category_combo.clear()
        self.category_combo.addItem("", None)
        for c in categories:
            self.category_combo.addItem(c.label, c.code)
        self.building_combo.clear()
        self.building_combo.addItem("", None)
        for building_id, text in buildings:
            self.building_combo.addItem(text, building_id)
        self.retranslate()

    def show_item(self, item: str, position: int, total: int, answer: RoundItemRow | None) -> None:
        """Item `position` (0-based) of `total`, with its saved answer, if any."""
        self.item, self.answer, self.photos = item, answer, []
        self.counter_label.setText(self.tr("第 %1 项，共 %2 项").replace("%1", str(position + 1))
                                   .replace("%2", str(total)))
        self.item_label.setText(item)
        self.result_group.setExclusive(False)
        self.ok_button.setChecked(answer is not None and answer.result == "ok")
        self.problem_button.setChecked(answer is not None and answer.result == "problem")
        self.result_group.setExclusive(True)
        self.note_edit.setPlainText(answer.note or "" if answer else "")
        self.report_check.setChecked(False)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(suggested_category(item))))
        self.building_combo.setCurrentIndex(0)
        self.save_button.setText(self.tr("保存本项") if position == total - 1 else self.tr("保存并下一项"))
        self._update()

    def choose(self, result: str) -> None:
        (self.ok_button if result == "ok" else self.problem_button).setChecked(True)
        self._update()

    @property
    def chosen(self) -> str | None:
        return "ok" if self.ok_button.isChecked() else "problem" if self.problem_button.isChecked() else None

    @property
    def reported(self) -> bool:
        return self.answer is not None and self.answer.request_id is not None

    @property
    def report(self) -> bool:
        """Whether saving should report the problem as a request."""
        return self.chosen == "problem" and self.report_check.isChecked() and not self.reported

    def _update(self, *_args: object) -> None:
        problem = self.chosen == "problem"
        self.problem_box.setVisible(problem)
        self.report_check.setVisible(problem and not self.reported)
        self.reported_label.setVisible(problem and self.reported)
        self.reported_label.setText(self.tr("已上报诉求 %1").replace("%1", self.answer.ticket_no or "")
                                    if self.answer and self.reported else "")
        for widget in (self.category_label, self.category_combo, self.building_label, self.building_combo):
            widget.setVisible(self.report)
        self.note_edit.setPlaceholderText(self.tr("请写明发现的问题、位置和现场处理情况（必填）") if problem
                                          else self.tr("可选：补充说明"))
        self.photo_label.setText("、".join(Path(p).name for p in self.photos) if self.photos
                                 else self.tr("未添加（可选）"))

    def _add_photos(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择现场照片"), "",
                                                      self.tr("图片") + f" ({PHOTO_FILTER})")
        self.photos.extend(f for f in files if f not in self.photos)
        self._update()

    def set_enabled(self, on: bool, *, can_go_back: bool) -> None:
        for widget in (self.ok_button, self.problem_button, self.note_edit, self.photo_button, self.report_check,
                       self.category_combo, self.building_combo, self.save_button):
            widget.setEnabled(on)
        self.previous_button.setEnabled(on and can_go_back)
