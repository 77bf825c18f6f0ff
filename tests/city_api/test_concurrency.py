"""Concurrent pushes never make a cursor skip a record: devices push in parallel while a reader
pages the feed with small pages; afterwards the reader has seen every record in its final state."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import requests
from sqlalchemy import select

from city_api.models import Record
from tests.city_api.sync_helpers import mutation, notice
from tests.city_server import CityServer, Enrolled

WRITERS = 6
BATCHES = 12
PER_BATCH = 4


def _writer(api: CityServer, device: Enrolled, community: str, errors: list[str]) -> None:
    session = requests.Session()
    mine: list[tuple[str, int]] = []
    try:
        for n in range(BATCHES):
            muts = [mutation("notice", str(uuid.uuid4()), "insert", 0, notice(community, title=f"{n}"))
                    for _ in range(PER_BATCH - 1)]
            if mine:  # also move an older record to the end of the feed
                rid, version = mine.pop(0)
                muts.append(mutation("notice", rid, "update", version, {"title": f"改{n}"}))
            r = session.post(api.url("/sync/push"), json={"mutations": muts}, headers=device.headers, timeout=30)
            if r.status_code != 200:
                errors.append(f"{r.status_code} {r.text[:200]}")
                continue
            for m, res in zip(muts, r.json()["results"], strict=True):
                if res["status"] != "applied":
                    errors.append(str(res))
                else:
                    mine.append((m["id"], res["version"]))
    finally:
        session.close()


def test_parallel_pushes_never_make_the_feed_skip_a_record(api: CityServer, community: str) -> None:
    devices = [api.enroll(community, "office", f"电脑-{i}") for i in range(WRITERS)]
    reader = api.enroll(community, "office", "读取")
    errors: list[str] = []
    threads = [threading.Thread(target=_writer, args=(api, d, community, errors)) for d in devices]
    for t in threads:
        t.start()

    seen: dict[str, tuple[int, int]] = {}  # id -> (seq, version) of the latest change seen
    cursor, cursors = 0, [0]
    http = requests.Session()

    def read_page() -> dict[str, Any]:
        nonlocal cursor
        r = http.get(api.url("/sync/changes"), params={"since": cursor, "limit": 5}, headers=reader.headers,
                     timeout=30)
        assert r.status_code == 200, r.text
        page = r.json()
        for c in page["changes"]:
            assert c["seq"] > cursor
            seen[c["id"]] = (c["seq"], c["version"])
        cursor = page["next"]
        cursors.append(cursor)
        return page

    while any(t.is_alive() for t in threads):
        read_page()
    for t in threads:
        t.join()
    while read_page()["more"]:
        pass
    http.close()

    assert errors == []
    assert cursors == sorted(cursors)
    with api.session() as s:
        final = {rec.id: (rec.seq, rec.version) for rec in s.scalars(
            select(Record).where(Record.community_code == community))}
    assert len(final) == WRITERS * BATCHES * (PER_BATCH - 1)
    missed = {rid: v for rid, v in final.items() if seen.get(rid) != v}
    assert missed == {}, f"{len(missed)} records never seen in their final state"
