"""A large import drops the secondary indexes of resident, resident_tag and sync_outbox and
builds them again at the end, in the same transaction: afterwards the schema and the query
planner's statistics are exactly as before, the indexes agree with the tables, and a cancel
or a crash leaves everything as it was."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from community_app.core.auth import CurrentUser
from community_app.core.importing import VALID_ONLY, analyse, run, run_import, writer
from community_app.core.importing.reading import open_table
from tests.core.importing.conftest import (
    REFUSED_NAME,
    Places,
    db_file,
    dump,
    id_number,
    refuse_resident_named,
    write_xlsx,
)

TODAY = date(2026, 11, 24)
_INDEXES = ("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name IN ('resident', 'resident_tag', 'sync_outbox') ORDER BY name")


def _rows(count: int, first_name: str = "居民", first: int = 0) -> list[list[object]]:
    rows: list[list[object]] = [["姓名", "性别", "身份证号", "楼栋", "单元", "房号", "标签"]]
    for i in range(first, first + count):
        rows.append([f"{first_name}{i}", "男", id_number(date(1980, 1, 1 + i % 28), 2 * i + 1),
                     "湛山三路2号", "1", "101", "低保" if i % 3 == 0 else ""])
    return rows


def _analysed(session: Session) -> None:
    """Statistics for the planner, as every real database has (db.connection.ensure_statistics_on)."""
    with session.get_bind().connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def _statements(session: Session) -> list[str]:
    """The SQL the import's connection runs (sqlite3's own trace hook, nothing replaced)."""
    seen: list[str] = []
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    raw.set_trace_callback(seen.append)
    return seen


def _import(session: Session, user: CurrentUser, path: Path, **kwargs: Any) -> Any:
    return run_import(session, user, path, analyse(path).layout, mode=VALID_ONLY, today=TODAY, **kwargs)


def test_a_large_import_rebuilds_the_indexes_as_they_were(community: Session, places: Places,
                                                         supervisor: CurrentUser, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "REBUILD_MIN_ROWS", 10)
    monkeypatch.setattr(run, "WRITE_BATCH", 7)  # several batches are written before the indexes are back
    _analysed(community)
    file = db_file(community)
    conn = sqlite3.connect(file)
    indexes_before = conn.execute(_INDEXES).fetchall()
    stats_before = sorted(conn.execute("SELECT * FROM sqlite_stat1").fetchall())
    conn.close()
    assert any(name == "ix_resident_id_number" for name, _sql in indexes_before)

    statements = _statements(community)
    report = _import(community, supervisor, write_xlsx(tmp_path / "big.xlsx", _rows(40)))
    assert report.committed and report.created == 40, report.problems
    assert any(s.startswith('DROP INDEX "ix_resident_id_number"') for s in statements)  # the bulk path was taken
    # built again while the file was still being read (at 80% of the 40 rows its <dimension> announces)
    built = next(i for i, s in enumerate(statements) if s.startswith("CREATE INDEX"))
    inserted = [i for i, s in enumerate(statements) if s.startswith("INSERT INTO resident (")]
    assert inserted[0] < built < inserted[-1]

    conn = sqlite3.connect(file)
    try:
        assert conn.execute(_INDEXES).fetchall() == indexes_before
        assert sorted(conn.execute("SELECT * FROM sqlite_stat1").fetchall()) == stats_before
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]  # every index holds every row
        number = id_number(date(1980, 1, 1 + 17 % 28), 2 * 17 + 1)
        plan = " ".join(str(r[-1]) for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT name FROM resident WHERE id_number = ?", (number,)))
        assert "ix_resident_id_number" in plan
        assert conn.execute("SELECT name FROM resident WHERE id_number = ?", (number,)).fetchall() == [("居民17",)]
        tagged = conn.execute("SELECT count(*) FROM resident_tag WHERE tag_code = 'dibao' AND resident_id IN "
                              "(SELECT id FROM resident WHERE name LIKE '居民%')").fetchone()[0]
        assert tagged == 14
    finally:
        conn.close()


def test_a_small_import_into_a_large_register_keeps_its_indexes(community: Session, places: Places,
                                                                supervisor: CurrentUser, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "REBUILD_MIN_ROWS", 10)
    _import(community, supervisor, write_xlsx(tmp_path / "first.xlsx", _rows(60, "先")))
    statements = _statements(community)
    report = _import(community, supervisor, write_xlsx(tmp_path / "few.xlsx", _rows(12, "后")[:1] + [
        [f"后{i}", "女", id_number(date(1990, 2, 1 + i), 2 * i + 200), "湛山三路2号", "1", "102", ""]
        for i in range(12)]))
    assert report.created == 12
    assert not [s for s in statements if s.startswith("DROP INDEX")]  # 12 new rows among 60-odd: not worth it


def _cancelled_import(community: Session, supervisor: CurrentUser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      *, cancel_at_check: int) -> list[str]:
    """Import 40 rows in bulk mode (cancel checked every 5 rows), cancelled at the given check;
    asserts the database is as before (schema, statistics and rows) and returns the SQL run."""
    monkeypatch.setattr(writer, "REBUILD_MIN_ROWS", 10)
    monkeypatch.setattr(run, "CANCEL_EVERY", 5)
    monkeypatch.setattr(run, "WRITE_BATCH", 3)
    _analysed(community)
    path = write_xlsx(tmp_path / "many.xlsx", _rows(40))
    before = dump(db_file(community))
    statements = _statements(community)
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= cancel_at_check

    report = _import(community, supervisor, path, cancelled=cancelled)
    assert report.cancelled and not report.committed
    assert dump(db_file(community)) == before
    return statements


def test_cancel_during_a_bulk_import_leaves_the_indexes_as_before(community: Session, places: Places,
                                                                 supervisor: CurrentUser, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # after 20 rows, some of them written with the indexes dropped
    statements = _cancelled_import(community, supervisor, tmp_path, monkeypatch, cancel_at_check=4)
    assert any(s.startswith("DROP INDEX") for s in statements)


def test_a_crash_during_a_bulk_import_leaves_the_indexes_as_before(community: Session, places: Places,
                                                                  supervisor: CurrentUser, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "REBUILD_MIN_ROWS", 10)
    monkeypatch.setattr(run, "WRITE_BATCH", 4)
    _analysed(community)
    rows = _rows(30)
    rows[25][0] = REFUSED_NAME  # the database refuses this one, after twenty-odd rows are written
    path = write_xlsx(tmp_path / "crash.xlsx", rows)
    refuse_resident_named(community)
    before = dump(db_file(community))
    statements = _statements(community)
    with pytest.raises(Exception, match="disk on fire"):
        _import(community, supervisor, path)
    assert any(s.startswith("DROP INDEX") for s in statements)
    assert dump(db_file(community)) == before


def _claiming(path: Path, rows: int) -> Path:
    """The workbook with a <dimension> that claims `rows` rows (some programs write such)."""
    import re
    import zipfile

    copy = path.with_name("claims-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, found = re.subn(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:G{rows}"'.encode(), data)
                assert found == 1
            out.writestr(item, data)
    return copy


def test_a_dimension_claiming_many_rows_does_not_trigger_a_rebuild(community: Session, places: Places,
                                                                  supervisor: CurrentUser, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "REBUILD_MIN_ROWS", 10)
    _import(community, supervisor, write_xlsx(tmp_path / "first.xlsx", _rows(60, "先")))
    path = _claiming(write_xlsx(tmp_path / "few.xlsx", _rows(12, "后", first=100)), 1_000_000)
    with open_table(path) as table:
        assert table.estimated_rows() == 1_000_000
    statements = _statements(community)
    report = _import(community, supervisor, path)
    assert report.created == 12 and report.committed
    assert not [s for s in statements if s.startswith("DROP INDEX")]  # the 12 rows counted, not the claim


def test_cancel_after_the_indexes_are_built_again_leaves_the_database_as_before(
        community: Session, places: Places, supervisor: CurrentUser, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # after 40 rows: the indexes were built again at 33
    statements = _cancelled_import(community, supervisor, tmp_path, monkeypatch, cancel_at_check=8)
    assert any(s.startswith("CREATE INDEX") for s in statements)
