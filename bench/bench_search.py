"""Resident search at street scale (200,000 residents).

1. Core: ids of the first page (50) of results for typical queries — one and two
   characters, pinyin, initials, ID and phone tails, an address — through
   core.resident_query.find_residents, against the query a developer would write by hand
   for the same ids (FTS5 MATCH in a subquery, ORDER BY the pinyin sort key), run
   alternately in the same process. The ids must be equal.
2. UI (bench/residents_ui.py, a process of its own): residents page first paint, p95 from a
   search submitted to its first page painted, and memory with the page open, against a
   bare QTableView painting 100 rows and a bare PySide6 process.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

from sqlalchemy.orm import Session

from bench.results import BenchResult, interleaved_medians
from community_app.core.resident_query import ResidentFilter, _fts_expression, find_residents, parse_terms
from db.engine import make_engine

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("王", "王秀", "秀英", "zs", "zhang", "wxy", "l", "1234", "5678", "02", "湛山二路", "刘")
PAGE = 50
HAND_WRITTEN = """
SELECT r.rowid FROM resident r
WHERE r.deleted_at IS NULL AND r.community_code = ? AND r.status = 'active'
  AND r.rowid IN (SELECT rowid FROM resident_fts WHERE resident_fts MATCH ?)
ORDER BY r.search_sort, r.rowid LIMIT ?
"""
ADDRESS = """
SELECT r.rowid FROM resident r
WHERE r.deleted_at IS NULL AND r.community_code = ? AND r.status = 'active'
  AND (r.rowid IN (SELECT rowid FROM resident_fts WHERE resident_fts MATCH ?)
       OR r.household_id IN (SELECT h.id FROM household h JOIN building b ON b.id = h.building_id
                             WHERE b.deleted_at IS NULL AND b.community_code = ?
                               AND (instr(b.address, ?) > 0 OR instr(b.name, ?) > 0)))
ORDER BY r.search_sort, r.rowid LIMIT ?
"""


def _community(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT community_code FROM resident GROUP BY community_code "
                            "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]


def bench_core_search(path: Path, repeat: int = 5) -> BenchResult:
    community = _community(path)
    engine = make_engine(path)
    raw = sqlite3.connect(path)
    try:
        with Session(engine) as session:
            def ours() -> list[list[int]]:
                return [find_residents(session, ResidentFilter(community_code=community, text=q), limit=PAGE)
                        for q in QUERIES]

            def hand() -> list[list[int]]:
                out = []
                for q in QUERIES:
                    (term,) = parse_terms(q)
                    match = _fts_expression(term)
                    if term.kind == "han" and len(q) > 2:  # a word that may be an address
                        rows = raw.execute(ADDRESS, (community, match, community, q, q, PAGE))
                    else:
                        rows = raw.execute(HAND_WRITTEN, (community, match, PAGE))
                    out.append([r[0] for r in rows])
                return out

            assert ours() == hand(), "the core and the hand-written query disagree"
            t_ours, t_hand = interleaved_medians(ours, hand, repeat)
    finally:
        raw.close()
        engine.dispose()
    return BenchResult(f"search: first page, {len(QUERIES)} queries (200k)", t_ours, t_hand,
                       "hand-written SQLite query, same ids", limit=2.0)


def _run(args: list[str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_residents_ui(path: Path) -> list[BenchResult]:
    bare = _run([str(ROOT / "bench" / "residents_ui.py"), "--bare"])
    ours = _run([str(ROOT / "bench" / "residents_ui.py"), str(path)])
    keystrokes = sorted(ours["keystrokes"])  # type: ignore[arg-type]
    p95 = keystrokes[int(0.95 * (len(keystrokes) - 1))]
    paint = float(bare["paint_only"])  # type: ignore[arg-type]
    return [
        BenchResult("residents page: first paint (200k)", float(ours["first_paint"]),  # type: ignore[arg-type]
                    paint, "bare QTableView painting 100 rows", max_seconds=0.300),
        BenchResult("search: keystroke → first page painted, p95", p95, paint,
                    "bare QTableView painting 100 rows", max_seconds=0.050,
                    note=f"median {statistics.median(keystrokes) * 1000:.0f} ms over {len(keystrokes)} searches"),
        BenchResult("residents page open: memory (MB, not s)", float(ours["rss_mb"]),  # type: ignore[arg-type]
                    float(bare["bare_rss_mb"]), "bare PySide6 process with a table",  # type: ignore[arg-type]
                    max_seconds=350.0, note=f"{ours['rows']:,} rows listed; target ≤ 350 MB"),
    ]
