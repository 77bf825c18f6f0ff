"""Read-only answers about sync state, for the status bar and the per-record badges:
how many changes wait, how many were rejected or conflict, when the last sync succeeded,
and the state of one record (sync-protocol.md, "Per-record sync state")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import OutboxEntry, SyncConflict

SYNCED = "synced"
WAITING = "waiting"
ERROR = "error"
CONFLICT = "conflict"
LOCAL = "local"  # never synced and nothing queued: only rows made before sync existed

PENDING = "pending"
REJECTED = "rejected"


@dataclass(frozen=True)
class SyncOverview:
    waiting: int  # outbox entries not yet accepted by the server
    rejected: int  # quarantined entries
    conflicts: int  # open conflicts
    enrolled: bool  # this device has been enrolled with a city API
    server_url: str
    community_name: str
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error_code: str  # "" when the last run succeeded
    last_error_message: str  # plain Chinese (community_app.sync.errors)


def overview(session: Session) -> SyncOverview:
    """Counts from the outbox and conflicts; times and the last error from the device row
    the engine keeps (community_app.sync.device)."""
    from community_app.sync.device import load_device  # the engine's module: imported when first asked

    counts = dict(session.execute(
        select(OutboxEntry.status, func.count()).where(OutboxEntry.status.in_((PENDING, REJECTED)))
        .group_by(OutboxEntry.status)).all())
    conflicts = session.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open"))
    device = load_device(session)
    last_ok = device.last_success_at if device else None
    last_try = device.last_attempt_at if device else None
    failed = device is not None and bool(device.last_error_code) and (last_ok is None or (
        last_try is not None and last_try > last_ok))
    return SyncOverview(
        waiting=counts.get(PENDING, 0), rejected=counts.get(REJECTED, 0), conflicts=conflicts or 0,
        enrolled=device is not None, server_url=device.server_url if device else "",
        community_name=(device.community_name or "") if device else "",
        last_success_at=last_ok, last_attempt_at=last_try,
        last_error_code=(device.last_error_code or "") if failed and device else "",
        last_error_message=(device.last_error_message or "") if failed and device else "",
    )


def record_state(session: Session, table: str, row_id: str, version: int | None = None) -> str:
    """synced / waiting / error / conflict (or local) for one row. version: the row's, when
    the caller has it at hand (saves a lookup)."""
    return record_states(session, table, [row_id], {row_id: version} if version is not None else None)[row_id]


def record_states(session: Session, table: str, row_ids: Iterable[str],
                  versions: dict[str, int] | None = None) -> dict[str, str]:
    """record_state for many rows of one table in three queries."""
    ids = list(dict.fromkeys(row_ids))
    states: dict[str, str] = {}
    if not ids:
        return states
    conflicted = set(session.scalars(select(SyncConflict.row_id).where(
        SyncConflict.table_name == table, SyncConflict.row_id.in_(ids), SyncConflict.status == "open")))
    outbox: dict[str, set[str]] = {}
    for row_id, status in session.execute(select(OutboxEntry.row_id, OutboxEntry.status).where(
            OutboxEntry.table_name == table, OutboxEntry.row_id.in_(ids),
            OutboxEntry.status.in_((PENDING, REJECTED)))):
        outbox.setdefault(row_id, set()).add(status)
    if versions is None:
        from db.models import Base

        model = next(m.class_ for m in Base.registry.mappers if m.tables[0].name == table)
        versions = dict(session.execute(select(model.id, model.version).where(model.id.in_(ids))).all())
    for row_id in ids:
        statuses = outbox.get(row_id, set())
        if row_id in conflicted:
            states[row_id] = CONFLICT
        elif REJECTED in statuses:
            states[row_id] = ERROR
        elif PENDING in statuses:
            states[row_id] = WAITING
        else:
            states[row_id] = SYNCED if (versions.get(row_id) or 0) > 0 else LOCAL
    return states
