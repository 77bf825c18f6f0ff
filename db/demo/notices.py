"""Community notices (通知公告) for staff and the kiosk, chosen to suit the season of `now`."""

from __future__ import annotations

import random
from typing import Any

from db.demo.clock import DAY, MINUTE, day_date, local_day, midnight, stamp
from db.demo.data import document
from db.demo.geography import Community
from db.demo.seeded import IdFactory

Row = dict[str, Any]


def notice_rows(communities: list[Community], author_id: str, now: int, rng: random.Random,
                ids: IdFactory) -> list[Row]:
    today = local_day(now)
    this_month = day_date(today).month
    heating_year = day_date(today).year if this_month >= 7 else day_date(today).year - 1
    stop_day = day_date(today + 3)
    rows = []
    for community in communities:
        for n in document("notices.json")["notices"]:
            if n["months"] and this_month not in n["months"]:
                continue
            day = today - n["days_ago"] - rng.randint(0, 2)
            published = min(midnight(day) + int(rng.uniform(8.5 * 60, 11 * 60) * MINUTE), now - 30 * MINUTE)
            expires = stamp(published + n["valid_days"] * DAY) if n["valid_days"] else None
            fill = {"year": heating_year, "next_year": heating_year + 1,
                    "date": f"{stop_day.month}月{stop_day.day}日", "road": rng.choice(community.roads)}
            sync = ids.row(published)
            rows.append({**sync, "community_code": community.code, "title": n["title"].format(**fill),
                         "body": n["body"].format(**fill), "audience": n["audience"],
                         "published_at": sync["created_at"], "expires_at": expires, "author_id": author_id})
    return rows
