"""Words the sync screens share: record states, short status-bar texts for each problem code,
field names of the records a conflict or a rejected change can be about, and how a value
looks on screen (personal data masked, times in Asia/Shanghai)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from community_app.core.masking import mask_id_number, mask_phone
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.timefmt import format_minutes

CTX = "SyncTexts"

STATE_NAMES = {
    "synced": QT_TRANSLATE_NOOP("SyncTexts", "已同步"),
    "waiting": QT_TRANSLATE_NOOP("SyncTexts", "待同步"),
    "error": QT_TRANSLATE_NOOP("SyncTexts", "同步出错"),
    "conflict": QT_TRANSLATE_NOOP("SyncTexts", "同步冲突"),
    "local": QT_TRANSLATE_NOOP("SyncTexts", "未同步"),
}

# one line for the status bar; the engine's full message goes in the tooltip
SHORT_PROBLEMS = {
    "network_unreachable": QT_TRANSLATE_NOOP("SyncTexts", "网络不通，已保存在本机，稍后自动重试"),
    "timed_out": QT_TRANSLATE_NOOP("SyncTexts", "网络太慢，已保存在本机，稍后自动重试"),
    "server_busy": QT_TRANSLATE_NOOP("SyncTexts", "城市平台正忙，已保存在本机，稍后自动重试"),
    "server_error": QT_TRANSLATE_NOOP("SyncTexts", "城市平台出错，已保存在本机，稍后自动重试"),
    "token_refused": QT_TRANSLATE_NOOP("SyncTexts", "本机登记已失效，请重新登记本机"),
    "tls_failed": QT_TRANSLATE_NOOP("SyncTexts", "无法验证城市平台的证书，请检查服务器地址"),
    "bad_response": QT_TRANSLATE_NOOP("SyncTexts", "城市平台的回复无法识别，请联系平台管理员"),
    "not_enrolled": QT_TRANSLATE_NOOP("SyncTexts", "本机尚未登记到城市平台"),
    "blob_missing": QT_TRANSLATE_NOOP("SyncTexts", "有照片在本机找不到，无法上传"),
    "cancelled": QT_TRANSLATE_NOOP("SyncTexts", "同步已暂停，下次从中断处继续"),
}

TABLE_NAMES = {
    "resident": QT_TRANSLATE_NOOP("SyncTexts", "居民"),
    "service_request": QT_TRANSLATE_NOOP("SyncTexts", "诉求"),
    "request_event": QT_TRANSLATE_NOOP("SyncTexts", "办理记录"),
    "attachment": QT_TRANSLATE_NOOP("SyncTexts", "照片"),
    "household": QT_TRANSLATE_NOOP("SyncTexts", "住户"),
    "building": QT_TRANSLATE_NOOP("SyncTexts", "楼栋"),
    "unit": QT_TRANSLATE_NOOP("SyncTexts", "单元"),
    "grid_cell": QT_TRANSLATE_NOOP("SyncTexts", "网格"),
    "visit": QT_TRANSLATE_NOOP("SyncTexts", "走访"),
    "resident_tag": QT_TRANSLATE_NOOP("SyncTexts", "特殊群体标记"),
    "staff_user": QT_TRANSLATE_NOOP("SyncTexts", "工作人员"),
    "category": QT_TRANSLATE_NOOP("SyncTexts", "诉求分类"),
}

FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("SyncTexts", "姓名"),
    "sex": QT_TRANSLATE_NOOP("SyncTexts", "性别"),
    "id_number": QT_TRANSLATE_NOOP("SyncTexts", "身份证号"),
    "id_type": QT_TRANSLATE_NOOP("SyncTexts", "证件类型"),
    "birth_date": QT_TRANSLATE_NOOP("SyncTexts", "出生日期"),
    "phone": QT_TRANSLATE_NOOP("SyncTexts", "联系电话"),
    "ethnicity": QT_TRANSLATE_NOOP("SyncTexts", "民族"),
    "residence_type": QT_TRANSLATE_NOOP("SyncTexts", "户籍类型"),
    "household_id": QT_TRANSLATE_NOOP("SyncTexts", "所在住户"),
    "relation_to_head": QT_TRANSLATE_NOOP("SyncTexts", "与户主关系"),
    "status": QT_TRANSLATE_NOOP("SyncTexts", "状态"),
    "grid_cell_id": QT_TRANSLATE_NOOP("SyncTexts", "所在网格"),
    "community_code": QT_TRANSLATE_NOOP("SyncTexts", "社区"),
    "notes": QT_TRANSLATE_NOOP("SyncTexts", "备注"),
    "deleted_at": QT_TRANSLATE_NOOP("SyncTexts", "删除时间"),
    "title": QT_TRANSLATE_NOOP("SyncTexts", "标题"),
    "description": QT_TRANSLATE_NOOP("SyncTexts", "描述"),
    "stage": QT_TRANSLATE_NOOP("SyncTexts", "办理环节"),
    "urgency": QT_TRANSLATE_NOOP("SyncTexts", "紧急程度"),
    "address": QT_TRANSLATE_NOOP("SyncTexts", "地址"),
    "category_code": QT_TRANSLATE_NOOP("SyncTexts", "分类"),
    "assignee_id": QT_TRANSLATE_NOOP("SyncTexts", "承办人"),
    "reporter_name": QT_TRANSLATE_NOOP("SyncTexts", "反映人"),
    "reporter_phone": QT_TRANSLATE_NOOP("SyncTexts", "反映人电话"),
    "due_at": QT_TRANSLATE_NOOP("SyncTexts", "办理期限"),
}

MASKED = {"id_number": mask_id_number, "phone": mask_phone, "reporter_phone": mask_phone}


def _t(text: str) -> str:
    """Translate a string marked above with QT_TRANSLATE_NOOP("SyncTexts", …)."""
    return QCoreApplication.translate(CTX, text)


def state_name(state: str) -> str:
    return _t(STATE_NAMES[state]) if state in STATE_NAMES else state


def field_name(name: str) -> str:
    return _t(FIELD_NAMES[name]) if name in FIELD_NAMES else name


def table_name(name: str) -> str:
    return _t(TABLE_NAMES[name]) if name in TABLE_NAMES else name


def short_problem(code: str, message: str) -> str:
    return _t(SHORT_PROBLEMS[code]) if code in SHORT_PROBLEMS else message


def shown_value(field: str, value: Any, *, masked: bool = True) -> str:
    """A JSON-form value as people read it: personal numbers masked, UTC times local."""
    if value is None or value == "":
        return QCoreApplication.translate("SyncTexts", "（空）")
    if masked and field in MASKED:
        return MASKED[field](str(value))
    if isinstance(value, bool):
        return QCoreApplication.translate("SyncTexts", "是") if value else QCoreApplication.translate("SyncTexts", "否")
    if isinstance(value, str) and len(value) > 19 and value[10:11] == "T":
        try:
            return format_minutes(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    return str(value)
