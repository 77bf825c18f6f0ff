"""Workflow stages of a service request (community_app.core.stages) as Open311 sees them:
`status` open/closed, the stage code itself as `external_status_code`, its Chinese name as
`status_notes`. The codes are copied here so the city API does not depend on the desktop's
domain package for a vocabulary; tests/city_api/open311/test_status.py ties the two together.
"""

from __future__ import annotations

from typing import Final

OPEN: Final = "open"
CLOSED: Final = "closed"

# stage code → (Open311 status, Chinese name)
STAGES: Final[dict[str, tuple[str, str]]] = {
    "reported": (OPEN, "待受理"),
    "accepted": (OPEN, "已受理"),
    "dispatched": (OPEN, "已派遣"),
    "in_progress": (OPEN, "处置中"),
    "pending_verification": (OPEN, "待核查"),
    "closed": (CLOSED, "已结案"),
    "reviewed": (CLOSED, "已回访"),
    "rejected": (CLOSED, "不予受理"),
    "merged": (CLOSED, "已并单"),
}
REPORTED: Final = "reported"


def status_of(stage: str | None) -> str:
    """open/closed; an unknown stage (a newer desktop's) counts as open: work not known to be done."""
    return STAGES.get(stage or "", (OPEN, ""))[0]


def stage_name(stage: str | None) -> str | None:
    name = STAGES.get(stage or "", (OPEN, ""))[1]
    return name or stage


def stages_with_status(status: str) -> tuple[str, ...]:
    return tuple(code for code, (s, _name) in STAGES.items() if s == status)


# request_event.action → what the timeline entry says (mySociety servicerequestupdates description)
ACTION_NAMES: Final[dict[str, str]] = {
    "report": "上报", "accept": "受理", "reject": "不予受理", "merge": "并单", "dispatch": "派遣",
    "reassign": "改派", "start": "开始处置", "send_back": "退回", "request_extension": "申请延期",
    "approve_extension": "批准延期", "deny_extension": "驳回延期", "submit": "提交核查", "return": "返工",
    "close": "结案", "review": "回访评价", "escalate": "督办", "note": "备注",
}
