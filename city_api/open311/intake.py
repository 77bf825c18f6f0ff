"""POST requests: check an Open311 submission, route it to the community and grid cell that
hold it, and store it as a service_request record plus its first timeline entry (上报), through
city_api.store so both get a seq and reach that community's devices in the changes feed.

The record looks exactly like one a desk logged (client column names, ISO UTC times), with
channel "open311", stage "reported", the category's deadline (core.deadlines, the same rule
the desktop uses) and a ticket number O311-<Beijing date>-<city-wide number> that cannot meet
a device's own (letters + date + 4 digits, no hyphen).
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Final
from urllib.parse import urlparse

from sqlalchemy import Table
from sqlalchemy.orm import Session

from city_api import store
from city_api.open311.catalogue import URGENCY_ATTRIBUTE, URGENCY_VALUES, service_category
from city_api.open311.models import Open311ApiKey, Open311Submission
from city_api.open311.render import Open311Error
from city_api.open311.routing import Place, building_by_id, building_for_address, cell_for_point
from city_api.open311.status import REPORTED
from community_app.core.deadlines import due_at_for
from db.ids import uuid7
from db.models import RequestEvent, ServiceRequest, utcnow

CHANNEL: Final = "open311"
DESCRIPTION_MAX: Final = 4000  # request.json's maxLength
TITLE_MAX: Final = 120
BEIJING: Final = timezone(timedelta(hours=8))
_BOOKKEEPING: Final = frozenset({"id", "version", "created_at", "updated_at"})
_ATTRIBUTE = re.compile(r"attribute\[([^\]]+)\](\[\])?")


@dataclass(frozen=True)
class Created:
    service_request_id: str
    token: str
    ticket_no: str
    community_code: str
    service_notice: str


def attributes_of(form: list[tuple[str, str]]) -> dict[str, list[str]]:
    """attribute[code]=v (and attribute[code][]=v for multivaluelist) → {code: [v, …]}."""
    found: dict[str, list[str]] = {}
    for key, value in form:
        match = _ATTRIBUTE.fullmatch(key)
        if match:
            found.setdefault(match.group(1), []).append(value)
    return found


def _float(fields: dict[str, str], name: str) -> float | None:
    text = fields.get(name, "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise Open311Error(400, f"{name} must be a decimal number (WGS-84 degrees).") from None
    if not math.isfinite(value):
        raise Open311Error(400, f"{name} must be a decimal number (WGS-84 degrees).")
    return value


def _place(session: Session, fields: dict[str, str]) -> Place:
    lat, lng = _float(fields, "lat"), _float(fields, "long")
    address = fields.get("address_string", "").strip() or None
    if (lat is None) != (lng is None):
        raise Open311Error(400, "lat and long must be sent together.")
    if lat is not None and lng is not None:
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise Open311Error(400, "lat must be within -90..90 and long within -180..180.")
        hit = cell_for_point(session, lng, lat)
        if hit is None:
            raise Open311Error(400, f"The location lat={lat}, long={lng} lies outside every community served by "
                               "this city API; check the coordinates (WGS-84) or report it to the local office.")
        return Place(hit[0], hit[1], None, lat, lng, address)
    if fields.get("address_id", "").strip():
        place = building_by_id(session, fields["address_id"].strip())
        if place is None:
            raise Open311Error(400, "address_id does not name a known address (building) of this city API.")
        return place
    if address is not None:
        place = building_for_address(session, address)
        if place is None:
            raise Open311Error(400, "address_string does not match any standard address of the communities served "
                               "here; send lat and long instead.")
        return place
    raise Open311Error(400, "A location is required: lat and long, address_string or address_id.")


def _row_values(model: type, given: dict[str, Any]) -> dict[str, Any]:
    """Every synced column of the desktop's table: given values, else the column's default."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    local = getattr(model, "local_columns", frozenset())
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.key in _BOOKKEEPING or column.key in local:
            continue
        default = column.default.arg if column.default is not None and column.default.is_scalar else None
        values[column.key] = given.get(column.key, default)
    unknown = set(given) - set(values)
    assert not unknown, f"not columns of {table.name}: {unknown}"
    return values


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _reporter(fields: dict[str, str]) -> tuple[str | None, str | None]:
    # Chinese order: family name first
    name = (fields.get("last_name", "").strip() + fields.get("first_name", "").strip())[:64] or None
    phone = re.sub(r"[^\d+]", "", fields.get("phone", ""))[:20] or None
    return name, phone


def _description(fields: dict[str, str]) -> str:
    text = fields.get("description", "").strip()
    media = fields.get("media_url", "").strip()
    if media:
        parsed = urlparse(media)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise Open311Error(400, "media_url must be an http(s) URL.")
        text = f"{text}\n附图：{media}".strip()
    if len(text) > DESCRIPTION_MAX:
        raise Open311Error(400, f"description may have at most {DESCRIPTION_MAX} characters.")
    return text


def create_request(session: Session, key: Open311ApiKey, form: list[tuple[str, str]],
                   *, now: datetime | None = None) -> Created:
    """Check, route and store one submission. Raises Open311Error (400) with what is wrong.
    Writes through city_api.store; the caller commits."""
    now = now or utcnow()
    fields = {k: v for k, v in form if not k.startswith("attribute[")}
    code = fields.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "service_code is required.")
    description = _description(fields)
    place = _place(session, fields)
    category = service_category(session, code, place.community_code)
    if category is None:
        raise Open311Error(400, f"service_code {code} is not a service of this city API (see services.json).")
    urgency = category.urgency
    chosen = attributes_of(form).get(URGENCY_ATTRIBUTE)
    if chosen:
        if chosen[-1] not in dict(URGENCY_VALUES):
            raise Open311Error(400, "attribute[urgency] must be one of: normal, urgent.")
        urgency = chosen[-1]
    name, phone = _reporter(fields)
    submission = Open311Submission(token=secrets.token_urlsafe(24), service_request_id="",
                                   community_code=place.community_code, api_key_id=key.id, received_at=now)
    session.add(submission)
    session.flush()  # the autoincrement number makes the ticket
    request_id = uuid7()  # like a device's ids
    submission.service_request_id = request_id
    ticket = f"O311-{now.astimezone(BEIJING):%Y%m%d}-{submission.number:06d}"
    title = f"{(place.address or '').replace(' ', '')}{category.name}"[:TITLE_MAX]
    due = due_at_for(category, now)
    store.put_record(session, place.community_code, "service_request", request_id, _row_values(ServiceRequest, {
        "ticket_no": ticket, "community_code": place.community_code, "category_code": category.code,
        "channel": CHANNEL, "title": title, "description": description or category.name, "stage": REPORTED,
        "urgency": urgency, "latitude": place.latitude, "longitude": place.longitude, "address": place.address,
        "building_id": place.building_id, "grid_cell_id": place.grid_cell_id, "reporter_name": name,
        "reporter_phone": phone, "reported_at": _iso(now), "due_at": _iso(due), "due_at_original": _iso(due),
    }))
    event_id = uuid7()
    store.put_record(session, place.community_code, "request_event", event_id, _row_values(RequestEvent, {
        "request_id": request_id, "action": "report", "to_stage": REPORTED,
        "actor_name": f"Open311：{key.name}"[:64], "at": _iso(now),
    }))
    return Created(request_id, submission.token, ticket, place.community_code,
                   f"已受理登记，工单号 {ticket}；社区将按“{category.name}”类别处理。")
