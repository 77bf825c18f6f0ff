"""/sync/blobs/{sha256}: photos, content-addressed, so a device skips what the city already has."""

from __future__ import annotations

import hashlib
import re

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.orm import Session

from city_api.deps import current_device, current_device_released, get_session
from city_api.errors import ApiError
from city_api.models import Blob, utcnow
from city_api.store import DeviceInfo
from city_api.sync_routes import ERRORS

MAX_BLOB_BYTES = 20 * 1024 * 1024
CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
router = APIRouter(prefix="/sync/blobs", tags=["blobs"], responses=ERRORS)


def _check_hash(sha256: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ApiError(400, "invalid_request", "文件编号（sha256）格式不对。")
    return sha256


def _too_large() -> ApiError:
    return ApiError(413, "too_large", f"文件超过 {MAX_BLOB_BYTES // 1024 // 1024} MB，无法上传。请压缩后再试。")


@router.head("/{sha256}", responses={404: {"description": "the server does not have it"}})
def has_blob(sha256: str, _device: DeviceInfo = Depends(current_device),  # noqa: B008
             session: Session = Depends(get_session)) -> Response:  # noqa: B008
    found = session.scalar(select(Blob.size).where(Blob.sha256 == _check_hash(sha256)))
    return Response(status_code=200 if found is not None else 404)


@router.get("/{sha256}", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}})
def get_blob(sha256: str, _device: DeviceInfo = Depends(current_device),  # noqa: B008
             session: Session = Depends(get_session)) -> Response:  # noqa: B008
    blob = session.get(Blob, _check_hash(sha256))
    if blob is None:
        raise ApiError(404, "not_found", "城市平台上没有这个文件。")
    return Response(content=blob.data, media_type=blob.content_type)


def _store(request: Request, sha256: str, data: bytes, content_type: str) -> int:
    with request.app.state.write_sessions() as session:
        if session.get(Blob, sha256) is not None:
            return 200
        session.add(Blob(sha256=sha256, size=len(data), content_type=content_type, data=data, created_at=utcnow()))
        session.commit()
        return 201


@router.put("/{sha256}", status_code=201, responses={200: {"description": "already there"}, 413: {"model": None}},
            openapi_extra={"requestBody": {"required": True, "content": {t: {"schema": {
                "type": "string", "format": "binary"}} for t in CONTENT_TYPES}}})
async def put_blob(sha256: str, request: Request,
                   _device: DeviceInfo = Depends(current_device_released)) -> Response:  # noqa: B008
    _check_hash(sha256)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in CONTENT_TYPES:
        raise ApiError(400, "unsupported_content_type", "只能上传 JPEG、PNG、WebP 图片或 PDF 文件。")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BLOB_BYTES:
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BLOB_BYTES:
            raise _too_large()
        chunks.append(chunk)
    data = b"".join(chunks)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ApiError(400, "hash_mismatch", "上传的文件与编号不符，可能传输中损坏。请重新上传。")
    status = await run_in_threadpool(_store, request, sha256, data, content_type)
    return Response(status_code=status)
