"""Quarantine: changes the server rejected (unknown column, wrong type, not allowed …). They
stay visible with the server's reason and block nothing else; a person fixes the values and
sends them again, or discards the change. Both are audited (without the values).

A fixed change goes out under a NEW mutation id: the server keeps its answer to the old id
forever and would only repeat the rejection.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import audit, problems
from community_app.sync.conflicts import record_label
from community_app.sync.field_values import UnknownTableError, model_for, synced_columns, to_json, write_values
from db.models import OutboxEntry

REJECTED = "rejected"
DISCARDED = "discarded"  # given up on by a person; never sent again
REQUEUED = "requeued"  # replaced by a fixed copy under a new mutation id


@dataclass(frozen=True)
class RejectedEntry:
    seq: int
    mutation_id: str
    table: str
    row_id: str
    op: str
    changes: dict[str, Any]
    reason: str  # the server's Chinese explanation
    created_at: datetime
    editable: tuple[str, ...]  # the fields a fix may change (the table's synced columns)
    label: str  # what the record is, for people (a resident's name, a request's number)


def _entry(session: Session, seq: int) -> OutboxEntry:
    entry = session.get(OutboxEntry, seq)
    if entry is None or entry.status != REJECTED:
        raise problems.ValidationFailed([problems.error("quarantine.not_found",
                                                        "这条被退回的修改已被处理，请刷新列表。")])
    return entry


def _editable(table: str) -> tuple[str, ...]:
    try:
        return tuple(synced_columns(model_for(table)))
    except UnknownTableError:
        return ()


def rejected_entries(session: Session) -> list[RejectedEntry]:
    """Quarantined changes in outbox order."""
    rows = session.scalars(select(OutboxEntry).where(OutboxEntry.status == REJECTED).order_by(OutboxEntry.seq))
    return [RejectedEntry(e.seq, e.mutation_id, e.table_name, e.row_id, e.op, dict(e.changes),
                          e.last_error or "服务器拒收了这条修改，未说明原因。", e.created_at, _editable(e.table_name),
                          record_label(session, e.table_name, e.row_id))
            for e in rows]


def requeue(session: Session, seq: int, changes: Mapping[str, Any] | None = None, *, actor_id: str | None) -> str:
    """Send the change again, with `changes` (JSON-form values) replacing what it carried
    when given. The fixed values are written to the local row too. Returns the new mutation
    id. The caller commits."""
    entry = _entry(session, seq)
    fixed = dict(entry.changes if changes is None else changes)
    if not fixed:
        raise problems.ValidationFailed([problems.error("quarantine.empty",
                                                        "没有可以重新发送的内容；如不需要，请选择“放弃”。")])
    try:
        model = model_for(entry.table_name)
    except UnknownTableError:
        raise problems.ValidationFailed([problems.error(
            "quarantine.unknown_table", "这条修改的记录类型无法识别，只能放弃。")]) from None
    unknown = sorted(set(fixed) - set(synced_columns(model)))
    if unknown:
        raise problems.ValidationFailed([problems.error(
            "quarantine.unknown_field", "这条修改含有城市平台不认识的字段，无法重新发送，只能放弃。", name)
            for name in unknown])
    row = session.get(model, entry.row_id)
    if row is not None:
        try:
            write_values(session, row, fixed)
        except (ValueError, TypeError):
            raise problems.ValidationFailed([problems.error("quarantine.bad_value",
                                                            "填写的值格式不正确，请检查后再发送。")]) from None
        fixed = {k: to_json(getattr(row, k)) for k in fixed}
    base = row.version if row is not None else entry.base_version
    new = OutboxEntry(table_name=entry.table_name, row_id=entry.row_id, op=entry.op, base_version=base, changes=fixed)
    session.add(new)
    entry.status = REQUEUED
    session.flush()
    audit.record(session, "sync_requeued", actor_id=actor_id, subject_type=entry.table_name, subject_id=entry.row_id,
                 detail={"old_mutation_id": entry.mutation_id, "mutation_id": new.mutation_id,
                         "fields": sorted(fixed), "edited": changes is not None})
    return new.mutation_id


def discard(session: Session, seq: int, *, actor_id: str | None, reason: str = "") -> None:
    """Give the change up: it is never sent; the local row keeps its values until the next
    pull brings the server's. The caller commits."""
    entry = _entry(session, seq)
    entry.status = DISCARDED
    audit.record(session, "sync_discarded", actor_id=actor_id, subject_type=entry.table_name,
                 subject_id=entry.row_id, reason=reason or None,
                 detail={"mutation_id": entry.mutation_id, "fields": sorted(entry.changes)})
