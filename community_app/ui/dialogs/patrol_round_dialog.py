"""开始巡查: walk a plan's checklist item by item. The checklist is on the left with each
item's answer; on the right the current item (widgets.patrol_item_editor). Each item is
saved as it is answered (core.patrols.record_item), so closing the dialog half-way keeps the
round open to resume; 结束巡查 needs every item answered; 取消本次巡查 drops the round.

Opening the dialog starts the round (or resumes the user's unfinished one) on the writer
thread; all reads and writes run in the background.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import places
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_links import PATROL_GROUPS, CategoryChoice, category_choices
from community_app.core.patrols import (
    PatrolPlanRow,
    RoundDetail,
    cancel_round,
    finish_round,
    record_item,
    round_detail,
    start_round,
)
from community_app.core.problems import ValidationFailed
from community_app.ui.dialogs.fieldwork_save import clear_problems, show_problems, write_in_background
from community_app.ui.fieldwork_style import DIALOG_QSS
from community_app.ui.fieldwork_texts import short_address
from community_app.ui.icons import icon
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.widgets.patrol_item_editor import PatrolItemEditor
from community_app.ui.workers import Job

log = logging.getLogger(__name__)
OK_COLOR, PROBLEM_COLOR, PENDING_COLOR = QColor("#2E7D4F"), QColor("#C62828"), QColor("#7A899B")


@dataclass(frozen=True)
class _Loaded:
    detail: RoundDetail
    categories: list[CategoryChoice]
    buildings: list[tuple[str, str]]  # (id, name · address)


class PatrolRoundDialog(QDialog):
    """Emits changed(message) whenever the round was saved, finished or cancelled (the page
    refreshes; message is a sentence for its notice line, or empty)."""

    changed = Signal(str)
    round_loaded = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], plan: PatrolPlanRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patrolRoundDialog")
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(DIALOG_QSS)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._user, self._factory, self.plan = user, session_factory, plan
        self._job: Job | None = None
        self.detail: RoundDetail | None = None
        self.round_id: str | None = None
        self.index = 0

        self.heading = named(QLabel(), "dialogHeading")
        self.subject_label = named(QLabel(), "dialogSubject")
        self.subject_label.setWordWrap(True)
        self.checklist = named(QListWidget(), "checklist")
        self.checklist.setFixedWidth(250)
        self.editor = PatrolItemEditor()
        e = self.editor  # the parts tests and the page reach
        self.note_edit, self.report_check = e.note_edit, e.report_check
        self.category_combo, self.building_combo = e.category_combo, e.building_combo
        self.progress_label = named(QLabel(), "roundProgress")
        self.error_label = named(QLabel(), "loginError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.cancel_round_button = named(QPushButton(), "dangerButton")
        self.later_button = named(QPushButton(), "laterButton")
        self.finish_button = named(QPushButton(), "saveButton")
        self.inputs: dict[str, QWidget] = {"note": e.note_edit, "category_code": e.category_combo}
        self.messages: dict[str, QLabel] = {"note": e.message}
        self._confirm_yes: object = None
        self._build()
        self._connect()
        self._retranslate()
        self._set_enabled(False)
        self.resize(900, 640)
        self._open_round()

    def _build(self) -> None:
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.checklist)
        body.addWidget(self.editor, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.progress_label, 1)
        footer.addWidget(self.cancel_round_button)
        footer.addWidget(self.later_button)
        footer.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subject_label)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(footer)

    def _connect(self) -> None:
        self.checklist.currentRowChanged.connect(self._go_to)
        self.editor.previous_button.clicked.connect(self.previous_item)
        self.editor.save_button.clicked.connect(self.save_item)
        self.finish_button.clicked.connect(self.finish)
        self.later_button.clicked.connect(self.reject)
        self.cancel_round_button.clicked.connect(self.confirm_cancel)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("巡查"))
        self.heading.setText(self.tr("巡查 · %1").replace("%1", self.plan.name))
        self.cancel_round_button.setText(self.tr("取消本次巡查"))
        self.later_button.setText(self.tr("稍后继续"))
        self.later_button.setToolTip(self.tr("关闭窗口，已登记的项目会保留，下次可继续巡查。"))
        self.finish_button.setText(self.tr("结束巡查"))
        self._show_round()

    # loading --------------------------------------------------------------------------------------
    def _open_round(self) -> None:
        user, plan_id, cell_id = self._user, self.plan.id, self.plan.grid_cell_id

        def open_round(session: Session) -> _Loaded:
            round_id = start_round(session, user, plan_id)
            buildings = [(b.id, f"{b.name} · {short_address(b.address)}")
                         for b in places.list_buildings(session, user.community_code, grid_cell_id=cell_id)]
            return _Loaded(round_detail(session, round_id), category_choices(session, PATROL_GROUPS), buildings)

        self._run(write_in_background(self, "start_round", self._factory, open_round), self._opened)

    def _opened(self, loaded: object) -> None:
        if isinstance(loaded, ValidationFailed):
            self._refused(loaded)
            return
        assert isinstance(loaded, _Loaded)
        self.round_id = loaded.detail.id
        self.editor.set_choices(loaded.categories, loaded.buildings)
        d = loaded.detail  # resume at the first item not yet answered
        self.index = next((i for i, item in enumerate(d.checklist) if d.answer(item) is None), 0)
        self._set_detail(d)
        self.round_loaded.emit()

    def _set_detail(self, detail: RoundDetail) -> None:
        self.detail = detail
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for i, item in enumerate(detail.checklist):
            answer = detail.answer(item)
            mark = "○" if answer is None else "✓" if answer.result == "ok" else "⚠"
            entry = QListWidgetItem(f"{mark}  {i + 1}. {item}")
            entry.setForeground(PENDING_COLOR if answer is None else OK_COLOR if answer.result == "ok"
                                else PROBLEM_COLOR)
            entry.setToolTip(answer.note or "" if answer else "")
            self.checklist.addItem(entry)
        self.checklist.setCurrentRow(self.index)
        self.checklist.blockSignals(False)
        self._go_to(self.index)

    # moving between items -------------------------------------------------------------------------
    @property
    def current_item(self) -> str | None:
        if self.detail is None or not 0 <= self.index < len(self.detail.checklist):
            return None
        return self.detail.checklist[self.index]

    def _go_to(self, row: int) -> None:
        if self.detail is None or row < 0:
            return
        self.index = row
        item = self.current_item
        assert item is not None
        clear_problems(self.inputs, self.messages, self.error_label)
        self.editor.show_item(item, row, len(self.detail.checklist), self.detail.answer(item))
        self._show_round()
        self._set_enabled(not self.busy)

    def choose(self, result: str) -> None:
        self.editor.choose(result)

    def previous_item(self) -> None:
        if self.index > 0:
            self.checklist.setCurrentRow(self.index - 1)

    def _show_round(self) -> None:
        d = self.detail
        if d is None:
            self.subject_label.setText(self.tr("正在开始巡查…"))
            self.progress_label.setText("")
            return
        self.subject_label.setText(self.tr("%1　·　巡查人 %2　·　开始于 %3（北京时间）")
                                   .replace("%1", d.grid_name).replace("%2", d.staff_name)
                                   .replace("%3", format_minutes(d.started_at)))
        total, done = len(d.checklist), len(d.checklist) - len(d.missing)
        problems = sum(1 for i in d.items if i.result == "problem")
        text = self.tr("已检查 %1/%2 项").replace("%1", str(done)).replace("%2", str(total))
        if problems:
            text += self.tr("，发现问题 %n 处", "", problems)
        self.progress_label.setText(text)

    # saving -------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def _run(self, job: Job, on_result: object) -> None:
        self._job = job
        job.result.connect(on_result)
        job.error.connect(self._failed)
        job.finished.connect(self._job_finished)
        self._set_enabled(False)

    def _job_finished(self) -> None:
        self._set_enabled(self.detail is not None)

    def _set_enabled(self, on: bool) -> None:
        self.checklist.setEnabled(on)
        self.cancel_round_button.setEnabled(on)
        self.editor.set_enabled(on, can_go_back=self.index > 0)
        self.finish_button.setEnabled(on and self.detail is not None and not self.detail.missing)

    def save_item(self) -> None:
        item, result, round_id, e = self.current_item, self.editor.chosen, self.round_id, self.editor
        if self.busy or item is None or round_id is None:
            return
        if result is None:
            self._say(self.tr("请先选择“正常”或“有问题”。"))
            return
        report = e.report
        category = e.category_combo.currentData() if report else None
        building = e.building_combo.currentData() if report else None
        if report and category is None:
            self._say(self.tr("上报为诉求时，请选择诉求类别。"))
            return
        user, note, photos = self._user, e.note_edit.toPlainText(), tuple(e.photos)

        def save(session: Session) -> RoundDetail:
            record_item(session, user, round_id, item, result, note=note, photos=photos,
                        report_category=category, building_id=building)
            return round_detail(session, round_id)

        clear_problems(self.inputs, self.messages, self.error_label)
        self._run(write_in_background(self, "record_item", self._factory, save), self._item_saved)

    def _item_saved(self, outcome: object) -> None:
        if isinstance(outcome, ValidationFailed):
            self._refused(outcome)
            return
        assert isinstance(outcome, RoundDetail)
        self.changed.emit("")
        waiting = [i for i, item in enumerate(outcome.checklist) if outcome.answer(item) is None]
        # on to the next unanswered item after this one (or the first one left, or stay)
        self.index = next((i for i in waiting if i > self.index), waiting[0] if waiting else self.index)
        self._set_detail(outcome)

    def finish(self) -> None:
        round_id, user = self.round_id, self._user
        if self.busy or round_id is None:
            return
        self._run(write_in_background(self, "finish_round", self._factory,
                                      lambda s: finish_round(s, user, round_id)), self._finished)

    def _finished(self, outcome: object) -> None:
        if isinstance(outcome, ValidationFailed):
            self._refused(outcome)
            return
        assert isinstance(outcome, RoundDetail)
        self.detail = outcome
        self.changed.emit(self.tr("%1 巡查已完成：%2。").replace("%1", self.plan.name)
                          .replace("%2", outcome.notes or ""))
        self.accept()

    def confirm_cancel(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("取消本次巡查"),
                          self.tr("取消后，本次巡查已登记的项目将作废，不计入巡查记录和覆盖率；已上报的诉求不受影响。"
                                  "确定取消吗？"), QMessageBox.StandardButton.NoButton, self)
        self._confirm_yes = box.addButton(self.tr("取消本次巡查"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("继续巡查"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(self._confirm_clicked)
        box.open()

    def _confirm_clicked(self, button: object) -> None:
        if button is self._confirm_yes:
            self.cancel_patrol()

    def cancel_patrol(self) -> None:
        round_id, user = self.round_id, self._user
        if self.busy or round_id is None:
            return
        self._run(write_in_background(self, "cancel_round", self._factory,
                                      lambda s: cancel_round(s, user, round_id)), self._cancelled)

    def _cancelled(self, outcome: object) -> None:
        if isinstance(outcome, ValidationFailed):
            self._refused(outcome)
            return
        self.changed.emit(self.tr("已取消本次巡查。"))
        self.accept()

    def _say(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _refused(self, refused: ValidationFailed) -> None:
        show_problems(refused, self.inputs, self.messages, self.error_label)

    def _failed(self, _exc: object) -> None:
        self._say(self.tr("保存时出现问题，本项没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。"))

    def reject(self) -> None:
        if not self.busy:
            super().reject()
