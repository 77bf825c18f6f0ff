"""新增 / 编辑居民: the resident form. Every rule lives in core.residents; the form collects
what was typed, shows core's problems under the fields they concern (errors red and
blocking, warnings amber), asks before saving a probable duplicate, and saves on the
serialized write thread. Reading, checking and saving all run in the background.

ID number and phone of an existing record stay masked until revealed (reason, audit).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import idnumbers, localtime, roles
from community_app.core.auth import CurrentUser
from community_app.core.phones import check_phone
from community_app.core.problems import Problem, ValidationFailed
from community_app.core.residents.inputs import ResidentInput
from community_app.ui.dialogs import resident_form_jobs as jobs
from community_app.ui.dialogs.resident_form_layout import FormWidgets
from community_app.ui.dialogs.reveal_reason_dialog import RevealReasonDialog
from community_app.ui.i18n import core_message
from community_app.ui.widgets.field_state import Tone, mark_input, show_lines
from community_app.ui.widgets.pii_field import PiiField
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)
MIN_SIZE = QSize(860, 520)
PREFERRED_SIZE = QSize(940, 860)


class ResidentFormDialog(QDialog):
    """saved(id) then accept() once the record is written and committed."""

    saved = Signal(str)
    ready = Signal()  # the form is filled (and, for an edit, the stored record loaded)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], *, resident_id: str | None,
                 community_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("residentFormDialog")
        self._user = user
        self._factory = session_factory
        self.resident_id = resident_id
        self._community = community_code
        self._job: Job | None = None  # the check or save under way
        self._loader: Job | None = None
        self._reveal_job: Job | None = None
        self._data: ResidentInput | None = None  # the stored record (edit)
        self.duplicate_box: QMessageBox | None = None
        self.reveal_dialog: RevealReasonDialog | None = None
        self._reveal_target: PiiField | None = None
        self.duplicate_save_button: QPushButton | None = None
        self._load_error = False
        self._pending: ResidentInput | None = None  # checked, waiting for the duplicate answer

        can_reveal = user.can(roles.PII_REVEAL)
        # a new phone number can be typed over a masked one without seeing it; an ID number cannot
        self.w = FormWidgets(session_factory, community_code, can_reveal=can_reveal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.w)
        self._size_to_screen()
        self.w.id_field.reveal_requested.connect(self._ask_reveal_id)
        self.w.phone_field.reveal_requested.connect(self._ask_reveal_phone)
        self.w.id_field.edited.connect(self._id_left)
        self.w.phone_field.edited.connect(self._phone_left)
        self.w.id_type_combo.currentIndexChanged.connect(self._id_type_changed)
        self._watch_edits()
        self.w.save_button.clicked.connect(self.submit)
        self.w.cancel_button.clicked.connect(self.reject)
        self._retranslate()
        self._load()

    def _size_to_screen(self) -> None:
        """Room for both columns; as tall as the form, but never taller than the screen (it scrolls)."""
        self.setMinimumSize(MIN_SIZE)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        height = PREFERRED_SIZE.height() if screen is None else min(PREFERRED_SIZE.height(), screen.height() - 60)
        self.resize(PREFERRED_SIZE.width(), max(height, MIN_SIZE.height()))

    # texts ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        editing = self.resident_id is not None
        title = self.tr("编辑居民档案") if editing else self.tr("新增居民")
        self.setWindowTitle(title)
        name = self._data.name if self._data else ""
        self.w.heading.setText(f"{title}　{name}".strip())
        self.w.retranslate()
        self._update_busy()

    # loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        user, factory, resident_id = self._user, self._factory, self.resident_id

        def fetch(_ctx: JobContext) -> jobs.FormData:
            return jobs.load_form(factory, user, resident_id)

        self._loader = run_in_background(fetch, name="resident_form_load", parent=self)
        self._loader.result.connect(self._fill)
        self._loader.error.connect(self._load_failed)
        self._update_busy()

    def _fill(self, data: jobs.FormData) -> None:
        self.w.set_tags(data.tags)
        values = data.values
        if values is not None:
            self._data = values
            self._community = values.community_code
            self.w.fill(values, data.id_number_masked, data.phone_masked)
            self.w.picker.load(data.building_id, data.unit_id, values.household_id)
            self._retranslate()
        else:
            self.w.picker.load()
        self._update_busy()
        self.w.name_edit.setFocus()
        self.ready.emit()

    def _load_failed(self, exc: object) -> None:
        self._load_error = True
        text = str(exc) if isinstance(exc, LookupError | PermissionError) else self.tr(
            "读取居民档案时出现问题；请关闭后重试。如果问题反复出现，请联系系统管理员。")
        self._banner(text)
        self._update_busy()

    # editing a field -----------------------------------------------------------------------
    def _watch_edits(self) -> None:
        """A message answered by editing its field goes away (it is checked again on save)."""
        w = self.w
        self._edit_sources: dict[QObject, str] = {}
        signals = [(w.name_edit.textEdited, w.name_edit, "name"), (w.sex_combo.activated, w.sex_combo, "sex"),
                   (w.id_number_edit.textEdited, w.id_number_edit, "id_number"),
                   (w.birth_edit.dateChanged, w.birth_edit, "birth_date"),
                   (w.ethnicity_combo.editTextChanged, w.ethnicity_combo, "ethnicity"),
                   (w.phone_edit.textEdited, w.phone_edit, "phone"),
                   (w.residence_combo.activated, w.residence_combo, "residence_type"),
                   (w.picker.changed, w.picker, "household_id"),
                   (w.relation_combo.editTextChanged, w.relation_combo, "relation_to_head"),
                   (w.notes_edit.textChanged, w.notes_edit, "notes")]
        for signal, source, field in signals:
            self._edit_sources[source] = field
            signal.connect(self._field_edited)

    def _field_edited(self) -> None:
        field = self._edit_sources.get(self.sender())
        if field is not None and self.w.messages[field].property("tone") in ("error", "warning"):
            self._show_field(field, [])

    # leaving a field -----------------------------------------------------------------------
    def _id_type_changed(self, _index: int) -> None:
        none = self.w.id_type() == "none"
        if none and self.w.id_field.typed:
            self.w.id_number_edit.clear()
        self.w.id_number_edit.setEnabled(not none)
        self._show_field("id_number", [])

    def _id_left(self) -> None:
        """Derive and show birth date, sex and region as soon as the number is typed."""
        text = self.w.id_number_edit.text().strip()
        if self.w.id_type() != "resident_id" or not text:
            self._show_field("id_number", [])
            return
        result = idnumbers.check_id_number(text, today=localtime.today())
        if result.ok and result.normalized:
            if result.normalized != text:
                self.w.id_number_edit.setText(result.normalized)  # 15 digits upgraded, x → X
            self.w.birth_edit.set_value(result.birth_date)
            self.w.set_sex(result.sex)
            self._show_field("birth_date", [])
            self._show_field("sex", [])
        self._show_field("id_number", list(result.problems), info=self._derived_text(result) if result.ok else "")

    def _derived_text(self, result: idnumbers.IdNumberCheck) -> str:
        sex = {"M": self.tr("男"), "F": self.tr("女")}.get(result.sex or "", "")
        parts = [self.tr("出生日期 %1").replace("%1", result.birth_date.isoformat())] if result.birth_date else []
        parts += [sex] if sex else []
        parts += [result.region_name] if result.region_name else []
        return self.tr("号码有效：%1").replace("%1", " · ".join(parts))

    def _phone_left(self) -> None:
        text = self.w.phone_edit.text().strip()
        self._show_field("phone", list(check_phone(text).problems) if text else [])

    # messages ------------------------------------------------------------------------------
    def _show_field(self, field: str, problems: list[Problem], *, info: str = "") -> None:
        lines: list[tuple[Tone, str]] = [("error", core_message(p.message)) for p in problems if p.is_error]
        lines += [("warning", core_message(p.message)) for p in problems if not p.is_error]
        if info and not any(p.is_error for p in problems):
            lines.append(("info", info))
        tone = show_lines(self.w.messages[field], lines)
        mark_input(self.w.inputs[field], tone if tone in ("error", "warning") else None)

    def show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        """Each problem under its field; those of no field on the form in the banner."""
        by_field: dict[str, list[Problem]] = {f: [] for f in self.w.messages}
        general: list[Problem] = []
        for p in problems:
            field = "id_number" if p.field == "id_type" and self.w.id_type() == "resident_id" else p.field
            by_field.get(field or "", general).append(p)
        for field, found in by_field.items():
            self._show_field(field, found)
        self._banner("\n".join(core_message(p.message) for p in general if p.is_error))
        first = next((f for f in self.w.messages if any(p.is_error for p in by_field[f])), None)
        if first is not None:
            self.w.focus_field(first)

    def _banner(self, text: str) -> None:
        self.w.error_banner.setText(text)
        self.w.error_banner.setVisible(bool(text))

    # saving --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return any(job is not None and not job.done for job in (self._job, self._loader, self._reveal_job))

    def _update_busy(self) -> None:
        busy = self.busy
        self.w.save_button.setEnabled(not busy and not self._load_error)
        if self._job is not None and not self._job.done:
            self.w.status_label.setText(self.tr("正在保存…") if self._job.name == "resident_save"
                                        else self.tr("正在检查…"))
        elif self._loader is not None and not self._loader.done:
            self.w.status_label.setText(self.tr("正在读取…"))
        else:
            self.w.status_label.setText("")

    def current_input(self) -> ResidentInput:
        data = self.w.collect(self._community)
        stored = self._data
        if stored is not None and stored.household_id == data.household_id:
            # the form has no grid field: a record keeps its cell unless it moves (core derives the new one)
            data = replace(data, grid_cell_id=stored.grid_cell_id)
        return data

    def submit(self) -> None:
        if self.busy:
            return
        self._banner("")
        local = self.w.local_problems()
        if local:
            self.show_problems(local)
            return
        data = self.current_input()
        factory, resident_id = self._factory, self.resident_id

        def run_check(_ctx: JobContext) -> jobs.CheckOutcome:
            return jobs.check(factory, data, resident_id)

        self._job = run_in_background(run_check, name="resident_check", parent=self)
        self._job.result.connect(self._checked)
        self._job.error.connect(self._failed)
        self._job.finished.connect(self._update_busy)
        self._pending = data
        self._update_busy()

    def _checked(self, outcome: jobs.CheckOutcome) -> None:
        self.show_problems(outcome.problems)
        if not outcome.ok:
            log.info("resident form refused (%s)", ", ".join(p.code for p in outcome.checked.errors))
            return
        if outcome.duplicates:
            self._confirm_duplicates(outcome)
            return
        self._save()

    def _confirm_duplicates(self, outcome: jobs.CheckOutcome) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("可能重复"), "", QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("duplicateBox")
        lines = "\n".join(f"• {core_message(h.message)}" for h in outcome.duplicates)
        box.setText(self.tr("可能重复：%1").replace("%1", "\n" + lines))
        box.setInformativeText(self.tr("仍然保存？"))
        self.duplicate_save_button = box.addButton(self.tr("仍然保存"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("返回核对"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(self._duplicate_answered)
        self.duplicate_box = box
        box.open()

    def _duplicate_answered(self, _result: int) -> None:
        box = self.duplicate_box
        self.duplicate_box = None
        if box is not None:
            box.deleteLater()
            if box.clickedButton() is self.duplicate_save_button:
                self._save()

    def _save(self) -> None:
        data, factory, user, resident_id = self._pending, self._factory, self._user, self.resident_id
        assert data is not None

        def write(_ctx: JobContext) -> str | ValidationFailed:
            return jobs.save(factory, user, data, resident_id)

        self._job = run_in_background(write, name="resident_save", parent=self, writes=True)
        self._job.result.connect(self._saved)
        self._job.error.connect(self._failed)
        self._job.finished.connect(self._update_busy)
        self._update_busy()

    def _saved(self, outcome: str | ValidationFailed) -> None:
        if isinstance(outcome, ValidationFailed):  # changed since the check (another window, a sync)
            self.show_problems(outcome.problems)
            return
        log.info("resident %s %s", outcome, "updated" if self.resident_id else "created")
        self.resident_id = outcome
        self.saved.emit(outcome)
        self.accept()

    def _failed(self, exc: object) -> None:
        if isinstance(exc, PermissionError | LookupError):
            self._banner(str(exc))
        else:
            self._banner(self.tr("保存时出现问题，档案没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。"))

    def reject(self) -> None:
        """Not while a save is being written: the dialog would close on a record that then exists."""
        if self._job is not None and not self._job.done and self._job.name == "resident_save":
            return
        super().reject()

    # reveal --------------------------------------------------------------------------------
    def _ask_reveal_id(self) -> None:
        self._ask_reveal("id_number", self.w.id_field, self.tr("证件号码"))

    def _ask_reveal_phone(self) -> None:
        self._ask_reveal("phone", self.w.phone_field, self.tr("联系电话"))

    def _ask_reveal(self, field: str, target: PiiField, what: str) -> None:
        if self.resident_id is None or self._data is None or self.busy:
            return
        dialog = RevealReasonDialog(what, self._data.name, self)
        dialog.accepted.connect(self._reveal_confirmed)
        dialog.setProperty("field", field)
        self.reveal_dialog = dialog
        self._reveal_target = target
        dialog.open()

    def _reveal_confirmed(self) -> None:
        dialog = self.reveal_dialog
        assert dialog is not None and self.resident_id is not None
        field, reason = str(dialog.property("field")), dialog.reason()
        factory, user, resident_id = self._factory, self._user, self.resident_id
        dialog.deleteLater()
        self.reveal_dialog = None

        def fetch(_ctx: JobContext) -> str:
            return jobs.reveal_value(factory, user, resident_id, field, reason)

        self._reveal_job = run_in_background(fetch, name="resident_reveal", parent=self, writes=True)
        self._reveal_job.result.connect(self._revealed)
        self._reveal_job.error.connect(self._reveal_failed)
        self._reveal_job.finished.connect(self._update_busy)
        self._update_busy()

    def _revealed(self, value: str) -> None:
        if self._reveal_target is not None:
            self._reveal_target.set_revealed(value)

    def _reveal_failed(self, exc: object) -> None:
        if isinstance(exc, PermissionError | LookupError):
            self._banner(str(exc))
        elif isinstance(exc, ValidationFailed):
            self._banner("\n".join(core_message(p.message) for p in exc.problems))
        else:
            self._banner(self.tr("现在无法显示完整信息；请稍后重试。"))

