"""Backups are consistent copies; restoring never overwrites the file in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from db.backup import KEEP_BACKUPS, list_backups, make_backup, quarantine, restore_backup
from db.migrate import create_database


def test_backup_contains_committed_rows_and_restore_keeps_the_current_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    engine = create_database(path)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO division (id, version, created_at, updated_at, code, name, level) "
            "VALUES ('d1', 0, '2026-01-01', '2026-01-01', '370202', '市南区', 'district')"
        ))
    backup = make_backup(engine, path, reason="test")
    engine.dispose()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT name FROM division").fetchall() == [("市南区",)]
    conn.close()

    path.write_bytes(b"garbage")
    kept = restore_backup(backup, path)
    assert kept is not None and kept.read_bytes() == b"garbage"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT code FROM division").fetchall() == [("370202",)]
    conn.close()


def test_old_backups_are_pruned(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    engine = create_database(path)
    made = [make_backup(engine, path, reason=f"n{i}") for i in range(KEEP_BACKUPS + 3)]
    engine.dispose()
    assert list_backups(path) == list(reversed(made))[:KEEP_BACKUPS]


def test_quarantine_moves_wal_files_along(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite"
    path.write_bytes(b"x")
    (tmp_path / "q.sqlite-wal").write_bytes(b"w")
    kept = quarantine(path)
    assert not path.exists() and kept.read_bytes() == b"x"
    assert Path(str(kept) + "-wal").read_bytes() == b"w"


def test_daily_backup_is_made_once_a_day(tmp_path: Path) -> None:
    import os
    import time

    from db.backup import backup_if_due

    path = tmp_path / "daily.sqlite"
    engine = create_database(path)
    first = backup_if_due(engine, path)
    assert first is not None and first.exists()
    assert backup_if_due(engine, path) is None  # already one today
    old = time.time() - 2 * 86400
    os.utime(first, (old, old))
    assert backup_if_due(engine, path) is not None
    engine.dispose()
