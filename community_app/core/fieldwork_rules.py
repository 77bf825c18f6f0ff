"""Shared rules of field work (走访 and 巡查): who may do what, the problems core reports,
and the calendar arithmetic of "due" and "overdue".

Permissions (roles are data, so these check permissions, not role codes):
- recording a visit or walking a patrol round: REQUEST_HANDLE — the grid worker's and the
  supervisor's daily work; an administrator keeps the system, not the grid;
- visit rules (how often each special group is visited) and patrol plans (checklist and
  frequency per grid cell): REQUEST_DISPATCH (the supervisor, who plans the community's
  work) or ADMIN_SETTINGS (the administrator, who keeps service standards as settings).
A user works only in their own community (an account without one: any).

Due dates are whole days of the office calendar (Asia/Shanghai): something done on day D
with an interval of N days is due again on D + N, whatever the hour; it is *due* from that
day on, and *overdue* once more than GRACE_DAYS days have passed since (a weekly visit
done last Monday is due this Monday and overdue from Friday).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.localtime import SHANGHAI
from community_app.core.problems import Problem, ValidationFailed, error

GRACE_DAYS: Final = 3

# state of one due item, stored nowhere: computed from the last time it was done
UPCOMING: Final = "upcoming"  # not due yet
DUE: Final = "due"  # due today, or past due within the grace
OVERDUE: Final = "overdue"  # more than GRACE_DAYS past due

NOTES_MAX: Final = 1000
INTERVAL_MAX: Final = 366

MESSAGES: Final[dict[str, str]] = {
    "not_permitted_record": "您的账号不能登记走访或巡查。如需登记，请联系社区负责人开通权限。",
    "not_permitted_plan": "只有社区负责人或系统管理员可以设置走访周期和巡查计划。",
    "other_community": "这条记录属于其他社区，您只能处理本社区的数据。",
    "resident_not_found": "找不到这位居民的档案（可能已被删除）。请刷新列表后重试。",
    "resident_not_active": "这位居民已迁出或已故，不再需要走访。请刷新列表。",
    "visit_in_future": "走访时间不能晚于现在，请重新选择。",
    "visit_too_old": "走访时间早于 {earliest}，请检查日期是否填错。",
    "method_unknown": "请选择走访方式（上门、电话或视频）。",
    "outcome_unknown": "请选择走访结果。",
    "notes_too_long": "情况记录最多 {limit} 个字，请精简后再保存。",
    "notes_required": "发现问题或需要后续跟进时，请写明具体情况，便于后续办理。",
    "followup_category_required": "需要后续跟进时，请选择诉求类别。",
    "tag_unknown": "特殊群体标签“{tag}”不存在，请从列表中选择。",
    "interval_range": "走访周期应为 1–{limit} 天。",
    "plan_not_found": "找不到这个巡查计划（可能已被删除）。请刷新后重试。",
    "plan_inactive": "这个巡查计划已停用，不能再开始巡查。",
    "cell_not_found": "找不到这个网格（可能已被删除）。请刷新后重试。",
    "plan_name_required": "请填写巡查计划名称，例如“第一网格日常巡查”。",
    "plan_name_too_long": "巡查计划名称最多 {limit} 个字。",
    "frequency_range": "巡查频次应为每 1–{limit} 天一次。",
    "checklist_required": "巡查清单至少要有一项，例如“消防通道是否畅通”。",
    "checklist_item_too_long": "巡查项“{item}”太长，每项最多 {limit} 个字。",
    "checklist_duplicate": "巡查项“{item}”重复了，请删去一项。",
    "round_not_found": "找不到这次巡查（可能已被取消）。请刷新后重试。",
    "round_finished": "这次巡查已经结束，不能再修改。",
    "round_not_yours": "这次巡查由{name}进行，只能由本人登记和结束。",
    "item_not_in_checklist": "“{item}”不在这个巡查计划的清单上。",
    "result_unknown": "请选择巡查结果：正常或有问题。",
    "problem_note_required": "有问题时请写明发现了什么问题。",
    "items_missing": "还有 {count} 项没有检查：{items}。请逐项登记后再结束巡查。",
    "request_failed": "诉求未能创建：{reason}",
}


def problem(code: str, field: str | None = None, /, **params: object) -> Problem:
    return error(code, MESSAGES[code].format(**params), field, **params)


class FieldworkError(ValidationFailed):
    """A visit or patrol change was refused; .problems say why (str() joins their messages)."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems)


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise FieldworkError(*problems)


# ---- permissions ------------------------------------------------------------------------------
def can_record(user: CurrentUser) -> bool:
    return user.can(roles.REQUEST_HANDLE)


def can_plan(user: CurrentUser) -> bool:
    return user.can(roles.REQUEST_DISPATCH) or user.can(roles.ADMIN_SETTINGS)


def require_community(user: CurrentUser, community_code: str | None) -> None:
    if community_code is not None and user.community_code not in (None, community_code):
        raise FieldworkError(problem("other_community"))


def require_record(user: CurrentUser, community_code: str | None = None) -> None:
    if not can_record(user):
        raise FieldworkError(problem("not_permitted_record"))
    require_community(user, community_code)


def require_plan(user: CurrentUser, community_code: str | None = None) -> None:
    if not can_plan(user):
        raise FieldworkError(problem("not_permitted_plan"))
    require_community(user, community_code)


def clean_text(value: str | None) -> str | None:
    """Trimmed text with its line breaks kept (notes are paragraphs); None when empty."""
    lines = [" ".join(line.split()) for line in (value or "").strip().splitlines()]
    text = "\n".join(lines).strip()
    return text or None


# ---- the office calendar ------------------------------------------------------------------------
def local_date(moment: datetime) -> date:
    """The Shanghai calendar day of an aware UTC moment."""
    return moment.astimezone(SHANGHAI).date()


def day_start(day: date) -> datetime:
    """00:00 Shanghai time of `day`, as an aware UTC datetime (for comparisons in SQL)."""
    return datetime.combine(day, time(0), SHANGHAI).astimezone(UTC)


def due_on(last_day: date, interval_days: int) -> date:
    return last_day + timedelta(days=interval_days)


def due_state(due: date, today: date, grace_days: int = GRACE_DAYS) -> str:
    late = (today - due).days
    if late > grace_days:
        return OVERDUE
    return DUE if late >= 0 else UPCOMING
