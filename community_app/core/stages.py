"""Workflow stage codes of a service request and their display names.

Codes are stored in the database; names are shown. The transition rules (who may move a
request from which stage to which) arrive with the casework state machine.
"""

from __future__ import annotations

from typing import Final

# 上报 → 受理 (or 不予受理) → 派遣 → 处置中 → 待核查 → 结案 → 回访
REPORTED: Final = "reported"
ACCEPTED: Final = "accepted"
REJECTED: Final = "rejected"
DISPATCHED: Final = "dispatched"
IN_PROGRESS: Final = "in_progress"
PENDING_VERIFICATION: Final = "pending_verification"
CLOSED: Final = "closed"
REVIEWED: Final = "reviewed"
MERGED: Final = "merged"

# in workflow order; open stages are the ones still running against a deadline
ALL_STAGES: Final = (
    REPORTED,
    ACCEPTED,
    DISPATCHED,
    IN_PROGRESS,
    PENDING_VERIFICATION,
    CLOSED,
    REVIEWED,
    REJECTED,
    MERGED,
)
OPEN_STAGES: Final = (REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION)
FINISHED_STAGES: Final = (CLOSED, REVIEWED, REJECTED, MERGED)

# Chinese names (source strings are translated by the UI layer)
STAGE_NAMES: Final[dict[str, str]] = {
    REPORTED: "待受理",
    ACCEPTED: "已受理",
    DISPATCHED: "已派遣",
    IN_PROGRESS: "处置中",
    PENDING_VERIFICATION: "待核查",
    CLOSED: "已结案",
    REVIEWED: "已回访",
    REJECTED: "不予受理",
    MERGED: "已并单",
}
