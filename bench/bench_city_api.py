"""City API on PostgreSQL: 50 devices syncing concurrently (issue 5, third figure).

The real server (`city-api serve --workers 2` on 127.0.0.1, uvicorn) on PostgreSQL; 50 enrolled
office devices in 10 communities (5 each, so they pull each other's changes). Every device runs
the same sync round at a fixed interval (a compressed background-sync timer, with jitter): push a
batch of 10 mutations (8 new notices, 2 edits of its own earlier ones) and pull the changes feed
from its cursor until `more` is false. The client runs in 5 processes x 10 threads so that one
Python process's GIL does not become the latency being measured.
Target: p95 per request ≤ 200 ms with 0 errors. Baseline in the same run: the same 50 devices,
same pacing, each round making as many requests of the cheapest authenticated call there is,
GET /sync/whoami — what the machine, HTTP and auth cost under this concurrency before any sync
work. Ratio = p95 ours / p95 baseline.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from bench.results import BenchResult

COMMUNITIES = 10
DEVICES_PER_COMMUNITY = 5
PROCESSES = 5
MUTATIONS = 10


@dataclass(frozen=True)
class Device:
    token: str
    community: str
    index: int


def _notice(community: str, n: int) -> dict[str, Any]:
    return {"community_code": community, "title": f"通知 {n}", "body": "明天 9:00-12:00 停水，请提前储水。",
            "audience": "all", "published_at": "2026-11-27T01:00:00+00:00", "expires_at": None,
            "author_id": None, "deleted_at": None}


def _device_loop(base: str, device: Device, rounds: int, interval: float, start_at: float,
                 mode: str) -> tuple[list[float], list[str]]:
    rng = random.Random(device.index)
    http = requests.Session()
    headers = {"Authorization": f"Bearer {device.token}"}
    latencies: list[float] = []
    errors: list[str] = []
    cursor = 0
    mine: list[tuple[str, int]] = []

    def call(method: str, path: str, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            r = http.request(method, base + path, headers=headers, timeout=30, **kw)
        except requests.RequestException as exc:
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
            return None
        latencies.append(time.perf_counter() - t)
        if r.status_code != 200:
            errors.append(f"{r.status_code} {r.text[:100]}")
            return None
        return r.json()

    for n in range(rounds):
        delay = start_at + n * interval + rng.uniform(0, interval * 0.8) - time.time()
        if delay > 0:
            time.sleep(delay)
        if mode == "baseline":
            for _ in range(2):
                call("GET", "/sync/whoami")
            continue
        muts = [{"mutation_id": str(uuid.uuid4()), "table": "notice", "id": str(uuid.uuid4()), "op": "insert",
                 "base_version": 0, "changes": _notice(device.community, n)} for _ in range(MUTATIONS - 2)]
        for rid, version in mine[:2]:
            muts.append({"mutation_id": str(uuid.uuid4()), "table": "notice", "id": rid, "op": "update",
                         "base_version": version, "changes": {"title": f"更新 {n}"}})
        mine = mine[2:]
        pushed = call("POST", "/sync/push", json={"mutations": muts})
        if pushed:
            for m, res in zip(muts, pushed["results"], strict=True):
                if res["status"] in ("applied", "merged"):
                    mine.append((m["id"], res["version"]))
                else:
                    errors.append(f"push {res['status']}")
        while True:
            page = call("GET", "/sync/changes", params={"since": cursor, "limit": 1000})
            if page is None:
                break
            cursor = page["next"]
            if not page["more"]:
                break
    http.close()
    return latencies, errors


def _process(base: str, devices: list[Device], rounds: int, interval: float, start_at: float,
             mode: str) -> tuple[list[float], list[str]]:
    with ThreadPoolExecutor(len(devices)) as pool:
        futures = [pool.submit(_device_loop, base, d, rounds, interval, start_at, mode) for d in devices]
        latencies: list[float] = []
        errors: list[str] = []
        for f in futures:
            lat, err = f.result()
            latencies += lat
            errors += err
    return latencies, errors


def _run(base: str, devices: list[Device], rounds: int, interval: float, mode: str) -> tuple[list[float], list[str],
                                                                                              float]:
    start_at = time.time() + 1.0  # every process starts its devices at the same moment
    chunks = [devices[i::PROCESSES] for i in range(PROCESSES)]
    wall = time.perf_counter()
    with ProcessPoolExecutor(PROCESSES) as pool:
        results = list(pool.map(_process, [base] * PROCESSES, chunks, [rounds] * PROCESSES,
                                [interval] * PROCESSES, [start_at] * PROCESSES, [mode] * PROCESSES))
    wall = time.perf_counter() - wall - 1.0
    latencies = [x for lat, _ in results for x in lat]
    errors = [x for _, err in results for x in err]
    return latencies, errors, wall


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and its direct children (uvicorn's workers), from /proc."""
    import os
    import subprocess

    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    total = 0.0
    for p in [pid, *map(int, children)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values, default=0.0)


def bench_city_api(rounds: int = 10, interval: float = 1.0, workers: int = 2) -> BenchResult:
    from tests.city_server import new_pg_schema, start_server

    pg = new_pg_schema()
    server = start_server(pg.url, workers=workers)
    try:
        devices = []
        for c in range(COMMUNITIES):
            community = f"3702020100{c:02d}"
            server.add_community(community, f"社区{c}")
            for _ in range(DEVICES_PER_COMMUNITY):
                devices.append(Device(server.enroll(community, "office").token, community, len(devices)))
        base_lat, base_err, _ = _run(server.base_url, devices, rounds, interval, "baseline")
        cpu_before = _cpu_seconds(server.process.pid)
        ours_lat, ours_err, wall = _run(server.base_url, devices, rounds, interval, "sync")
        server_cpu_ms = (_cpu_seconds(server.process.pid) - cpu_before) / max(len(ours_lat), 1) * 1000
        alone_lat, alone_err = _device_loop(server.base_url, devices[0], rounds, 0.2, time.time(), "sync")
        server_log = server.log()
    finally:
        server.stop()
        pg.drop()
    ours, baseline = p95(ours_lat), p95(base_lat)
    errors = len(ours_err) + len(base_err) + len(alone_err)
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    note = (f"{len(devices)} devices, {len(ours_lat)} requests in {wall:.1f} s, p50 "
            f"{statistics.median(ours_lat) * 1000:.0f} ms, max {max(ours_lat) * 1000:.0f} ms, {errors} errors, "
            f"baseline p50 {statistics.median(base_lat) * 1000:.0f} ms, one device alone p95 "
            f"{p95(alone_lat) * 1000:.0f} ms, server CPU {server_cpu_ms:.1f} ms/request, "
            f"load {load}")
    if errors:
        note += f" (first: {(ours_err + base_err + alone_err)[0]})"
        print(f"city API bench errors: {(ours_err + base_err + alone_err)[:5]}\nserver log tail:\n{server_log[-3000:]}",
              file=sys.stderr)
    return BenchResult("city API p95 / request, 50 devices (PostgreSQL)", ours if not errors else float("inf"),
                       baseline, "p95 GET /sync/whoami, same devices and pacing", max_seconds=0.2, note=note)


if __name__ == "__main__":
    from bench.results import format_table

    print(format_table([bench_city_api()]))
