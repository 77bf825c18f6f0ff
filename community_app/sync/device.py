"""This device's enrolment and the outcome of its last syncs (table sync_device, one row).

The token is never here: see community_app.sync.tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from community_app.sync.errors import SyncProblem
from db.models import utcnow
from db.models.sync import SyncDevice

DEVICE_ROW = 1


@dataclass(frozen=True)
class DeviceInfo:
    server_url: str
    device_id: str
    community_code: str
    community_name: str | None
    role: str
    device_name: str
    device_no: int | None
    enrolled_at: datetime
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error_code: str | None
    last_error_message: str | None


def load_device(session: Session) -> DeviceInfo | None:
    row = session.get(SyncDevice, DEVICE_ROW)
    if row is None:
        return None
    return DeviceInfo(row.server_url, row.device_id, row.community_code, row.community_name, row.role,
                      row.device_name, row.device_no, row.enrolled_at, row.last_attempt_at, row.last_success_at,
                      row.last_error_code, row.last_error_message)


def save_enrolment(session: Session, *, server_url: str, device_id: str, community_code: str,
                   community_name: str | None, role: str, device_name: str,
                   device_no: int | None = None) -> None:
    """Record (or replace) the enrolment; the caller commits."""
    session.execute(delete(SyncDevice))
    session.add(SyncDevice(id=DEVICE_ROW, server_url=server_url.rstrip("/"), device_id=device_id,
                           community_code=community_code, community_name=community_name, role=role,
                           device_name=device_name, device_no=device_no, enrolled_at=utcnow()))
    session.flush()


def forget_enrolment(session: Session) -> None:
    session.execute(delete(SyncDevice))


def record_attempt(session: Session, problem: SyncProblem | None, *, success: bool,
                   at: datetime | None = None) -> None:
    """After a sync: a success clears the last error; a failure keeps the last success time;
    a cancelled sync (no problem, no success) only counts as an attempt."""
    row = session.scalars(select(SyncDevice).where(SyncDevice.id == DEVICE_ROW)).first()
    if row is None:
        return
    at = at or utcnow()
    row.last_attempt_at = at
    if success:
        row.last_success_at = at
        row.last_error_code = row.last_error_message = None
    elif problem is not None:
        row.last_error_code, row.last_error_message = problem.code, problem.message
    session.flush()
