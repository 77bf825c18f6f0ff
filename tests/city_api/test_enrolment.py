"""Enrolment: a one-time code becomes a device token; whoami; revoked and unknown tokens."""

from __future__ import annotations

import re
from datetime import timedelta

import requests

from city_api.enrolment import issue_code, normalize_code, revoke_device
from city_api.models import Device, EnrolmentCode
from tests.city_server import CityServer, Enrolled, start_server

CODE_FORMAT = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


def enroll_raw(api: CityServer, code: str, name: str = "网格员电脑-1") -> requests.Response:
    return requests.post(api.url("/sync/enroll"), json={"code": code, "device_name": name}, timeout=10)


def test_a_code_enrolls_one_device_once_and_whoami_tells_who_it_is(api: CityServer, community: str) -> None:
    code = api.issue_code(community, "office")
    assert CODE_FORMAT.fullmatch(code)
    first = enroll_raw(api, code.lower())  # typed in lower case: still the same code
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["community_code"] == community and body["role"] == "office"
    assert len(body["token"]) >= 43
    assert body["device_no"] == 1  # the community's first device

    again = enroll_raw(api, code)
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_enrolment_code"
    assert "登记码" in again.json()["error"]["message"]

    me = requests.get(api.url("/sync/whoami"), headers={"Authorization": f"Bearer {body['token']}"}, timeout=10)
    assert me.status_code == 200
    who = me.json()
    assert who["device_id"] == body["device_id"] and who["community_code"] == community
    assert who["community_name"] == "测试社区" and who["role"] == "office" and who["device_no"] == 1
    assert who["server_time"].endswith("+00:00")

    with api.session() as s:  # only hashes are kept
        device = s.get(Device, body["device_id"])
        assert device is not None and device.name == "网格员电脑-1"
        assert device.last_seen_at is not None  # whoami counted as contact
        assert body["token"] not in device.token_hash
        stored = [c.code_hash for c in s.query(EnrolmentCode).filter_by(community_code=community)]
        assert stored and all(code.replace("-", "") not in h for h in stored)


def test_expired_wrong_and_malformed_codes_are_refused(api: CityServer, community: str) -> None:
    with api.session() as s:
        expired = issue_code(s, community, "office", ttl=timedelta(seconds=-1))
        s.commit()
    for code in (expired, "0000-0000-0000", "not a code", ""):
        r = enroll_raw(api, code)
        assert r.status_code == 400, code
        assert r.json()["error"]["code"] in ("invalid_enrolment_code", "invalid_request")


def test_normalize_code_accepts_what_people_type() -> None:
    assert normalize_code("abcd-efgh-jkmn") == "ABCDEFGHJKMN"
    assert normalize_code("O1IL 2345 6789") == "011123456789"  # O→0, I/L→1 (Crockford)
    assert normalize_code("ABCD-EFGH-JKM") is None and normalize_code("ABCD-EFGH-JKMU") is None


def test_no_bad_or_revoked_token_gets_in(api: CityServer, office: Enrolled) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {office.token}"}):
        r = requests.get(api.url("/sync/whoami"), headers=headers, timeout=10)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "unauthorized"
    assert requests.get(api.url("/sync/whoami"), headers=office.headers, timeout=10).status_code == 200
    with api.session() as s:
        revoke_device(s, office.device_id)
        s.commit()
    for path in ("/sync/whoami", "/sync/changes"):
        r = requests.get(api.url(path), headers=office.headers, timeout=10)
        assert r.status_code == 401 and "停用" in r.json()["error"]["message"]


def test_guessing_codes_is_stopped_with_429_and_retry_after(tmp_path: object) -> None:
    server = start_server(f"sqlite:///{tmp_path}/city.sqlite")
    try:
        good = server.issue_code("370202010004", "kiosk")
        statuses = [enroll_raw(server, "ZZZZ-ZZZZ-ZZZZ").status_code for _ in range(10)]
        assert statuses == [400] * 10
        r = enroll_raw(server, good)  # even the right code waits: the address is guessing
        assert r.status_code == 429
        assert int(r.headers["Retry-After"]) > 0
        assert r.json()["error"]["code"] == "rate_limited"
    finally:
        server.stop()


def test_device_numbers_count_up_within_each_community(api: CityServer, community: str) -> None:
    from tests.city_api.conftest import new_community_code

    numbers = [enroll_raw(api, api.issue_code(community, role)).json()["device_no"]
               for role in ("office", "kiosk", "office")]
    assert numbers == [1, 2, 3]
    assert enroll_raw(api, api.issue_code(new_community_code())).json()["device_no"] == 1
