"""Communities and devices: one-time enrolment codes (stored hashed) traded for a device token
(also stored hashed: a leaked database gives no usable token)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from city_api.errors import ApiError
from city_api.models import Community, Device, EnrolmentCode, utcnow
from city_api.store import lock_community
from db.ids import uuid7

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
DEFAULT_TTL = timedelta(hours=72)
ROLES = ("office", "kiosk")
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})


@dataclass(frozen=True)
class EnrolResult:
    token: str
    device_id: str
    community_code: str
    role: str
    device_no: int


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalize_code(code: str) -> str | None:
    """The 12 characters of a code as typed (any case, with or without dashes, I/L/O misread), or None."""
    plain = re.sub(r"[\s-]", "", code).upper().translate(_CONFUSABLE)
    if len(plain) != CODE_LENGTH or any(c not in CROCKFORD for c in plain):
        return None
    return plain


def ensure_community(session: Session, code: str, name: str, district_code: str | None = None,
                     street_code: str | None = None) -> Community:
    """The community with this 12-digit code, created if missing (its name updated if given)."""
    if not re.fullmatch(r"\d{12}", code):
        raise ValueError(f"community code must be 12 digits: {code!r}")
    community = session.get(Community, code)
    if community is None:
        community = Community(code=code, name=name, district_code=district_code or code[:6],
                              street_code=street_code or code[:9] + "000", last_seq=0)
        session.add(community)
    elif name and community.name != name:
        community.name = name
    session.flush()
    return community


def issue_code(session: Session, community_code: str, role: str, ttl: timedelta = DEFAULT_TTL,
               name: str | None = None) -> str:
    """A new one-time code "XXXX-XXXX-XXXX"; only its hash is stored. Caller commits."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}: {role!r}")
    if session.get(Community, community_code) is None:
        raise LookupError(f"unknown community {community_code}")
    plain = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))
    now = utcnow()
    session.add(EnrolmentCode(code_hash=sha256_hex(plain), community_code=community_code, role=role, name=name,
                              created_at=now, expires_at=now + ttl))
    session.flush()
    return "-".join(plain[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def _invalid_code() -> ApiError:
    return ApiError(400, "invalid_enrolment_code",
                    "登记码无效、已使用或已过期。请向管理员索取新的登记码。")


def enroll(session: Session, code: str, device_name: str) -> EnrolResult:
    """Trade a one-time code for a device token. Caller commits."""
    plain = normalize_code(code)
    if plain is None:
        raise _invalid_code()
    now = utcnow()
    code_hash = sha256_hex(plain)
    # claim the code atomically: two devices racing with one code cannot both win
    claimed = session.execute(update(EnrolmentCode.__table__)
                              .where(EnrolmentCode.code_hash == code_hash, EnrolmentCode.used_at.is_(None),
                                     EnrolmentCode.expires_at > now)
                              .values(used_at=now))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise _invalid_code()
    row = session.get(EnrolmentCode, code_hash, populate_existing=True)
    assert row is not None
    token = secrets.token_urlsafe(32)
    lock_community(session, row.community_code)  # device numbers are handed out one at a time
    device_no = 1 + (session.scalar(select(func.max(Device.device_no))
                                    .where(Device.community_code == row.community_code)) or 0)
    device = Device(id=uuid7(), community_code=row.community_code, device_no=device_no, role=row.role,
                    name=(device_name.strip() or row.name or "未命名设备")[:100], token_hash=sha256_hex(token),
                    enrolled_at=now)
    session.add(device)
    session.flush()
    row.device_id = device.id
    session.flush()
    return EnrolResult(token, device.id, device.community_code, device.role, device_no)


def device_for_token(session: Session, token: str) -> Device | None:
    return session.scalars(select(Device).where(Device.token_hash == sha256_hex(token))).first()


def revoke_device(session: Session, device_id: str) -> None:
    """Stop a device: its token answers 401 from now on. Caller commits."""
    device = session.get(Device, device_id)
    if device is None:
        raise LookupError(f"unknown device {device_id}")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        session.flush()
