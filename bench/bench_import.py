"""Importing a 100,000-row .xlsx against openpyxl merely reading the same file.

Ours: run_import() as the wizard's last step runs it — read and check every row, write
residents, tags, household heads and outbox entries in one transaction, commit — into a
fresh copy of a 20,000-resident demo database. The wizard's first step, analyse() (find
the header, suggest the mapping), runs once when the file is chosen; it is timed and
printed on its own.
Baseline, measured in the same run: openpyxl's read-only mode iterating every row of the
same file (values_only), nothing else.

The workbook is written the way Excel writes one — strings in the shared-string table,
a <dimension>, the ID number column formatted as text, birth dates as date-formatted
serial numbers — because openpyxl's own writer uses inline strings, which openpyxl reads
several times slower than shared strings (a baseline that slow would flatter us). Rows
are valid new residents of households that exist in the demo: the import writes all of
them.
"""

from __future__ import annotations

import random
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from bench.results import BenchResult, format_table, interleaved_medians

ROWS = 100_000
DEMO_RESIDENTS = 20_000
COMMUNITY = "370202010004"
HEADER = ("序号", "姓名", "性别", "身份证号", "联系电话", "民族", "楼栋", "单元", "房号", "与户主关系", "人员类别",
          "特殊人群", "出生日期", "备注")

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/></Types>'),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Target="xl/workbook.xml" '
        f'Type="{_REL}/officeDocument"/></Relationships>'),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets><sheet name="居民信息" sheetId="1" r:id="rId1"/>'
        '</sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    # style 1: a date (yyyy/m/d); style 2: text (@), as Excel marks a column set to 文本
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_NS}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}
_EXCEL_EPOCH = date(1899, 12, 30)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_excel_like(path: Path, rows: list[tuple[object, ...]], text_columns: frozenset[int] = frozenset()) -> None:
    """An .xlsx as Excel writes one: shared strings, a dimension, dates as styled serials."""
    strings: dict[str, int] = {}
    letters = [_column_letter(i) for i in range(max(len(r) for r in rows))]
    parts: list[str] = []
    for number, row in enumerate(rows, 1):
        cells = []
        for i, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{letters[i]}{number}"
            if isinstance(value, date):
                cells.append(f'<c r="{ref}" s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                style = ' s="2"' if i in text_columns else ""
                cells.append(f'<c r="{ref}"{style} t="s"><v>{strings.setdefault(str(value), len(strings))}</v></c>')
        parts.append(f'<row r="{number}">{"".join(cells)}</row>')
    sheet = (f'<worksheet xmlns="{_NS}"><dimension ref="A1:{letters[-1]}{len(rows)}"/><sheetData>'
             + "".join(parts) + "</sheetData></worksheet>")
    shared = (f'<sst xmlns="{_NS}" count="{len(strings)}" uniqueCount="{len(strings)}">'
              + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in _PARTS.items():
            z.writestr(name, head + xml)
        z.writestr("xl/sharedStrings.xml", head + shared)
        z.writestr("xl/worksheets/sheet1.xml", head + sheet)


def register_rows(db_path: Path, count: int, seed: int = 20201) -> list[tuple[object, ...]]:
    """`count` valid new residents spread over the demo community's existing households."""
    from db.demo.idnumbers import make_id_number

    conn = sqlite3.connect(db_path)
    try:
        homes = conn.execute(
            "SELECT b.road || b.house_number || '号', u.number, h.room FROM household h "
            "JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id "
            "WHERE b.community_code = ? AND h.deleted_at IS NULL ORDER BY h.id", (COMMUNITY,)).fetchall()
        taken = {n for (n,) in conn.execute("SELECT id_number FROM resident WHERE id_number IS NOT NULL")}
        tags = [n for (n,) in conn.execute("SELECT name FROM special_group_tag ORDER BY code")]
    finally:
        conn.close()
    rng = random.Random(seed)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    relations = ("户主", "配偶", "子女", "子女", "父母", "孙子女", "其他")
    out: list[tuple[object, ...]] = [HEADER]
    while len(out) <= count:
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 70))
        sex = rng.choice("MF")
        sequence = rng.randrange(500) * 2 + (1 if sex == "M" else 0)
        number = make_id_number("370211", birth, sequence)
        if number in taken:
            continue
        taken.add(number)
        road, unit, room = homes[rng.randrange(len(homes))]
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2)))
        phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
        out.append((len(out), name, "男" if sex == "M" else "女", number, phone, "汉族", road, unit or "", room,
                    rng.choice(relations), rng.choice(("户籍", "户籍", "流动")),
                    rng.choice(tags) if rng.random() < 0.2 else "", birth, ""))
    return out


def _cpu() -> float:
    """CPU seconds of this process (every thread) and of its finished child processes."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def bench_import(rows: int = ROWS, repeat: int = 3, *, single_process: bool = False) -> list[BenchResult]:
    """The import against openpyxl's plain read of the same workbook (medians of interleaved
    runs). With single_process, also the import with the rows read and checked in this
    process (no child process), for comparison."""
    import warnings

    from openpyxl import load_workbook

    from community_app.core import roles
    from community_app.core.auth import CurrentUser
    from community_app.core.importing import VALID_ONLY, analyse, run_import, stream
    from db.demo import generate_demo
    from db.engine import make_engine, make_session_factory

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        master = folder / "demo.sqlite"
        generate_demo(master, residents=DEMO_RESIDENTS)
        workbook = folder / "register.xlsx"
        write_excel_like(workbook, register_rows(master, rows), text_columns=frozenset({3, 4}))
        user = CurrentUser("bench", "bench", "测试", roles.SUPERVISOR, "社区负责人",
                           frozenset(roles.DEFAULT_ROLES[roles.SUPERVISOR][1]), COMMUNITY)
        start = time.perf_counter()
        layout = analyse(workbook).layout  # the wizard's first step, timed on its own
        analysis_seconds = time.perf_counter() - start
        runs = 0

        cpu: dict[str, list[float]] = {"ours": [], "baseline": []}

        def baseline() -> None:
            start_cpu = _cpu()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wb = load_workbook(workbook, read_only=True)
            for _row in wb.active.iter_rows(values_only=True):  # type: ignore[union-attr]
                pass
            wb.close()
            cpu["baseline"].append(_cpu() - start_cpu)

        def ours() -> None:
            nonlocal runs
            runs += 1
            db = folder / f"run{runs}.sqlite"
            engine = make_engine(db)
            start_cpu = _cpu()
            try:
                with make_session_factory(engine)() as session:
                    report = run_import(session, user, workbook, layout, mode=VALID_ONLY)
                if report.created != rows:
                    raise AssertionError(f"imported {report.created} of {rows}: {report.problems[:3]}")
            finally:
                cpu["ours"].append(_cpu() - start_cpu)
                engine.dispose()
                db.unlink()

        def measured(name: str, limit: float | None, note: str) -> BenchResult:
            for i in range(runs + 1, runs + repeat + 1):  # copied before timing: no part of an import
                shutil.copy(master, folder / f"run{i}.sqlite")
            cpu["ours"].clear()
            cpu["baseline"].clear()
            ours_s, baseline_s = interleaved_medians(ours, baseline, repeat)
            # the import uses two processes (and a writing thread): on a machine whose cores are busy
            # with other work its wall time tends to its CPU time; openpyxl uses one core either way
            used = (f"CPU {statistics.median(cpu['ours']):.1f} s (both processes) vs "
                    f"{statistics.median(cpu['baseline']):.1f} s")
            return BenchResult(name, ours_s, baseline_s, "openpyxl read-only reading the same file", limit=limit,
                               note=f"{rows / ours_s:,.0f} rows/s; {used}; {note}")

        results = [measured(f"import {rows:,}-row .xlsx", 1.6,
                            f"header analysis before it {analysis_seconds:.2f} s")]
        if single_process:
            minimum = stream.MIN_BYTES
            stream.MIN_BYTES = 1 << 62  # every file checked in this process
            try:
                results.append(measured(f"import {rows:,} rows, one process", None, "rows checked here, no child"))
            finally:
                stream.MIN_BYTES = minimum
        return results


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m bench.bench_import", description=__doc__)
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--single-process", action="store_true", help="also time the import without a child process")
    args = parser.parse_args()
    found = bench_import(args.rows, args.repeat, single_process=args.single_process)
    print(format_table(found))
    sys.exit(0 if all(r.ok is not False for r in found) else 1)
