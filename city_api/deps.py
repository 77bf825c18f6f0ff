"""FastAPI dependencies: database sessions and the device behind a Bearer token."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import update
from sqlalchemy.orm import Session

from city_api.enrolment import device_for_token
from city_api.errors import ApiError
from city_api.models import Device, utcnow
from city_api.store import DeviceInfo

LAST_SEEN_EVERY = timedelta(minutes=5)  # a write per request would cost more than it tells
# declares the scheme in the OpenAPI spec; the header is checked by _device (error body of our own)
BEARER = HTTPBearer(auto_error=False, scheme_name="DeviceToken",
                    description="the device token from POST /sync/enroll")
Token = HTTPAuthorizationCredentials | None
TOKEN = Security(BEARER)


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.read_sessions() as session:
        yield session


def get_write_session(request: Request) -> Iterator[Session]:
    with request.app.state.write_sessions() as session:
        yield session


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


def _device(request: Request, session: Session, *, writable: bool = False) -> DeviceInfo:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("缺少设备令牌。请先在“同步设置”中登记本设备。")
    device = device_for_token(session, token.strip())
    if device is None:
        raise _unauthorized("设备令牌无效。请联系管理员重新登记本设备。")
    if device.revoked_at is not None:
        raise _unauthorized("本设备已被管理员停用。请联系管理员重新登记。")
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at > LAST_SEEN_EVERY:
        seen = update(Device.__table__).where(Device.id == device.id).values(last_seen_at=now)
        if writable:  # committed with the handler's work (on SQLite this session holds the write lock)
            session.execute(seen)
        else:
            with request.app.state.write_sessions() as writer:
                writer.execute(seen)
                writer.commit()
    return DeviceInfo(device.id, device.community_code, device.role, device.name, device.device_no)


# Each request holds ONE pooled connection: the auth query runs on the session the handler uses.

def current_device(request: Request, session: Session = Depends(get_session),  # noqa: B008
                   _token: Token = TOKEN) -> DeviceInfo:
    """The device behind the Bearer token, looked up on the handler's read session."""
    return _device(request, session)


def current_device_for_write(request: Request, session: Session = Depends(get_write_session),  # noqa: B008
                             _token: Token = TOKEN) -> DeviceInfo:
    """The same, on the handler's write session (push)."""
    return _device(request, session, writable=True)


def current_device_released(request: Request, session: Session = Depends(get_session),  # noqa: B008
                            _token: Token = TOKEN) -> DeviceInfo:
    """The same, then the connection goes back to the pool (a slow upload must not hold one)."""
    try:
        return _device(request, session)
    finally:
        session.close()
