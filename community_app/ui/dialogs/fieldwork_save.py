"""Running a visit or patrol change on the database-writing thread: core checks and writes,
the job commits. A refusal (core's FieldworkError, or any ValidationFailed) comes back as a
value, not an exception, so refused input is no traceback in the log; the dialog shows its
problems under the fields they name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.problems import ValidationFailed
from community_app.ui.fieldwork_texts import problem_text
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.workers import Job, JobContext, run_in_background


def write_in_background(owner: QObject, name: str, factory: sessionmaker[Session],
                        fn: Callable[[Session], Any]) -> Job:
    """fn(session) on the writer thread, committed; its result (or the ValidationFailed) is
    delivered by the job's result signal."""

    def write(_ctx: JobContext) -> Any:
        with factory() as session:
            try:
                value = fn(session)
            except ValidationFailed as refused:
                session.rollback()
                return refused
            session.commit()
            return value

    return run_in_background(write, name=name, parent=owner, writes=True)


def read_in_background(owner: QObject, name: str, factory: sessionmaker[Session],
                       fn: Callable[[Session], Any]) -> Job:
    """fn(session) on a pool thread; a ValidationFailed comes back as the result value."""

    def read(_ctx: JobContext) -> Any:
        with factory() as session:
            try:
                return fn(session)
            except ValidationFailed as refused:
                return refused

    return run_in_background(read, name=name, parent=owner)


def show_problems(refused: ValidationFailed, inputs: dict[str, QWidget], messages: dict[str, Any],
                  general: Any) -> None:
    """Each problem under its field's message label (or the general label), fields flagged."""
    by_field: dict[str, list[str]] = {}
    for p in refused.problems:
        key = p.field if p.field in messages else ""
        by_field.setdefault(key, []).append(problem_text(p))
    for key, label in messages.items():
        text = "\n".join(by_field.get(key, []))
        label.setText(text)
        label.setVisible(bool(text))
        set_flag(label, "error", bool(text))
    for key, widget in inputs.items():
        set_flag(widget, "invalid", key in by_field)
    text = "\n".join(by_field.get("", []))
    general.setText(text)
    general.setVisible(bool(text))


def clear_problems(inputs: dict[str, QWidget], messages: dict[str, Any], general: Any) -> None:
    for label in messages.values():
        label.clear()
        label.hide()
    for widget in inputs.values():
        set_flag(widget, "invalid", False)
    general.clear()
    general.hide()
