"""居民档案 (一人一档): one resident's page — who they are, where they live, their household,
special-group tags and timeline — with 编辑, 迁出 and 死亡注销.

Everything is read by core.residents.resident_detail on a background thread (opening a
record is audited, so it runs on the write thread and commits). ID number and phone are
masked; 显示 asks for a reason and shows the full value on this view only, until another
resident is shown or 隐藏 is clicked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed
from community_app.core.residents import (
    ResidentDetail,
    ResidentNotFound,
    mark_deceased,
    move_out,
    resident_detail,
    reveal,
)
from community_app.ui.dialogs.resident_form import ResidentFormDialog
from community_app.ui.dialogs.resident_status_dialog import DeathDialog, MoveOutDialog
from community_app.ui.dialogs.reveal_reason_dialog import RevealReasonDialog
from community_app.ui.i18n import core_message
from community_app.ui.pages.detail_page import DetailPage
from community_app.ui.pages.resident_detail_fields import FieldCards
from community_app.ui.pages.resident_detail_header import DetailHeader
from community_app.ui.pages.resident_detail_parts import Card, MembersTable, TimelineView
from community_app.ui.widgets.flow_layout import FlowLayout
from community_app.ui.widgets.named import named
from community_app.ui.workers import JobContext, run_in_background

log = logging.getLogger(__name__)


class ResidentDetailPanel(DetailPage):
    edit_requested = Signal(str)  # 编辑 was clicked; the panel opens the form itself (see open_editor)
    changed = Signal(str)  # the record was edited, moved out or marked deceased
    loaded = Signal(object)  # a ResidentDetail is on screen

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, "residentDetailPage", parent)
        self.resident_id: str | None = None
        self.detail: ResidentDetail | None = None
        self.dialog: QDialog | None = None  # the last reason / move-out / death / form dialog opened
        self.opens_editor = True  # set False to handle edit_requested elsewhere

        self.header = DetailHeader(can_edit=user.can(roles.RESIDENT_EDIT))
        self.header.edit_button.clicked.connect(self.open_editor)
        self.header.move_out_button.clicked.connect(self._ask_move_out)
        self.header.death_button.clicked.connect(self._ask_death)

        self.fields = FieldCards(self)
        self.info_card, self.place_card = self.fields.info_card, self.fields.place_card
        self.values = self.fields.values
        self.id_value, self.phone_value = self.fields.id_value, self.fields.phone_value
        self.id_value.reveal_requested.connect(self._ask_reveal_id)
        self.phone_value.reveal_requested.connect(self._ask_reveal_phone)
        self.members_card = Card("membersCard")
        self.tags_card = Card("tagsCard")
        self.timeline_card = Card("timelineCard")
        self.members_table = MembersTable()
        self.members_table.member_activated.connect(self.show_resident)
        self.members_empty = named(QLabel(), "emptyText")
        self.tag_box = named(QWidget(), "tagChips")
        self.tag_flow = FlowLayout(self.tag_box)
        self.tags_empty = named(QLabel(), "emptyText")
        self.timeline = TimelineView()
        self._build()
        self._retranslate()
        self._set_loaded(False)

    # layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.members_card.body.addWidget(self.members_table)
        self.members_card.body.addWidget(self.members_empty)
        self.tags_card.body.addWidget(self.tag_box)
        self.tags_card.body.addWidget(self.tags_empty)
        self.timeline_card.body.addWidget(self.timeline)

        # identity beside place and tags; the household and the timeline get the full width
        right = QVBoxLayout()
        right.setSpacing(16)
        right.addWidget(self.place_card)
        right.addWidget(self.tags_card)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self.info_card, 3)
        columns.addLayout(right, 2)
        self._lay_out([self.header, columns, self.members_card, self.timeline_card])

    # texts ----------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ 返回居民列表"))
        self.tags_card.title.setText(self.tr("特殊群体标签"))
        self.timeline_card.title.setText(self.tr("时间线"))
        self.fields.retranslate()
        self.members_table.set_headers([self.tr("姓名"), self.tr("与户主关系"), self.tr("性别"), self.tr("年龄"),
                                        self.tr("证件号码"), self.tr("联系电话"), self.tr("状态")])
        self.header.retranslate()
        if self.detail is not None:
            self._fill(self.detail, keep_revealed=True)

    def sex_names(self) -> dict[str, str]:
        return {"M": self.tr("男"), "F": self.tr("女")}

    def status_names(self) -> dict[str, str]:
        return {"active": self.tr("在册"), "moved_out": self.tr("已迁出"), "deceased": self.tr("已故")}

    # loading --------------------------------------------------------------------------------
    def show_resident(self, resident_id: str) -> None:
        """Show a resident (full values revealed for the previous one are forgotten)."""
        self.resident_id = resident_id
        self.detail = None
        self.fields.forget_revealed()
        self.refresh()

    def refresh(self) -> None:
        if self.resident_id is None:
            return
        user, factory, resident_id = self._user, self._factory, self.resident_id

        def fetch(_ctx: JobContext) -> tuple[str, ResidentDetail | Exception]:
            with factory() as session:
                try:
                    detail = resident_detail(session, user, resident_id)
                except (ResidentNotFound, PermissionError) as refused:  # an answer, not a failure to log
                    return resident_id, refused
                session.commit()  # the "viewed" audit entry
                return resident_id, detail

        self._banner("")
        self.status_label.setText(self.tr("正在读取…"))
        self._set_loaded(self.detail is not None)
        self._load_job = run_in_background(fetch, name="resident_detail", parent=self, writes=True)
        self._load_job.result.connect(self._loaded)
        self._load_job.error.connect(self._load_failed)

    def _loaded(self, outcome: tuple[str, ResidentDetail | Exception]) -> None:
        resident_id, detail = outcome
        if resident_id != self.resident_id:  # another resident was asked for meanwhile
            return
        if isinstance(detail, Exception):
            self._load_failed(detail)
            return
        keep = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        self.status_label.setText("")
        self._fill(detail, keep_revealed=keep)
        self._set_loaded(True)
        self.loaded.emit(detail)

    def _load_failed(self, exc: object) -> None:
        self.status_label.setText("")
        if isinstance(exc, LookupError | PermissionError):
            self._banner(str(exc))
        else:
            self._banner(self.tr("读取居民档案时出现问题；请返回列表后重试。如果问题反复出现，请联系系统管理员。"))

    def _set_loaded(self, loaded: bool) -> None:
        for widget in (self.header, self.info_card, self.place_card, self.members_card, self.tags_card,
                       self.timeline_card):
            widget.setVisible(loaded)

    # showing --------------------------------------------------------------------------------
    def _fill(self, d: ResidentDetail, *, keep_revealed: bool) -> None:
        self.header.fill(d, self.sex_names(), self.status_names(), self._residence_names())
        self.fields.fill(d, self._residence_names(), can_reveal=d.can_reveal and self._user.can(roles.PII_REVEAL),
                         keep_revealed=keep_revealed)
        self.members_card.title.setText(self.tr("同户成员（%1人）").replace("%1", str(len(d.members)))
                                        if d.members else self.tr("同户成员"))
        self.members_table.fill(d.members, self.sex_names(), self.status_names(), self.tr("（本人）"))
        self.members_table.setVisible(bool(d.members))
        self.members_empty.setText(self.tr("未登记住址，暂无同户成员。"))
        self.members_empty.setVisible(not d.members)
        self._fill_tags(d)
        kinds = {"request": self.tr("诉求"), "visit": self.tr("走访"), "change": self.tr("变更"),
                 "audit": self.tr("查看")}
        self.timeline.fill(d.timeline, kinds, self.tr("显示全部（共%1条）"), self.tr("暂无记录。"))
        self.header.set_actions(d.status)

    def _residence_names(self) -> dict[str, str]:
        return {"registered": self.tr("户籍人口"), "floating": self.tr("流动人口"), "overseas": self.tr("境外人员")}

    def _fill_tags(self, d: ResidentDetail) -> None:
        while self.tag_flow.count():
            item = self.tag_flow.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for tag in d.tags:
            self.tag_flow.addWidget(named(QLabel(tag.name), "tagChip"))
        self.tags_empty.setText(self.tr("无特殊群体标签。"))
        self.tags_empty.setVisible(not d.tags)
        self.tag_box.setVisible(bool(d.tags))

    # reveal ---------------------------------------------------------------------------------
    def _ask_reveal_id(self) -> None:
        self._ask_reveal("id_number", self.tr("证件号码"))

    def _ask_reveal_phone(self) -> None:
        self._ask_reveal("phone", self.tr("联系电话"))

    def _ask_reveal(self, field: str, what: str) -> None:
        if self.detail is None or self._busy():
            return
        dialog = RevealReasonDialog(what, self.detail.name, self)
        dialog.setProperty("field", field)
        dialog.accepted.connect(self._reveal_confirmed)
        self._open(dialog)

    def _reveal_confirmed(self) -> None:
        dialog = self.dialog
        assert isinstance(dialog, RevealReasonDialog) and self.resident_id is not None
        field, reason = str(dialog.property("field")), dialog.reason()
        user, factory, resident_id = self._user, self._factory, self.resident_id

        def fetch(_ctx: JobContext) -> tuple[str, str, str]:
            with factory() as session:
                value = reveal(session, user, resident_id, field, reason)
                session.commit()  # the audit entry is written before anything is shown
                return resident_id, field, value

        self._run_action(fetch, "resident_reveal", self._revealed)

    def _revealed(self, outcome: tuple[str, str, str]) -> None:
        resident_id, field, value = outcome
        if resident_id == self.resident_id:
            (self.id_value if field == "id_number" else self.phone_value).show_full(value)

    # actions --------------------------------------------------------------------------------
    def open_editor(self) -> None:
        if self.detail is None:
            return
        self.edit_requested.emit(self.detail.id)
        if not self.opens_editor:
            return
        form = ResidentFormDialog(self._user, self._factory, resident_id=self.detail.id,
                                  community_code=self.detail.community_code, parent=self)
        form.saved.connect(self._record_changed)
        self._open(form)

    def _ask_move_out(self) -> None:
        if self.detail is not None and not self._busy():
            dialog = MoveOutDialog(self.detail.name, self)
            dialog.accepted.connect(self._move_out_confirmed)
            self._open(dialog)

    def _ask_death(self) -> None:
        if self.detail is not None and not self._busy():
            dialog = DeathDialog(self.detail.name, self)
            dialog.accepted.connect(self._death_confirmed)
            self._open(dialog)

    def _move_out_confirmed(self) -> None:
        dialog = self.dialog
        assert isinstance(dialog, MoveOutDialog)
        on, destination = dialog.on_date(), dialog.destination()
        self._change_status(lambda s, u, rid: move_out(s, u, rid, on=on, destination=destination))

    def _death_confirmed(self) -> None:
        dialog = self.dialog
        assert isinstance(dialog, DeathDialog)
        on: date = dialog.on_date()
        self._change_status(lambda s, u, rid: mark_deceased(s, u, rid, on=on))

    def _change_status(self, change: Callable[[Session, CurrentUser, str], None]) -> None:
        assert self.resident_id is not None
        user, factory, resident_id = self._user, self._factory, self.resident_id

        def write(_ctx: JobContext) -> str:
            with factory() as session:
                change(session, user, resident_id)
                session.commit()
                return resident_id

        self._run_action(write, "resident_status", self._record_changed)

    def _record_changed(self, resident_id: str) -> None:
        self.changed.emit(resident_id)
        if resident_id == self.resident_id:
            self.refresh()

    # plumbing -------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        """Dialogs open window-modal without blocking (tests drive them through self.dialog).
        The previous one is let go here: its `accepted` handler has read it by now."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _busy(self) -> bool:
        return self._action_job is not None and not self._action_job.done

    def _run_action(self, fn: Callable[[JobContext], object], name: str, done: Callable[..., None]) -> None:
        self._banner("")
        self._action_job = run_in_background(fn, name=name, parent=self, writes=True)
        self._action_job.result.connect(done)
        self._action_job.error.connect(self._action_failed)

    def _action_failed(self, exc: object) -> None:
        if isinstance(exc, ValidationFailed):
            self._banner("\n".join(core_message(p.message) for p in exc.problems))
        elif isinstance(exc, LookupError | PermissionError):
            self._banner(str(exc))
        else:
            self._banner(self.tr("操作没有完成：写入数据库时出现问题。请稍后重试；如果问题反复出现，请联系系统管理员。"))
