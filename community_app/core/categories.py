"""Request categories as data (大类/小类), kept by the administrator: the tree, and creating
and changing categories with their handling time limit and urgency.

Two levels: a 大类 (major, no parent, no time limit of its own) groups 小类 (minors, whose
codes start with their major's: E01 › E0101). Requests are always filed under a 小类.
A changed limit applies to requests logged from then on; requests already logged keep the
due time they were given. Categories are never deleted (requests point at them); an
unused one is switched off (active = False) and no longer offered.
Every write goes through core.changes; functions flush, the caller commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import changes, roles
from community_app.core.auth import CurrentUser
from community_app.core.deadlines import LIMIT_UNIT_NAMES, LIMIT_UNITS, WORK_DAYS, WORK_HOURS
from community_app.core.problems import Problem, ValidationFailed, error
from community_app.core.requests.intake import URGENCIES
from db.models import Category

GROUPS: Final[dict[str, str]] = {"event": "事件", "component": "部件", "service": "社区服务"}
CODE = re.compile(r"[A-Z][A-Z0-9]{1,15}")
LIMIT_MAX: Final = {WORK_HOURS: 720, WORK_DAYS: 90}
NAME_MAX: Final = 64
NO_PERMISSION: Final = "只有系统管理员可以维护诉求类别；如需调整，请联系系统管理员。"
EDITABLE: Final = frozenset({"name", "time_limit", "time_limit_unit", "urgency", "active", "sort_order"})


@dataclass(frozen=True)
class CategoryInfo:
    id: str
    code: str
    name: str
    parent_code: str | None
    group: str
    time_limit: int | None
    time_limit_unit: str
    urgency: str
    active: bool
    sort_order: int

    @property
    def is_major(self) -> bool:
        return self.parent_code is None

    @property
    def group_name(self) -> str:
        return GROUPS.get(self.group, self.group)

    @property
    def time_limit_text(self) -> str:
        """"2 工作小时" / "3 工作日" / "" (a 大类, or no limit)."""
        if not self.time_limit:
            return ""
        return f"{self.time_limit} {LIMIT_UNIT_NAMES.get(self.time_limit_unit, self.time_limit_unit)}"


@dataclass(frozen=True)
class CategoryNode:
    major: CategoryInfo
    minors: tuple[CategoryInfo, ...]


@dataclass(frozen=True)
class CategoryInput:
    code: str
    name: str
    parent_code: str | None = None  # None: a 大类
    group: str | None = None  # None: the parent's (a 大类 must give one)
    time_limit: int | None = None  # a 小类 must have one
    time_limit_unit: str = WORK_HOURS
    urgency: str = "normal"
    active: bool = True
    sort_order: int | None = None  # None: after its siblings


def _info(c: Category) -> CategoryInfo:
    return CategoryInfo(c.id, c.code, c.name, c.parent_code, c.group, c.time_limit, c.time_limit_unit, c.urgency,
                        c.active, c.sort_order)


def category_tree(session: Session, *, active_only: bool = False) -> list[CategoryNode]:
    """大类 in their sort order, each with its 小类. active_only: what the intake form offers
    (active minors of active majors)."""
    rows = session.scalars(select(Category).where(Category.deleted_at.is_(None))
                           .order_by(Category.sort_order, Category.code)).all()
    minors: dict[str, list[CategoryInfo]] = {}
    for c in rows:
        if c.parent_code is not None and (c.active or not active_only):
            minors.setdefault(c.parent_code, []).append(_info(c))
    return [CategoryNode(_info(c), tuple(minors.get(c.code, ()))) for c in rows
            if c.parent_code is None and (c.active or not active_only)]


def _require_admin(user: CurrentUser) -> None:
    if not user.can(roles.ADMIN_SETTINGS):
        raise PermissionError(NO_PERMISSION)


def _check_limit(time_limit: Any, unit: str, problems: list[Problem]) -> None:
    if unit not in LIMIT_UNITS:
        problems.append(error("category.unit", "时限单位只能是“工作小时”或“工作日”。", "time_limit_unit"))
        return
    top = LIMIT_MAX[unit]
    if not isinstance(time_limit, int) or isinstance(time_limit, bool) or not 1 <= time_limit <= top:
        problems.append(error("category.limit", f"请填写办理时限：1–{top} {LIMIT_UNIT_NAMES[unit]}。", "time_limit",
                              limit=top))


def _check_name(session: Session, name: str, parent_code: str | None, group: str | None, own_code: str | None,
                problems: list[Problem]) -> None:
    """Names are unique among siblings: the 小类 of one 大类, or the 大类 of one group (GB/T 30428
    has a 市容环境 among both the events and the components)."""
    if not name or len(name) > NAME_MAX:
        problems.append(error("category.name", f"请填写类别名称（最多 {NAME_MAX} 个字）。", "name"))
        return
    same = select(Category.code).where(Category.name == name, Category.deleted_at.is_(None))
    if parent_code is None:
        same = same.where(Category.parent_code.is_(None), Category.group == group)
    else:
        same = same.where(Category.parent_code == parent_code)
    if own_code is not None:
        same = same.where(Category.code != own_code)
    taken = session.scalar(same.limit(1))
    if taken:
        problems.append(error("category.name_taken", f"同一级已有名为“{name}”的类别（{taken}）；请换一个名称。",
                              "name", code=taken))


def create_category(session: Session, user: CurrentUser, data: CategoryInput) -> str:
    """Add a 大类 or 小类; returns its id. ValidationFailed lists every problem."""
    _require_admin(user)
    problems: list[Problem] = []
    code, name = data.code.strip().upper(), data.name.strip()
    parent = None
    if not CODE.fullmatch(code):
        problems.append(error("category.code", "类别代码须为 2–16 位大写字母或数字，以字母开头（如 E0110）。", "code"))
    elif session.scalar(select(Category.id).where(Category.code == code)):
        problems.append(error("category.code_taken", f"代码 {code} 已被使用；请换一个代码。", "code", code=code))
    if data.parent_code is not None:
        parent = session.scalar(select(Category).where(Category.code == data.parent_code.strip().upper(),
                                                       Category.deleted_at.is_(None)))
        if parent is None or parent.parent_code is not None:
            problems.append(error("category.parent", "请选择所属大类（只有两级：大类和小类）。", "parent_code"))
            parent = None
        elif CODE.fullmatch(code) and not code.startswith(parent.code):
            problems.append(error("category.code", f"小类代码须以所属大类的代码 {parent.code} 开头。", "code"))
    group = data.group or (parent.group if parent is not None else None)
    if group not in GROUPS or (parent is not None and group != parent.group):
        problems.append(error("category.group", "请选择类别性质（事件、部件或社区服务）；小类与所属大类一致。",
                              "group"))
    if data.parent_code is None and data.time_limit is not None:
        problems.append(error("category.limit", "大类不设办理时限，请在各小类上设置。", "time_limit"))
    if data.parent_code is not None:
        _check_limit(data.time_limit, data.time_limit_unit, problems)
    if data.urgency not in URGENCIES:
        problems.append(error("category.urgency", "请选择紧急程度（一般或紧急）。", "urgency"))
    _check_name(session, name, parent.code if parent is not None else None, group, None, problems)
    if problems:
        raise ValidationFailed(problems)
    sort_order = data.sort_order
    if sort_order is None:
        siblings = select(func.max(Category.sort_order)).where(
            Category.parent_code == parent.code if parent is not None else Category.parent_code.is_(None))
        sort_order = (session.scalar(siblings) or (parent.sort_order if parent is not None else 0)) + 1
    row = changes.insert(session, Category(
        code=code, name=name, parent_code=parent.code if parent is not None else None, group=group,
        time_limit=data.time_limit if parent is not None else None,
        time_limit_unit=data.time_limit_unit if data.time_limit_unit in LIMIT_UNITS else WORK_HOURS,
        urgency=data.urgency, active=data.active, sort_order=sort_order))
    return row.id


def update_category(session: Session, user: CurrentUser, code: str, **changed: Any) -> CategoryInfo:
    """Change a category's name, time limit and unit, urgency, active flag or sort order.
    The code, level and group stay (requests and reports refer to them)."""
    _require_admin(user)
    unknown = set(changed) - EDITABLE
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of a category")
    row = session.scalar(select(Category).where(Category.code == code, Category.deleted_at.is_(None)))
    if row is None:
        raise ValidationFailed([error("category.not_found", "找不到该类别（可能已被删除）；请刷新后重试。", "code")])
    new = {name: changed.get(name, getattr(row, name)) for name in EDITABLE}
    new["name"] = str(new["name"]).strip()
    problems: list[Problem] = []
    if "name" in changed:
        _check_name(session, new["name"], row.parent_code, row.group, row.code, problems)
    if row.parent_code is None:
        if changed.get("time_limit") is not None:
            problems.append(error("category.limit", "大类不设办理时限，请在各小类上设置。", "time_limit"))
    elif {"time_limit", "time_limit_unit"} & set(changed):
        _check_limit(new["time_limit"], new["time_limit_unit"], problems)
    if new["urgency"] not in URGENCIES:
        problems.append(error("category.urgency", "请选择紧急程度（一般或紧急）。", "urgency"))
    if not isinstance(new["sort_order"], int) or not 0 <= new["sort_order"] <= 99_999:
        problems.append(error("category.sort_order", "排序号应为 0–99999 的整数。", "sort_order"))
    if not isinstance(new["active"], bool):
        problems.append(error("category.active", "请选择启用或停用。", "active"))
    if problems:
        raise ValidationFailed(problems)
    changes.update(session, row, **{name: new[name] for name in changed})
    return _info(row)
