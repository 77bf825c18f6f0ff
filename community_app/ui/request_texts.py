"""Words for service requests on screen: names of the stored codes (channels, urgency,
deadline states, workflow actions), remaining working time, and core's refusals.

Core keeps its own Chinese names (core.requests.CHANNELS, core.deadlines.STATE_NAMES,
core.workflow_rules.ACTION_NAMES); the same words are listed here so lupdate sees them and
another language can translate them. tests/ui/test_requests_page.py checks they match core.
"""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from community_app.core.deadlines import DeadlineStatus
from community_app.core.problems import ValidationFailed
from community_app.core.work_calendar import DEFAULT_CALENDAR, SECOND
from community_app.ui.i18n import QT_TRANSLATE_NOOP, core_message
from community_app.ui.timefmt import SHANGHAI, to_local

CONTEXT = "RequestText"

CHANNEL_NAMES: dict[str, str] = {
    "walk_in": QT_TRANSLATE_NOOP("RequestText", "来访"),
    "phone": QT_TRANSLATE_NOOP("RequestText", "来电"),
    "patrol": QT_TRANSLATE_NOOP("RequestText", "巡查发现"),
    "visit": QT_TRANSLATE_NOOP("RequestText", "走访发现"),
    "kiosk": QT_TRANSLATE_NOOP("RequestText", "自助终端"),
    "hotline_12345": QT_TRANSLATE_NOOP("RequestText", "12345热线"),
    "open311": QT_TRANSLATE_NOOP("RequestText", "Open311接入"),
}
URGENCY_NAMES: dict[str, str] = {
    "normal": QT_TRANSLATE_NOOP("RequestText", "一般"),
    "urgent": QT_TRANSLATE_NOOP("RequestText", "紧急"),
}
DEADLINE_NAMES: dict[str, str] = {
    "on_time": QT_TRANSLATE_NOOP("RequestText", "按期办理中"),
    "due_soon": QT_TRANSLATE_NOOP("RequestText", "即将超期"),
    "overdue": QT_TRANSLATE_NOOP("RequestText", "已超期"),
    "paused": QT_TRANSLATE_NOOP("RequestText", "暂停计时"),
    "finished": QT_TRANSLATE_NOOP("RequestText", "已办结"),
    "none": QT_TRANSLATE_NOOP("RequestText", "无办理时限"),
}
# short forms for the list's badge column
DEADLINE_SHORT: dict[str, str] = {
    "on_time": QT_TRANSLATE_NOOP("RequestText", "正常"),
    "due_soon": QT_TRANSLATE_NOOP("RequestText", "即将超期"),
    "overdue": QT_TRANSLATE_NOOP("RequestText", "已超期"),
    "paused": QT_TRANSLATE_NOOP("RequestText", "暂停"),
    "finished": QT_TRANSLATE_NOOP("RequestText", "已办结"),
    "none": QT_TRANSLATE_NOOP("RequestText", "无时限"),
}
ACTION_NAMES: dict[str, str] = {
    "report": QT_TRANSLATE_NOOP("RequestText", "上报"),
    "accept": QT_TRANSLATE_NOOP("RequestText", "受理"),
    "reject": QT_TRANSLATE_NOOP("RequestText", "不予受理"),
    "merge": QT_TRANSLATE_NOOP("RequestText", "并单"),
    "dispatch": QT_TRANSLATE_NOOP("RequestText", "派遣"),
    "reassign": QT_TRANSLATE_NOOP("RequestText", "改派"),
    "start": QT_TRANSLATE_NOOP("RequestText", "开始处置"),
    "send_back": QT_TRANSLATE_NOOP("RequestText", "退回"),
    "request_extension": QT_TRANSLATE_NOOP("RequestText", "申请延期"),
    "approve_extension": QT_TRANSLATE_NOOP("RequestText", "批准延期"),
    "deny_extension": QT_TRANSLATE_NOOP("RequestText", "驳回延期"),
    "submit": QT_TRANSLATE_NOOP("RequestText", "提交核查"),
    "return": QT_TRANSLATE_NOOP("RequestText", "返工"),
    "close": QT_TRANSLATE_NOOP("RequestText", "结案"),
    "review": QT_TRANSLATE_NOOP("RequestText", "回访评价"),
    "escalate": QT_TRANSLATE_NOOP("RequestText", "督办"),
    "note": QT_TRANSLATE_NOOP("RequestText", "备注"),
}
# what the note of an action is (core.workflow_rules: Transition.note_label)
NOTE_LABELS: dict[str, str] = {
    "reject": QT_TRANSLATE_NOOP("RequestText", "不予受理的理由"),
    "send_back": QT_TRANSLATE_NOOP("RequestText", "退回的理由"),
    "request_extension": QT_TRANSLATE_NOOP("RequestText", "申请延期的理由"),
    "deny_extension": QT_TRANSLATE_NOOP("RequestText", "驳回的理由"),
    "return": QT_TRANSLATE_NOOP("RequestText", "核查未通过的原因"),
    "escalate": QT_TRANSLATE_NOOP("RequestText", "督办意见"),
    "note": QT_TRANSLATE_NOOP("RequestText", "备注内容"),
}
SATISFACTION_NAMES: dict[int, str] = {
    1: QT_TRANSLATE_NOOP("RequestText", "非常不满意"),
    2: QT_TRANSLATE_NOOP("RequestText", "不满意"),
    3: QT_TRANSLATE_NOOP("RequestText", "基本满意"),
    4: QT_TRANSLATE_NOOP("RequestText", "满意"),
    5: QT_TRANSLATE_NOOP("RequestText", "非常满意"),
}
# actions that turn a request away or back: their buttons are drawn as warnings
BACKWARD_ACTIONS = frozenset({"reject", "send_back", "return", "deny_extension"})
# actions that neither move the request on nor back (their buttons are plain)
SIDE_ACTIONS = frozenset({"note", "escalate", "request_extension", "approve_extension", "merge", "reassign"})


class RequestText:
    """The "RequestText" context for texts with a count: lupdate marks RequestText.tr(text, "", n)
    plural (it takes translate()'s fourth argument for the old `encoding`), and Qt fills in %n."""

    @staticmethod
    def tr(text: str, disambiguation: str, count: int) -> str:
        return QCoreApplication.translate(CONTEXT, text, disambiguation, count)


def rt(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def name_of(names: dict[str, str], code: str | None, fallback: str = "") -> str:
    """The code's name in the UI language; core's name (or the code) for a code not listed."""
    if not code:
        return fallback
    return rt(names[code]) if code in names else (fallback or code)


WORKDAY_SECONDS = DEFAULT_CALENDAR.day_us // SECOND  # 7.5 hours of office time


def duration_text(seconds: int) -> str:
    """Working time as 3 个工作日 2 小时 / 3 小时 20 分 / 45 分钟 (never negative: the caller
    says which way). A working day is a day of office hours, not 24 hours."""
    if abs(seconds) >= WORKDAY_SECONDS:
        days, rest = divmod(abs(seconds), WORKDAY_SECONDS)
        hours = rest // 3600
        text = RequestText.tr("%n 个工作日", "", days)
        return text + (QCoreApplication.translate("RequestText", " %1 小时").replace("%1", str(hours)) if hours else "")
    minutes = abs(seconds) // 60
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return QCoreApplication.translate("RequestText", "%1 分钟").replace("%1", str(max(rest, 1) if seconds else 0))
    if rest == 0:
        return QCoreApplication.translate("RequestText", "%1 小时").replace("%1", str(hours))
    return QCoreApplication.translate("RequestText", "%1 小时 %2 分").replace("%1", str(hours)).replace("%2", str(rest))


def remaining_text(status: DeadlineStatus) -> str:
    """剩余 5 小时 / 已超期 2 个工作日 3 小时 / 计时暂停，恢复后剩余 …; "" when finished (all office time)."""
    left = status.remaining_working_seconds
    if status.state in ("finished", "none") or left is None:
        return ""
    if status.state == "paused":
        text = QCoreApplication.translate("RequestText", "计时暂停，恢复后剩余 %1")
        return text.replace("%1", duration_text(max(left, 0)))
    if left < 0 or status.state == "overdue":
        return QCoreApplication.translate("RequestText", "已超期 %1").replace("%1", duration_text(left))
    return QCoreApplication.translate("RequestText", "剩余 %1").replace("%1", duration_text(left))


def problem_lines(refused: ValidationFailed) -> list[str]:
    """Core's Chinese messages (translated when a translation of the exact text exists)."""
    return [core_message(p.message) for p in refused.problems]


_REGION_PREFIX = re.compile(r"^(?:[^省]{2,3}省)?(?:[^市]{2,4}市)?(?:[^区县]{1,4}[区县])?")
_COMMUNITY_PREFIX = re.compile(r"^.{1,8}?社区(?=.)")


def short_address(address: str | None) -> str:
    """Without province, city and district, the same for the whole community:
    山东省青岛市市南区湛山四路20号 → 湛山四路20号."""
    if not address:
        return ""
    return _REGION_PREFIX.sub("", address, count=1) or address


def short_cell_name(name: str | None) -> str:
    """湛山社区第一网格 → 第一网格 (every page is about one community)."""
    if not name:
        return ""
    return _COMMUNITY_PREFIX.sub("", name, count=1) or name


def list_time(moment: datetime | None, now: datetime | None = None) -> str:
    """Beijing time, short in a list: 06-12 17:00 this year, 2025-12-30 17:00 otherwise."""
    if moment is None:
        return ""
    local = to_local(moment)
    year = (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI).year
    return local.strftime("%m-%d %H:%M" if local.year == year else "%Y-%m-%d %H:%M")
