"""The small forms of the place register (building, unit, household, grid worker): labelled
inputs with a hint under each, which turns into the error when core refuses the input.

A subclass adds its fields, says how to read them (`collect`) and how to save them
(`save`, run on the database-writing thread: core checks, writes, the job commits). Core's
PlaceError comes back as a value, not an exception, so a refused input is no traceback
in the log; its problems appear under the fields they name.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.place_rules import PlaceError
from community_app.ui.icons import icon
from community_app.ui.place_texts import problem_text
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# not yet in app.qss: the primary button of these dialogs
FORM_QSS = """
QDialog { background: #FFFFFF; }
QPushButton#saveButton { color: #FFFFFF; background: #1F5FBF; border: none; padding: 7px 22px; }
QPushButton#saveButton:hover { background: #174E9F; }
QPushButton#saveButton:disabled { background: #7FA3D9; color: #FFFFFF; }
"""


class UnreadableInputError(ValueError):
    """Input the form itself cannot read (e.g. letters where a number belongs)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field




class PlaceFormDialog(QDialog):
    """accept()s after a successful save; `result_row` holds what core returned."""

    saved = Signal(object)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(FORM_QSS)
        self._user = user
        self._session_factory = session_factory
        self._job: Job | None = None
        self._errors: dict[str, str] = {}  # field ("" = none) → message shown
        self.result_row: Any = None
        self.fields: list[str] = []  # row keys, in form order
        self.inputs: dict[str, QWidget] = {}  # every field core may name → its input
        self.row_of: dict[str, str] = {}  # field → the row whose message shows its problems
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}

        self.heading = named(QLabel(), "dialogHeading")
        self.intro = named(QLabel(), "dialogHint")
        self.intro.setWordWrap(True)
        self.error_label = named(QLabel(), "loginError")  # problems that belong to no field
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.save_button = named(QPushButton(), "saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button = named(QPushButton(), "formCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)

    # building the form ----------------------------------------------------------------------
    def add_field(self, key: str, widget: QWidget, *, beside: tuple[str, QWidget] | None = None) -> None:
        """A row: label, input (and optionally a second field beside it), message below."""
        row = len(self.fields) * 2
        self.fields.append(key)
        self.inputs[key] = widget
        self.row_of[key] = key
        if beside is not None:
            self.inputs[beside[0]] = beside[1]
            self.row_of[beside[0]] = key
        label = self.labels[key] = QLabel()
        label.setBuddy(widget)
        message = self.messages[key] = named(QLabel(), "fieldMessage")
        message.setWordWrap(True)
        message.setContentsMargins(0, 0, 0, 6)
        self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if beside is None:
            self.grid.addWidget(widget, row, 1)
        else:
            pair = QHBoxLayout()
            pair.setSpacing(10)
            pair.addWidget(widget, 1)
            pair.addWidget(beside[1], 1)
            self.grid.addLayout(pair, row, 1)
        self.grid.addWidget(message, row + 1, 1)

    def finish_layout(self, extra: QWidget | None = None) -> None:
        """Buttons under the fields; `extra` (e.g. a checkbox) goes under the inputs column."""
        if extra is not None:
            self.grid.addWidget(extra, len(self.fields) * 2, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(self.grid)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()

    # texts --------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Subclasses set their own texts, then call this. (The base class words its texts
        in its own context: PySide's self.tr() would look them up under the subclass.)"""
        self.cancel_button.setText(translate("PlaceForm", "取消"))
        self.save_button.setText(translate("PlaceForm", "正在保存…") if self.busy else translate("PlaceForm", "保存"))
        self.show_messages()

    def hints(self) -> dict[str, str]:
        return {}

    def show_messages(self) -> None:
        hints = self.hints()
        for key in self.fields:
            errors = [message for field, message in self._errors.items() if self.row_of.get(field) == key]
            self.messages[key].setText("\n".join(errors) if errors else hints.get(key, ""))
            self.messages[key].setVisible(bool(self.messages[key].text()))
            set_flag(self.messages[key], "error", bool(errors))
        for field, widget in self.inputs.items():
            set_flag(widget, "invalid", field in self._errors)
        general = self._errors.get("", "")
        self.error_label.setText(general)
        self.error_label.setVisible(bool(general))

    def show_problems(self, problems: list[tuple[str | None, str]]) -> None:
        """(field, message) pairs; a field this form does not have goes to the general box."""
        self._errors = {}
        for field, message in problems:
            key = field if field in self.inputs else ""
            self._errors[key] = f"{self._errors[key]}\n{message}" if key in self._errors else message
        self.show_messages()
        first = next((f for f in self.inputs if f in self._errors), None)
        if first is not None:
            self.inputs[first].setFocus()

    # saving ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def collect(self) -> Any:
        """The input dataclass from the widgets; raise UnreadableInputError for unreadable input."""
        raise NotImplementedError

    def save(self, session: Session, user: CurrentUser, data: Any) -> Any:
        """Runs on the writer thread: call core; return what it returns (the page shows it)."""
        raise NotImplementedError

    def submit(self) -> None:
        if self.busy:
            return
        try:
            data = self.collect()
        except UnreadableInputError as problem:
            self.show_problems([(problem.field, str(problem))])
            return
        factory, user, save = self._session_factory, self._user, self.save

        def write(_ctx: JobContext) -> Any:
            with factory() as session:
                try:
                    row = save(session, user, data)
                except PlaceError as refused:  # the user's input, not a failure
                    session.rollback()
                    return refused
                session.commit()
                return row

        self._errors = {}
        self.show_messages()
        self._job = run_in_background(write, name=f"save_{self.objectName()}", parent=self, writes=True)
        self._job.result.connect(self._done)
        self._job.error.connect(self._failed)
        self._job.finished.connect(self._set_busy_ui)
        self._set_busy_ui()

    def _set_busy_ui(self) -> None:
        for widget in (*self.inputs.values(), self.save_button, self.cancel_button):
            widget.setEnabled(not self.busy)
        self.save_button.setText(translate("PlaceForm", "正在保存…") if self.busy else translate("PlaceForm", "保存"))

    def _done(self, outcome: Any) -> None:
        if isinstance(outcome, PlaceError):
            self.show_problems([(p.field, problem_text(p)) for p in outcome.problems])
            return
        self.result_row = outcome
        self.saved.emit(outcome)
        self.accept()

    def _failed(self, _exc: object) -> None:
        self.show_problems([("", translate("PlaceForm",
            "保存时出现问题，没有保存任何内容。请稍后重试；如果问题反复出现，请联系系统管理员。"))])

    def reject(self) -> None:
        if not self.busy:  # a save under way would finish anyway
            super().reject()
