"""The Open311 service list: the community's request categories (大类/小类).

A service is a 小类 (requests are filed under minors); its group is the 大类's name. The
built-in categories every device ships (db/data/categories.csv) are the base — devices do
not upload unchanged reference rows — and the category records devices did sync override
them by code (a renamed, switched-off or added category). City-wide, the most recently
changed record of a code wins; `jurisdiction_id` = a community code narrows it to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from city_api.models import Record
from db.reference_data import table

URGENCY_ATTRIBUTE: Final = "urgency"
URGENCY_VALUES: Final = (("normal", "一般"), ("urgent", "紧急"))


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    parent_code: str | None
    group: str
    urgency: str
    active: bool
    sort_order: int
    time_limit: int | None
    time_limit_unit: str


def _from_reference(row: dict[str, str]) -> Category:
    return Category(row["code"], row["name"], row["parent_code"] or None, row["group"], row["urgency"] or "normal",
                    True, int(row["sort_order"] or 0), int(row["time_limit"]) if row["time_limit"] else None,
                    row["time_limit_unit"] or "work_hours")


def _from_record(data: dict[str, Any], fallback: Category | None) -> Category:
    def pick(name: str, default: Any) -> Any:
        value = data.get(name)
        return default if value is None and name not in data else value
    base = fallback or Category(str(data.get("code")), str(data.get("code")), None, "event", "normal", True, 0, None,
                                "work_hours")
    return Category(str(data.get("code", base.code)), str(pick("name", base.name)),
                    pick("parent_code", base.parent_code), str(pick("group", base.group)),
                    str(pick("urgency", base.urgency) or "normal"), bool(pick("active", base.active)),
                    int(pick("sort_order", base.sort_order) or 0), pick("time_limit", base.time_limit),
                    str(pick("time_limit_unit", base.time_limit_unit) or "work_hours"))


def categories(session: Session, community_code: str | None = None) -> dict[str, Category]:
    """Every category by code: the built-in ones overlaid by the synced records."""
    result = {row["code"]: _from_reference(row) for row in table("categories.csv")}
    query = select(Record.data, Record.deleted_at).where(Record.table_name == "category").order_by(Record.updated_at)
    if community_code is not None:
        query = query.where(Record.community_code == community_code)
    for data, deleted_at in session.execute(query):
        code = data.get("code")
        if not isinstance(code, str):
            continue
        if deleted_at is not None or data.get("deleted_at"):
            result.pop(code, None)
        else:
            result[code] = _from_record(data, result.get(code))
    return result


def services(session: Session, community_code: str | None = None) -> list[dict[str, Any]]:
    """Active 小类 of active 大类, in the categories' order, as Open311 service objects."""
    cats = categories(session, community_code)
    majors = {c.code: c for c in cats.values() if c.parent_code is None}
    out: list[tuple[tuple[int, int, str], dict[str, Any]]] = []
    for c in cats.values():
        major = majors.get(c.parent_code or "")
        if major is None or not (c.active and major.active):
            continue
        out.append(((major.sort_order, c.sort_order, c.code), {
            "service_code": c.code, "service_name": c.name,
            "description": f"{major.name} › {c.name}", "metadata": True, "type": "realtime",
            "keywords": major.name, "group": major.name,
        }))
    return [service for _key, service in sorted(out, key=lambda pair: pair[0])]


def service_category(session: Session, code: str, community_code: str | None = None) -> Category | None:
    """The live, active 小类 behind a service code (None: no such service)."""
    cats = categories(session, community_code)
    c = cats.get(code)
    major = cats.get(c.parent_code or "") if c is not None else None
    if c is None or major is None or not (c.active and major.active):
        return None
    return c


def definition(category: Category) -> dict[str, Any]:
    """GET services/{code}: one optional attribute, the urgency (defaults to the category's)."""
    default = dict(URGENCY_VALUES).get(category.urgency, "一般")
    return {
        "service_code": category.code,
        "attributes": [{
            "variable": True, "code": URGENCY_ATTRIBUTE, "datatype": "singlevaluelist", "required": False,
            "datatype_description": f"不填写时按该类别的默认紧急程度（{default}）处理。", "order": 1,
            "description": "紧急程度", "values": [{"key": k, "name": n} for k, n in URGENCY_VALUES],
        }],
    }
