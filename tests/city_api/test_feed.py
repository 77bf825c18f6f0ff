"""The changes feed: ordered by seq, paged with since/limit/more/next, each record once in its
latest state, only the device's community."""

from __future__ import annotations

import uuid

import requests

from tests.city_api.conftest import new_community_code
from tests.city_api.sync_helpers import all_changes, changes, mutation, notice, push
from tests.city_server import CityServer, Enrolled


def test_pages_walk_every_record_once_in_seq_order(api: CityServer, community: str, office: Enrolled) -> None:
    ids = [str(uuid.uuid4()) for _ in range(7)]
    push(api, office, *[mutation("notice", i, "insert", 0, notice(community, title=f"通知{n}"))
                        for n, i in enumerate(ids)])
    first = changes(api, office, since=0, limit=3)
    assert [c["id"] for c in first["changes"]] == ids[:3]
    assert first["more"] is True and first["next"] == first["changes"][-1]["seq"]
    assert first["total_estimate"] == 7
    second = changes(api, office, since=first["next"], limit=3)
    assert "total_estimate" not in second
    assert [c["id"] for c in second["changes"]] == ids[3:6] and second["more"] is True
    third = changes(api, office, since=second["next"], limit=3)
    assert [c["id"] for c in third["changes"]] == ids[6:] and third["more"] is False
    empty = changes(api, office, since=third["next"], limit=3)
    assert empty == {"changes": [], "next": third["next"], "more": False}

    item = first["changes"][0]
    assert item["table"] == "notice" and item["version"] == 1 and item["deleted_at"] is None
    assert item["data"]["title"] == "通知0" and item["data"]["published_at"] == "2026-11-27T01:00:00+00:00"

    # a record changed again moves to the end of the feed, once, in its latest state
    push(api, office, mutation("notice", ids[0], "update", 1, {"title": "通知0（改）"}))
    walk = all_changes(api, office, limit=2)
    assert [c["id"] for c in walk] == ids[1:] + ids[:1]
    assert walk[-1]["version"] == 2 and walk[-1]["data"]["title"] == "通知0（改）"
    seqs = [c["seq"] for c in walk]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    after = changes(api, office, since=third["next"])
    assert [c["id"] for c in after["changes"]] == [ids[0]]


def test_tables_filter(api: CityServer, community: str, office: Enrolled) -> None:
    push(api, office, mutation("notice", str(uuid.uuid4()), "insert", 0, notice(community)),
         mutation("category", str(uuid.uuid4()), "insert", 0, {"code": "0102", "name": "道路"}))
    only = changes(api, office, tables="category")
    assert [c["table"] for c in only["changes"]] == ["category"] and only["total_estimate"] == 1
    both = changes(api, office, tables="category,notice")
    assert len(both["changes"]) == 2


def test_a_device_never_sees_another_community(api: CityServer, community: str, office: Enrolled) -> None:
    other = new_community_code()
    stranger = api.enroll(other, "office")
    secret = str(uuid.uuid4())
    push(api, stranger, mutation("notice", secret, "insert", 0, notice(other, title="别的社区")))
    mine = str(uuid.uuid4())
    push(api, office, mutation("notice", mine, "insert", 0, notice(community)))
    assert [c["id"] for c in all_changes(api, office)] == [mine]
    assert [c["id"] for c in all_changes(api, stranger)] == [secret]
    # nor change its records: the id is unknown in this community
    [r] = push(api, office, mutation("notice", secret, "update", 1, {"title": "越权"}))
    assert r["status"] == "rejected" and r["reason"]["code"] == "unknown_record"
    # seqs are per community: both start at 1
    assert changes(api, office)["changes"][0]["seq"] == changes(api, stranger)["changes"][0]["seq"] == 1


def test_bad_parameters_answer_400_in_the_error_format(api: CityServer, office: Enrolled) -> None:
    for params in ({"since": -1}, {"limit": 0}, {"limit": 5001}, {"since": "abc"}):
        r = requests.get(api.url("/sync/changes"), params=params, headers=office.headers, timeout=10)
        assert r.status_code == 400, params
        assert r.json()["error"]["code"] == "invalid_request"
    r = requests.post(api.url("/sync/push"), json={"mutations": [{}] * 501}, headers=office.headers, timeout=10)
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request"
    r = requests.get(api.url("/sync/nothing-here"), headers=office.headers, timeout=10)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_a_locked_database_answers_503_with_retry_after_and_nothing_is_lost(tmp_path: object) -> None:
    import sqlite3

    from tests.city_server import start_server

    db = f"{tmp_path}/city.sqlite"
    server = start_server(f"sqlite:///{db}", env={"CITY_API_SQLITE_BUSY_MS": "200"})
    try:
        device = server.enroll("370202010004", "office")
        requests.get(server.url("/sync/whoami"), headers=device.headers, timeout=10)  # last_seen written now
        blocker = sqlite3.connect(db, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            m = mutation("notice", str(uuid.uuid4()), "insert", 0, notice("370202010004"))
            r = requests.post(server.url("/sync/push"), json={"mutations": [m]}, headers=device.headers, timeout=10)
            assert r.status_code == 503
            assert int(r.headers["Retry-After"]) >= 1
            assert r.json()["error"]["code"] == "server_busy" and "不会丢失" in r.json()["error"]["message"]
            reader = requests.get(server.url("/sync/changes"), headers=device.headers, timeout=10)
            assert reader.status_code == 200  # readers are not blocked by a writer (WAL)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        [again] = push(server, device, m)  # the client retries the same mutation: applied once
        assert again["status"] == "applied" and again["version"] == 1
    finally:
        server.stop()
