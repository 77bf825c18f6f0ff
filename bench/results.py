"""One benchmark result and the table they are printed in."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchResult:
    name: str
    ours: float  # seconds (median)
    baseline: float  # seconds (median), measured in the same run
    baseline_name: str
    limit: float | None = None  # the target ratio ours/baseline must stay under
    note: str = ""
    max_seconds: float | None = None  # an absolute target for ours (in the unit measured)

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline > 0 else float("inf")

    @property
    def ok(self) -> bool | None:
        checks = []
        if self.limit is not None:
            checks.append(self.ratio <= self.limit)
        if self.max_seconds is not None:
            checks.append(self.ours <= self.max_seconds)
        return all(checks) if checks else None


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median times of a and b, run alternately so that machine noise hits both alike; which
    goes first changes every round (a b, b a, …), so neither always runs just after the other."""
    ta: list[float] = []
    tb: list[float] = []
    for round_no in range(repeat):
        pairs = ((a, ta), (b, tb)) if round_no % 2 == 0 else ((b, tb), (a, ta))
        for fn, bucket in pairs:
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return statistics.median(ta), statistics.median(tb)


def format_table(results: list[BenchResult]) -> str:
    header = f"{'benchmark':<44} {'ours':>9} {'baseline':>9} {'ratio':>7} {'target':>8}  verdict  baseline is"
    lines = [header, "-" * len(header)]
    for r in results:
        target = f"≤{r.limit:g}×" if r.limit is not None else f"≤{r.max_seconds:g}" if r.max_seconds else "-"
        verdict = {True: "ok", False: "MISSED", None: "info"}[r.ok]
        lines.append(
            f"{r.name:<44} {r.ours:>8.3f}s {r.baseline:>8.3f}s {r.ratio:>6.2f}× {target:>8}  {verdict:<7}  "
            f"{r.baseline_name}{'  — ' + r.note if r.note else ''}"
        )
    return "\n".join(lines)
