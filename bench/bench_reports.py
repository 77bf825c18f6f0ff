"""The 月度网格工作报告 at street scale (200,000 residents, 100,000 requests).

Ours: reports.monthly.build_monthly_report for the whole street and last month — the
figures fetched (core.kpis for the month and the one before, the overdue lists) and the PDF
laid out (30+ pages: indicators, three charts, per-grid and per-worker tables, overdue
requests, signatures). Baseline, run alternately in the same process: reportlab laying out
the very same flowables from figures computed beforehand (render_monthly_report on the
fetched figures). Targets: ours ≤ 3 s and ≤ 1.5× the baseline.

    python -m bench.bench_reports [DB]      # DB defaults to the cached street demo
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy.orm import Session

from bench.results import BenchResult, interleaved_medians
from community_app.core.dashboard import Scope
from community_app.core.kpi_period import local_date, preset
from community_app.reports.fonts import register_fonts
from community_app.reports.monthly import build_monthly_report, render_monthly_report
from community_app.reports.monthly_data import monthly_figures
from db.engine import make_engine
from db.models import utcnow

MIN_PAGES = 30


def bench_monthly_report(path: Path, repeat: int = 5) -> BenchResult:
    now = utcnow()
    period = preset("last_month", local_date(now))
    scope = Scope(None, None)  # the whole street
    register_fonts()  # once per process, as in the app: not part of either side
    engine = make_engine(path)
    try:
        with Session(engine) as session:
            start = time.perf_counter()
            figures = monthly_figures(session, scope, period, now=now)
            fetch = time.perf_counter() - start
            first = build_monthly_report(session, scope, period, generated_by="陈静", now=now)
            assert first.pages >= MIN_PAGES, f"the street report has {first.pages} pages, expected ≥ {MIN_PAGES}"

            def ours() -> object:
                return build_monthly_report(session, scope, period, generated_by="陈静", now=now)

            def baseline() -> object:
                return render_monthly_report(figures, generated_by="陈静")

            t_ours, t_base = interleaved_medians(ours, baseline, repeat)
    finally:
        engine.dispose()
    return BenchResult(
        "monthly report PDF, street (200k)", t_ours, t_base,
        "reportlab layout of the same flowables, figures precomputed", limit=1.5, max_seconds=3.0,
        note=(f"figures alone {fetch:.2f}s; {first.pages} pages, {len(first.pdf) / 1e6:.1f} MB, "
              f"{figures.current.total.received:,} received, "
              f"{len(figures.overdue_open) + len(figures.closed_late):,} overdue"),
    )


def main(argv: list[str]) -> int:
    from bench.__main__ import STREET, demo_db
    from bench.results import format_table
    from db.migrate import open_database

    path = Path(argv[0]) if argv else demo_db(STREET)[0]
    open_database(path).engine.dispose()  # a cached file from an older schema is upgraded once
    results = [bench_monthly_report(path, 3)]
    print(format_table(results))
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
