"""Community notices (通知公告) for staff and the kiosk, chosen to suit the season of `now`."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from db.demo.data import document
from db.demo.geography import Community
from db.demo.seeded import IdFactory
from db.demo.worktime import at_local, local

Row = dict[str, Any]


def notice_rows(communities: list[Community], author_id: str, now: datetime, rng: random.Random,
                ids: IdFactory) -> list[Row]:
    today = local(now)
    heating_year = today.year if today.month >= 7 else today.year - 1
    rows = []
    for community in communities:
        for n in document("notices.json")["notices"]:
            if n["months"] and today.month not in n["months"]:
                continue
            day = (today - timedelta(days=n["days_ago"] + rng.randint(0, 2))).date()
            published = min(at_local(day, rng.uniform(8.5 * 60, 11 * 60)), now - timedelta(minutes=30))
            expires = published + timedelta(days=n["valid_days"]) if n["valid_days"] else None
            stop_day = (today + timedelta(days=3)).date()
            fill = {"year": heating_year, "next_year": heating_year + 1,
                    "date": f"{stop_day.month}月{stop_day.day}日", "road": rng.choice(community.roads)}
            rows.append({"id": ids.at(published), "version": 0, "created_at": published, "updated_at": published,
                         "deleted_at": None, "community_code": community.code,
                         "title": n["title"].format(**fill), "body": n["body"].format(**fill),
                         "audience": n["audience"], "published_at": published, "expires_at": expires,
                         "author_id": author_id})
    return rows
