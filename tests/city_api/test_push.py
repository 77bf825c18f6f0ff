"""Push: applied, merged, conflict with the server's copy, rejected with a reason; replays get
the first answer; a rejected mutation does not block the rest; kiosks may only insert tickets."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from city_api.models import Mutation, Record
from tests.city_api.sync_helpers import changes, mutation, notice, push, ticket
from tests.city_server import CityServer, Enrolled


def stored(api: CityServer, community: str, table: str, row_id: str) -> Record:
    with api.session() as s:
        rec = s.get(Record, (community, table, row_id))
        assert rec is not None
        return rec


def test_insert_update_merge_and_conflict(api: CityServer, community: str, office: Enrolled) -> None:
    nid = str(uuid.uuid4())
    [r] = push(api, office, mutation("notice", nid, "insert", 0, notice(community)))
    assert r["status"] == "applied" and r["version"] == 1 and r["seq"] >= 1
    [r2] = push(api, office, mutation("notice", nid, "update", 1, {"title": "停水通知（更新）"}))
    assert r2 == {"mutation_id": r2["mutation_id"], "status": "applied", "version": 2, "seq": r["seq"] + 1}

    # another device, still at version 1, changes a different field: merged on top
    [m] = push(api, office, mutation("notice", nid, "update", 1, {"body": "改为 14:00 停水。"}))
    assert m["status"] == "merged" and m["version"] == 3
    rec = stored(api, community, "notice", nid)
    assert rec.data["title"] == "停水通知（更新）" and rec.data["body"] == "改为 14:00 停水。"
    assert rec.field_versions["title"] == 2 and rec.field_versions["body"] == 3

    # a device at version 1 changes the title too: conflict, nothing changes, the server's copy comes back
    [c] = push(api, office, mutation("notice", nid, "update", 1, {"title": "我的标题", "audience": "elderly"}))
    assert c["status"] == "conflict" and c["conflict_fields"] == ["title"]
    assert c["record"]["version"] == 3 and c["record"]["deleted_at"] is None
    assert c["record"]["data"]["title"] == "停水通知（更新）"
    after = stored(api, community, "notice", nid)
    assert after.version == 3 and after.data["audience"] == "all"

    # the same value typed on both sides is no conflict
    [same] = push(api, office, mutation("notice", nid, "update", 1, {"title": "停水通知（更新）"}))
    assert same["status"] == "merged" and same["version"] == 4


def test_insert_of_an_existing_id_is_an_update_from_its_base(api: CityServer, community: str,
                                                              office: Enrolled) -> None:
    nid = str(uuid.uuid4())
    push(api, office, mutation("notice", nid, "insert", 0, notice(community)))
    [r] = push(api, office, mutation("notice", nid, "insert", 1, notice(community, title="同一条")))
    assert r["status"] == "applied" and r["version"] == 2
    [c] = push(api, office, mutation("notice", nid, "insert", 0, notice(community, title="另一台")))
    assert c["status"] == "conflict" and "title" in c["conflict_fields"]


def test_delete_is_a_tombstone_and_conflicts_with_changes_made_since(api: CityServer, community: str,
                                                                    office: Enrolled) -> None:
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    push(api, office, mutation("notice", a, "insert", 0, notice(community)),
         mutation("notice", b, "insert", 0, notice(community)))
    [d] = push(api, office, mutation("notice", a, "delete", 1, {"deleted_at": "2026-11-27T03:00:00Z"}))
    assert d["status"] == "applied" and d["version"] == 2
    rec = stored(api, community, "notice", a)
    assert rec.deleted_at is not None and rec.deleted_at.isoformat() == "2026-11-27T03:00:00+00:00"
    page = changes(api, office, since=d["seq"] - 1)
    assert page["changes"][0]["deleted_at"] == "2026-11-27T03:00:00+00:00"

    push(api, office, mutation("notice", b, "update", 1, {"body": "新内容"}))
    [c] = push(api, office, mutation("notice", b, "delete", 1, {"deleted_at": "2026-11-27T03:00:00Z"}))
    assert c["status"] == "conflict" and c["conflict_fields"] == ["body"]
    assert stored(api, community, "notice", b).deleted_at is None

    # editing a row deleted meanwhile on the server is a conflict too, never a silent edit of a dead row
    [e] = push(api, office, mutation("notice", a, "update", 1, {"audience": "elderly"}))
    assert e["status"] == "conflict" and e["conflict_fields"] == ["deleted_at"]


def test_rejections_carry_a_reason_and_do_not_block_the_batch(api: CityServer, community: str,
                                                              office: Enrolled) -> None:
    nid = str(uuid.uuid4())
    good_before = mutation("notice", nid, "insert", 0, notice(community))
    bad = [
        (mutation("no_such_table", "x", "insert", 0, {"a": 1}), "unknown_table"),
        (mutation("notice", nid, "update", 1, {"colour": "red"}), "unknown_column"),
        (mutation("notice", nid, "update", 1, {"version": 9}), "bookkeeping_column"),
        (mutation("notice", nid, "update", 1, {"title": 42}), "wrong_type"),
        (mutation("notice", nid, "update", 1, {"published_at": "yesterday"}), "wrong_type"),
        (mutation("notice", nid, "update", 1, {"title": None}), "null_not_allowed"),
        (mutation("notice", str(uuid.uuid4()), "update", 3, {"title": "无"}), "unknown_record"),
        (mutation("notice", str(uuid.uuid4()), "insert", 0, {"title": "缺字段"}), "missing_column"),
        (mutation("resident", str(uuid.uuid4()), "insert", 0, {"search_names": "x"}), "unknown_column"),
        (mutation("notice", nid, "upsert", 1, {"title": "x"}), "invalid_mutation"),
        (mutation("notice", nid, "update", 7, {"title": "x"}), "bad_base_version"),
    ]
    good_after = mutation("notice", nid, "update", 1, {"title": "最后一条"})
    results = push(api, office, good_before, *[m for m, _ in bad], good_after)
    assert results[0]["status"] == "applied"
    for (_m, code), r in zip(bad, results[1:-1], strict=True):
        assert r["status"] == "rejected", (code, r)
        assert r["reason"]["code"] == code, (code, r)
        assert r["reason"]["message"] and "。" in r["reason"]["message"]
    assert results[-1]["status"] == "applied" and results[-1]["version"] == 2
    rec = stored(api, community, "notice", nid)
    assert rec.data["title"] == "最后一条" and "colour" not in rec.data


def test_a_replay_gets_the_first_answer_and_has_no_second_effect(api: CityServer, community: str,
                                                                 office: Enrolled) -> None:
    nid = str(uuid.uuid4())
    insert = mutation("notice", nid, "insert", 0, notice(community))
    update = mutation("notice", nid, "update", 1, {"title": "改一次"})
    rejected = mutation("notice", nid, "update", 1, {"colour": "red"})
    first = push(api, office, insert, update, rejected)
    with api.session() as s:
        last_seq_before = s.execute(select(func.max(Record.seq)).where(Record.community_code == community)).scalar()
    # the client lost the answer and sends everything again (days later, with the same ids)
    again = push(api, office, insert, update, rejected)
    assert again == first
    rec = stored(api, community, "notice", nid)
    assert rec.version == 2 and rec.seq == last_seq_before
    with api.session() as s:
        count = s.scalar(select(func.count()).select_from(Mutation).where(
            Mutation.mutation_id.in_([insert["mutation_id"], update["mutation_id"], rejected["mutation_id"]])))
        assert count == 3
    # the same id twice in one batch: the second is the first's answer
    dup = mutation("notice", nid, "update", 2, {"title": "再改"})
    a, b = push(api, office, dup, dict(dup, changes={"title": "别的"}))
    assert a == b and a["version"] == 3


def test_kiosk_may_only_insert_tickets_and_sees_only_its_own(api: CityServer, community: str, office: Enrolled,
                                                            kiosk: Enrolled) -> None:
    nid, mine, theirs = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    push(api, office, mutation("notice", nid, "insert", 0, notice(community)),
         mutation("service_request", theirs, "insert", 0, ticket(community, "办公室登记的")),
         mutation("category", str(uuid.uuid4()), "insert", 0, {"code": "0101", "name": "市容环境"}),
         mutation("resident", str(uuid.uuid4()), "insert", 0, {"name": "张三", "sex": "M",
                                                                "community_code": community}))
    results = push(api, kiosk,
                   mutation("service_request", mine, "insert", 0, ticket(community)),
                   mutation("notice", str(uuid.uuid4()), "insert", 0, notice(community)),
                   mutation("notice", nid, "update", 1, {"title": "终端改的"}),
                   mutation("service_request", mine, "update", 1, {"title": "终端改的"}),
                   mutation("service_request", theirs, "insert", 1, ticket(community, "覆盖")))
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "rejected", "rejected"]
    assert [r["reason"]["code"] for r in results[1:]] == ["forbidden_for_kiosk"] * 3 + ["record_exists"]

    seen = changes(api, kiosk)
    assert {(c["table"], c["id"]) for c in seen["changes"]} >= {("notice", nid), ("service_request", mine)}
    assert {c["table"] for c in seen["changes"]} == {"notice", "category", "service_request"}
    assert theirs not in {c["id"] for c in seen["changes"]}
    assert seen["total_estimate"] == 3
    office_view = changes(api, office)
    assert {c["id"] for c in office_view["changes"]} >= {mine, theirs, nid}


def test_a_value_the_database_refuses_rejects_only_that_mutation(api: CityServer, community: str,
                                                                 office: Enrolled) -> None:
    before, nul, after = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    results = push(api, office, mutation("notice", before, "insert", 0, notice(community)),
                   mutation("notice", nul, "insert", 0, notice(community, title="NUL \u0000 字符")),
                   mutation("notice", after, "insert", 0, notice(community)))
    assert results[0]["status"] == results[2]["status"] == "applied"
    if api.db_url.startswith("postgresql"):  # jsonb cannot hold \\u0000; SQLite's JSON text can
        assert results[1]["status"] == "rejected" and results[1]["reason"]["code"] == "invalid_value"
        with api.session() as s:
            assert s.get(Record, (community, "notice", nul)) is None
    else:
        assert results[1]["status"] == "applied"
    assert stored(api, community, "notice", after).version == 1
    assert [r["seq"] for r in (results[0], results[2])] == sorted(r["seq"] for r in (results[0], results[2]))
    assert push(api, office, mutation("notice", nul, "insert", 0, notice(community),
                                      mutation_id=results[1]["mutation_id"]))[0] == results[1]  # replay
