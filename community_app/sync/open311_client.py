"""Reading any Open311 GeoReport v2 server: services and service requests, as JSON or XML.

Servers differ: ids and codes may be numbers or strings, optional fields may be missing,
empty or null, the list may come bare or wrapped, and a failure comes as the spec's error list
([{code, description}] / <errors><error>…). Everything here normalizes to plain strings,
floats and aware UTC datetimes, and turns failures into a SyncError whose Chinese message
says what happened (the remote's own descriptions included: they never hold our personal data).

HTTP goes through community_app.sync.http's session: explicit timeouts, retries with backoff
honouring Retry-After, TLS verification on. No Qt here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from xml.etree import ElementTree as ET

import requests

from community_app.sync.errors import SyncError, SyncProblem
from community_app.sync.http import HttpSettings, make_session, problem_for_exception

log = logging.getLogger(__name__)

OPEN311_REFUSED: Final = "open311_refused"
CLOSED_WORDS: Final = frozenset({"closed", "fixed", "resolved", "completed", "duplicate", "not_councils_responsibility",
                                 "no_further_action"})
MAX_PAGES: Final = 50  # 50 × 1000 requests; a server that ignores `page` is detected sooner


@dataclass(frozen=True)
class RemoteService:
    service_code: str
    service_name: str
    group: str | None = None


@dataclass(frozen=True)
class RemoteRequest:
    """One service request as another server describes it; every optional field may be None."""

    service_request_id: str
    status: str  # "open" or "closed"
    service_code: str | None = None
    service_name: str | None = None
    description: str | None = None
    status_notes: str | None = None
    external_status_code: str | None = None
    requested_datetime: datetime | None = None
    updated_datetime: datetime | None = None
    expected_datetime: datetime | None = None
    address: str | None = None
    lat: float | None = None
    long: float | None = None
    agency_responsible: str | None = None
    media_url: str | None = None


# ---- parsing ---------------------------------------------------------------------------------
def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 1001.0 from a loose JSON writer is the id 1001
    text = str(value).strip()
    return text or None


def _float(value: Any) -> float | None:
    text = _text(value)
    try:
        number = float(text) if text is not None else None
    except ValueError:
        return None
    return number if number is not None and number == number and abs(number) != float("inf") else None


def _datetime(value: Any) -> datetime | None:
    """W3C date-time; 'Z', offsets, fractions and a space for 'T' accepted; naive = UTC."""
    text = _text(value)
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def _status(value: Any) -> str:
    text = (_text(value) or "open").lower().replace(" ", "_")
    return "closed" if text in CLOSED_WORDS else "open"


def _request(item: Mapping[str, Any]) -> RemoteRequest | None:
    request_id = _text(item.get("service_request_id"))
    if request_id is None:
        return None
    return RemoteRequest(
        service_request_id=request_id, status=_status(item.get("status")),
        service_code=_text(item.get("service_code")), service_name=_text(item.get("service_name")),
        description=_text(item.get("description")), status_notes=_text(item.get("status_notes")),
        external_status_code=_text(item.get("external_status_code")),
        requested_datetime=_datetime(item.get("requested_datetime")),
        updated_datetime=_datetime(item.get("updated_datetime")),
        expected_datetime=_datetime(item.get("expected_datetime")),
        address=_text(item.get("address")), lat=_float(item.get("lat")), long=_float(item.get("long")),
        agency_responsible=_text(item.get("agency_responsible")), media_url=_text(item.get("media_url")),
    )


def _xml_items(root: ET.Element) -> list[dict[str, Any]]:
    """<service_requests><request><a>1</a>…</request>…</service_requests> → [{"a": "1"}, …]
    (also a bare <request> root). Namespaces are dropped: some servers add one."""
    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]
    items = list(root) if len(root) and all(len(child) for child in root) else [root]
    return [{local(field.tag): (field.text if not len(field) else None) for field in item} for item in items]


def _json_items(body: Any) -> list[Any]:
    if isinstance(body, dict):
        for key in ("service_requests", "requests", "services", "request", "service"):
            if key in body:
                inner = body[key]
                return _json_items(inner) if isinstance(inner, dict) and len(inner) == 1 else (
                    inner if isinstance(inner, list) else [inner])
        return [body]
    return body if isinstance(body, list) else []


def parse_items(content: bytes, content_type: str | None) -> tuple[list[dict[str, Any]], bool]:
    """The list of objects in a body and whether it was XML; ValueError if it is neither."""
    stripped = content.lstrip()
    is_xml = stripped.startswith(b"<") or "xml" in (content_type or "")
    if is_xml:
        try:
            root = ET.fromstring(content)
        except ET.ParseError as exc:
            raise ValueError(f"not XML: {exc}") from None
        return _xml_items(root), True
    body = json.loads(content.decode("utf-8-sig"))
    return [x for x in _json_items(body) if isinstance(x, dict)], False


def parse_requests(content: bytes, content_type: str | None = None) -> list[RemoteRequest]:
    items, _xml = parse_items(content, content_type)
    return [r for r in (_request(item) for item in items) if r is not None]


def parse_services(content: bytes, content_type: str | None = None) -> list[RemoteService]:
    items, _xml = parse_items(content, content_type)
    out = []
    for item in items:
        code, name = _text(item.get("service_code")), _text(item.get("service_name"))
        if code is not None:
            out.append(RemoteService(code, name or code, _text(item.get("group"))))
    return out


def parse_errors(content: bytes, content_type: str | None = None) -> list[tuple[str, str]]:
    """The spec's error list as (code, description) pairs; [] if the body is not one."""
    try:
        items, _xml = parse_items(content, content_type)
    except ValueError:
        return []
    return [(_text(i.get("code")) or "", _text(i.get("description")) or "") for i in items
            if "description" in i or "code" in i]


# ---- HTTP ------------------------------------------------------------------------------------
def refused(status: int, errors: Sequence[tuple[str, str]]) -> SyncProblem:
    said = "；".join(d for _c, d in errors if d)[:300]
    what = {400: "认为请求参数有误", 401: "要求提供密钥", 403: "拒绝了访问（api_key 无效或未授权）",
            404: "找不到所请求的内容"}.get(status, f"返回错误（HTTP {status}）")
    return SyncProblem(OPEN311_REFUSED, f"Open311 服务器{what}" + (f"：{said}" if said else "")
                       + "。请检查服务器地址和设置，或联系对方平台管理员。")


class Open311Client:
    """GET services and requests of one Open311 GeoReport v2 endpoint (the URL ending in /v2 or
    wherever services.json lives). fmt: "json" or "xml"."""

    def __init__(self, base_url: str, *, fmt: str = "json", jurisdiction_id: str | None = None,
                 api_key: str | None = None, settings: HttpSettings | None = None,
                 session: requests.Session | None = None) -> None:
        if fmt not in ("json", "xml"):
            raise ValueError("fmt must be json or xml")
        self.base_url = base_url.rstrip("/")
        self.fmt = fmt
        self.settings = settings or HttpSettings()
        self.session = session or make_session(self.settings)
        self._common = {k: v for k, v in (("jurisdiction_id", jurisdiction_id), ("api_key", api_key)) if v}

    def _get(self, path: str, params: Mapping[str, str]) -> requests.Response:
        url = f"{self.base_url}/{path}.{self.fmt}"
        try:
            response = self.session.get(url, params={**self._common, **params}, timeout=self.settings.timeout)
        except requests.RequestException as exc:
            problem = problem_for_exception(exc)
            log.warning("open311 GET %s failed: %s", url, problem.code)
            raise SyncError(problem) from None
        if response.status_code != 200:
            problem = refused(response.status_code, parse_errors(response.content,
                                                                 response.headers.get("content-type")))
            log.warning("open311 GET %s answered %d", url, response.status_code)
            raise SyncError(problem)
        return response

    def _parsed(self, response: requests.Response, parse: Any) -> Any:
        kind = response.headers.get("content-type")
        try:
            found = parse(response.content, kind)
        except (ValueError, UnicodeDecodeError):
            raise SyncError(SyncProblem("bad_response", "Open311 服务器的回复无法识别（既不是 JSON 也不是 XML）："
                                        "请检查服务器地址。")) from None
        errors = [] if found else parse_errors(response.content, kind)
        if errors:  # some servers answer 200 with the error list
            raise SyncError(refused(int(errors[0][0]) if errors[0][0].isdigit() else 400, errors))
        return found

    def services(self) -> list[RemoteService]:
        return self._parsed(self._get("services", {}), parse_services)  # type: ignore[no-any-return]

    def requests_page(self, *, start: datetime | None = None, end: datetime | None = None,
                      status: str | None = None, service_codes: Sequence[str] = (), page: int | None = None,
                      page_size: int | None = None) -> list[RemoteRequest]:
        params: dict[str, str] = {}
        if start is not None:
            params["start_date"] = start.astimezone(UTC).isoformat(timespec="seconds")
        if end is not None:
            params["end_date"] = end.astimezone(UTC).isoformat(timespec="seconds")
        if status:
            params["status"] = status
        if service_codes:
            params["service_code"] = ",".join(service_codes)
        if page is not None:
            params["page"] = str(page)
        if page_size is not None:
            params["page_size"] = str(page_size)
        return self._parsed(self._get("requests", params), parse_requests)  # type: ignore[no-any-return]

    def all_requests(self, *, start: datetime | None = None, end: datetime | None = None,
                     page_size: int = 1000) -> Iterator[RemoteRequest]:
        """Every request of the period, page after page (the page/page_size extension). Stops at a
        short page, or when a page brings nothing new (a server that ignores `page`)."""
        seen: set[str] = set()
        for page in range(1, MAX_PAGES + 1):
            batch = self.requests_page(start=start, end=end, page=page, page_size=page_size)
            fresh = [r for r in batch if r.service_request_id not in seen]
            yield from fresh
            seen.update(r.service_request_id for r in fresh)
            if len(batch) < page_size or not fresh:
                return

    def request(self, service_request_id: str) -> RemoteRequest | None:
        found = self._parsed(self._get(f"requests/{service_request_id}", {}), parse_requests)
        return found[0] if found else None


def window(days: int = 90, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The last `days` days (the spec's default window and its longest span)."""
    end = now or datetime.now(UTC)
    return end - timedelta(days=days), end
