"""记录走访: when, how and with what outcome a resident was visited, notes, photos, and
whether a follow-up is needed — which logs a request (来源：走访) linked to the visit and the
resident, so it enters the casework workflow with its own deadline.

Times are typed in Beijing time; core stores UTC and refuses a time in the future.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import fieldwork_rules
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_links import VISIT_GROUPS, CategoryChoice, category_choices
from community_app.core.localtime import SHANGHAI
from community_app.core.problems import ValidationFailed
from community_app.core.visits import METHODS, OUTCOMES, VisitDue, VisitInput, record_visit
from community_app.ui.dialogs.dialog_layout import STRETCH, add_form_rows, button_row, dialog_column, form_grid
from community_app.ui.dialogs.fieldwork_save import (
    clear_problems,
    read_in_background,
    show_problems,
    write_in_background,
)
from community_app.ui.fieldwork_style import DIALOG_QSS
from community_app.ui.fieldwork_texts import METHOD_SHORT, OUTCOME_NAMES, PHOTO_FILTER, code_name, local_day
from community_app.ui.icons import icon
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job

log = logging.getLogger(__name__)


def choice_row(codes: tuple[str, ...], name: str) -> tuple[QWidget, QButtonGroup, dict[str, QPushButton]]:
    """A row of round, mutually exclusive buttons (the page words them)."""
    box = named(QWidget(), name)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(8)
    group = QButtonGroup(box)
    group.setExclusive(True)
    buttons = {}
    for code in codes:
        button = named(QPushButton(), f"{name}_{code}")
        button.setCheckable(True)
        button.setProperty("choice", True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        group.addButton(button)
        row.addWidget(button)
        buttons[code] = button
    row.addStretch(1)
    return box, group, buttons


class VisitDialog(QDialog):
    """Emits saved(visit_id) after the visit (and any follow-up request) is committed."""

    saved = Signal(str)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], subject: VisitDue,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(DIALOG_QSS)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._user, self._factory, self.subject = user, session_factory, subject
        self._job: Job | None = None
        self.photos: list[str] = []
        self.visit_id: str | None = None

        self.heading = named(QLabel(), "dialogHeading")
        self.subject_label = named(QLabel(), "dialogSubject")
        self.subject_label.setWordWrap(True)
        self.when_edit = named(QDateTimeEdit(), "visitTime")
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when_edit.setCalendarPopup(True)
        now = datetime.now(SHANGHAI).replace(tzinfo=None, second=0, microsecond=0)
        self.when_edit.setMaximumDateTime(QDateTime(now + timedelta(minutes=1)))
        self.when_edit.setMinimumDateTime(QDateTime(now - timedelta(days=365)))
        self.when_edit.setDateTime(QDateTime(now))
        self.method_box, self.method_group, self.method_buttons = choice_row(METHODS, "visitMethod")
        self.method_buttons["home"].setChecked(True)
        self.outcome_box, self.outcome_group, self.outcome_buttons = choice_row(OUTCOMES, "visitOutcome")
        self.outcome_buttons["ok"].setChecked(True)
        self.notes_edit = named(QPlainTextEdit(), "visitNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(96)
        self.notes_count = named(QLabel(), "fieldMessage")
        self.photo_button = named(QPushButton(), "addPhotoButton")
        self.photo_label = named(QLabel(), "photoList")
        self.photo_label.setWordWrap(True)
        self.followup_check = named(QCheckBox(), "needsFollowup")
        self.followup_hint = named(QLabel(), "followupHint")
        self.followup_hint.setWordWrap(True)
        self.category_combo = named(QComboBox(), "followupCategory")
        self.category_combo.setMinimumContentsLength(18)
        self.error_label = named(QLabel(), "loginError")
        self.error_label.setWordWrap(True)
        self.save_button = named(QPushButton(), "saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = named(QPushButton(), "formCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {"visited_at": self.when_edit, "method": self.method_box,
                                           "outcome": self.outcome_box, "notes": self.notes_edit,
                                           "followup_category": self.category_combo}
        self._build()
        self._connect()
        self._retranslate()
        self._followup_toggled()
        self._load_categories()
        self.resize(640, 720)
        self.notes_edit.setFocus()  # the time is usually now: the notes are what is typed

    # layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        grid = form_grid()
        photo_row = QHBoxLayout()
        photo_row.setSpacing(10)
        photo_row.addWidget(self.photo_button)
        photo_row.addWidget(self.photo_label, 1)
        photos = QWidget()
        photos.setLayout(photo_row)
        photo_row.setContentsMargins(0, 0, 0, 0)
        self.when_edit.setMaximumWidth(240)
        fields: list[tuple[str, QWidget]] = [("visited_at", self.when_edit), ("method", self.method_box),
                                             ("outcome", self.outcome_box), ("notes", self.notes_edit),
                                             ("photos", photos), ("followup", self.followup_check),
                                             ("followup_category", self.category_combo)]
        add_form_rows(grid, fields, self.labels, self.messages, tall="notes",
                      under={"notes": (self.notes_count, Qt.AlignmentFlag.AlignRight),
                             "followup": (self.followup_hint, None)})
        self.category_row = (self.labels["followup_category"], self.category_combo)
        dialog_column(self, [self.heading, self.subject_label, 4, grid, self.error_label, STRETCH,
                             button_row(self.cancel_button, self.save_button)])
        self.error_label.hide()

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.photo_button.clicked.connect(self._add_photos)
        self.followup_check.toggled.connect(self._followup_toggled)
        self.notes_edit.textChanged.connect(self._update_count)
        self.outcome_group.buttonToggled.connect(lambda *_: self._update_count())

    # texts ----------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        s = self.subject
        self.setWindowTitle(self.tr("记录走访"))
        self.heading.setText(self.tr("记录走访 · %1").replace("%1", s.name))
        last = self.tr("尚无走访记录")
        if s.last_visit_at:
            last = (self.tr("上次走访：%1 %2").replace("%1", local_day(s.last_visit_at))
                    .replace("%2", s.last_visit_by or ""))
        parts = ["、".join(s.tag_names), s.address or "", s.phone_masked, last]
        self.subject_label.setText("　·　".join(p for p in parts if p))
        for key, text in {"visited_at": self.tr("走访时间"), "method": self.tr("走访方式"),
                          "outcome": self.tr("走访结果"), "notes": self.tr("情况记录"),
                          "photos": self.tr("现场照片"), "followup": self.tr("后续跟进"),
                          "followup_category": self.tr("诉求类别")}.items():
            self.labels[key].setText(text)
        for code, button in self.method_buttons.items():
            button.setText(code_name(METHOD_SHORT, code))
        for code, button in self.outcome_buttons.items():
            button.setText(code_name(OUTCOME_NAMES, code))
        self.notes_edit.setPlaceholderText(self.tr("例如：身体状况、生活起居、家中安全隐患、提出的困难和诉求等"))
        self.photo_button.setText(self.tr("添加照片…"))
        self.followup_check.setText(self.tr("需要后续跟进（生成诉求）"))
        self.followup_hint.setText(self.tr(
            "勾选后，保存时将自动生成一件诉求（来源：走访），以该居民为反映人并关联本次走访，"
            "进入受理流程，按所选类别的时限办理。请在“情况记录”中写明需要解决的问题。"))
        self.save_button.setText(self.tr("正在保存…") if self.busy else self.tr("保存走访"))
        self.cancel_button.setText(self.tr("取消"))
        self._show_photos()
        self._update_count()

    def _update_count(self) -> None:
        count = len(self.notes_edit.toPlainText().strip())
        needed = self.outcome_buttons["concern"].isChecked() or self.followup_check.isChecked()
        text = f"{count}/{fieldwork_rules.NOTES_MAX}"
        if needed and count == 0:
            text = self.tr("必填：请写明发现的问题") + "　" + text
        self.notes_count.setText(text)

    def _show_photos(self) -> None:
        self.photo_label.setText("、".join(Path(p).name for p in self.photos) if self.photos
                                 else self.tr("未添加（可选）"))

    # behaviour -----------------------------------------------------------------------------------
    def _followup_toggled(self, _on: bool = False) -> None:
        on = self.followup_check.isChecked()
        self.category_combo.setEnabled(on and not self.busy)
        self.followup_hint.setVisible(on)
        for widget in self.category_row:
            widget.setVisible(on)
        self._update_count()

    def _add_photos(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择现场照片"), "",
                                                      self.tr("图片") + f" ({PHOTO_FILTER})")
        self.photos.extend(f for f in files if f not in self.photos)
        self._show_photos()

    def _load_categories(self) -> None:
        job = read_in_background(self, "visit_categories", self._factory,
                                 lambda s: category_choices(s, VISIT_GROUPS))
        job.result.connect(self._categories_loaded)

    def _categories_loaded(self, choices: list[CategoryChoice]) -> None:
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("请选择诉求类别"), None)
        for c in choices:
            self.category_combo.addItem(c.label, c.code)

    def visit_input(self) -> VisitInput:
        local = self.when_edit.dateTime().toPython().replace(second=0, microsecond=0, tzinfo=SHANGHAI)
        method = next(code for code, b in self.method_buttons.items() if b.isChecked())
        outcome = next(code for code, b in self.outcome_buttons.items() if b.isChecked())
        followup = self.followup_check.isChecked()
        return VisitInput(
            resident_id=self.subject.resident_id, visited_at=local, method=method, outcome=outcome,
            notes=self.notes_edit.toPlainText(), photos=tuple(self.photos), needs_followup=followup,
            followup_category=self.category_combo.currentData() if followup else None)

    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def submit(self) -> None:
        if self.busy:
            return
        data, user = self.visit_input(), self._user
        clear_problems(self.inputs, self.messages, self.error_label)
        self._job = write_in_background(self, "save_visit", self._factory,
                                        lambda s: record_visit(s, user, data))
        self._job.result.connect(self._done)
        self._job.error.connect(self._failed)
        self._job.finished.connect(self._set_busy)
        self._set_busy()

    def _set_busy(self) -> None:
        busy = self.busy
        for widget in (*self.inputs.values(), self.followup_check, self.photo_button, self.save_button,
                       self.cancel_button):
            widget.setEnabled(not busy)
        self.category_combo.setEnabled(not busy and self.followup_check.isChecked())
        self.save_button.setText(self.tr("正在保存…") if busy else self.tr("保存走访"))

    def _done(self, outcome: object) -> None:
        if isinstance(outcome, ValidationFailed):
            show_problems(outcome, self.inputs, self.messages, self.error_label)
            return
        self.visit_id = str(outcome)
        self.saved.emit(self.visit_id)
        self.accept()

    def _failed(self, _exc: object) -> None:
        self.error_label.setText(self.tr(
            "保存时出现问题，走访没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。"))
        self.error_label.show()

    def reject(self) -> None:
        if not self.busy:
            super().reject()
