"""Open311 GeoReport v2 under /open311/v2/: discovery, services, service definitions, POST and
GET requests, a request, tokens, and mySociety's servicerequestupdates — each as .json or
.xml. Every failure is an Open311 error list with the matching HTTP status."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from city_api import store
from city_api.deps import get_session, get_write_session
from city_api.open311 import catalogue, queries
from city_api.open311.intake import create_request
from city_api.open311.keys import check_api_key
from city_api.open311.render import FORMATS, JSON, Open311Error, error_response, respond, split_format

PREFIX: Final = "/open311/v2"
CHANGESET: Final = "2026-11-27T00:00:00+00:00"  # when this API last changed, for discovery
SPECIFICATION: Final = "http://wiki.open311.org/GeoReport_v2"
FORM_TYPES: Final = ("application/x-www-form-urlencoded", "multipart/form-data")

router = APIRouter(prefix=PREFIX, tags=["Open311 GeoReport v2"])


def _query(*names: tuple[str, str]) -> dict[str, Any]:
    """OpenAPI text for query parameters read from request.query_params (comma lists, page…)."""
    return {"parameters": [{"name": n, "in": "query", "required": False, "schema": {"type": "string"},
                            "description": d} for n, d in names]}


_FORM_FIELDS = {
    "api_key": "key issued by the city (city-api open311-key add)", "service_code": "a service_code of services",
    "lat": "WGS-84 latitude (with long)", "long": "WGS-84 longitude (with lat)",
    "address_string": "an address containing a building's standard address", "address_id": "a building id",
    "attribute[urgency]": "normal | urgent", "description": "up to 4000 characters", "first_name": "",
    "last_name": "", "phone": "", "email": "not stored", "media_url": "http(s) URL, kept in the description",
    "device_id": "ignored", "account_id": "ignored", "jurisdiction_id": "ignored",
}
POST_FORM: Final = {"requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
    "type": "object", "required": ["api_key", "service_code"],
    "properties": {k: {"type": "string", "description": d} for k, d in _FORM_FIELDS.items()}}}}}}
REQUESTS_QUERY: Final = _query(
    ("service_request_id", "comma-separated ids; all other parameters are then ignored"),
    ("service_code", "comma-separated service codes"), ("status", "open, closed or both (comma-separated)"),
    ("start_date", "W3C date-time; default: 90 days before end_date"),
    ("end_date", "W3C date-time; default: now; at most 90 days after start_date"),
    ("page", "1-based page (extension)"), ("page_size", "at most 1000 (extension)"))
UPDATES_QUERY: Final = _query(("start_date", "W3C date-time (city's receipt time)"), ("end_date", "W3C date-time"),
                              ("page", "1-based page"), ("page_size", "at most 1000"))
Handler = Callable[..., Response]
log = logging.getLogger(__name__)
_FORMAT_PARAMS: Final = ("fmt", "code_fmt", "id_fmt", "token_fmt", "rest")


ReadSession = Annotated[Session, Depends(get_session)]
WriteSession = Annotated[Session, Depends(get_write_session)]


async def _form_fields(request: Request) -> list[tuple[str, str]] | None:
    """The POST body's fields in order (attribute[x][] may repeat); None when not form-encoded
    (the handler answers that, in the Open311 error format)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in FORM_TYPES:
        return None
    return [(k, v) for k, v in (await request.form()).multi_items() if isinstance(v, str)]


def open311_errors(handler: Handler) -> Handler:
    """Answer Open311Error (and any other failure) in the format the path asked for."""
    @wraps(handler)
    def wrapped(*args: Any, **kwargs: Any) -> Response:
        path_tail = next((str(kwargs[k]) for k in _FORMAT_PARAMS if kwargs.get(k)), "")
        fmt = path_tail.rpartition(".")[2].lower() if "." in path_tail or path_tail in FORMATS else JSON
        try:
            return handler(*args, **kwargs)
        except Open311Error as exc:
            return error_response(fmt, exc.status, exc.description)
        except Exception:  # the client still gets the format it speaks; the trace goes to the log
            log.exception("Open311 %s failed", handler.__name__)
            return error_response(fmt, 500, "Internal error of the city API; try again later.")
    return wrapped


def _fmt(suffix: str) -> str:
    return split_format(f"x.{suffix}")[1]


def _list_param(request: Request, name: str) -> list[str]:
    raw = ",".join(request.query_params.getlist(name))
    return [part.strip() for part in raw.split(",") if part.strip()]


@router.get("/discovery.{fmt}", summary="Discovery: where this endpoint is and what it speaks")
@open311_errors
def discovery(request: Request, fmt: str) -> Response:
    url = str(request.base_url).rstrip("/") + PREFIX
    return respond(_fmt(fmt), "discovery", {
        "changeset": CHANGESET, "contact": "城市云脑运维：请联系所在区的城市运行管理中心。",
        "key_service": "api_key 由城市云脑管理员签发（city-api open311-key）；GET 查询无需 api_key。",
        "endpoints": [{"specification": SPECIFICATION, "url": url, "changeset": CHANGESET, "type": "production",
                       "formats": ["text/xml", "application/json"]}],
    })


@router.get("/services.{fmt}", summary="Service list: the request categories (小类)")
@open311_errors
def services(request: Request, fmt: str, session: ReadSession) -> Response:
    return respond(_fmt(fmt), "services", catalogue.services(session, request.query_params.get("jurisdiction_id")))


@router.get("/services/{code_fmt}", summary="Service definition: the attributes of one service")
@open311_errors
def service_definition(code_fmt: str, session: ReadSession) -> Response:
    code, fmt = split_format(code_fmt)
    category = catalogue.service_category(session, code)
    if category is None:
        raise Open311Error(404, f"No service with service_code {code}.")
    return respond(fmt, "service_definition", catalogue.definition(category))


@router.post("/requests.{fmt}", summary="Create a service request (api_key required, form-encoded)",
             openapi_extra=POST_FORM)
@open311_errors
def post_request(request: Request, fmt: str, session: WriteSession,
                 form: Annotated[list[tuple[str, str]] | None, Depends(_form_fields)]) -> Response:
    out = _fmt(fmt)
    if form is None:
        raise Open311Error(400, "Send the request form-encoded (application/x-www-form-urlencoded), as GeoReport "
                                "v2 specifies.")
    api_key = dict(form).get("api_key") or request.query_params.get("api_key")
    key = check_api_key(session, api_key)
    if key is None:
        raise Open311Error(403, "Invalid api_key received -- can't proceed with create_request.")
    try:
        created = create_request(session, key, form)
    except store.InvalidRecordError as exc:
        session.rollback()
        raise Open311Error(400, f"The request could not be stored: {exc}") from None
    except Open311Error:
        session.rollback()
        raise
    session.commit()
    return respond(out, "requests", [{"service_request_id": created.service_request_id, "token": created.token,
                                      "service_notice": created.service_notice, "account_id": None}])


@router.get("/requests.{fmt}", summary="Search service requests (90 days and 1000 results by default)",
            openapi_extra=REQUESTS_QUERY)
@open311_errors
def get_requests(request: Request, fmt: str, session: ReadSession) -> Response:
    out = _fmt(fmt)
    ids = _list_param(request, "service_request_id")
    if ids:  # the spec: all other parameters are then ignored
        return respond(out, "requests", queries.requests_by_id(session, ids))
    q = request.query_params
    start, end = queries.date_range(q.get("start_date"), q.get("end_date"))
    page = queries.paging(q.get("page"), q.get("page_size"))
    return respond(out, "requests", queries.search_requests(
        session, service_codes=_list_param(request, "service_code"), statuses=_list_param(request, "status"),
        start=start, end=end, page=page))


def _one_request(id_fmt: str, session: Session) -> Response:
    request_id, fmt = split_format(id_fmt)
    found = queries.requests_by_id(session, [request_id])
    if not found:
        raise Open311Error(404, f"No service request with service_request_id {request_id}.")
    return respond(fmt, "requests", found)


@router.get("/requests/{id_fmt}", summary="One service request")
@open311_errors
def get_request(id_fmt: str, session: ReadSession) -> Response:
    return _one_request(id_fmt, session)


@router.get("/request/{id_fmt}", include_in_schema=False)  # the Open311 swagger's singular spelling
@open311_errors
def get_request_singular(id_fmt: str, session: ReadSession) -> Response:
    return _one_request(id_fmt, session)


@router.get("/tokens/{token_fmt}", summary="The service_request_id a token became")
@open311_errors
def get_token(token_fmt: str, session: ReadSession) -> Response:
    token, fmt = split_format(token_fmt)
    found = queries.token_lookup(session, token)
    if found is None:
        raise Open311Error(404, f"No request was submitted with token {token}.")
    return respond(fmt, "requests", [found])


@router.get("/servicerequestupdates.{fmt}", summary="mySociety extension: timeline updates received in a period",
            openapi_extra=UPDATES_QUERY)
@open311_errors
def service_request_updates(request: Request, fmt: str,
                                  session: ReadSession) -> Response:
    out = _fmt(fmt)
    q = request.query_params
    start, end = queries.date_range(q.get("start_date"), q.get("end_date"))
    page = queries.paging(q.get("page"), q.get("page_size"))
    return respond(out, "updates", queries.updates(session, start, end, page))


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
@open311_errors
def unknown(rest: str) -> Response:
    raise Open311Error(404, f"No Open311 resource at {PREFIX}/{rest}; see {PREFIX}/discovery.json.")


__all__ = ["PREFIX", "router"]
