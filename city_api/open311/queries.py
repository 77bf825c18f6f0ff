"""GET requests / requests/{id} / tokens / servicerequestupdates: reading service_request and
request_event records city-wide and shaping them as Open311 objects.

Filters run in SQL on the records' JSON (city_api stores `data` as JSON, JSONB on PostgreSQL):
service_code → data.category_code, status → data.stage, dates → data.reported_at. Device
columns hold `datetime.isoformat()` of aware UTC times, so ISO strings compare in time order.
Open311 output is public: mobile and ID numbers inside a description are masked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from city_api.models import Community, Record, utcnow
from city_api.open311.catalogue import categories
from city_api.open311.models import Open311Submission
from city_api.open311.render import Open311Error, timestamp
from city_api.open311.status import ACTION_NAMES, CLOSED, OPEN, stage_name, stages_with_status, status_of
from community_app.core.masking import mask_id_number, mask_phone

WINDOW: Final = timedelta(days=90)  # the spec's default range and its longest
MAX_RESULTS: Final = 1000
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_IN_TEXT = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")


@dataclass(frozen=True)
class Paging:
    page: int = 1
    page_size: int = MAX_RESULTS


def parse_datetime(name: str, text: str | None) -> datetime | None:
    """A W3C date-time (2026-11-01T08:00:00+08:00, …Z) or a date (UTC midnight); naive = UTC."""
    if text is None or not text.strip():
        return None
    value = text.strip().replace(" ", "+") if "T" in text else text.strip()  # '+' arrives as ' ' when unescaped
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(400, f"{name} must be a W3C date-time such as 2026-11-01T08:00:00+08:00.") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def date_range(start_text: str | None, end_text: str | None, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The spec's rule: no dates → the last 90 days; one date → 90 days from/to it; never more than 90 days."""
    start, end = parse_datetime("start_date", start_text), parse_datetime("end_date", end_text)
    if start is None and end is None:
        end = now or utcnow()
    if start is None:
        assert end is not None
        start = end - WINDOW
    if end is None:
        end = start + WINDOW
    if end < start:
        raise Open311Error(400, "end_date is before start_date.")
    if end - start > WINDOW:
        raise Open311Error(400, "start_date and end_date may not span more than 90 days.")
    return start, end


def paging(page: str | None, page_size: str | None) -> Paging:
    def number(name: str, text: str | None, default: int) -> int:
        if text is None or text == "":
            return default
        if not text.isdigit() or int(text) < 1:
            raise Open311Error(400, f"{name} must be a whole number of at least 1.")
        return int(text)
    return Paging(number("page", page, 1), min(number("page_size", page_size, MAX_RESULTS), MAX_RESULTS))


def _bound(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def public_text(text: str | None) -> str | None:
    if not text:
        return text
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)


class Shaper:
    """Turns records into Open311 objects; loads category and community names once."""

    def __init__(self, session: Session) -> None:
        self.category_names = {code: c.name for code, c in categories(session).items()}
        self.community_names = {code: name for code, name in session.execute(select(Community.code, Community.name))}

    def request(self, rec: Record) -> dict[str, Any]:
        d = rec.data
        stage = d.get("stage")
        status = status_of(stage)
        updated = d.get("closed_at") if status == CLOSED and d.get("closed_at") else rec.updated_at
        ticket = d.get("ticket_no")
        return {
            "service_request_id": rec.id, "status": status, "status_notes": stage_name(stage),
            "service_name": self.category_names.get(d.get("category_code", "")),
            "service_code": str(d.get("category_code", "")), "description": public_text(d.get("description")),
            "agency_responsible": self.community_names.get(rec.community_code),
            "service_notice": f"工单号 {ticket}" if ticket else None,
            "requested_datetime": timestamp(d.get("reported_at")) or timestamp(rec.created_at),
            "updated_datetime": timestamp(updated), "expected_datetime": timestamp(d.get("due_at")),
            "address": d.get("address"), "address_id": d.get("building_id"), "zipcode": None,
            "lat": d.get("latitude"), "long": d.get("longitude"), "media_url": None,
            "external_status_code": stage,
        }


def _requests_query() -> Any:
    return select(Record).where(Record.table_name == "service_request", Record.deleted_at.is_(None))


def requests_by_id(session: Session, ids: Sequence[str]) -> list[dict[str, Any]]:
    wanted = [i for i in dict.fromkeys(x.strip() for x in ids) if i][:MAX_RESULTS]
    found = {r.id: r for r in session.scalars(_requests_query().where(Record.id.in_(wanted)))}
    shaper = Shaper(session)
    return [shaper.request(found[i]) for i in wanted if i in found]


def search_requests(session: Session, *, service_codes: Sequence[str] = (), statuses: Sequence[str] = (),
                    start: datetime, end: datetime, page: Paging = Paging()) -> list[dict[str, Any]]:
    """Requests reported in [start, end], newest first, one page of at most 1000."""
    for s in statuses:
        if s not in (OPEN, CLOSED):
            raise Open311Error(400, "status must be open or closed (or both, comma separated).")
    reported = Record.data["reported_at"].as_string()
    query = _requests_query().where(and_(reported >= _bound(start), reported <= _bound(end) + "~"))
    if service_codes:
        query = query.where(Record.data["category_code"].as_string().in_(list(service_codes)))
    if statuses and set(statuses) != {OPEN, CLOSED}:
        stages = list(stages_with_status(statuses[0]))
        stage = Record.data["stage"].as_string()
        # an unknown stage counts as open (status_of): open = "not a known closed stage"
        query = query.where(stage.in_(stages) if statuses[0] == CLOSED else ~stage.in_(
            list(stages_with_status(CLOSED))))
    query = query.order_by(reported.desc(), Record.id).offset((page.page - 1) * page.page_size).limit(page.page_size)
    shaper = Shaper(session)
    return [shaper.request(rec) for rec in session.scalars(query)]


def token_lookup(session: Session, token: str) -> dict[str, Any] | None:
    row = session.scalar(select(Open311Submission).where(Open311Submission.token == token))
    return None if row is None else {"service_request_id": row.service_request_id, "token": row.token}


def updates(session: Session, start: datetime, end: datetime, page: Paging = Paging()) -> list[dict[str, Any]]:
    """mySociety's servicerequestupdates: timeline entries the city received in [start, end],
    oldest first. Filtered and dated by the server's receipt time, never a device's clock, so a
    poller asking "since my last poll" misses nothing a wrong device clock back-dated."""
    query = (select(Record).where(Record.table_name == "request_event", Record.deleted_at.is_(None),
                                  Record.updated_at >= start, Record.updated_at <= end)
             .order_by(Record.updated_at, Record.id).offset((page.page - 1) * page.page_size).limit(page.page_size))
    events = list(session.scalars(query))
    request_ids = {str(e.data.get("request_id")) for e in events}
    stages = {r.id: r.data.get("stage") for r in session.scalars(_requests_query().where(
        Record.id.in_(request_ids)))} if request_ids else {}
    out = []
    for e in events:
        d = e.data
        stage = d.get("to_stage") or stages.get(str(d.get("request_id")))
        action = str(d.get("action", ""))
        note = public_text(d.get("note"))
        text = ACTION_NAMES.get(action, action)
        out.append({
            "update_id": e.id, "service_request_id": str(d.get("request_id", "")), "status": status_of(stage),
            "updated_datetime": timestamp(e.updated_at), "description": f"{text}：{note}" if note else text,
            "media_url": None, "external_status_code": stage,
        })
    return out
