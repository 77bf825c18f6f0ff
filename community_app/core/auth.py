"""Staff login. A failed login says only that the name or password is wrong, whether or
not the user exists, takes the same time either way, and is audited.

Login writes only the audit log: staff rows are synced, and a login is not a change the
city needs (the audit log records when each user signed in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import audit
from community_app.core.passwords import verify_password
from db.models import Role, StaffUser, utcnow

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


def login(session: Session, username: str, password: str, *, now: datetime | None = None) -> CurrentUser:
    """Check the credentials, audit the attempt, commit, and return the user."""
    now = now or utcnow()
    name = username.strip()[:USERNAME_MAX]
    user = session.scalars(
        select(StaffUser).where(StaffUser.username == name, StaffUser.deleted_at.is_(None))
    ).one_or_none()
    # verify even when the user is unknown or inactive, so timing does not tell them apart
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        # the attempted name is kept to spot guessing; the password never is
        audit.record(
            session, audit.LOGIN_FAILED, actor_id=user.id if user else None,
            subject_type="staff_user", subject_id=user.id if user else None,
            detail={"username": name}, at=now,
        )
        session.commit()
        raise LoginError()
    role = session.scalars(select(Role).where(Role.code == user.role_code)).one()
    audit.record(session, audit.LOGIN_OK, actor_id=user.id, subject_type="staff_user",
                 subject_id=user.id, at=now)
    session.commit()
    return CurrentUser(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role_code=role.code,
        role_name=role.name,
        permissions=frozenset(role.permissions),
        community_code=user.community_code,
    )
