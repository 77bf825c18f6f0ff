"""The supervisor's indicators at street scale (200,000 residents, 100,000 requests).

1. Core: core.kpis.compute_kpis for this month — totals, per grid cell, per worker, the
   weekly trend and the categories of the supervisor's community — against the same numbers
   from hand-written SQL (bench/kpis_sql.py), run alternately in one process. The results
   must be equal. Target: ratio ≤ 2.
2. UI (bench/kpis_ui.py, processes of their own): the 工作台 built and painted with the
   indicators (counted beforehand) — target ≤ 300 ms — against a bare widget with as many
   labels, the same three charts and a table of as many rows. Also, for information, the
   whole way from an empty page to the numbers painted, counting included.

    python -m bench.bench_kpis [DB]      # DB defaults to the cached street demo
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import asdict, fields
from pathlib import Path

from sqlalchemy.orm import Session

from bench.kpis_sql import hand_written
from bench.results import BenchResult, interleaved_medians
from community_app.core.dashboard import Scope
from community_app.core.kpi_period import this_month
from community_app.core.kpis import Indicators, KpiReport, compute_kpis
from db.engine import make_engine
from db.models import utcnow

ROOT = Path(__file__).resolve().parent.parent
SUPERVISOR = "chenjing"


def supervisor_community(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT community_code FROM staff_user WHERE username = ?", (SUPERVISOR,)).fetchone()[0]


def _canonical(rows: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    names = [f.name for f in fields(Indicators)]
    out = {}
    for key, values in rows.items():
        full = {n: int(values.get(n, 0)) for n in names}
        if any(full.values()):
            out[key] = full
    return out


def as_plain(report: KpiReport) -> dict[str, object]:
    return {
        "total": _canonical({"": asdict(report.total)})[""],
        "by_grid": _canonical({r.key: asdict(r.indicators) for r in report.by_grid}),
        "by_worker": _canonical({r.key: asdict(r.indicators) for r in report.by_worker}),
        "weekly": [(w.received, w.closed) for w in report.weekly],
        "categories": [(c.code, c.received) for c in report.categories],
    }


def bench_core_kpis(path: Path, repeat: int = 5) -> BenchResult:
    community = supervisor_community(path)
    scope = Scope(community, None)
    now = utcnow()
    period = this_month(now)
    mondays = period.trend_weeks(now)
    engine = make_engine(path)
    raw = sqlite3.connect(path)
    try:
        with Session(engine) as session:
            def ours() -> KpiReport:
                return compute_kpis(session, scope, period, now=now)

            def hand() -> dict[str, object]:
                return hand_written(raw, community, period.start, period.end, now, mondays)

            mine, theirs = as_plain(ours()), hand()
            theirs = {**theirs, "total": _canonical({"": theirs["total"]})[""],  # type: ignore[dict-item]
                      "by_grid": _canonical(theirs["by_grid"]),  # type: ignore[arg-type]
                      "by_worker": _canonical(theirs["by_worker"])}  # type: ignore[arg-type]
            assert mine == theirs, "the core and the hand-written SQL disagree"
            t_ours, t_hand = interleaved_medians(ours, hand, repeat)
    finally:
        raw.close()
        engine.dispose()
    total = mine["total"]
    return BenchResult("indicators: month, per grid + worker (200k)", t_ours, t_hand,
                       "hand-written SQL aggregates, same numbers", limit=2.0,
                       note=f"{total['received']:,} received, {len(mine['by_grid'])} grids")  # type: ignore[index]


def _run(args: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_dashboard_ui(path: Path) -> list[BenchResult]:
    script = str(ROOT / "bench" / "kpis_ui.py")
    bare = _run([script, "--bare", str(path)])
    ours = _run([script, str(path)])
    return [
        BenchResult("工作台 shown with indicators (200k)", ours["shown"], bare["shown"],
                    "bare widget: as many labels, same charts, table", max_seconds=0.300,
                    note=f"median of {int(ours['runs'])} builds"),
        BenchResult("工作台: empty → indicators painted (200k)", ours["end_to_end"], ours["shown"],
                    "the page shown with numbers ready", note="counting on threads included; info"),
    ]


def main(argv: list[str]) -> int:
    from bench.__main__ import STREET, demo_db
    from bench.results import format_table

    path = Path(argv[0]) if argv else demo_db(STREET)[0]
    results = [bench_core_kpis(path), *bench_dashboard_ui(path)]
    print(format_table(results))
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
