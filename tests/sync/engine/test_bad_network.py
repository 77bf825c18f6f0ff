"""The server answers 500, 429 with Retry-After, hangs past the read timeout, resets the
connection (even after committing): the client backs off and retries, loses nothing, stores
nothing twice, and when it gives up says so in plain words."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from city_api.store import query_records
from community_app.sync.device import load_device
from community_app.sync.http import HttpSettings
from db.models import Resident
from tests.city_server import CityServer
from tests.sync.engine.devices import Device, new_device
from tests.sync.engine.faulty_proxy import (
    BUSY_429,
    COMMIT_THEN_RESET,
    ERROR_500,
    HANG,
    RESET,
    UNAVAILABLE_503,
    FaultyProxy,
)

# backoff 0.1 s, 0.2 s, 0.4 s … without jitter, so the test can check the waits grow
PATIENT = HttpSettings(connect_timeout=2.0, read_timeout=0.5, retries=3, backoff_factor=0.1, backoff_jitter=0.0)


@pytest.fixture
def proxy(server: CityServer) -> Iterator[FaultyProxy]:
    p = FaultyProxy(server.base_url, only="/sync/push", hang_seconds=1.0).start()
    yield p
    p.stop()


@pytest.fixture
def device(server: CityServer, proxy: FaultyProxy, community: str, tmp_path: Path) -> Iterator[Device]:
    d = new_device(server, community, tmp_path / "d", url=proxy.base_url)
    d.http = PATIENT
    yield d
    d.engine.dispose()


def _server_copies(server: CityServer, community: str) -> list[tuple[str, int]]:
    with server.session() as s:
        return sorted((r.data["name"], r.version) for r in query_records(s, "resident", community_code=community))


def _gaps(proxy: FaultyProxy) -> list[float]:
    times = [s.at for s in proxy.requests_to("/sync/push", "POST")]
    return [b - a for a, b in itertools.pairwise(times)]


def test_500s_are_retried_with_growing_waits(server: CityServer, proxy: FaultyProxy, device: Device,
                                             community: str) -> None:
    device.add_resident(community, "王秀英")
    proxy.inject(ERROR_500, ERROR_500, ERROR_500)

    report = device.sync()

    assert report.finished and report.applied == 1
    assert len(proxy.requests_to("/sync/push", "POST")) == 4
    gaps = _gaps(proxy)
    assert gaps[2] >= 0.35 and gaps[2] > gaps[1] > gaps[0] - 0.05  # exponential backoff: 0, 0.2, 0.4 s
    assert device.outbox() == 0 and _server_copies(server, community) == [("王秀英", 1)]


def test_429_retry_after_is_honoured(server: CityServer, proxy: FaultyProxy, device: Device, community: str) -> None:
    device.add_resident(community, "李明")
    proxy.inject(BUSY_429)

    report = device.sync()

    assert report.finished
    assert _gaps(proxy)[0] >= 0.95  # Retry-After: 1 — the backoff alone would have retried at once
    assert _server_copies(server, community) == [("李明", 1)]


def test_a_server_that_stays_busy_is_reported_in_words(server: CityServer, proxy: FaultyProxy, device: Device,
                                                       community: str) -> None:
    device.add_resident(community, "张伟")
    proxy.retry_after = 0  # keep the test short; the message still comes from the last answer
    proxy.inject(UNAVAILABLE_503, UNAVAILABLE_503, UNAVAILABLE_503, BUSY_429)

    report = device.sync()

    assert not report.finished and report.problem is not None
    assert report.problem.code == "server_busy"
    assert "城市平台正忙" in report.problem.message and "不会丢失" in report.problem.message
    assert device.outbox() == 1  # nothing lost: still waiting
    with device.session() as s:
        info = load_device(s)
    assert info is not None and info.last_error_code == "server_busy" and info.last_success_at is None
    # the status bar's words come from the stored message
    assert info.last_error_message == report.problem.message

    assert device.sync().finished  # the next sync delivers it, once
    assert device.outbox() == 0 and _server_copies(server, community) == [("张伟", 1)]
    with device.session() as s:
        info = load_device(s)
    assert info is not None and info.last_error_code is None and info.last_success_at is not None


def test_persistent_500_says_server_error(proxy: FaultyProxy, device: Device, community: str) -> None:
    device.add_resident(community, "赵强")
    proxy.inject(*[ERROR_500] * 4)

    report = device.sync()

    assert report.problem is not None and report.problem.code == "server_error"
    assert report.problem.message.startswith("城市平台出错了")
    assert device.outbox() == 1


def test_hang_past_the_read_timeout_is_retried(server: CityServer, proxy: FaultyProxy, device: Device,
                                               community: str) -> None:
    device.add_resident(community, "孙桂兰")
    proxy.inject(HANG)

    report = device.sync()

    assert report.finished and len(proxy.requests_to("/sync/push", "POST")) == 2
    assert _server_copies(server, community) == [("孙桂兰", 1)]


def test_timing_out_every_time_is_reported_in_words(proxy: FaultyProxy, device: Device, community: str) -> None:
    device.add_resident(community, "周敏")
    proxy.hang_seconds = 0.7
    proxy.inject(*[HANG] * 4)

    report = device.sync()

    assert report.problem is not None and report.problem.code == "timed_out"
    assert "没有响应" in report.problem.message
    assert device.outbox() == 1


def test_reset_after_the_server_committed_stores_nothing_twice(
        server: CityServer, proxy: FaultyProxy, device: Device, community: str) -> None:
    ids = [device.add_resident(community, name) for name in ("吴敏", "郑洁")]
    device.update(Resident, ids[0], notes="第二次修改")
    proxy.inject(COMMIT_THEN_RESET, RESET)  # the first answer is lost after the commit, then a plain reset

    report = device.sync()

    assert report.finished and report.applied == 3
    # the push carrying the inserts was sent 3 times; the server applied it once
    assert _server_copies(server, community) == [("吴敏", 2), ("郑洁", 1)]
    assert device.outbox() == 0
    assert device.get(Resident, ids[0]).version == 2


def test_unreachable_server_is_reported_in_words(server: CityServer, community: str, tmp_path: Path) -> None:
    proxy = FaultyProxy(server.base_url).start()
    device = new_device(server, community, tmp_path / "gone", url=proxy.base_url)
    proxy.stop()  # the port is closed now: connection refused
    device.add_resident(community, "钱芳")

    report = device.sync(http=HttpSettings(connect_timeout=0.5, retries=1, backoff_factor=0.01))

    assert report.problem is not None and report.problem.code == "network_unreachable"
    assert "连不上城市平台" in report.problem.message
    assert device.outbox() == 1
    device.engine.dispose()
