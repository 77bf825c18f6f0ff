"""/sync: enrolment, whoami, the changes feed and push (see sync-protocol.md)."""

from __future__ import annotations

import threading
import time
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from city_api import enrolment, sync_store
from city_api.deps import current_device, current_device_for_write, get_session, get_write_session
from city_api.errors import ApiError
from city_api.models import Community, utcnow
from city_api.schemas import (
    ChangesPage,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    MutationIn,
    PushRequest,
    PushResponse,
    WhoAmI,
)
from city_api.store import DeviceInfo

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 429, 503)}
router = APIRouter(prefix="/sync", tags=["sync"], responses=ERRORS)

# Guessing enrolment codes: after this many wrong codes from one address in the window, 429.
ENROL_FAILURES_ALLOWED = 10
ENROL_WINDOW_S = 600


class FailureLimiter:
    """Wrong enrolment codes per client address, in memory (per worker: good enough to make
    guessing a 60-bit code hopeless)."""

    def __init__(self, allowed: int = ENROL_FAILURES_ALLOWED, window_s: float = ENROL_WINDOW_S) -> None:
        self.allowed, self.window_s = allowed, window_s
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int:
        """Seconds to wait before trying again, 0 when allowed now."""
        with self._lock:
            now = time.monotonic()
            recent = [t for t in self._failures.get(key, []) if now - t < self.window_s]
            self._failures[key] = recent
            if len(recent) < self.allowed:
                return 0
            return max(1, int(self.window_s - (now - recent[0])) + 1)

    def failed(self, key: str) -> None:
        with self._lock:
            self._failures.setdefault(key, []).append(time.monotonic())


@router.post("/enroll", response_model=EnrolResponse)
def enroll(body: EnrolRequest, request: Request, session: Session = Depends(get_write_session)) -> EnrolResponse:  # noqa: B008
    limiter: FailureLimiter = request.app.state.enrol_limiter
    client = request.client.host if request.client else "?"
    wait = limiter.retry_after(client)
    if wait:
        raise ApiError(429, "rate_limited", "登记码输错次数太多。请稍后再试，或向管理员核对登记码。",
                       headers={"Retry-After": str(wait)})
    try:
        result = enrolment.enroll(session, body.code, body.device_name)
    except ApiError:
        limiter.failed(client)
        raise
    session.commit()
    return EnrolResponse(token=result.token, device_id=result.device_id, community_code=result.community_code,
                         role=result.role, device_no=result.device_no)  # type: ignore[arg-type]


@router.get("/whoami", response_model=WhoAmI)
def whoami(device: DeviceInfo = Depends(current_device), session: Session = Depends(get_session)) -> WhoAmI:  # noqa: B008
    community = session.get(Community, device.community_code)
    return WhoAmI(device_id=device.id, community_code=device.community_code,
                  community_name=community.name if community else "", role=device.role,  # type: ignore[arg-type]
                  device_no=device.device_no, server_time=utcnow().isoformat())


@router.get("/changes", response_model=ChangesPage, response_class=Response)
def changes(since: int = Query(0, ge=0, description="the cursor: seq of the last change applied, 0 at first"),
            limit: int = Query(1000, ge=1, le=5000),
            tables: str | None = Query(None, description="comma-separated table names"),
            device: DeviceInfo = Depends(current_device),  # noqa: B008
            session: Session = Depends(get_session)) -> Response:  # noqa: B008
    names = [t.strip() for t in tables.split(",") if t.strip()] if tables else None
    body = sync_store.changes_page(session, device, since, limit, names)
    return Response(content=body.encode(), media_type="application/json")


@router.post("/push", response_model=PushResponse, response_class=JSONResponse,
             openapi_extra={"x-mutation-schema": MutationIn.model_json_schema()})
def push(body: PushRequest, device: DeviceInfo = Depends(current_device_for_write),  # noqa: B008
         session: Session = Depends(get_write_session)) -> JSONResponse:  # noqa: B008
    results = sync_store.apply_mutations(session, device, body.mutations)
    session.commit()
    # the results are built by the store as the protocol spells them (null fields included)
    return JSONResponse({"results": results})
