"""Login: right password in; wrong or unknown user out with the same words; all audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import LOGIN_FAILED_MESSAGE, LoginError, login
from db.models import AuditEntry


def audit_rows(s: Session) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_correct_password_logs_in_with_role_permissions(community: Session) -> None:
    user = login(community, " chen ", "secret-pw")
    assert user.display_name == "陈静" and user.role_code == roles.SUPERVISOR
    assert user.role_name == "社区负责人"
    assert user.can(roles.PII_REVEAL) and not user.can(roles.ADMIN_STAFF)
    (entry,) = audit_rows(community)
    assert entry.action == "login_ok" and entry.actor_id == user.id


@pytest.mark.parametrize(("username", "password"), [("chen", "wrong"), ("nobody", "secret-pw"),
                                                    ("old", "secret-pw"), ("", "")])
def test_failed_login_reveals_nothing_and_is_audited(community: Session, username: str, password: str) -> None:
    with pytest.raises(LoginError) as err:
        login(community, username, password)
    # one message for every reason: whether the user exists must not show
    assert str(err.value) == LOGIN_FAILED_MESSAGE
    (entry,) = audit_rows(community)
    assert entry.action == "login_failed"
    assert entry.detail == {"username": username}
    assert password not in str(entry.detail) or password == ""
