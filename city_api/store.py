"""The city's records: every server-side write goes through here, so each change takes the
next sequence number of its community under the community row's lock (a cursor can never
skip a record) and bumps the record's version and field versions (so concurrent edits of
different fields merge). Callers own the transaction and commit.

Pushes (apply_mutations) and the changes feed (changes_page) live in city_api.sync_store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from city_api.models import Community, Record, utcnow
from city_api.tables import InvalidValueError, check_changes, parse_datetime

_MISSING = object()


class InvalidRecordError(InvalidValueError):
    """A server-side write with an unknown table/column or a value of the wrong kind."""


class UnknownCommunityError(LookupError):
    pass


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    community_code: str
    role: str  # office | kiosk
    name: str
    device_no: int = 0


@dataclass(frozen=True)
class StoredRecord:
    community_code: str
    table: str
    id: str
    version: int
    seq: int
    data: dict[str, Any]
    deleted_at: datetime | None
    created_at: datetime
    updated_at: datetime


def lock_community(session: Session, code: str) -> Community:
    """Take the community row's lock for the rest of the transaction (an UPDATE locks the row on
    PostgreSQL and takes the write lock on SQLite) and return the row, fresh."""
    result = session.execute(update(Community.__table__).where(Community.code == code)
                             .values(last_seq=Community.last_seq))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise UnknownCommunityError(code)
    community = session.get(Community, code, populate_existing=True)
    assert community is not None
    return community


def next_seqs(session: Session, code: str, count: int = 1) -> int:
    """Reserve count sequence numbers; returns the last one (the first is last - count + 1)."""
    stmt = (update(Community.__table__).where(Community.code == code)
            .values(last_seq=Community.last_seq + count).returning(Community.last_seq))
    last = session.execute(stmt).scalar_one_or_none()
    if last is None:
        raise UnknownCommunityError(code)
    return int(last)


def _stored(rec: Record) -> StoredRecord:
    return StoredRecord(rec.community_code, rec.table_name, rec.id, rec.version, rec.seq, dict(rec.data),
                        rec.deleted_at, rec.created_at, rec.updated_at)


def lock_community_seq(session: Session, code: str) -> int:
    """lock_community() in one round trip: takes the lock and returns last_seq."""
    stmt = (update(Community.__table__).where(Community.code == code)
            .values(last_seq=Community.last_seq).returning(Community.last_seq))
    last = session.execute(stmt).scalar_one_or_none()
    if last is None:
        raise UnknownCommunityError(code)
    return int(last)


class SeqCounter:
    """Sequence numbers of one community handed out in memory while the caller holds the
    community lock; save() writes the last one back before commit (one UPDATE per push batch
    instead of one per record). A number used in a rolled-back savepoint leaves a harmless gap."""

    def __init__(self, code: str, last_seq: int) -> None:
        self.code = code
        self.last = last_seq

    def __call__(self) -> int:
        self.last += 1
        return self.last

    def save(self, session: Session) -> None:
        session.execute(update(Community.__table__).where(Community.code == self.code).values(last_seq=self.last))


def _seq(session: Session, community_code: str, seqs: SeqCounter | None) -> int:
    return seqs() if seqs is not None else next_seqs(session, community_code)


def create(session: Session, community_code: str, table: str, record_id: str, data: dict[str, Any],
           device_id: str | None, seqs: SeqCounter | None = None, *, flush: bool = True) -> Record:
    """A new record at version 1 (the caller holds the community lock and validated data)."""
    now = utcnow()
    rec = Record(community_code=community_code, table_name=table, id=record_id, version=1,
                 seq=_seq(session, community_code, seqs), data=dict(data), field_versions=dict.fromkeys(data, 1),
                 deleted_at=parse_datetime(data.get("deleted_at")), created_at=now, updated_at=now,
                 created_by_device=device_id)
    session.add(rec)
    if flush:
        session.flush()
    return rec


def change(session: Session, rec: Record, changes: dict[str, Any], seqs: SeqCounter | None = None, *,
           flush: bool = True) -> Record:
    """Apply changes on top of rec: version + 1, a new seq, field versions of the values that
    really changed (the caller holds the community lock and validated changes)."""
    version = rec.version + 1
    data = dict(rec.data)
    field_versions = dict(rec.field_versions)
    for name, value in changes.items():
        if data.get(name, _MISSING) != value:
            data[name] = value
            field_versions[name] = version
    rec.data = data
    rec.field_versions = field_versions
    rec.version = version
    rec.deleted_at = parse_datetime(data.get("deleted_at"))
    rec.seq = _seq(session, rec.community_code, seqs)
    rec.updated_at = utcnow()
    if flush:
        session.flush()
    return rec


def find(session: Session, community_code: str, table: str, record_id: str) -> Record | None:
    return session.get(Record, (community_code, table, record_id))


def put_record(session: Session, community_code: str, table: str, record_id: str, data: dict[str, Any],
               *, device_id: str | None = None) -> tuple[int, int]:
    """Create or update a record server-side (Open311, seeding, tools). Returns (version, seq)."""
    lock_community(session, community_code)
    rec = find(session, community_code, table, record_id)
    try:
        check_changes(table, data, insert=rec is None)
    except InvalidValueError as exc:
        raise InvalidRecordError(exc.code, exc.message) from exc
    rec = create(session, community_code, table, record_id, data, device_id) if rec is None else change(
        session, rec, data)
    return rec.version, rec.seq


def get_record(session: Session, community_code: str, table: str, record_id: str) -> StoredRecord | None:
    rec = find(session, community_code, table, record_id)
    return None if rec is None else _stored(rec)


def query_records(session: Session, table: str, *, community_code: str | None = None,
                  where: dict[str, str | int | bool] | None = None, include_deleted: bool = False,
                  limit: int | None = None, offset: int = 0) -> list[StoredRecord]:
    """Records of one table (of one community, or of all), ordered by community and seq.
    where: equality on data fields."""
    stmt = select(Record).where(Record.table_name == table)
    if community_code is not None:
        stmt = stmt.where(Record.community_code == community_code)
    if not include_deleted:
        stmt = stmt.where(Record.deleted_at.is_(None))
    for name, value in (where or {}).items():
        field = Record.data[name]
        if isinstance(value, bool):
            stmt = stmt.where(field.as_boolean() == value)
        elif isinstance(value, int):
            stmt = stmt.where(field.as_integer() == value)
        else:
            stmt = stmt.where(field.as_string() == value)
    stmt = stmt.order_by(Record.community_code, Record.seq).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_stored(rec) for rec in session.scalars(stmt)]


__all__ = [
    "DeviceInfo",
    "InvalidRecordError",
    "SeqCounter",
    "StoredRecord",
    "UnknownCommunityError",
    "change",
    "create",
    "find",
    "get_record",
    "lock_community",
    "lock_community_seq",
    "next_seqs",
    "put_record",
    "query_records",
]
