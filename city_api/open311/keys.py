"""api_key management for Open311 POST requests: issue (shown once, stored hashed), check,
revoke, list. Functions flush; the caller commits."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from city_api.models import utcnow
from city_api.open311.models import Open311ApiKey


@dataclass(frozen=True)
class ApiKeyInfo:
    id: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue_api_key(session: Session, name: str) -> tuple[str, str]:
    """A new key for the system called `name`: (key id, the key). Only its hash is stored."""
    name = name.strip()
    if not name:
        raise ValueError("an api_key needs the name of the system that will use it")
    key = secrets.token_urlsafe(32)
    row = Open311ApiKey(id=str(uuid.uuid4()), name=name[:100], key_hash=_hash(key))
    session.add(row)
    session.flush()
    return row.id, key


def check_api_key(session: Session, key: str | None) -> Open311ApiKey | None:
    """The live key row for `key`, with its last use stamped; None if unknown or revoked."""
    if not key:
        return None
    row = session.scalar(select(Open311ApiKey).where(Open311ApiKey.key_hash == _hash(key)))
    if row is None or row.revoked_at is not None:
        return None
    row.last_used_at = utcnow()
    return row


def revoke_api_key(session: Session, key_id: str) -> bool:
    """Stop a key working (kept for the record of what it submitted). False if there is no such key."""
    row = session.get(Open311ApiKey, key_id)
    if row is None:
        return False
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
    return True


def list_api_keys(session: Session) -> list[ApiKeyInfo]:
    rows = session.scalars(select(Open311ApiKey).order_by(Open311ApiKey.created_at)).all()
    return [ApiKeyInfo(r.id, r.name, r.created_at, r.last_used_at, r.revoked_at) for r in rows]
