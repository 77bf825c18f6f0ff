"""Demo generation against the bare cost of storing that many residents.

Ours: generate_demo() of a whole demo (residents, households, requests with their
timelines, visits, patrols …) into a new file. Baseline, measured in the same run: a plain
sqlite3 executemany of as many resident-shaped rows (the resident table's own columns,
prepared in advance) into the same schema, committed. The ratio says what the whole
community costs compared to only writing its register.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from db.demo import generate_demo
from db.migrate import create_database
from db.models import Resident


def _resident_rows(count: int) -> tuple[str, list[tuple[object, ...]]]:
    columns = [c.name for c in Resident.__table__.columns]
    values = {
        "version": 0, "created_at": "2026-01-01 00:00:00.000000", "updated_at": "2026-01-01 00:00:00.000000",
        "deleted_at": None, "name": "王秀英", "sex": "F", "id_type": "resident_id", "birth_date": "1950-01-01",
        "phone": "13912345678", "ethnicity": "汉族", "residence_type": "registered", "household_id": None,
        "relation_to_head": "户主", "status": "active", "grid_cell_id": None, "community_code": "370202010004",
        "notes": None, "search_names": "王 秀 英 wangxiuying xiuying ying wxy xy y",
        "search_numbers": "370202195001000000 000000100591202073 13912345678 87654321931",
        "search_sort": "wang xiu ying\t王秀英",
    }
    rows = []
    for i in range(count):
        values["id"] = f"00000000-0000-7000-8000-{i:012x}"
        values["id_number"] = f"370202195001{i % 1_000_000:06d}"
        rows.append(tuple(values[c] for c in columns))
    sql = f"INSERT INTO resident ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    return sql, rows


def bench_demo_generation(residents: int) -> tuple[float, float]:
    """(ours_seconds, baseline_seconds) for a demo of `residents` residents."""
    with tempfile.TemporaryDirectory() as tmp:
        ours_path, base_path = Path(tmp) / "demo.sqlite", Path(tmp) / "baseline.sqlite"
        start = time.perf_counter()
        generate_demo(ours_path, residents=residents)
        ours = time.perf_counter() - start

        create_database(base_path).dispose()
        sql, rows = _resident_rows(residents)
        conn = sqlite3.connect(base_path)
        try:
            start = time.perf_counter()
            conn.executemany(sql, rows)
            conn.commit()
            baseline = time.perf_counter() - start
        finally:
            conn.close()
    return ours, baseline


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    o, b = bench_demo_generation(n)
    print(f"{n} residents: ours {o:.2f} s, baseline {b:.2f} s, ratio {o / b:.1f}")
