"""First start on a new (non-demo) database: built-in reference data and the first
administrator account, without which nobody could sign in."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import audit, changes, roles
from community_app.core.auth import needs_first_admin
from community_app.core.passwords import hash_password
from db.models import Base, Category, Division, Role, SpecialGroupTag, StaffUser, VisitRule
from db.reference_data import divisions, table

# Built-in reference rows get ids derived from their codes, so every device (and the city)
# names the same category or tag with the same id and first sync cannot duplicate them.
_REFERENCE_NS = uuid.UUID("6f1c2a4e-9b7d-4c1e-8a55-3f0e2d9c7b10")

USERNAME = re.compile(r"[a-z][a-z0-9_.-]{2,31}")
PASSWORD_MIN = 8


def reference_id(table_name: str, code: str) -> str:
    return str(uuid.uuid5(_REFERENCE_NS, f"{table_name}:{code}"))


@dataclass(frozen=True)
class CommunityChoice:
    code: str
    name: str
    street_name: str


class SetupError(ValueError):
    """Bad first-run input; str() is the message for the user, field names the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def community_choices() -> list[CommunityChoice]:
    """The communities a new office can be set up for, with their street (街道)."""
    rows = divisions()
    streets = {r["code"]: r["name"] for r in rows if r["level"] == "street"}
    return [CommunityChoice(r["code"], r["name"], streets[r["parent_code"]])
            for r in rows if r["level"] == "community"]


def _add_missing(session: Session, model: type[Base], key: str, rows: list[dict[str, object]]) -> None:
    column = getattr(model, key)
    table_name = sa_inspect(model).tables[0].name
    have = set(session.scalars(select(column)))
    for row in rows:
        if row[key] not in have:
            session.add(model(id=reference_id(table_name, str(row[key])), **row))
    session.flush()


def seed_reference_data(session: Session) -> None:
    """Insert the built-in divisions, roles, tags, visit rules and categories that are missing.

    These are defaults every device ships identically (same ids), not local changes, so
    they are not queued for the city.
    """
    shinan = divisions()
    _add_missing(session, Division, "code", [{"code": "370200", "name": "青岛市", "level": "city",
                                              "parent_code": None}])
    for level in ("district", "street", "community"):
        _add_missing(session, Division, "code", [
            {"code": r["code"], "name": r["name"], "level": level, "parent_code": r["parent_code"]}
            for r in shinan if r["level"] == level
        ])
    _add_missing(session, Role, "code", [{"code": code, "name": name, "permissions": perms}
                                         for code, (name, perms) in roles.DEFAULT_ROLES.items()])
    _add_missing(session, SpecialGroupTag, "code", [
        {"code": r["code"], "name": r["name"], "sensitive": r["sensitive"] == "1",
         "description": r["description"] or None} for r in table("special_groups.csv")
    ])
    _add_missing(session, VisitRule, "tag_code", [
        {"tag_code": r["tag_code"], "interval_days": int(r["interval_days"]), "note": r["note"] or None}
        for r in table("visit_rules.csv")
    ])
    cats = table("categories.csv")
    for majors in (True, False):  # majors first: minors point at them
        _add_missing(session, Category, "code", [
            {"code": r["code"], "name": r["name"], "parent_code": r["parent_code"] or None, "group": r["group"],
             "time_limit": int(r["time_limit"]) if r["time_limit"] else None,
             "time_limit_unit": r["time_limit_unit"], "urgency": r["urgency"], "sort_order": int(r["sort_order"])}
            for r in cats if bool(r["parent_code"]) != majors
        ])


def validate_account(username: str, display_name: str, password: str, password_again: str) -> None:
    if not USERNAME.fullmatch(username):
        raise SetupError("username", "用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头。")
    if not display_name.strip():
        raise SetupError("display_name", "请填写姓名。")
    if len(password) < PASSWORD_MIN or not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise SetupError("password", f"密码至少 {PASSWORD_MIN} 位，且须同时包含字母和数字。")
    if password != password_again:
        raise SetupError("password_again", "两次输入的密码不一致。")


def create_first_admin(
    session: Session, *, community_code: str, username: str, display_name: str, password: str, password_again: str
) -> None:
    """Seed reference data and create the administrator; refuses once any account exists."""
    username = username.strip().lower()
    validate_account(username, display_name, password, password_again)
    if not needs_first_admin(session):
        raise SetupError("username", "已有可用账号，请用已有账号登录后在系统管理中添加用户。")
    if community_code not in {c.code for c in community_choices()}:
        raise SetupError("community", "请选择本社区。")
    seed_reference_data(session)
    admin = changes.insert(session, StaffUser(
        username=username, display_name=display_name.strip(), password_hash=hash_password(password),
        role_code=roles.ADMIN, community_code=community_code,
    ))
    audit.record(session, "staff_created", actor_id=admin.id, subject_type="staff_user", subject_id=admin.id,
                 detail={"role": roles.ADMIN, "first_run": True})
    session.commit()
