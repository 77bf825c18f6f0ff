"""Moving a service request through its workflow (the table is in core.workflow_rules).

`allowed_actions` says what a user may do with a request now (the UI offers only these);
`perform` does one of them. perform checks everything again itself — stage, pending
extension, permission, community, grid cell or assignee, and the inputs — so an illegal
transition is refused by the core whatever the UI offered (a list shown a minute ago may be
stale). Every action appends one RequestEvent to the append-only timeline and updates the
request, both through core.changes (so both reach the city). Functions flush; the caller
commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes, roles
from community_app.core.attachments import CheckedPhoto, PhotoStore, attach_checked
from community_app.core.auth import CurrentUser
from community_app.core.deadlines import resume
from community_app.core.problems import Problem, ValidationFailed, error
from community_app.core.stages import OPEN_STAGES, STAGE_NAMES
from community_app.core.workflow_rules import (
    ACCEPT,
    APPROVE_EXTENSION,
    CLOSE,
    DISPATCH,
    ESCALATE,
    EXTENSION_HOURS_MAX,
    MERGE,
    NOTE,
    NOTE_MAX,
    PENDING_EXTENSION,
    PENDING_SEND_BACK,
    REASSIGN,
    REQUEST_EXTENSION,
    RESUMING,
    RETURN,
    REVIEW,
    SEND_BACK,
    TRANSITIONS,
    Actor,
    RequestFacts,
    Transition,
    refusal,
)
from db.models import GridCell, RequestEvent, Role, ServiceRequest, StaffUser, utcnow


class TransitionRefused(ValidationFailed):
    """The action is not allowed on this request now, for this user (see .codes)."""


@dataclass(frozen=True)
class ActionInfo:
    """An action the user may take now, and what the UI must ask for before taking it."""

    code: str
    name: str
    to_stage: str | None  # None: the stage does not change
    needs_note: bool
    note_label: str
    needs_target: bool  # target_staff_id (dispatch, reassign)
    needs_merge_target: bool  # merge_into_id
    needs_satisfaction: bool  # 1–5
    needs_extension_hours: bool  # request_extension asks; approve_extension may change the number

    @property
    def to_stage_name(self) -> str | None:
        return STAGE_NAMES.get(self.to_stage) if self.to_stage else None


@dataclass(frozen=True)
class StaffChoice:
    id: str
    display_name: str
    role_code: str
    cell_names: tuple[str, ...]  # grid cells they are responsible for


def _refused(code: str, message: str) -> TransitionRefused:
    return TransitionRefused([error(code, message)])


def _info(t: Transition) -> ActionInfo:
    return ActionInfo(t.code, t.name, t.to_stage, t.needs_note, t.note_label, t.needs_target, t.needs_merge_target,
                      t.needs_satisfaction, t.needs_extension_hours)


def actor_for(session: Session, user: CurrentUser) -> Actor:
    cells = session.scalars(select(GridCell.id).where(
        GridCell.responsible_staff_id == user.id, GridCell.deleted_at.is_(None))).all()
    return Actor(user.id, user.permissions, user.community_code, frozenset(cells))


def _facts(request: ServiceRequest) -> RequestFacts:
    return RequestFacts(request.stage, request.community_code, request.grid_cell_id, request.assignee_id,
                        request.pending_action)


def _live_request(session: Session, request_id: str) -> ServiceRequest:
    request = session.get(ServiceRequest, request_id)
    if request is None or request.deleted_at is not None:
        raise _refused("workflow.not_found", "找不到该诉求（可能已被删除）；请刷新列表后重试。")
    return request


def _staff_name(session: Session, staff_id: str | None) -> str | None:
    return session.scalar(select(StaffUser.display_name).where(StaffUser.id == staff_id)) if staff_id else None


def allowed_actions(session: Session, user: CurrentUser, request_id: str) -> list[ActionInfo]:
    """The actions `user` may take on the request now, in workflow order."""
    request = _live_request(session, request_id)
    actor, facts = actor_for(session, user), _facts(request)
    return [_info(t) for t in TRANSITIONS.values() if refusal(t, actor, facts) is None]


def handler_choices(session: Session, user: CurrentUser) -> list[StaffChoice]:
    """Active staff of the user's community who may handle requests (dispatch and reassign
    targets), grid workers first."""
    handler_roles = [r.code for r in session.scalars(select(Role).where(Role.deleted_at.is_(None)))
                     if roles.REQUEST_HANDLE in r.permissions]
    query = select(StaffUser).where(StaffUser.active.is_(True), StaffUser.deleted_at.is_(None),
                                    StaffUser.role_code.in_(handler_roles))
    if user.community_code is not None:
        query = query.where(StaffUser.community_code == user.community_code)
    staff = session.scalars(query).all()
    cells: dict[str, list[str]] = {}
    for staff_id, name in session.execute(select(GridCell.responsible_staff_id, GridCell.name).where(
            GridCell.deleted_at.is_(None), GridCell.responsible_staff_id.is_not(None)).order_by(GridCell.code)):
        cells.setdefault(staff_id, []).append(name)
    choices = [StaffChoice(s.id, s.display_name, s.role_code, tuple(cells.get(s.id, ()))) for s in staff]
    return sorted(choices, key=lambda c: (c.role_code != roles.GRID_WORKER, c.display_name))


# ---- checking the inputs ------------------------------------------------------------------

@dataclass(frozen=True)
class _Inputs:
    note: str | None
    target: StaffUser | None
    merge_into: ServiceRequest | None
    satisfaction: int | None
    extension_hours: int | None


def _check_inputs(session: Session, user: CurrentUser, request: ServiceRequest, t: Transition, *,
                  note: str | None, target_staff_id: str | None, merge_into_id: str | None,
                  satisfaction: int | None, extension_hours: int | None, has_photos: bool) -> _Inputs:
    problems: list[Problem] = []
    text = (note or "").strip() or None
    if t.needs_note and text is None and not (t.code == NOTE and has_photos):
        problems.append(error("required", f"请填写{t.note_label}。", "note"))
    if text is not None and len(text) > NOTE_MAX:
        problems.append(error("note.too_long", f"说明最多 {NOTE_MAX} 个字，请精简后再提交。", "note", limit=NOTE_MAX))
    target = None
    if t.needs_target:
        target = _check_target(session, user, request, t, target_staff_id, problems)
    merge_into = _check_merge_target(session, request, merge_into_id, problems) if t.needs_merge_target else None
    if t.needs_satisfaction and (satisfaction is None or not 1 <= satisfaction <= 5):
        problems.append(error("satisfaction.range", "请选择满意度（1–5 分）。", "satisfaction"))
    hours = None
    if t.needs_extension_hours or (t.code == APPROVE_EXTENSION and extension_hours is not None):
        hours = extension_hours
        if hours is None or not 1 <= hours <= EXTENSION_HOURS_MAX:
            problems.append(error("extension.hours", f"请填写延期的工作小时数（1–{EXTENSION_HOURS_MAX}）。",
                                  "extension_hours", limit=EXTENSION_HOURS_MAX))
    if problems:
        raise ValidationFailed(problems)
    return _Inputs(text, target, merge_into, satisfaction if t.needs_satisfaction else None, hours)


def _check_target(session: Session, user: CurrentUser, request: ServiceRequest, t: Transition,
                  target_staff_id: str | None, problems: list[Problem]) -> StaffUser | None:
    if not target_staff_id:
        problems.append(error("required", "请选择承办人。", "target_staff_id"))
        return None
    target = session.get(StaffUser, target_staff_id)
    role = session.scalar(select(Role).where(Role.code == target.role_code)) if target is not None else None
    if (target is None or target.deleted_at is not None or not target.active or role is None
            or roles.REQUEST_HANDLE not in role.permissions
            or target.community_code not in (None, request.community_code)):
        problems.append(error("target.invalid", "所选人员不存在、已停用或不能办理本社区的诉求；请重新选择。",
                              "target_staff_id"))
        return None
    if t.code == REASSIGN and target.id == request.assignee_id:
        problems.append(error("target.same", "改派的对象就是当前承办人；请选择其他人员。", "target_staff_id"))
        return None
    return target


def _check_merge_target(session: Session, request: ServiceRequest, merge_into_id: str | None,
                        problems: list[Problem]) -> ServiceRequest | None:
    if not merge_into_id:
        problems.append(error("required", "请选择要并入的诉求。", "merge_into_id"))
        return None
    target = session.get(ServiceRequest, merge_into_id)
    if target is None or target.deleted_at is not None or target.id == request.id:
        problems.append(error("merge.invalid", "找不到要并入的诉求；请重新选择。", "merge_into_id"))
    elif target.stage not in OPEN_STAGES:
        problems.append(error("merge.closed", f"诉求 {target.ticket_no} 已{STAGE_NAMES[target.stage]}，"
                              "只能并入仍在办理中的诉求。", "merge_into_id", ticket_no=target.ticket_no))
    elif target.category_code != request.category_code or target.community_code != request.community_code:
        problems.append(error("merge.category", f"诉求 {target.ticket_no} 与本诉求类别不同，只能并入同一类别的诉求。",
                              "merge_into_id", ticket_no=target.ticket_no))
    else:
        return target
    return None


# ---- doing it -----------------------------------------------------------------------------

def perform(session: Session, user: CurrentUser, request_id: str, action: str, *, note: str | None = None,
            target_staff_id: str | None = None, merge_into_id: str | None = None, satisfaction: int | None = None,
            extension_hours: int | None = None, photos: Sequence[str | Path] = (),
            photo_store: PhotoStore | None = None, now: datetime | None = None) -> str:
    """Do `action` on the request as `user`; returns the new timeline event's id.

    Raises TransitionRefused when the action is not allowed now (stage, permission, scope,
    pending extension) and ValidationFailed when an input is missing or wrong. Photos (image
    files) are attached to the event. Flushes; the caller commits.
    """
    now = now or utcnow()
    t = TRANSITIONS.get(action)
    if t is None:
        raise _refused("workflow.unknown_action", f"未知的办理操作“{action}”。")
    request = _live_request(session, request_id)
    why = refusal(t, actor_for(session, user), _facts(request), _staff_name(session, request.assignee_id))
    if why is not None:
        raise _refused(why.code, why.message)
    inputs = _check_inputs(session, user, request, t, note=note, target_staff_id=target_staff_id,
                           merge_into_id=merge_into_id, satisfaction=satisfaction, extension_hours=extension_hours,
                           has_photos=bool(photos))
    store = None
    checked: list[CheckedPhoto] = []
    if photos:  # checked before anything is written: a bad photo refuses the whole action
        store = photo_store or PhotoStore.for_session(session)
        checked = [store.check(p) for p in photos]
    before, hours = request.stage, _event_hours(t, request, inputs)  # before the update clears what was asked
    updates = _request_updates(t, request, inputs, now)
    changes.update(session, request, **updates)
    event = changes.insert(session, RequestEvent(
        request_id=request.id, action=t.code, from_stage=before if t.to_stage else None, to_stage=t.to_stage,
        actor_id=user.id, actor_name=user.display_name, at=now, note=inputs.note,
        target_staff_id=inputs.target.id if inputs.target is not None else None,
        target_request_id=inputs.merge_into.id if inputs.merge_into is not None else None,
        extension_hours=hours,
    ))
    if store is not None:
        for photo in checked:
            attach_checked(session, store, photo, owner_type="request_event", owner_id=event.id)
    return event.id


def _event_hours(t: Transition, request: ServiceRequest, inputs: _Inputs) -> int | None:
    if t.code == REQUEST_EXTENSION:
        return inputs.extension_hours
    if t.code == APPROVE_EXTENSION:
        return inputs.extension_hours or request.extension_hours_requested
    return None


def _request_updates(t: Transition, request: ServiceRequest, inputs: _Inputs, now: datetime) -> dict[str, object]:
    """The request's new field values after `t` (the request itself is not touched here)."""
    updates: dict[str, object] = {}
    if t.to_stage is not None:
        updates["stage"] = t.to_stage
    if request.paused_since is not None and t.code in RESUMING:
        extra = timedelta(0)
        if t.code == APPROVE_EXTENSION:
            extra = timedelta(hours=inputs.extension_hours or request.extension_hours_requested or 0)
        due, paused = resume(request.due_at, request.paused_since, now, extra=extra)
        updates.update(due_at=due, paused_since=None, paused_seconds=request.paused_seconds + paused,
                       pending_action=None, extension_hours_requested=None)
    code = t.code
    if code == ACCEPT:
        updates["accepted_at"] = now
    elif code == MERGE:
        updates["merged_into_id"] = inputs.merge_into.id if inputs.merge_into is not None else None
    elif code in (DISPATCH, REASSIGN):
        updates["assignee_id"] = inputs.target.id if inputs.target is not None else None
    elif code == SEND_BACK:
        updates.update(assignee_id=None, paused_since=now, pending_action=PENDING_SEND_BACK)
    elif code == REQUEST_EXTENSION:
        updates.update(paused_since=now, pending_action=PENDING_EXTENSION,
                       extension_hours_requested=inputs.extension_hours)
    elif code == RETURN:
        updates["rework_count"] = request.rework_count + 1
    elif code == CLOSE:
        updates.update(closed_at=now, closed_on_time=None if request.due_at is None else now <= request.due_at)
    elif code == REVIEW:
        updates["satisfaction"] = inputs.satisfaction
    elif code == ESCALATE:
        updates["escalation_count"] = request.escalation_count + 1
    return updates
