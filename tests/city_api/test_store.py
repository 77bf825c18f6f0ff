"""The server-side store API others build on (Open311, tools): put_record, get_record,
query_records — with proper versions, field versions and seqs."""

from __future__ import annotations

import uuid

import pytest

from city_api import store
from city_api.store import InvalidRecordError, UnknownCommunityError
from tests.city_api.sync_helpers import changes, mutation, notice, push
from tests.city_server import CityServer, Enrolled


def test_put_record_creates_and_updates_with_versions_and_seqs(api: CityServer, community: str,
                                                               office: Enrolled) -> None:
    rid = str(uuid.uuid4())
    v1, s1 = api.put_record(community, "notice", rid, notice(community, title="平台发布"))
    assert v1 == 1
    # a device edits another field from version 1 while the server changes the title: merged
    v2, s2 = api.put_record(community, "notice", rid, {"title": "平台改标题"})
    assert (v2, s2) == (2, s1 + 1)
    [m] = push(api, office, mutation("notice", rid, "update", 1, {"audience": "elderly"}))
    assert m["status"] == "merged" and m["version"] == 3
    [c] = push(api, office, mutation("notice", rid, "update", 1, {"title": "设备改标题"}))
    assert c["status"] == "conflict" and c["record"]["data"]["title"] == "平台改标题"
    feed = changes(api, office)
    [item] = [x for x in feed["changes"] if x["id"] == rid]
    assert item["version"] == 3 and item["data"]["title"] == "平台改标题" and item["data"]["audience"] == "elderly"

    with api.session() as s:
        got = store.get_record(s, community, "notice", rid)
        assert got is not None and got.version == 3 and got.deleted_at is None
        assert store.get_record(s, community, "notice", "nope") is None
        store.put_record(s, community, "notice", rid, {"deleted_at": "2026-11-27T05:00:00+00:00"})
        s.commit()
        gone = store.get_record(s, community, "notice", rid)
        assert gone is not None and gone.deleted_at is not None and gone.version == 4


def test_query_records_filters_on_data_fields_and_hides_tombstones(api: CityServer, community: str) -> None:
    a, b, c = (str(uuid.uuid4()) for _ in range(3))
    api.put_record(community, "notice", a, notice(community, audience="elderly"))
    api.put_record(community, "notice", b, notice(community, audience="all"))
    api.put_record(community, "notice", c, notice(community, audience="elderly", deleted_at="2026-11-27T05:00:00Z"))
    with api.session() as s:
        assert [r.id for r in store.query_records(s, "notice", community_code=community)] == [a, b]
        elderly = store.query_records(s, "notice", community_code=community, where={"audience": "elderly"})
        assert [r.id for r in elderly] == [a]
        everything = store.query_records(s, "notice", community_code=community, include_deleted=True)
        assert [r.id for r in everything] == [a, b, c]
        assert [r.id for r in store.query_records(s, "notice", community_code=community, limit=1, offset=1)] == [b]
        city_wide = {r.community_code for r in store.query_records(s, "notice")}
        assert community in city_wide


def test_put_record_refuses_what_a_device_could_not_send(api: CityServer, community: str) -> None:
    with api.session() as s:
        with pytest.raises(InvalidRecordError) as bad:
            store.put_record(s, community, "notice", str(uuid.uuid4()), {"title": "缺字段"})
        assert bad.value.code == "missing_column"
        s.rollback()
        with pytest.raises(InvalidRecordError) as bad:
            store.put_record(s, community, "notice", str(uuid.uuid4()), {**notice(community), "id": "x"})
        assert bad.value.code == "bookkeeping_column"
        s.rollback()
        with pytest.raises(UnknownCommunityError):
            store.put_record(s, "999999999999", "notice", str(uuid.uuid4()), notice("999999999999"))
