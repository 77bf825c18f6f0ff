"""The error body every non-2xx answer of /sync carries: {"error": {"code", "message"}}, with a
stable code for programs and a Chinese message that says what happened and what to do."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)
RETRY_AFTER_BUSY = 2  # seconds a client should wait when the database is momentarily overloaded

_DEFAULTS = {
    400: ("invalid_request", "请求格式不对。请升级程序后重试。"),
    401: ("unauthorized", "本设备未登记或已被停用。请联系管理员重新登记。"),
    403: ("forbidden", "本设备无权进行此操作。"),
    404: ("not_found", "没有找到要访问的内容。"),
    405: ("invalid_request", "不支持此请求方式。"),
    413: ("too_large", "上传的内容太大。"),
    429: ("rate_limited", "请求太频繁。请稍后再试。"),
    503: ("server_busy", "城市平台正忙。请稍后再试，数据不会丢失。"),
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _busy() -> JSONResponse:
    return error_response(503, *_DEFAULTS[503], headers={"Retry-After": str(RETRY_AFTER_BUSY)})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _DEFAULTS.get(exc.status_code, ("server_error", "城市平台出错了。请稍后再试。"))
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "、".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()[:3])
        return error_response(400, "invalid_request", f"请求格式不对（{where}）。请升级程序后重试。")

    @app.exception_handler(PoolTimeoutError)
    async def _pool_timeout(_request: Request, _exc: PoolTimeoutError) -> JSONResponse:
        return _busy()

    @app.exception_handler(OperationalError)
    async def _operational(_request: Request, exc: OperationalError) -> JSONResponse:
        # "database is locked", a lost connection, a deadlock: nothing was committed; retrying is safe
        log.warning("database busy or unavailable: %s", type(exc.orig).__name__)
        return _busy()

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "server_error", "城市平台出错了。请稍后再试；如果一直出错，请联系管理员。")
