"""Writing the audit log. Entries say who did what to whose record and why — never the
personal data itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db.models import AuditEntry, utcnow

LOGIN_OK = "login_ok"
LOGIN_FAILED = "login_failed"


def record(
    session: Session,
    action: str,
    *,
    actor_id: str | None,
    subject_type: str | None = None,
    subject_id: str | None = None,
    reason: str | None = None,
    detail: dict[str, object] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append an audit entry to the session (the caller commits with its own change)."""
    entry = AuditEntry(
        at=at or utcnow(),
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        reason=reason,
        detail=detail or {},
    )
    session.add(entry)
    return entry
