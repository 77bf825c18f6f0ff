"""`python -m bench [--quick]`: run every benchmark and print ours, baseline, ratio.

Databases are built once into a cache folder (bench/.cache, ignored by git) with the demo
generator, whose speed is itself one of the benchmarks.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.results import BenchResult, format_table

CACHE = Path(__file__).resolve().parent / ".cache"
SMALL, STREET = 3_000, 200_000


def demo_db(residents: int) -> tuple[Path, float]:
    """The cached demo database of that size, and the seconds it took to build (0 if cached)."""
    from db.demo import generate_demo

    path = CACHE / f"demo-{residents}.sqlite"
    if path.exists():
        return path, 0.0
    CACHE.mkdir(exist_ok=True)
    start = time.perf_counter()
    generate_demo(path, residents=residents)
    return path, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller demo benchmark")
    groups = ["startup", "demo", "search", "map", "deadlines", "import", "kpis", "reports", "city_api", "sync"]
    parser.add_argument("--only", choices=groups, help="run one group")
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else 5
    results: list[BenchResult] = []

    if args.only in (None, "demo"):
        from bench.bench_demo import bench_demo_generation

        for residents in ([20_000] if args.quick else [20_000, STREET]):
            ours, baseline = bench_demo_generation(residents)
            results.append(BenchResult(
                f"demo generation ({residents:,} residents)", ours, baseline,
                "sqlite3 executemany of as many resident rows",
                note=f"{residents / ours:,.0f} residents/s",
            ))
            print(format_table(results[-1:]), file=sys.stderr)

    if args.only in (None, "startup"):
        from bench.bench_startup import bench_startup

        small, _ = demo_db(SMALL)
        street, _ = demo_db(STREET)
        small_label, street_label = f"{SMALL:,} residents", f"{STREET:,} residents"
        found, usable = bench_startup({small_label: small, street_label: street}, repeat + 2)
        results += found
        results.append(BenchResult(
            "start at 200k vs at 3k residents", usable[street_label], usable[small_label],
            "our own start at 3k residents (same rounds)", limit=1.2,
        ))

    if args.only in (None, "search"):
        from bench.bench_search import bench_core_search, bench_residents_ui

        street, _ = demo_db(STREET)
        results.append(bench_core_search(street, repeat))
        results += bench_residents_ui(street)
        print(format_table(results[-4:]), file=sys.stderr)

    if args.only in (None, "deadlines"):
        from bench.bench_deadlines import bench_deadlines, bench_request_list
        from db.migrate import open_database

        street, _ = demo_db(STREET)
        open_database(street).engine.dispose()  # a cached file from an older schema is upgraded once
        results += [bench_deadlines(street, repeat), bench_request_list(street, repeat)]
        print(format_table(results[-2:]), file=sys.stderr)

    if args.only in (None, "kpis"):
        from bench.bench_kpis import bench_core_kpis, bench_dashboard_ui

        street, _ = demo_db(STREET)
        results.append(bench_core_kpis(street, repeat))
        results += bench_dashboard_ui(street)
        print(format_table(results[-3:]), file=sys.stderr)

    if args.only in (None, "reports"):
        from bench.bench_reports import bench_monthly_report
        from db.migrate import open_database

        street, _ = demo_db(STREET)
        open_database(street).engine.dispose()
        results.append(bench_monthly_report(street, repeat + 2))  # 7 pairs: one run swings ±30 % here
        print(format_table(results[-1:]), file=sys.stderr)

    if args.only in (None, "import"):
        from bench.bench_import import bench_import

        found = bench_import(20_000 if args.quick else 100_000, min(repeat, 3))
        results += found
        print(format_table(found), file=sys.stderr)

    if args.only in (None, "map"):
        from bench.bench_map import bench_map

        results.append(bench_map(repeat))
        print(format_table(results[-1:]), file=sys.stderr)

    if args.only in (None, "city_api"):
        from bench.bench_city_api import bench_city_api

        results.append(bench_city_api(rounds=5 if args.quick else 10))
        print(format_table(results[-1:]), file=sys.stderr)

    if args.only in (None, "sync"):
        from bench.bench_sync import bench_first_sync, bench_incremental

        demo, _ = demo_db(SMALL if args.quick else STREET)
        found = [bench_incremental(demo, repeat=3), bench_first_sync(demo)]
        results += found
        print(format_table(found), file=sys.stderr)

    print(format_table(results))
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
