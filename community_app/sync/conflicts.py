"""Sync conflicts: the server refused a change because the same fields changed there too.
A supervisor sees, field by field, our value and the server's, picks one or types a new one,
and the result travels as a NEW mutation based on the server's version (sync-protocol.md).

Resolving happens in one transaction: the local row takes the server's copy plus the chosen
values, the conflict is closed (who, when), the old outbox entry is retired, any still-pending
entries of the same row are folded into the new one (sent alone they would carry a stale base
version and conflict again), and the decision is audited — without the values themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import audit, problems
from community_app.sync.field_values import UnknownTableError, model_for, synced_columns, to_json, write_values
from db.models import OutboxEntry, Resident, ServiceRequest, SyncConflict, utcnow

MINE = "mine"
THEIRS = "theirs"
EDITED = "edited"
KINDS = (MINE, THEIRS, EDITED)

OPEN = "open"
RESOLVED = "resolved"
# outbox statuses written here (the engine pushes only "pending")
ENTRY_RESOLVED = "resolved"
ENTRY_SUPERSEDED = "superseded"


@dataclass(frozen=True)
class FieldChoice:
    name: str
    mine: Any  # JSON form, as the outbox holds it
    theirs: Any
    differs: bool  # False: both sides already agree, nothing to choose


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    table: str
    row_id: str
    label: str  # what the record is, for people: a resident's name, a request's number and title
    detected_at: datetime
    server_version: int
    server_deleted: bool
    fields: tuple[FieldChoice, ...]

    @property
    def differing(self) -> tuple[FieldChoice, ...]:
        return tuple(f for f in self.fields if f.differs)


@dataclass(frozen=True)
class Choice:
    kind: str  # mine / theirs / edited
    value: Any = None  # the edited value (JSON form or a Python date/number)


def record_label(session: Session, table: str, row_id: str) -> str:
    if table == "resident":
        name = session.scalar(select(Resident.name).where(Resident.id == row_id))
        return name or row_id[:8]
    if table == "service_request":
        found = session.execute(select(ServiceRequest.ticket_no, ServiceRequest.title)
                                .where(ServiceRequest.id == row_id)).first()
        return f"{found[0]} {found[1]}" if found else row_id[:8]
    return row_id[:8]


def _pending(session: Session, table: str, row_id: str) -> list[OutboxEntry]:
    return list(session.scalars(select(OutboxEntry).where(
        OutboxEntry.table_name == table, OutboxEntry.row_id == row_id, OutboxEntry.status == "pending")
        .order_by(OutboxEntry.seq)))


def _mine(session: Session, c: SyncConflict) -> dict[str, Any]:
    """Our side: the refused change, with later local edits of the same fields on top (they
    are what this device wants now)."""
    mine = dict(c.mine)
    for entry in _pending(session, c.table_name, c.row_id):
        mine.update({k: v for k, v in entry.changes.items() if k in mine})
    return mine


def _info(session: Session, c: SyncConflict) -> ConflictInfo:
    mine = _mine(session, c)
    theirs = c.theirs or {}
    fields = tuple(FieldChoice(name, value, theirs.get(name), value != theirs.get(name))
                   for name, value in mine.items())
    return ConflictInfo(c.id, c.table_name, c.row_id, record_label(session, c.table_name, c.row_id), c.detected_at,
                        c.server_version, bool(theirs.get("deleted_at")), fields)


def open_conflicts(session: Session) -> list[ConflictInfo]:
    """Open conflicts, oldest first."""
    rows = session.scalars(select(SyncConflict).where(SyncConflict.status == OPEN)
                           .order_by(SyncConflict.detected_at, SyncConflict.id))
    return [_info(session, c) for c in rows]


def get_conflict(session: Session, conflict_id: str) -> ConflictInfo:
    c = session.get(SyncConflict, conflict_id)
    if c is None:
        raise problems.ValidationFailed([problems.error("conflict.not_found", "找不到这条同步冲突，可能已被处理。")])
    return _info(session, c)


def _chosen(info: ConflictInfo, choices: Mapping[str, Choice]) -> dict[str, Any]:
    found: list[problems.Problem] = []
    values: dict[str, Any] = {}
    for f in info.fields:
        choice = choices.get(f.name)
        if choice is None:
            if f.differs:
                found.append(problems.error("conflict.choice_missing", "请为每个有分歧的字段选择保留哪一方的值。",
                                            f.name))
                continue
            choice = Choice(THEIRS)
        if choice.kind not in KINDS:
            found.append(problems.error("conflict.choice_invalid", "选择无效。", f.name))
            continue
        values[f.name] = {MINE: f.mine, THEIRS: f.theirs}.get(choice.kind, to_json(choice.value))
    if found:
        raise problems.ValidationFailed(found)
    return values


def resolve(session: Session, conflict_id: str, choices: Mapping[str, Choice], *, actor_id: str | None) -> str | None:
    """Apply the supervisor's choices; returns the new mutation id, or None when the result
    equals the server's copy (nothing to send). The caller commits."""
    c = session.get(SyncConflict, conflict_id)
    if c is None or c.status != OPEN:
        raise problems.ValidationFailed([problems.error("conflict.not_open", "这条同步冲突已被处理，请刷新列表。")])
    info = _info(session, c)
    chosen = _chosen(info, choices)
    try:
        model = model_for(c.table_name)
    except UnknownTableError:
        raise problems.ValidationFailed([problems.error("conflict.unknown_table",
                                                        "无法识别这条记录的类型。")]) from None
    row = session.get(model, c.row_id)
    if row is None:
        raise problems.ValidationFailed([problems.error("conflict.row_missing", "本机找不到这条记录，无法处理冲突。")])

    theirs = dict(c.theirs or {})
    pending = _pending(session, c.table_name, c.row_id)
    folded: dict[str, Any] = {}
    for entry in pending:
        folded.update(entry.changes)
    wanted = {**folded, **chosen}
    columns = set(synced_columns(model))
    try:
        write_values(session, row, {k: v for k, v in theirs.items() if k in columns})
        write_values(session, row, wanted)
    except (ValueError, TypeError):
        raise problems.ValidationFailed([problems.error("conflict.bad_value",
                                                        "填写的值格式不正确，请检查后再提交。")]) from None
    row.version = c.server_version

    to_send = {k: to_json(getattr(row, k)) for k, v in wanted.items() if k in columns and v != theirs.get(k)}
    mutation_id: str | None = None
    if to_send:
        op = "delete" if set(to_send) == {"deleted_at"} and to_send["deleted_at"] else "update"
        entry = OutboxEntry(table_name=c.table_name, row_id=c.row_id, op=op, base_version=c.server_version,
                            changes=to_send)
        session.add(entry)
        session.flush()
        mutation_id = entry.mutation_id
    for old in pending:
        old.status = ENTRY_SUPERSEDED
    refused = session.scalar(select(OutboxEntry).where(OutboxEntry.mutation_id == c.mutation_id))
    if refused is not None and refused.status != "sent":
        refused.status = ENTRY_RESOLVED
    c.status = RESOLVED
    c.resolved_at = utcnow()
    c.resolved_by_id = actor_id
    kinds = {name: choices[name].kind if name in choices else THEIRS for name in chosen}
    audit.record(session, "sync_conflict_resolved", actor_id=actor_id, subject_type=c.table_name,
                 subject_id=c.row_id, detail={"conflict_id": c.id, "choices": kinds, "mutation_id": mutation_id,
                                              "server_version": c.server_version})
    session.flush()
    return mutation_id
