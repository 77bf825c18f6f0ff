"""Words for visits and patrols on screen: names of the stored codes (visit methods and
outcomes, round results), due states, and the problems core.fieldwork_rules reports.

Core words its problems in Chinese from templates (fieldwork_rules.MESSAGES); the same
templates are listed here for lupdate, so another language translates the template and fills
in the params. tests/ui/test_visits_page.py checks these lists match core's.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from community_app.core.problems import Problem
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.timefmt import to_local

# what core.attachments accepts (it decodes the file: the extension is only the file dialog's filter)
PHOTO_FILTER = "*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff"

METHOD_NAMES: dict[str, str] = {
    "home": QT_TRANSLATE_NOOP("Fieldwork", "上门走访"),
    "phone": QT_TRANSLATE_NOOP("Fieldwork", "电话走访"),
    "video": QT_TRANSLATE_NOOP("Fieldwork", "视频走访"),
}
METHOD_SHORT: dict[str, str] = {
    "home": QT_TRANSLATE_NOOP("Fieldwork", "上门"),
    "phone": QT_TRANSLATE_NOOP("Fieldwork", "电话"),
    "video": QT_TRANSLATE_NOOP("Fieldwork", "视频"),
}
OUTCOME_NAMES: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("Fieldwork", "情况正常"),
    "concern": QT_TRANSLATE_NOOP("Fieldwork", "发现问题"),
    "not_home": QT_TRANSLATE_NOOP("Fieldwork", "未见到本人"),
}
RESULT_NAMES: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("Fieldwork", "正常"),
    "problem": QT_TRANSLATE_NOOP("Fieldwork", "有问题"),
}

PROBLEM_TEXTS: dict[str, str] = {
    # core.fieldwork_rules.MESSAGES
    "not_permitted_record": QT_TRANSLATE_NOOP(
        "FieldworkProblem", "您的账号不能登记走访或巡查。如需登记，请联系社区负责人开通权限。"),
    "not_permitted_plan": QT_TRANSLATE_NOOP(
        "FieldworkProblem", "只有社区负责人或系统管理员可以设置走访周期和巡查计划。"),
    "other_community": QT_TRANSLATE_NOOP("FieldworkProblem", "这条记录属于其他社区，您只能处理本社区的数据。"),
    "resident_not_found": QT_TRANSLATE_NOOP(
        "FieldworkProblem", "找不到这位居民的档案（可能已被删除）。请刷新列表后重试。"),
    "resident_not_active": QT_TRANSLATE_NOOP("FieldworkProblem", "这位居民已迁出或已故，不再需要走访。请刷新列表。"),
    "visit_in_future": QT_TRANSLATE_NOOP("FieldworkProblem", "走访时间不能晚于现在，请重新选择。"),
    "visit_too_old": QT_TRANSLATE_NOOP("FieldworkProblem", "走访时间早于 {earliest}，请检查日期是否填错。"),
    "method_unknown": QT_TRANSLATE_NOOP("FieldworkProblem", "请选择走访方式（上门、电话或视频）。"),
    "outcome_unknown": QT_TRANSLATE_NOOP("FieldworkProblem", "请选择走访结果。"),
    "notes_too_long": QT_TRANSLATE_NOOP("FieldworkProblem", "情况记录最多 {limit} 个字，请精简后再保存。"),
    "notes_required": QT_TRANSLATE_NOOP("FieldworkProblem", "发现问题或需要后续跟进时，请写明具体情况，便于后续办理。"),
    "followup_category_required": QT_TRANSLATE_NOOP("FieldworkProblem", "需要后续跟进时，请选择诉求类别。"),
    "tag_unknown": QT_TRANSLATE_NOOP("FieldworkProblem", "特殊群体标签“{tag}”不存在，请从列表中选择。"),
    "interval_range": QT_TRANSLATE_NOOP("FieldworkProblem", "走访周期应为 1–{limit} 天。"),
    "plan_not_found": QT_TRANSLATE_NOOP("FieldworkProblem", "找不到这个巡查计划（可能已被删除）。请刷新后重试。"),
    "plan_inactive": QT_TRANSLATE_NOOP("FieldworkProblem", "这个巡查计划已停用，不能再开始巡查。"),
    "cell_not_found": QT_TRANSLATE_NOOP("FieldworkProblem", "找不到这个网格（可能已被删除）。请刷新后重试。"),
    "plan_name_required": QT_TRANSLATE_NOOP("FieldworkProblem", "请填写巡查计划名称，例如“第一网格日常巡查”。"),
    "plan_name_too_long": QT_TRANSLATE_NOOP("FieldworkProblem", "巡查计划名称最多 {limit} 个字。"),
    "frequency_range": QT_TRANSLATE_NOOP("FieldworkProblem", "巡查频次应为每 1–{limit} 天一次。"),
    "checklist_required": QT_TRANSLATE_NOOP("FieldworkProblem", "巡查清单至少要有一项，例如“消防通道是否畅通”。"),
    "checklist_item_too_long": QT_TRANSLATE_NOOP("FieldworkProblem", "巡查项“{item}”太长，每项最多 {limit} 个字。"),
    "checklist_duplicate": QT_TRANSLATE_NOOP("FieldworkProblem", "巡查项“{item}”重复了，请删去一项。"),
    "round_not_found": QT_TRANSLATE_NOOP("FieldworkProblem", "找不到这次巡查（可能已被取消）。请刷新后重试。"),
    "round_finished": QT_TRANSLATE_NOOP("FieldworkProblem", "这次巡查已经结束，不能再修改。"),
    "round_not_yours": QT_TRANSLATE_NOOP("FieldworkProblem", "这次巡查由{name}进行，只能由本人登记和结束。"),
    "item_not_in_checklist": QT_TRANSLATE_NOOP("FieldworkProblem", "“{item}”不在这个巡查计划的清单上。"),
    "result_unknown": QT_TRANSLATE_NOOP("FieldworkProblem", "请选择巡查结果：正常或有问题。"),
    "problem_note_required": QT_TRANSLATE_NOOP("FieldworkProblem", "有问题时请写明发现了什么问题。"),
    "items_missing": QT_TRANSLATE_NOOP(
        "FieldworkProblem", "还有 {count} 项没有检查：{items}。请逐项登记后再结束巡查。"),
    "request_failed": QT_TRANSLATE_NOOP("FieldworkProblem", "诉求未能创建：{reason}"),
}


translate = QCoreApplication.translate


class Fieldwork:
    """The "Fieldwork" context for texts with a count: lupdate marks Fieldwork.tr(text, "", n)
    plural (translate()'s fourth argument it takes for the old `encoding`), and Qt fills in %n."""

    @staticmethod
    def tr(text: str, disambiguation: str, count: int) -> str:
        return QCoreApplication.translate("Fieldwork", text, disambiguation, count)


def tr(text: str, context: str = "Fieldwork") -> str:
    """A text marked elsewhere (QT_TRANSLATE_NOOP) in the UI language. Literal texts are
    written translate("Fieldwork", "…") so that lupdate files them under that context."""
    return QCoreApplication.translate(context, text)


def code_name(names: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    return tr(names[code]) if code in names else code


def problem_text(problem: Problem) -> str:
    """The problem in the UI language; unknown codes and templates that no longer match
    core's message fall back to core's Chinese."""
    template = PROBLEM_TEXTS.get(problem.code)
    params = dict(problem.params)
    try:
        if template is None or template.format(**params) != problem.message:
            return problem.message
        return tr(template, "FieldworkProblem").format(**params)
    except (KeyError, IndexError, ValueError):
        return problem.message


_REGION_PREFIX = re.compile(r"^(?:[^省]{2,3}省)?(?:[^市]{2,4}市)?(?:[^区县]{1,4}[区县])?")
_COMMUNITY_PREFIX = re.compile(r"^.{1,8}?社区(?=.)")


def short_address(address: str) -> str:
    """The address without province, city and district (the same for the whole community):
    山东省青岛市市南区湛山七路11号 1单元 102室 → 湛山七路11号 1单元 102室."""
    rest = _REGION_PREFIX.sub("", address, count=1)
    return rest or address


def short_grid_name(name: str) -> str:
    """湛山社区第一网格 → 第一网格 (the page is about one community)."""
    return _COMMUNITY_PREFIX.sub("", name, count=1) or name


def day_text(day: date | None) -> str:
    return day.isoformat() if day else "—"


def local_day(moment: datetime | None) -> str:
    return to_local(moment).strftime("%Y-%m-%d") if moment else "—"


def lateness_text(days_overdue: int, state: str) -> str:
    """已超期 5 天 / 今日到期 / 已到期 2 天 / 还有 3 天."""
    if state == "inactive":
        return translate("Fieldwork", "已停用")
    if days_overdue > 0:
        if state == "overdue":
            return Fieldwork.tr("已超期 %n 天", "", days_overdue)
        return Fieldwork.tr("已到期 %n 天", "", days_overdue)
    if days_overdue == 0:
        return translate("Fieldwork", "今日到期")
    return Fieldwork.tr("还有 %n 天", "", -days_overdue)


def interval_text(days: int) -> str:
    if days == 7:
        return translate("Fieldwork", "每周")
    if days == 30:
        return translate("Fieldwork", "每月")
    if days == 90:
        return translate("Fieldwork", "每季度")
    return Fieldwork.tr("每 %n 天", "", days)
