"""A resident's timeline: their requests, visits, changes to the record and who looked at
their personal data in full — newest first. Texts name fields, never personal values."""

from __future__ import annotations

from datetime import datetime
from typing import Final, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.residents.inputs import STATUS_NAMES
from community_app.core.residents.lookups import tag_names
from community_app.core.residents.privacy import REVEAL_ACTIONS
from community_app.core.stages import STAGE_NAMES
from db.models import AuditEntry, OutboxEntry, Resident, ResidentTag, ServiceRequest, StaffUser, Visit

TIMELINE_MAX: Final = 200
REQUEST, VISIT, CHANGE, AUDIT = "request", "visit", "change", "audit"
FIELD_NAMES: Final[dict[str, str]] = {
    "name": "姓名", "sex": "性别", "id_number": "证件号码", "id_type": "证件类型", "birth_date": "出生日期",
    "phone": "联系电话", "ethnicity": "民族", "residence_type": "人员类别", "household_id": "住址",
    "relation_to_head": "与户主关系", "status": "状态", "grid_cell_id": "网格", "community_code": "社区",
    "notes": "备注",
}
VISIT_METHODS: Final[dict[str, str]] = {"home": "上门走访", "phone": "电话走访", "video": "视频走访"}
VISIT_OUTCOMES: Final[dict[str, str]] = {"ok": "情况正常", "concern": "发现问题", "not_home": "未见到本人"}
REVEAL_TEXTS: Final[dict[str, str]] = {"reveal_id_number": "查看了完整证件号码", "reveal_phone": "查看了完整联系电话"}


class TimelineEntry(NamedTuple):
    when: datetime  # UTC (aware); the UI shows Asia/Shanghai
    kind: str  # "request" | "visit" | "change" | "audit"
    text: str


def timeline(session: Session, row: Resident) -> tuple[TimelineEntry, ...]:
    entries = _requests(session, row.id) + _visits(session, row.id) + _changes(session, row) + _reveals(session, row.id)
    entries.sort(key=lambda e: e.when, reverse=True)
    return tuple(entries[:TIMELINE_MAX])


def _requests(session: Session, resident_id: str) -> list[TimelineEntry]:
    rows = session.execute(
        select(ServiceRequest.reported_at, ServiceRequest.ticket_no, ServiceRequest.title, ServiceRequest.stage)
        .where(ServiceRequest.reporter_resident_id == resident_id, ServiceRequest.deleted_at.is_(None))
    )
    return [TimelineEntry(at, REQUEST, f"反映诉求 {no}「{title}」（{STAGE_NAMES.get(stage, stage)}）")
            for at, no, title, stage in rows]


def _visits(session: Session, resident_id: str) -> list[TimelineEntry]:
    rows = session.execute(
        select(Visit.visited_at, Visit.method, Visit.outcome, Visit.notes, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.id == Visit.staff_id)
        .where(Visit.resident_id == resident_id, Visit.deleted_at.is_(None))
    )
    entries = []
    for at, method, outcome, notes, staff in rows:
        text = f"{staff or ''}{VISIT_METHODS.get(method, '走访')}：{VISIT_OUTCOMES.get(outcome, outcome)}"
        entries.append(TimelineEntry(at, VISIT, f"{text}。{notes}" if notes else text))
    return entries


def _record_change(entry: OutboxEntry) -> str:
    if entry.op == "insert":
        return "建立档案"
    if entry.op == "delete":
        return "档案已删除"
    status = entry.changes.get("status")
    if isinstance(status, str):
        return f"状态改为“{STATUS_NAMES.get(status, status)}”"
    fields = [FIELD_NAMES[name] for name in entry.changes if name in FIELD_NAMES]
    return "修改了" + "、".join(fields) if fields else "更新了档案"


def _changes(session: Session, row: Resident) -> list[TimelineEntry]:
    """From the outbox: the record's own changes and its tags being added or removed."""
    entries: list[TimelineEntry] = []
    created_seen = False
    for entry in session.scalars(select(OutboxEntry).where(
            OutboxEntry.table_name == "resident", OutboxEntry.row_id == row.id)):
        created_seen |= entry.op == "insert"
        entries.append(TimelineEntry(entry.created_at, CHANGE, _record_change(entry)))
    if not created_seen:  # created before the outbox existed, or arrived by sync
        entries.append(TimelineEntry(row.created_at, CHANGE, "建立档案"))
    tags = dict(session.execute(
        select(ResidentTag.id, ResidentTag.tag_code).where(ResidentTag.resident_id == row.id)).all())
    if tags:
        names = tag_names(session)
        for entry in session.scalars(select(OutboxEntry).where(
                OutboxEntry.table_name == "resident_tag", OutboxEntry.row_id.in_(tags))):
            name = names.get(tags[entry.row_id], tags[entry.row_id])
            if entry.op == "delete":
                verb = "移除标签"
            elif entry.op == "insert" or entry.changes.get("deleted_at", "") is None:
                verb = "添加标签"
            else:
                continue
            entries.append(TimelineEntry(entry.created_at, CHANGE, f"{verb}：{name}"))
    return entries


def _reveals(session: Session, resident_id: str) -> list[TimelineEntry]:
    rows = session.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.reason, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.id == AuditEntry.actor_id)
        .where(AuditEntry.subject_type == "resident", AuditEntry.subject_id == resident_id,
               AuditEntry.action.in_(tuple(REVEAL_ACTIONS.values())))
    )
    return [TimelineEntry(at, AUDIT, f"{who or ''}{REVEAL_TEXTS[action]}（理由：{reason or ''}）")
            for at, action, reason, who in rows]
