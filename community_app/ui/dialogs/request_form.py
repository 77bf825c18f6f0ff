"""登记诉求: category (大类 → 小类), channel, urgency, description, where (a building or a map
point), who reported it (a resident, a name and phone, or nobody) and photos.

登记 first asks core to check everything (core.requests.check_request, photos included) and
for open requests of the same category within 50 m and 3 days (duplicate_candidates). If
there are any, the form shows them and offers 并单 — log the new request, then merge it into
the chosen one, in one transaction — or logging it as a new request anyway. Saving runs
on the database-writing thread and commits; saved(id) follows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.categories import CategoryNode, category_tree
from community_app.core.problems import ValidationFailed
from community_app.core.requests import (
    DuplicateCandidate,
    RequestInput,
    check_request,
    duplicate_candidates,
    log_request,
)
from community_app.core.workflow import perform
from community_app.ui.dialogs.request_form_fields import RequestFields
from community_app.ui.icons import icon
from community_app.ui.widgets.duplicate_hint import DuplicateHint
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Checked:
    candidates: list[DuplicateCandidate]


def _check(session: Session, user: CurrentUser, data: RequestInput) -> _Checked:
    """Core's checks of everything (nothing is written), then the open requests nearby."""
    values, _photos = check_request(session, user, data, None)
    lat, lng = values.get("latitude"), values.get("longitude")
    if not isinstance(lat, float | int) or not isinstance(lng, float | int):
        return _Checked([])
    return _Checked(duplicate_candidates(session, data.category_code, float(lat), float(lng), at=datetime.now(UTC),
                                         community_code=str(values["community_code"])))


class RequestFormDialog(QDialog):
    saved = Signal(str)  # the new request's id, after commit
    checked = Signal()  # 登记 was answered: problems shown, duplicates shown, or saving started

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestFormDialog")
        self.setWindowIcon(icon("app"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        assert user.community_code is not None, "requests are logged in a community"
        self._user, self._factory = user, session_factory
        self._jobs: list[Job] = []
        self._job: Job | None = None
        self.request_id: str | None = None

        self.heading = named(QLabel(), "dialogHeading")
        self.hint = named(QLabel(), "dialogHint")
        self.fields = RequestFields(session_factory, user.community_code)
        f = self.fields  # its parts, as tests reach them
        self.major_combo, self.minor_combo, self.channel, self.urgency = f.major_combo, f.minor_combo, f.channel, \
            f.urgency
        self.description_edit, self.location, self.reporter = f.description_edit, f.location, f.reporter
        self.limit_label, self.messages, self.select_category, self.add_photos = f.limit_label, f.messages, \
            f.select_category, f.add_photos
        self.duplicates = DuplicateHint(can_merge=user.can(roles.REQUEST_DISPATCH))
        self.duplicates.hide()
        self.error_label = named(QLabel(), "loginError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.save_button = named(QPushButton(), "primaryButton")
        self.save_button.setDefault(True)
        self.cancel_button = named(QPushButton(), "formCancelButton")
        self.cancel_button.setAutoDefault(False)
        self._build()
        self._connect()
        self._retranslate()
        self._load()
        self.resize(760, 860)

    def _build(self) -> None:
        content = named(QWidget(), "formContent")
        lay = QVBoxLayout(content)
        lay.setContentsMargins(28, 22, 28, 12)
        lay.setSpacing(10)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addSpacing(6)
        lay.addWidget(self.fields)
        lay.addStretch(1)
        self.scroll = named(QScrollArea(), "formScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        footer = named(QFrame(), "formFooter")
        foot = QVBoxLayout(footer)
        foot.setContentsMargins(28, 12, 28, 14)
        foot.setSpacing(10)
        foot.addWidget(self.duplicates)
        foot.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        foot.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(footer)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.duplicates.merge_chosen.connect(lambda target: self._save(target))
        self.duplicates.new_chosen.connect(lambda: self._save(None))
        # a changed category or place asks the duplicate question again
        loc = self.location
        for signal in (self.minor_combo.currentIndexChanged, loc.picker.changed, loc.mode.changed,
                       loc.lat_edit.textChanged, loc.lng_edit.textChanged):
            signal.connect(self._where_or_what_changed)

    # texts --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("登记诉求"))
        self.heading.setText(self.tr("登记诉求"))
        self.hint.setText(self.tr("请写清什么问题、在哪里、持续多久。登记后进入“待受理”，按类别时限计时（工作时间）。"))
        self.cancel_button.setText(self.tr("取消"))
        self.save_button.setText(self.tr("正在保存…") if self.busy else self.tr("登记"))
        self.fields.retranslate()

    # loading ------------------------------------------------------------------------------
    def _load(self) -> None:
        factory = self._factory

        def fetch(_ctx: JobContext) -> list[CategoryNode]:
            with factory() as session:
                return category_tree(session, active_only=True)

        job = run_in_background(fetch, name="request_categories", parent=self)
        job.result.connect(self.fields.set_categories)
        self._jobs.append(job)
        self.location.load()

    @property
    def loading(self) -> bool:
        return any(not j.done for j in self._jobs) or self.location.picker.loading

    def _where_or_what_changed(self, *_args: object) -> None:
        if self.duplicates.isVisible() and not self.busy:
            self.duplicates.hide()
            self.save_button.setEnabled(True)

    # saving -------------------------------------------------------------------------------
    def current_input(self) -> RequestInput:
        return self.fields.request_input()

    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def submit(self) -> None:
        """登记: check with core, then show duplicates or save."""
        if self.busy:
            return
        data, user, factory = self.current_input(), self._user, self._factory

        def check(_ctx: JobContext) -> _Checked | ValidationFailed | PermissionError:
            with factory() as session:
                try:
                    return _check(session, user, data)
                except (ValidationFailed, PermissionError) as refused:
                    return refused

        self.fields.clear_problems()
        self._general("")
        self.duplicates.hide()
        self._run(check, "request_check", self._checked)

    def _checked(self, outcome: _Checked | ValidationFailed | PermissionError) -> None:
        if isinstance(outcome, ValidationFailed):
            self.show_problems(outcome)
        elif isinstance(outcome, PermissionError):
            self._general(str(outcome))
        elif outcome.candidates:
            self.duplicates.show_candidates(outcome.candidates)
            self.save_button.setEnabled(False)  # the hint's buttons decide
        else:
            self._save(None)
        self.checked.emit()

    def _save(self, merge_into: str | None) -> None:
        if self.busy:
            return
        data, user, factory = self.current_input(), self._user, self._factory
        target = self.duplicates.chosen() if merge_into else None
        note = self.tr("登记时发现与 %1 为同一问题（相距约 %2 米），并单办理。").replace(
            "%1", target.ticket_no).replace("%2", str(round(target.distance_m))) if target is not None else None

        def write(_ctx: JobContext) -> str | ValidationFailed | PermissionError:
            with factory() as session:
                try:
                    request_id = log_request(session, user, data)
                    if merge_into is not None:
                        perform(session, user, request_id, "merge", merge_into_id=merge_into, note=note)
                except (ValidationFailed, PermissionError) as refused:
                    session.rollback()
                    return refused
                session.commit()
                return request_id

        self._run(write, "request_save", self._saved, writes=True)

    def _saved(self, outcome: str | ValidationFailed | PermissionError) -> None:
        if isinstance(outcome, ValidationFailed):
            self.duplicates.hide()
            self.show_problems(outcome)
            return
        if isinstance(outcome, PermissionError):
            self._general(str(outcome))
            return
        self.request_id = outcome
        self.saved.emit(outcome)
        self.accept()

    def _run(self, fn: object, name: str, done: object, *, writes: bool = False) -> None:
        self._job = run_in_background(fn, name=name, parent=self, writes=writes)  # type: ignore[arg-type]
        self._job.result.connect(done)  # type: ignore[arg-type]
        self._job.error.connect(self._failed)
        self._job.finished.connect(self._update_busy)
        self._update_busy()

    def _update_busy(self) -> None:
        busy = self.busy
        self.fields.set_enabled(not busy)
        self.duplicates.set_enabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and not self.duplicates.isVisible())
        self.save_button.setText(self.tr("正在保存…") if busy else self.tr("登记"))

    def _failed(self, _exc: object) -> None:
        self._general(self.tr("保存时出现问题，诉求没有登记。请稍后重试；如果问题反复出现，请联系系统管理员。"))

    def show_problems(self, refused: ValidationFailed) -> None:
        general, first = self.fields.show_problems(refused)
        self._general(general)
        if first is not None:
            self.scroll.ensureWidgetVisible(first)

    def _general(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def reject(self) -> None:
        if not self.busy:
            super().reject()
