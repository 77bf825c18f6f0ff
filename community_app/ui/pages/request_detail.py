"""A service request's page: head (ticket, title, stage, deadline, urgency, escalations),
the facts, the description with photos, the append-only timeline, and a button for each
action core allows this user now. An action asks what it needs (ActionDialog), runs
core.workflow.perform on the database-writing thread and commits; a refusal shows core's
Chinese message. After an action the page reads the request again and emits changed(id),
so the list behind it refreshes too.

Reading runs on a pool thread: request_detail, the dispatch targets and merge candidates
the actions may ask for, and the thumbnails' bytes (QPixmap is made in the GUI thread).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.attachments import PhotoStore
from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed
from community_app.core.requests import (
    RequestDetail,
    RequestFilter,
    RequestNotFound,
    duplicate_candidates,
    list_requests,
    request_detail,
)
from community_app.core.workflow import StaffChoice, TransitionRefused, handler_choices, perform
from community_app.sync.status import record_state
from community_app.ui.dialogs.action_dialog import ActionDialog, MergeChoice
from community_app.ui.i18n import core_message
from community_app.ui.pages.detail_page import DetailPage
from community_app.ui.pages.request_detail_header import RequestHeader
from community_app.ui.pages.request_detail_parts import FactsGrid, PhotoStrip, RequestTimeline, stars
from community_app.ui.pages.resident_detail_parts import Card
from community_app.ui.request_texts import (
    ACTION_NAMES,
    CHANNEL_NAMES,
    SATISFACTION_NAMES,
    URGENCY_NAMES,
    name_of,
    problem_lines,
    rt,
    short_address,
    short_cell_name,
)
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.widgets.page_column import banner_label
from community_app.ui.workers import JobContext, run_in_background

log = logging.getLogger(__name__)

FACTS = ("category", "channel", "place", "grid", "reporter", "created_by", "assignee", "urgency", "reported",
         "accepted", "due", "closed", "satisfaction", "external_id")
WIDE_FACTS = ("place",)
MERGE_CHOICES_MAX = 50
DESCRIPTION_PHOTO_COLUMNS = 3


@dataclass(frozen=True)
class _Loaded:
    request_id: str
    detail: RequestDetail
    handlers: list[StaffChoice]
    merge_choices: list[MergeChoice]
    thumbs: dict[str, bytes]
    sync_state: str = "synced"  # community_app.sync.status.record_state


def _load(session: Session, user: CurrentUser, request_id: str) -> _Loaded:
    store = PhotoStore.for_session(session)
    d = request_detail(session, user, request_id, photo_store=store)
    handlers = handler_choices(session, user) if any(a.needs_target for a in d.actions) else []
    merge: list[MergeChoice] = []
    if any(a.needs_merge_target for a in d.actions):
        near = duplicate_candidates(session, d.category_code, d.latitude, d.longitude, at=d.reported_at,
                                    exclude_id=d.id) if d.latitude is not None and d.longitude is not None else []
        merge = [MergeChoice(c.id, c.ticket_no, c.title, c.stage, c.reported_at, c.distance_m) for c in near]
        seen = {c.id for c in merge} | {d.id}
        same = list_requests(session, user, RequestFilter(category_code=d.category_code, open_only=True,
                                                          sort="reported", limit=MERGE_CHOICES_MAX))
        merge += [MergeChoice(r.id, r.ticket_no, r.title, r.stage, r.reported_at, None) for r in same
                  if r.id not in seen]
    thumbs = {}
    for photo in d.photos:
        try:
            thumbs[photo.sha256] = photo.thumbnail.read_bytes()
        except OSError:  # not on this device yet: the page says so in place of the picture
            log.info("thumbnail of attachment %s is missing", photo.attachment_id)
    return _Loaded(request_id, d, handlers, merge, thumbs, record_state(session, "service_request", request_id))


class RequestDetailPanel(DetailPage):
    changed = Signal(str)  # an action was taken on the request (its id)
    loaded = Signal(object)  # a RequestDetail is on screen
    load_failed = Signal()
    open_requested = Signal(str)  # a linked request (merged into / merged here) was clicked
    action_done = Signal(str)  # the action code, after it was committed
    action_refused = Signal(str)  # core's message

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, "requestDetailPage", parent)
        self.request_id: str | None = None
        self.detail: RequestDetail | None = None
        self._loaded: _Loaded | None = None
        self.dialog: ActionDialog | None = None

        self.notice_label = banner_label("noticeBanner")
        self.header = RequestHeader()
        self.header.action_clicked.connect(self.start_action)
        self.header.link_activated.connect(self.open_requested)
        self.header.print_requested.connect(self.print_dossier)
        self.facts_card = Card("factsCard")
        self.facts = FactsGrid(FACTS, WIDE_FACTS)
        self.description_card = Card("descriptionCard")
        self.description_label = named(QLabel(), "requestDescription")
        self.description_label.setWordWrap(True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photos_title = named(QLabel(), "subTitle")
        self.photos = PhotoStrip(DESCRIPTION_PHOTO_COLUMNS)
        self.timeline_card = Card("timelineCard")
        self.timeline = RequestTimeline()
        self._build()
        self._retranslate()
        self._set_loaded(False)

    # layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.facts_card.body.addWidget(self.facts)
        self.description_card.body.addWidget(self.description_label)
        self.description_card.body.addSpacing(6)
        self.description_card.body.addWidget(self.photos_title)
        self.description_card.body.addWidget(self.photos)
        self.timeline_card.body.addWidget(self.timeline)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self.facts_card, 3)
        columns.addWidget(self.description_card, 2)
        self._lay_out([self.notice_label, self.header, columns, self.timeline_card])
        self.facts.link_activated.connect(self.open_requested)

    # texts ----------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ 返回诉求列表"))
        self.facts_card.title.setText(self.tr("诉求信息"))
        self.description_card.title.setText(self.tr("诉求内容"))
        self.header.retranslate()
        names = {"category": self.tr("诉求类别"), "channel": self.tr("来源渠道"), "place": self.tr("发生地点"),
                 "grid": self.tr("所属网格"), "reporter": self.tr("反映人"), "created_by": self.tr("登记人"),
                 "assignee": self.tr("承办人"), "urgency": self.tr("紧急程度"), "reported": self.tr("上报时间"),
                 "accepted": self.tr("受理时间"), "due": self.tr("办理期限"), "closed": self.tr("结案时间"),
                 "satisfaction": self.tr("满意度"), "external_id": self.tr("外部工单号")}
        for key, text in names.items():
            self.facts.names[key].setText(text)
        if self.detail is not None and self._loaded is not None:
            self._fill(self._loaded)

    # loading --------------------------------------------------------------------------------
    def show_request(self, request_id: str) -> None:
        if request_id != self.request_id:
            self.detail = None
            self._loaded = None
            self._set_loaded(False)
            self.notice_label.hide()
            self.scroll.verticalScrollBar().setValue(0)
        self.request_id = request_id
        self.refresh()

    def refresh(self, *, keep_banner: bool = False) -> None:
        """Read the request again; keep_banner keeps a refusal on screen while the page updates."""
        if self.request_id is None:
            return
        user, factory, request_id = self._user, self._factory, self.request_id

        def fetch(_ctx: JobContext) -> _Loaded | Exception:
            with factory() as session:
                try:
                    return _load(session, user, request_id)
                except (RequestNotFound, PermissionError) as refused:  # an answer, not a failure to log
                    return refused

        if not keep_banner:
            self.error_label.hide()
        self.status_label.setText(self.tr("正在读取…"))
        self._load_job = run_in_background(fetch, name="request_detail", parent=self)
        self._load_job.result.connect(self._answer)
        self._load_job.error.connect(self._load_failed)

    @property
    def is_loaded(self) -> bool:
        return self.detail is not None and not self.loading

    def _answer(self, answer: _Loaded | Exception) -> None:
        if isinstance(answer, Exception):
            self._load_failed(answer)
            return
        if answer.request_id != self.request_id:
            return  # another request was asked for meanwhile
        self.status_label.setText("")
        self._loaded, self.detail = answer, answer.detail
        self._fill(answer)
        self._set_loaded(True)
        self.loaded.emit(answer.detail)

    def _load_failed(self, exc: object) -> None:
        self.status_label.setText("")
        if isinstance(exc, LookupError | PermissionError):
            self._banner(core_message(str(exc)))
        else:
            self._banner(self.tr("读取诉求时出现问题；请返回列表后重试。如果问题反复出现，请联系系统管理员。"))
        self.load_failed.emit()

    def _set_loaded(self, loaded: bool) -> None:
        for widget in (self.header, self.facts_card, self.description_card, self.timeline_card):
            widget.setVisible(loaded)

    # showing --------------------------------------------------------------------------------
    def _fill(self, loaded: _Loaded) -> None:
        d = loaded.detail
        self.header.fill(d)
        self.header.sync_badge.set_state(loaded.sync_state)
        self.header.set_actions(d.actions, busy=self.busy)
        self._fill_facts(d)
        self.description_label.setText(d.description or self.tr("（未填写）"))
        self.photos_title.setText(self.tr("现场照片（%1 张）").replace("%1", str(len(d.photos))) if d.photos
                                  else self.tr("现场照片：无"))
        self.photos.fill(d.photos, loaded.thumbs)
        self.timeline_card.title.setText(self.tr("办理过程（%1 条记录）").replace("%1", str(len(d.timeline))))
        self.timeline.fill(d.timeline, loaded.thumbs)

    def _fill_facts(self, d: RequestDetail) -> None:
        empty = self.tr("—")
        f = self.facts
        category = f"{d.major_category_name} / {d.category_name}" if d.major_category_name else d.category_name
        f.set_value("category", category, empty)
        f.set_value("channel", name_of(CHANNEL_NAMES, d.channel, d.channel_name), empty)
        place = short_address(d.address)
        if d.building_name and d.building_name not in place:
            place = f"{place}（{d.building_name}）" if place else d.building_name
        if d.latitude is not None and d.longitude is not None:
            place += self.tr("　坐标 %1, %2").replace("%1", f"{d.latitude:.6f}").replace("%2", f"{d.longitude:.6f}")
        f.set_value("place", place.strip(), empty)
        f.set_value("grid", short_cell_name(d.grid_cell_name), self.tr("未划入网格"))
        reporter = "　".join(p for p in (d.reporter_name or "", d.reporter_phone_masked or "") if p)
        f.set_value("reporter", reporter, self.tr("匿名"))
        f.set_value("created_by", d.created_by_name or "", name_of(CHANNEL_NAMES, d.channel, d.channel_name))
        f.set_value("assignee", d.assignee_name or "", self.tr("尚未派遣"))
        f.set_value("urgency", name_of(URGENCY_NAMES, d.urgency, d.urgency_name), empty)
        f.set_value("reported", format_minutes(d.reported_at), empty)
        f.set_value("accepted", format_minutes(d.accepted_at) if d.accepted_at else "", empty)
        due = format_minutes(d.due_at) if d.due_at else ""
        if d.due_at and d.due_at_original and d.due_at_original != d.due_at:
            due += self.tr("（原期限 %1）").replace("%1", format_minutes(d.due_at_original))
        f.set_value("due", due, self.tr("无办理时限"))
        closed = format_minutes(d.closed_at) if d.closed_at else ""
        if closed and d.closed_on_time is not None:
            closed += self.tr("（按期）") if d.closed_on_time else self.tr("（超期）")
        f.set_value("closed", closed, empty)
        satisfaction = f"{stars(d.satisfaction)}  {rt(SATISFACTION_NAMES[d.satisfaction])}" \
            if d.satisfaction in SATISFACTION_NAMES else ""
        f.set_value("satisfaction", satisfaction, self.tr("未回访"))
        f.set_value("external_id", d.external_id or "", empty)
        for key in ("external_id",):
            f.names[key].setVisible(bool(d.external_id))
            f.values[key].setVisible(bool(d.external_id))

    def print_dossier(self) -> QWidget | None:
        """打印办理单: the dossier of the request shown, in a preview window."""
        if self.request_id is None:
            return None
        from community_app.ui.report_preview_dialog import open_dossier  # QtPdf only when asked for

        return open_dossier(self._user, self._factory, self.request_id, self)

    # actions --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._action_job is not None and not self._action_job.done

    def start_action(self, code: str) -> ActionDialog | None:
        """Open the prompt for one of the actions on screen (tests drive it through self.dialog)."""
        loaded = self._loaded
        if loaded is None or self.busy:
            return None
        action = next((a for a in loaded.detail.actions if a.code == code), None)
        if action is None:
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = ActionDialog(action, loaded.detail, loaded.handlers, loaded.merge_choices, self)
        self.dialog.submitted.connect(self._submit)
        self.dialog.open()
        return self.dialog

    def _submit(self) -> None:
        dialog, request_id = self.dialog, self.request_id
        if dialog is None or request_id is None or self.busy:
            return
        code, v, user, factory = dialog.action.code, dialog.values(), self._user, self._factory

        def write(_ctx: JobContext) -> str | ValidationFailed:
            with factory() as session:
                try:
                    event_id = perform(session, user, request_id, code, note=v.note, target_staff_id=v.target_staff_id,
                                       merge_into_id=v.merge_into_id, satisfaction=v.satisfaction,
                                       extension_hours=v.extension_hours, photos=v.photos)
                except ValidationFailed as refused:  # refused or wrong input: an answer to show
                    session.rollback()
                    return refused
                session.commit()
                return event_id

        dialog.set_busy(True)
        self.header.set_busy(True)
        self._action_job = run_in_background(write, name=f"request_{code}", parent=self, writes=True)
        self._action_job.result.connect(lambda outcome: self._performed(code, outcome))
        self._action_job.error.connect(self._action_failed)

    def _performed(self, code: str, outcome: str | ValidationFailed) -> None:
        dialog = self.dialog
        self.header.set_busy(False)
        if dialog is not None:
            dialog.set_busy(False)
        name = name_of(ACTION_NAMES, code, code)
        if isinstance(outcome, TransitionRefused):  # not allowed (any more): the page was stale
            if dialog is not None:
                dialog.reject()
            message = "\n".join(problem_lines(outcome))
            self._banner(message)
            self.action_refused.emit(message)
            self.notice_label.hide()
            self.refresh(keep_banner=True)
            return
        if isinstance(outcome, ValidationFailed):  # an input is missing or wrong: say so in the prompt
            if dialog is not None:
                dialog.show_problems(outcome, problem_lines(outcome))
            return
        if dialog is not None:
            dialog.accept()
        self._banner("")
        self.notice_label.setText(self.tr("已办理：%1。").replace("%1", name))
        self.notice_label.show()
        assert self.request_id is not None
        self.refresh()
        self.changed.emit(self.request_id)
        self.action_done.emit(code)

    def _action_failed(self, _exc: object) -> None:
        self.header.set_busy(False)
        if self.dialog is not None:
            self.dialog.set_busy(False)
            self.dialog.reject()
        self._banner(self.tr("操作没有完成：写入数据库时出现问题。请稍后重试；如果问题反复出现，请联系系统管理员。"))
