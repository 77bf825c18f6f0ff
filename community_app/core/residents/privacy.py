"""Showing an ID number or phone in full: needs the permission and a reason, and leaves an
audit entry (who, when, whose record, why) — never the value itself."""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from community_app.core import audit, roles
from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed, error
from community_app.core.residents.lookups import live_resident

REVEAL_ACTIONS: Final[dict[str, str]] = {"id_number": "reveal_id_number", "phone": "reveal_phone"}
REASON_MIN: Final = 2
NO_REVEAL_PERMISSION: Final = "您没有查看完整证件号码和电话的权限；如确有需要，请联系社区负责人。"
OTHER_COMMUNITY: Final = "您只能查看本社区居民的信息。"


def can_reveal(user: CurrentUser) -> bool:
    return user.can(roles.PII_REVEAL)


def reveal(session: Session, user: CurrentUser, resident_id: str, field: str, reason: str) -> str:
    """The full value of `field` ("id_number" or "phone"; "" when none is on record).
    Adds the audit entry to the session and flushes; the caller commits."""
    if not can_reveal(user):
        raise PermissionError(NO_REVEAL_PERMISSION)
    action = REVEAL_ACTIONS.get(field)
    if action is None:
        raise ValueError(f"only id_number and phone can be revealed, not {field!r}")
    why = " ".join((reason or "").split())
    if len(why) < REASON_MIN:
        raise ValidationFailed([error("reveal.reason_required",
                                      "请填写查看完整信息的理由（至少2个字），该理由会记入审计日志。", "reason")])
    row = live_resident(session, resident_id)
    if user.community_code not in (None, row.community_code):
        raise PermissionError(OTHER_COMMUNITY)
    audit.record(session, action, actor_id=user.id, subject_type="resident", subject_id=row.id, reason=why)
    session.flush()
    value: str | None = getattr(row, field)
    return value or ""
