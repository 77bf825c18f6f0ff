"""Staff login. A failed login says only that the name or password is wrong, whether or
not the user exists, takes the same time either way, and is audited.

Login writes only the audit log: staff rows are synced, and a login is not a change the
city needs (the audit log records when each user signed in)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from community_app.core import audit
from community_app.core.passwords import verify_password
from db.connection import dbapi, utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

LOGIN_FAILED_MESSAGE = "用户名或密码不正确，请重新输入。"
USERNAME_MAX = 64


class LoginError(Exception):
    """Login refused; str() is the message to show the user."""

    def __init__(self, message: str = LOGIN_FAILED_MESSAGE) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class CurrentUser:
    """The signed-in staff member, safe to pass between threads."""

    id: str
    username: str
    display_name: str
    role_code: str
    role_name: str
    permissions: frozenset[str]
    community_code: str | None

    def can(self, permission: str) -> bool:
        return permission in self.permissions


def login(db: Session | sqlite3.Connection, username: str, password: str, *, now: datetime | None = None
          ) -> CurrentUser:
    """Check the credentials, audit the attempt, commit, and return the user.

    Plain SQL: the sign-in runs before SQLAlchemy is loaded (see community_app.ui.start_path);
    with a Session it works in the session's transaction and commits it."""
    now = now or utcnow()
    name = username.strip()[:USERNAME_MAX]
    conn = dbapi(db)
    found = conn.execute(
        "SELECT u.id, u.username, u.display_name, u.password_hash, u.active, u.community_code,"
        " r.code, r.name, r.permissions"
        " FROM staff_user u JOIN role r ON r.code = u.role_code"
        " WHERE u.username = ? AND u.deleted_at IS NULL",
        (name,),
    ).fetchone()
    # verify even when the user is unknown or inactive, so timing does not tell them apart
    ok = verify_password(found[3] if found else None, password)
    if found is None or not ok or not found[4]:
        # the attempted name is kept to spot guessing; the password never is
        audit.record(
            conn, audit.LOGIN_FAILED, actor_id=found[0] if found else None,
            subject_type="staff_user", subject_id=found[0] if found else None,
            detail={"username": name}, at=now,
        )
        _commit(db, conn)
        raise LoginError()
    user_id, username_, display_name, _hash, _active, community_code, role_code, role_name, permissions = found
    audit.record(conn, audit.LOGIN_OK, actor_id=user_id, subject_type="staff_user", subject_id=user_id, at=now)
    _commit(db, conn)
    return CurrentUser(
        id=user_id,
        username=username_,
        display_name=display_name,
        role_code=role_code,
        role_name=role_name,
        permissions=frozenset(json.loads(permissions)),
        community_code=community_code,
    )


def _commit(db: Session | sqlite3.Connection, conn: sqlite3.Connection) -> None:
    if db is conn:
        conn.commit()
    else:
        db.commit()  # type: ignore[union-attr]


def needs_first_admin(db: Session | sqlite3.Connection) -> bool:
    """True when no one can sign in: no active staff account exists (首次使用设置 comes first)."""
    row = dbapi(db).execute("SELECT count(*) FROM staff_user WHERE active = 1 AND deleted_at IS NULL").fetchone()
    return not row[0]
