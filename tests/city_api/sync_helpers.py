"""Small builders for pushes and feed reads over real HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from tests.city_server import CityServer, Enrolled

TIMEOUT = 15


def notice(community: str, title: str = "停水通知", **more: Any) -> dict[str, Any]:
    return {"community_code": community, "title": title, "body": "明天 9:00-12:00 停水。",
            "audience": "all", "published_at": "2026-11-27T01:00:00+00:00", "expires_at": None,
            "author_id": None, "deleted_at": None, **more}


def ticket(community: str, title: str = "楼道灯坏了") -> dict[str, Any]:
    return {"ticket_no": "K" + uuid.uuid4().hex[:10], "community_code": community, "category_code": "0101",
            "channel": "kiosk", "title": title, "stage": "reported", "reported_at": "2026-11-27T02:00:00+00:00"}


def mutation(table: str, row_id: str, op: str, base_version: int, changes: dict[str, Any],
             mutation_id: str | None = None) -> dict[str, Any]:
    return {"mutation_id": mutation_id or str(uuid.uuid4()), "table": table, "id": row_id, "op": op,
            "base_version": base_version, "changes": changes}


def push(api: CityServer, device: Enrolled, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
    r = requests.post(api.url("/sync/push"), json={"mutations": list(mutations)}, headers=device.headers,
                      timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["mutation_id"] for x in results] == [m["mutation_id"] for m in mutations]
    return results


def changes(api: CityServer, device: Enrolled, since: int = 0, limit: int = 1000,
            tables: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"since": since, "limit": limit}
    if tables:
        params["tables"] = tables
    r = requests.get(api.url("/sync/changes"), params=params, headers=device.headers, timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    return r.json()


def all_changes(api: CityServer, device: Enrolled, limit: int = 1000) -> list[dict[str, Any]]:
    since, seen = 0, []
    while True:
        page = changes(api, device, since, limit)
        seen.extend(page["changes"])
        since = page["next"]
        if not page["more"]:
            return seen
