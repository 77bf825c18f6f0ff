"""Seed a city API database with two communities, their grid cells, a building and a changed
category, and validate Open311 JSON against the official schemas (copied in schemas/)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from sqlalchemy.orm import Session

from city_api import store
from city_api.enrolment import ensure_community
from city_api.models import Record
from city_api.open311.keys import issue_api_key
from community_app.core.first_run import reference_id

SCHEMAS = Path(__file__).parent / "schemas"
ZHANSHAN = "370202010004"  # 湛山社区
XIANGGANG = "370202010005"  # a neighbour, east of it
# two unit squares side by side, 0.01° (≈1 km) wide, near 湛山 in WGS-84
CELL_A = [[120.40, 36.05], [120.41, 36.05], [120.41, 36.06], [120.40, 36.06], [120.40, 36.05]]
CELL_B = [[120.41, 36.05], [120.42, 36.05], [120.42, 36.06], [120.41, 36.06], [120.41, 36.05]]
INSIDE_A = (36.055, 120.405)  # (lat, long)
INSIDE_B = (36.055, 120.415)
OUTSIDE = (36.20, 120.60)
CELL_A_ID = "0190f000-0000-7000-8000-00000000000a"
CELL_B_ID = "0190f000-0000-7000-8000-00000000000b"
BUILDING_ID = "0190f000-0000-7000-8000-0000000000b1"


def _polygon(ring: list[list[float]]) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def _base(**data: Any) -> dict[str, Any]:
    return {"deleted_at": None, **data}


def seed_city(session: Session) -> str:
    """Communities, cells, a building, a renamed and a switched-off category. Returns an api_key."""
    ensure_community(session, ZHANSHAN, "湛山社区")
    ensure_community(session, XIANGGANG, "香港中路社区")
    store.put_record(session, ZHANSHAN, "grid_cell", CELL_A_ID, _base(
        code="ZS-01", name="湛山第一网格", kind="basic", community_code=ZHANSHAN,
        geometry_geojson=_polygon(CELL_A), responsible_staff_id=None))
    store.put_record(session, XIANGGANG, "grid_cell", CELL_B_ID, _base(
        code="XG-01", name="香港中路第一网格", kind="basic", community_code=XIANGGANG,
        geometry_geojson=_polygon(CELL_B), responsible_staff_id=None))
    store.put_record(session, ZHANSHAN, "building", BUILDING_ID, _base(
        community_code=ZHANSHAN, grid_cell_id=CELL_A_ID, name="1号楼", address="湛山三路1号", road="湛山三路",
        house_number="1号", kind="residential", floors=6, built_year=1995, latitude=36.0551, longitude=120.4052))
    # a community renamed 暴露垃圾 and switched 非法小广告 off: the service list follows the records
    # (reference rows keep their code-derived ids on every device, so the city's copy has them too)
    store.put_record(session, ZHANSHAN, "category", reference_id("category", "E0101"), _base(
        code="E0101", name="暴露垃圾（含楼道）", parent_code="E01", group="event", time_limit=2,
        time_limit_unit="work_hours", urgency="normal", active=True, sort_order=11))
    store.put_record(session, ZHANSHAN, "category", reference_id("category", "E0201"), _base(
        code="E0201", name="非法小广告", parent_code="E02", group="event", time_limit=4,
        time_limit_unit="work_hours", urgency="normal", active=False, sort_order=21))
    _key_id, key = issue_api_key(session, "12345热线平台")
    session.commit()
    return key


def put_request(session: Session, community: str, request_id: str, *, stage: str, category: str = "E0103",
                reported_at: datetime, description: str = "路面有油污", **extra: Any) -> None:
    """A request as a device would have pushed it (the fields Open311 reads)."""
    data = _base(ticket_no=f"ZS{reported_at:%Y%m%d}{request_id[-4:]}", community_code=community,
                 category_code=category, channel="walk_in", title="道路不洁", description=description, stage=stage,
                 urgency="normal", latitude=INSIDE_A[0], longitude=INSIDE_A[1], address="湛山三路1号",
                 reported_at=reported_at.isoformat(), rework_count=0, paused_seconds=0, escalation_count=0, **extra)
    store.put_record(session, community, "service_request", request_id, data)


def bulk_requests(session: Session, community: str, count: int, newest: datetime) -> None:
    """Test setup at speed: `count` requests a minute apart, as Record rows in one flush
    (put_record one by one takes seconds on a loaded machine)."""
    last = store.next_seqs(session, community, count)
    rows = []
    for n in range(count):
        reported = newest - timedelta(minutes=n)
        data = _base(ticket_no=f"ZS{n:08d}", community_code=community, category_code="E0103", channel="walk_in",
                     title="道路不洁", description="路面有油污", stage="reported", urgency="normal",
                     reported_at=reported.isoformat())
        rows.append(Record(community_code=community, table_name="service_request",
                           id=f"0190f000-0000-7000-8000-{n:012d}", version=1, seq=last - count + 1 + n, data=data,
                           field_versions=dict.fromkeys(data, 1),
                           created_at=reported, updated_at=reported))
    session.add_all(rows)
    session.flush()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def _registry() -> Registry:
    resources = [(p.name, Resource.from_contents(json.loads(p.read_text("utf-8")), default_specification=DRAFT4))
                 for p in SCHEMAS.glob("*.json")]
    return Registry().with_resources(resources)


REGISTRY = _registry()
# jsonschema checks date-time and uri only with optional packages that are not installed: check them here
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339: a full date, a time and an explicit offset."""
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value):
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


@FORMATS.checks("uri", raises=ValueError)
def _uri(value: object) -> bool:
    if isinstance(value, str) and not (urlparse(value).scheme and urlparse(value).netloc):
        raise ValueError(f"not an absolute URI: {value!r}")
    return True


def check_schema(name: str, body: Any) -> None:
    """Raise jsonschema.ValidationError unless body matches schemas/<name>.json (formats checked too)."""
    schema = json.loads((SCHEMAS / f"{name}.json").read_text("utf-8"))
    Draft4Validator(schema, registry=REGISTRY, format_checker=FORMATS).validate(body)
