"""The casework state machine: every action × every stage × every kind of user, against a
table of what is legal written out by hand here (not read from the code under test)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.problems import ValidationFailed
from community_app.core.stages import ALL_STAGES, OPEN_STAGES
from community_app.core.workflow import TransitionRefused, allowed_actions, handler_choices, perform
from community_app.core.workflow_rules import ACTION_NAMES, TRANSITIONS
from db.models import OutboxEntry, RequestEvent, ServiceRequest
from tests.core.casework_helpers import add_admin, add_categories, as_user, bj, make_request, staff_id

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # Tue 10:00 Beijing
ALL = set(ALL_STAGES)
OPEN = set(OPEN_STAGES)
WORKING = {"dispatched", "in_progress"}

# action → (stages it may start from, who may do it, the stage it leads to (None: stays)).
# Users: wang — grid worker of cell A, the assignee once dispatched; zhao — grid worker of
# cell B, not involved; chen — supervisor; root — administrator (no casework permissions).
LEGAL: dict[str, tuple[set[str], set[str], str | None]] = {
    "accept": ({"reported"}, {"wang", "chen"}, "accepted"),
    "reject": ({"reported"}, {"chen"}, "rejected"),
    "merge": ({"reported", "accepted"}, {"chen"}, "merged"),
    "dispatch": ({"accepted"}, {"chen"}, "dispatched"),
    "reassign": (WORKING, {"chen"}, "dispatched"),
    "start": ({"dispatched"}, {"wang"}, "in_progress"),
    "send_back": (WORKING, {"wang"}, "accepted"),
    "request_extension": (WORKING, {"wang"}, None),
    "approve_extension": (set(), set(), None),  # never without a pending extension: see below
    "deny_extension": (set(), set(), None),
    "submit": ({"in_progress"}, {"wang"}, "pending_verification"),
    "return": ({"pending_verification"}, {"chen"}, "in_progress"),
    "close": ({"pending_verification"}, {"chen"}, "closed"),
    "review": ({"closed"}, {"chen"}, "reviewed"),
    "escalate": (OPEN, {"chen"}, None),
    "note": (ALL, {"wang", "chen"}, None),
}
USERS = ("wang", "zhao", "chen", "root")


@pytest.fixture
def office(community: Session) -> Session:
    add_categories(community)
    add_admin(community)
    return community


def inputs(s: Session, action: str, request: ServiceRequest) -> dict[str, object]:
    """Valid inputs for the action (a merge target, a worker to dispatch to, …)."""
    if action == "merge":
        target = make_request(s, "accepted")
        return {"merge_into_id": target.id}
    if action == "dispatch":
        return {"target_staff_id": staff_id(s, "wang")}
    if action == "reassign":
        return {"target_staff_id": staff_id(s, "zhao")}
    if action == "review":
        return {"satisfaction": 4}
    if action == "request_extension":
        return {"note": "需等待配件到货", "extension_hours": 8}
    return {"note": "说明"}


def events(s: Session, request_id: str) -> list[RequestEvent]:
    return list(s.scalars(select(RequestEvent).where(RequestEvent.request_id == request_id)))


def test_every_action_in_every_stage_for_every_user(office: Session) -> None:
    s = office
    assert set(LEGAL) == set(TRANSITIONS)  # the table above covers every action there is
    wrong = []
    for action, (stages, who, to_stage) in LEGAL.items():
        for stage in ALL_STAGES:
            for username in USERS:
                assignee = "wang" if stage not in ("reported", "accepted") else None
                request = make_request(s, stage, assignee=assignee, due_at=NOW + timedelta(days=2))
                user = as_user(s, username)
                offered = {a.code for a in allowed_actions(s, user, request.id)}
                legal = stage in stages and username in who
                try:
                    event_id = perform(s, user, request.id, action, now=NOW, **inputs(s, action, request))
                except TransitionRefused as refused:
                    if legal:
                        wrong.append(f"{action} {stage} {username}: refused {refused}")
                    assert events(s, request.id) == []  # nothing written
                    assert request.stage == stage
                    assert all(code.startswith("workflow.") for code in refused.codes)
                    assert str(refused)  # a message to show
                else:
                    if not legal:
                        wrong.append(f"{action} {stage} {username}: allowed")
                        continue
                    s.refresh(request)
                    assert request.stage == (to_stage or stage), (action, stage)
                    [event] = events(s, request.id)
                    assert (event.id, event.action, event.actor_id, event.at) == (
                        event_id, action, staff_id(s, username), NOW)
                    assert (event.from_stage, event.to_stage) == ((stage, to_stage) if to_stage else (None, None))
                if (action in offered) != legal:
                    wrong.append(f"{action} {stage} {username}: offered={action in offered}")
    assert wrong == []


@pytest.mark.parametrize("stage", sorted(WORKING))
def test_extension_decisions_only_by_a_supervisor_and_only_while_one_waits(office: Session, stage: str) -> None:
    s = office
    for action in ("approve_extension", "deny_extension"):
        for username in USERS:
            request = make_request(s, stage, assignee="wang", due_at=NOW + timedelta(days=2),
                                   pending_action="extension", paused_since=NOW - timedelta(hours=1))
            request.extension_hours_requested = 8
            user = as_user(s, username)
            offered = {a.code for a in allowed_actions(s, user, request.id)}
            if username == "chen":
                perform(s, user, request.id, action, note="理由", now=NOW)
                assert request.pending_action is None and request.paused_since is None
                assert action in offered
            else:
                with pytest.raises(TransitionRefused):
                    perform(s, user, request.id, action, note="理由", now=NOW)
                assert action not in offered
    # while an extension waits, the work stops: no stage change except the decision
    request = make_request(s, stage, assignee="wang", due_at=NOW + timedelta(days=2), pending_action="extension",
                           paused_since=NOW)
    offered_wang = {a.code for a in allowed_actions(s, as_user(s, "wang"), request.id)}
    offered_chen = {a.code for a in allowed_actions(s, as_user(s, "chen"), request.id)}
    assert offered_wang == {"note"}
    assert offered_chen == {"approve_extension", "deny_extension", "escalate", "note"}
    with pytest.raises(TransitionRefused) as refused:
        perform(s, as_user(s, "chen"), request.id, "reassign", target_staff_id=staff_id(s, "zhao"), now=NOW)
    assert refused.value.codes == ("workflow.extension_pending",)
    assert "延期申请正在等待审批" in str(refused.value)


def test_a_worker_acts_in_their_own_cells_or_when_assigned(office: Session) -> None:
    s = office
    in_b = make_request(s, "reported", cell="B")
    with pytest.raises(TransitionRefused) as refused:
        perform(s, as_user(s, "wang"), in_b.id, "accept", now=NOW)
    assert refused.value.codes == ("workflow.scope",)
    perform(s, as_user(s, "zhao"), in_b.id, "accept", now=NOW)  # zhao's cell
    # assigned to wang although in zhao's cell: wang may work it, zhao (the cell's worker) may note it
    elsewhere = make_request(s, "dispatched", cell="B", assignee="wang")
    perform(s, as_user(s, "wang"), elsewhere.id, "start", now=NOW)
    perform(s, as_user(s, "zhao"), elsewhere.id, "note", note="已电话联系承办人", now=NOW)
    with pytest.raises(TransitionRefused) as refused:
        perform(s, as_user(s, "zhao"), elsewhere.id, "submit", now=NOW)
    assert refused.value.codes == ("workflow.not_assignee",)
    assert "王丽" in str(refused.value)  # says who the assignee is


def test_missing_inputs_are_validation_problems(office: Session) -> None:
    s = office
    chen, wang = as_user(s, "chen"), as_user(s, "wang")
    cases = [
        (make_request(s, "reported"), chen, "reject", {}, "required", "不予受理的理由"),
        (make_request(s, "accepted"), chen, "dispatch", {}, "required", "承办人"),
        (make_request(s, "accepted"), chen, "dispatch", {"target_staff_id": staff_id(s, "root")},
         "target.invalid", "重新选择"),
        (make_request(s, "accepted"), chen, "dispatch", {"target_staff_id": staff_id(s, "old")},
         "target.invalid", "已停用"),
        (make_request(s, "dispatched", assignee="wang"), chen, "reassign",
         {"target_staff_id": staff_id(s, "wang")}, "target.same", "当前承办人"),
        (make_request(s, "reported"), chen, "merge", {}, "required", "并入"),
        (make_request(s, "closed"), chen, "review", {"satisfaction": 6}, "satisfaction.range", "1–5"),
        (make_request(s, "in_progress", assignee="wang"), wang, "request_extension", {"note": "等配件"},
         "extension.hours", "工作小时"),
        (make_request(s, "in_progress", assignee="wang"), wang, "note", {"note": "  "}, "required", "备注"),
        (make_request(s, "pending_verification", assignee="wang"), chen, "return", {}, "required", "核查未通过"),
        (make_request(s, "in_progress"), chen, "escalate", {"note": "很" * 2001}, "note.too_long", "2000"),
    ]
    for request, user, action, given, code, words in cases:
        with pytest.raises(ValidationFailed) as failed:
            perform(s, user, request.id, action, now=NOW, **given)  # type: ignore[arg-type]
        assert not isinstance(failed.value, TransitionRefused)
        assert code in failed.value.codes, (action, failed.value.codes)
        assert words in str(failed.value)
        assert events(s, request.id) == []


def test_merge_needs_an_open_request_of_the_same_category(office: Session) -> None:
    s = office
    chen = as_user(s, "chen")
    request = make_request(s, "reported")
    closed = make_request(s, "closed")
    other_category = make_request(s, "accepted", category="E0102")
    for target, code in ((closed, "merge.closed"), (other_category, "merge.category"), (request, "merge.invalid")):
        with pytest.raises(ValidationFailed) as failed:
            perform(s, chen, request.id, "merge", merge_into_id=target.id, now=NOW)
        assert failed.value.codes == (code,)
    target = make_request(s, "in_progress", assignee="wang")
    perform(s, chen, request.id, "merge", merge_into_id=target.id, note="同一问题", now=NOW)
    assert (request.stage, request.merged_into_id) == ("merged", target.id)
    [event] = events(s, request.id)
    assert event.target_request_id == target.id


def test_a_case_from_report_to_review_leaves_its_whole_story(office: Session) -> None:
    s = office
    wang, chen = as_user(s, "wang"), as_user(s, "chen")
    reported = bj(2026, 11, 23, 9, 0)  # Monday
    request = make_request(s, "reported", reported_at=reported, due_at=bj(2026, 11, 23, 11, 0))
    steps = [
        (wang, "accept", {}, bj(2026, 11, 23, 9, 10)),
        (chen, "dispatch", {"target_staff_id": wang.id, "note": "请尽快处理"}, bj(2026, 11, 23, 9, 20)),
        (wang, "start", {}, bj(2026, 11, 23, 9, 30)),
        (wang, "submit", {"note": "已清理"}, bj(2026, 11, 23, 10, 0)),
        (chen, "return", {"note": "仍有残留"}, bj(2026, 11, 23, 10, 10)),
        (wang, "submit", {"note": "已彻底清理"}, bj(2026, 11, 23, 10, 40)),
        (chen, "escalate", {"note": "抓紧"}, bj(2026, 11, 23, 10, 45)),
        (chen, "close", {}, bj(2026, 11, 23, 10, 50)),
        (chen, "review", {"satisfaction": 5, "note": "居民满意"}, bj(2026, 11, 24, 9, 0)),
    ]
    for user, action, given, at in steps:
        perform(s, user, request.id, action, now=at, **given)  # type: ignore[arg-type]
    s.refresh(request)
    assert request.stage == "reviewed"
    assert request.accepted_at == bj(2026, 11, 23, 9, 10)
    assert request.assignee_id == wang.id
    assert request.rework_count == 1 and request.escalation_count == 1
    assert request.closed_at == bj(2026, 11, 23, 10, 50) and request.closed_on_time is True
    assert request.satisfaction == 5
    timeline = s.scalars(select(RequestEvent).where(RequestEvent.request_id == request.id)
                         .order_by(RequestEvent.at)).all()
    assert [e.action for e in timeline] == [a for _, a, _, _ in steps]
    assert [e.actor_name for e in timeline] == ["王丽", "陈静", "王丽", "王丽", "陈静", "王丽", "陈静", "陈静", "陈静"]
    assert [e.note for e in timeline][3:5] == ["已清理", "仍有残留"]
    assert timeline[1].target_staff_id == wang.id
    # every write went through the outbox: an insert per event, an update of the request per step
    # (each of these steps changed it; escalate counts in escalation_count)
    queued = s.scalars(select(OutboxEntry.row_id).where(OutboxEntry.table_name == "request_event")).all()
    assert {e.id for e in timeline} <= set(queued)
    assert s.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.table_name == "service_request", OutboxEntry.row_id == request.id)) == len(steps)


def test_closing_late_is_recorded(office: Session) -> None:
    s = office
    request = make_request(s, "pending_verification", assignee="wang", due_at=NOW - timedelta(minutes=1))
    perform(s, as_user(s, "chen"), request.id, "close", now=NOW)
    assert request.closed_on_time is False


def test_unknown_action_and_missing_request(office: Session) -> None:
    s = office
    request = make_request(s, "reported")
    with pytest.raises(TransitionRefused) as refused:
        perform(s, as_user(s, "chen"), request.id, "teleport", now=NOW)
    assert refused.value.codes == ("workflow.unknown_action",)
    with pytest.raises(TransitionRefused) as refused:
        perform(s, as_user(s, "chen"), "no-such-id", "accept", now=NOW)
    assert refused.value.codes == ("workflow.not_found",)


def test_every_action_has_a_chinese_name() -> None:
    assert ACTION_NAMES["report"] == "上报" and ACTION_NAMES["return"] == "返工" and ACTION_NAMES["send_back"] == "退回"
    assert all(name and not name.isascii() for name in ACTION_NAMES.values())


def test_dispatch_targets_are_the_communitys_active_handlers(office: Session) -> None:
    s = office
    names = [c.display_name for c in handler_choices(s, as_user(s, "chen"))]
    assert names[:2] == sorted(["王丽", "赵强"]) or set(names[:2]) == {"王丽", "赵强"}
    assert "陈静" in names and "离职" not in names and "管理员" not in names
