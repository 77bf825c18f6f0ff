"""The casework state machine as one table: for each action, the stages it may start from,
the stage it leads to (None: the request stays where it is), the permission it needs and
what the person must supply. core.workflow applies it; nothing else moves a request.

上报 reported → 受理 accepted (or 不予受理 rejected, or 并单 merged) → 派遣 dispatched →
处置中 in_progress → 待核查 pending_verification → 结案 closed → 回访 reviewed, with
退回 send_back (the handler hands it back to the dispatcher; the clock stops until it is
dispatched again), 改派 reassign, 返工 return (verification failed, back to 处置中),
延期 request/approve/deny_extension (the clock stops while a supervisor decides),
督办 escalate and 备注 note (both leave the stage alone).

Who: permissions, not role codes (roles are data). A person who only handles requests
(REQUEST_HANDLE, the grid worker) acts on requests assigned to them or in the grid cells
they are responsible for; start, submit, send_back and request_extension are for the
assignee alone. Everyone acts only within their own community.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from community_app.core import roles
from community_app.core.stages import (
    ACCEPTED,
    ALL_STAGES,
    CLOSED,
    DISPATCHED,
    IN_PROGRESS,
    MERGED,
    OPEN_STAGES,
    PENDING_VERIFICATION,
    REJECTED,
    REPORTED,
    REVIEWED,
    STAGE_NAMES,
)

# action codes, stored in request_event.action (the demo's vocabulary plus the new ones)
REPORT: Final = "report"
ACCEPT: Final = "accept"
REJECT: Final = "reject"
MERGE: Final = "merge"
DISPATCH: Final = "dispatch"
REASSIGN: Final = "reassign"
START: Final = "start"
NOTE: Final = "note"
SUBMIT: Final = "submit"
RETURN: Final = "return"  # 返工: verification failed, back to 处置中
CLOSE: Final = "close"
REVIEW: Final = "review"
SEND_BACK: Final = "send_back"  # 退回: the handler hands it back to the dispatcher
REQUEST_EXTENSION: Final = "request_extension"
APPROVE_EXTENSION: Final = "approve_extension"
DENY_EXTENSION: Final = "deny_extension"
ESCALATE: Final = "escalate"

# what a paused clock waits for (service_request.pending_action)
PENDING_EXTENSION: Final = "extension"
PENDING_SEND_BACK: Final = "send_back"

# Transition.pending: may the action run while an extension request waits for a decision?
NOT_WHILE_EXTENSION: Final = "not_while_extension"
ONLY_WHILE_EXTENSION: Final = "only_while_extension"
ANY_TIME: Final = "any"

EXTENSION_HOURS_MAX: Final = 240  # working hours one extension may ask for (32 working days)
NOTE_MAX: Final = 2000


@dataclass(frozen=True)
class Transition:
    code: str
    name: str  # Chinese, as offered in the UI
    from_stages: frozenset[str]
    to_stage: str | None  # None: stays in its stage
    permission: str
    assignee_only: bool = False
    needs_note: bool = False
    note_label: str = "说明"  # what the note is, in the "please fill in …" message
    needs_target: bool = False  # target_staff_id: who is to handle it
    needs_merge_target: bool = False  # merge_into_id
    needs_satisfaction: bool = False
    needs_extension_hours: bool = False  # asked for; approval may give a different number
    pending: str = NOT_WHILE_EXTENSION


def _t(code: str, name: str, from_stages: tuple[str, ...], to_stage: str | None, permission: str,
       **flags: object) -> Transition:
    return Transition(code, name, frozenset(from_stages), to_stage, permission, **flags)  # type: ignore[arg-type]


_WORKING = (DISPATCHED, IN_PROGRESS)
TRANSITIONS: Final[dict[str, Transition]] = {t.code: t for t in (
    _t(ACCEPT, "受理", (REPORTED,), ACCEPTED, roles.REQUEST_HANDLE),
    _t(REJECT, "不予受理", (REPORTED,), REJECTED, roles.REQUEST_DISPATCH, needs_note=True,
       note_label="不予受理的理由"),
    _t(MERGE, "并单", (REPORTED, ACCEPTED), MERGED, roles.REQUEST_DISPATCH, needs_merge_target=True),
    _t(DISPATCH, "派遣", (ACCEPTED,), DISPATCHED, roles.REQUEST_DISPATCH, needs_target=True),
    _t(REASSIGN, "改派", _WORKING, DISPATCHED, roles.REQUEST_DISPATCH, needs_target=True),
    _t(START, "开始处置", (DISPATCHED,), IN_PROGRESS, roles.REQUEST_HANDLE, assignee_only=True),
    _t(SEND_BACK, "退回", _WORKING, ACCEPTED, roles.REQUEST_HANDLE, assignee_only=True, needs_note=True,
       note_label="退回的理由"),
    _t(REQUEST_EXTENSION, "申请延期", _WORKING, None, roles.REQUEST_HANDLE, assignee_only=True, needs_note=True,
       note_label="申请延期的理由", needs_extension_hours=True),
    _t(APPROVE_EXTENSION, "批准延期", _WORKING, None, roles.REQUEST_DISPATCH, pending=ONLY_WHILE_EXTENSION),
    _t(DENY_EXTENSION, "驳回延期", _WORKING, None, roles.REQUEST_DISPATCH, needs_note=True,
       note_label="驳回的理由", pending=ONLY_WHILE_EXTENSION),
    _t(SUBMIT, "提交核查", (IN_PROGRESS,), PENDING_VERIFICATION, roles.REQUEST_HANDLE, assignee_only=True),
    _t(RETURN, "返工", (PENDING_VERIFICATION,), IN_PROGRESS, roles.REQUEST_VERIFY, needs_note=True,
       note_label="核查未通过的原因"),
    _t(CLOSE, "结案", (PENDING_VERIFICATION,), CLOSED, roles.REQUEST_VERIFY),
    _t(REVIEW, "回访评价", (CLOSED,), REVIEWED, roles.REQUEST_VERIFY, needs_satisfaction=True),
    _t(ESCALATE, "督办", OPEN_STAGES, None, roles.REQUEST_DISPATCH, needs_note=True, note_label="督办意见",
       pending=ANY_TIME),
    _t(NOTE, "备注", ALL_STAGES, None, roles.REQUEST_HANDLE, needs_note=True, note_label="备注内容",
       pending=ANY_TIME),
)}

# every action's Chinese name, the report (made by log_request, not by perform) included
ACTION_NAMES: Final[dict[str, str]] = {REPORT: "上报", **{code: t.name for code, t in TRANSITIONS.items()}}
# actions that end a pause, and how: the clock restarts on the moved due time
RESUMING: Final = frozenset({DISPATCH, APPROVE_EXTENSION, DENY_EXTENSION, MERGE, REJECT})


@dataclass(frozen=True)
class RequestFacts:
    """What the rules need to know about a request (no ORM object: easy to test)."""

    stage: str
    community_code: str
    grid_cell_id: str | None
    assignee_id: str | None
    pending_action: str | None


@dataclass(frozen=True)
class Actor:
    id: str
    permissions: frozenset[str]
    community_code: str | None
    cell_ids: frozenset[str]  # the grid cells they are responsible for

    def can(self, permission: str) -> bool:
        return permission in self.permissions


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def refusal(t: Transition, actor: Actor, facts: RequestFacts, assignee_name: str | None = None) -> Refusal | None:
    """Why `actor` may not perform `t` on a request like `facts` now; None when they may."""
    if facts.stage not in t.from_stages:
        return Refusal("workflow.stage", f"该诉求当前为「{STAGE_NAMES.get(facts.stage, facts.stage)}」，不能{t.name}。")
    if t.pending == ONLY_WHILE_EXTENSION and facts.pending_action != PENDING_EXTENSION:
        return Refusal("workflow.no_extension", "该诉求没有待审批的延期申请。")
    if t.pending == NOT_WHILE_EXTENSION and facts.pending_action == PENDING_EXTENSION:
        return Refusal("workflow.extension_pending",
                       f"延期申请正在等待审批，暂不能{t.name}；请先由社区负责人批准或驳回。")
    if not actor.can(t.permission):
        return Refusal("workflow.permission", f"您没有{t.name}的权限；如需办理，请联系社区负责人。")
    if actor.community_code is not None and actor.community_code != facts.community_code:
        return Refusal("workflow.community", "只能办理本社区的诉求。")
    if t.assignee_only:
        if facts.assignee_id != actor.id:
            who = f"（承办人：{assignee_name}）" if assignee_name else ""
            return Refusal("workflow.not_assignee", f"只有承办人才能{t.name}{who}。")
    elif not (actor.can(roles.REQUEST_DISPATCH) or actor.can(roles.REQUEST_VERIFY)) and not (
        facts.assignee_id == actor.id or (facts.grid_cell_id is not None and facts.grid_cell_id in actor.cell_ids)
    ):
        return Refusal("workflow.scope", "该诉求不在您负责的网格内，也没有派遣给您，不能办理。")
    return None
