"""Opening, upgrading and refusing database files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from db.backup import list_backups
from db.hand_made import include_name
from db.migrate import (
    HEAD_REVISION,
    CorruptDatabaseError,
    DatabaseTooNewError,
    alembic_config,
    create_database,
    open_database,
    verify_integrity,
)
from db.models import Base


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_at_head_and_matches_models(tmp_path: Path) -> None:
    result = open_database(tmp_path / "new.sqlite")
    assert result.created
    with result.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": include_name})
        assert ctx.get_current_revision() == HEAD_REVISION
        # the migrations build exactly the schema the models describe (like `alembic check`)
        assert compare_metadata(ctx, Base.metadata) == []
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    result.engine.dispose()


def test_head_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_reopening_changes_nothing_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    open_database(path).engine.dispose()
    again = open_database(path)
    assert not again.created and again.upgraded_from is None and again.backup_path is None
    again.engine.dispose()
    assert list_backups(path) == []


def old_database(path: Path) -> Engine:
    """A database from before the first migration: the next open must upgrade it."""
    engine = create_database(path)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    return engine


def test_older_database_is_copied_before_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old_database(path).dispose()

    result = open_database(path)
    assert result.upgraded_from == ""
    assert result.backup_path is not None and result.backup_path.exists()
    assert list_backups(path) == [result.backup_path]
    # the copy is the database as it was: no schema tables yet
    with sqlite3.connect(result.backup_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "resident" not in tables
    with result.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == HEAD_REVISION
    result.engine.dispose()


def test_database_from_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    create_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.close()
    before = digest(path)

    with pytest.raises(DatabaseTooNewError) as err:
        open_database(path)
    assert err.value.revision == "ffff_from_the_future"
    assert digest(path) == before
    assert list_backups(path) == []


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04 this is an Excel file, not a database" * 20,
        b"",
        b"SQLite format 3\x00" + b"\xff" * 4000,  # right header, garbage pages
    ],
    ids=["other-file", "empty", "damaged-pages"],
)
def test_non_database_is_refused_and_kept(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError):
        open_database(path)
    assert path.read_bytes() == content


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.close()
    before = digest(path)
    with pytest.raises(CorruptDatabaseError, match="not one of this program"):
        open_database(path)
    assert digest(path) == before


def test_damaged_database_detected_by_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    engine = create_database(path)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO division (id, version, created_at, updated_at, code, name, level) "
            "VALUES ('x', 0, '2026-01-01', '2026-01-01', '370202', '市南区', 'district')"
        )
    engine.dispose()
    data = bytearray(path.read_bytes())
    page = 4096
    # overwrite the middle of every page after the first with noise, keeping the header
    for start in range(page, len(data), page):
        data[start + 8 : start + 400] = b"\x5a" * 392
    path.write_bytes(bytes(data))
    # start-up reads only the schema page; the full check (run in the background) finds it
    with pytest.raises(CorruptDatabaseError):
        verify_integrity(path)


def test_damaged_old_database_is_not_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "damaged-old.sqlite"
    engine = old_database(path)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE filler (x TEXT)")
        conn.exec_driver_sql("INSERT INTO filler SELECT hex(randomblob(500)) FROM "
                             "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 200) "
                             "SELECT i FROM n)")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\x0d\xff" * (page_size // 2)  # the table's root page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(CorruptDatabaseError):
        open_database(path)
    assert digest(path) == before
    assert list_backups(path) == []


def test_opening_gives_the_planner_statistics_once(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite"
    create_database(path).dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is None
    conn.close()
    result = open_database(path)
    with result.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    from db.engine import ensure_statistics

    assert ensure_statistics(result.engine) is False  # already there: not run again
    result.engine.dispose()
