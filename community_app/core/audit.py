"""Writing the audit log. Entries say who did what to whose record and why — never the
personal data itself.

Written in plain SQL so the sign-in (which runs before SQLAlchemy is loaded) and every other
caller share one way of writing an entry; with a Session it joins the session's transaction."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from db.connection import dbapi, sql_time, utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

LOGIN_OK = "login_ok"
LOGIN_FAILED = "login_failed"


def record(
    db: Session | sqlite3.Connection,
    action: str,
    *,
    actor_id: str | None,
    subject_type: str | None = None,
    subject_id: str | None = None,
    reason: str | None = None,
    detail: dict[str, object] | None = None,
    at: datetime | None = None,
) -> None:
    """Append an audit entry in the caller's transaction (the caller commits with its own change)."""
    dbapi(db).execute(
        "INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, reason, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (sql_time(at or utcnow()), actor_id, action, subject_type, subject_id, reason, json.dumps(detail or {})),
    )
