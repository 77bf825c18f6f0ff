"""Making sync situations in a demo database without a server: a resident whose change the
city refused (an open conflict) and a change it rejected (quarantined)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import changes
from community_app.sync.field_values import synced_columns, to_json
from db.models import OutboxEntry, Resident, StaffUser, SyncConflict


def a_resident(session: Session) -> Resident:
    row = session.scalars(select(Resident).where(Resident.deleted_at.is_(None), Resident.phone.is_not(None))
                          .order_by(Resident.id).limit(1)).one()
    return row


def supervisor_id(session: Session) -> str:
    return session.scalars(select(StaffUser.id).where(StaffUser.role_code == "supervisor").limit(1)).one()


def server_copy(row: Resident, **changed: Any) -> dict[str, Any]:
    data = {name: to_json(getattr(row, name)) for name in synced_columns(Resident)}
    data.update(changed)
    return data


def make_conflict(factory: sessionmaker[Session], *, mine: dict[str, Any], theirs: dict[str, Any],
                  local_version: int = 3, server_version: int = 5) -> tuple[str, str, str]:
    """A resident edited here (mine) while the city changed it too (theirs = changed fields of
    the server copy): the engine's state after the push answered "conflict".
    Returns (conflict id, resident id, refused mutation id)."""
    with factory() as session:
        row = a_resident(session)
        row.version = local_version
        session.flush()
        changes.update(session, row, **mine)
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.row_id == row.id)
                                .order_by(OutboxEntry.seq.desc())).first()
        assert entry is not None
        entry.status = "conflict"
        conflict = SyncConflict(table_name="resident", row_id=row.id, mutation_id=entry.mutation_id,
                                mine=dict(entry.changes), theirs=server_copy(row, **theirs),
                                server_version=server_version)
        session.add(conflict)
        session.commit()
        return conflict.id, row.id, entry.mutation_id


def make_rejected(factory: sessionmaker[Session], *, changes_: dict[str, Any], reason: str) -> tuple[int, str]:
    """A queued change of a resident that the city rejected. Returns (outbox seq, resident id)."""
    with factory() as session:
        row = a_resident(session)
        row.version = 2
        entry = OutboxEntry(table_name="resident", row_id=row.id, op="update", base_version=2, changes=changes_,
                            status="rejected", last_error=reason)
        session.add(entry)
        session.commit()
        return entry.seq, row.id
