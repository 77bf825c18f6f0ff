"""The start's plain-sqlite3 path: open_current, Database (lazy ORM) and the stored form of instants."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.connection import dbapi, parse_sql_time, sql_time
from db.database import Database, plain_or_session
from db.migrate import CorruptDatabaseError, DatabaseTooNewError, create_database, open_current
from db.models import AuditEntry
from tests.db.test_migrate import digest, old_database


def current_file(path: Path) -> Path:
    create_database(path).dispose()
    return path


def test_open_current_takes_a_current_file_and_gives_it_statistics(tmp_path: Path) -> None:
    path = current_file(tmp_path / "db.sqlite")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
    before = digest(path)
    assert open_current(path, analyze=False) is False  # ANALYZE is left to a background job
    assert digest(path) == before
    assert open_current(path) is True
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()


def test_open_current_leaves_missing_and_older_files_to_the_full_open(tmp_path: Path) -> None:
    assert open_current(tmp_path / "missing.sqlite") is False
    assert not (tmp_path / "missing.sqlite").exists()
    old = tmp_path / "old.sqlite"
    old_database(old).dispose()
    before = digest(old)
    assert open_current(old) is False
    assert digest(old) == before  # the upgrade (with its backup) is open_database's


def test_open_current_refuses_newer_and_foreign_files_untouched(tmp_path: Path) -> None:
    newer = current_file(tmp_path / "newer.sqlite")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = digest(newer)
    with pytest.raises(DatabaseTooNewError):
        open_current(newer)
    assert digest(newer) == before
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(CorruptDatabaseError):
        open_current(text)
    assert text.read_text(encoding="utf-8") == "not a database"


def test_database_makes_its_engine_only_when_a_session_is_asked_for(tmp_path: Path) -> None:
    database = Database(current_file(tmp_path / "db.sqlite"))
    with plain_or_session(database) as db:
        assert isinstance(db, sqlite3.Connection)
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert not database.orm_loaded
    with database() as session:
        assert isinstance(session, Session)
        assert session.scalars(select(AuditEntry)).all() == []
    assert database.orm_loaded
    with plain_or_session(database.session_factory) as db:
        assert isinstance(db, Session)
    database.close()


def test_plain_sql_writes_instants_exactly_as_the_orm_reads_them(tmp_path: Path) -> None:
    database = Database(current_file(tmp_path / "db.sqlite"))
    at = datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=timezone(timedelta(hours=8)))
    with database() as session:
        conn = dbapi(session)  # inside the session's transaction
        conn.execute("INSERT INTO audit_log (at, action, detail) VALUES (?, 'test', '{}')", (sql_time(at),))
        session.commit()
    with database() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert entry.at == at and entry.at.tzinfo == UTC
        assert session.scalars(select(AuditEntry).where(AuditEntry.at >= at)).one() is entry  # compares as text
    assert parse_sql_time(sql_time(at)) == at
    with pytest.raises(ValueError, match="naive"):
        sql_time(datetime(2026, 1, 1))
    database.close()


def test_the_start_path_needs_no_sqlalchemy(tmp_path: Path) -> None:
    """Open, sign in and count the dashboard the way the app starts: SQLAlchemy stays unloaded."""
    from db.demo import generate_demo
    from db.demo.accounts import DEMO_ACCOUNTS

    path = tmp_path / "demo.sqlite"
    generate_demo(path, residents=200)
    username, password, _role = DEMO_ACCOUNTS[2]  # the supervisor
    script = f"""
import sys
from pathlib import Path
from community_app.core.auth import login
from community_app.core.dashboard import numbers_of_the_day
from db.database import Database
from db.migrate import open_current
path = Path({str(path)!r})
assert open_current(path)
database = Database(path)
conn = database.connect()
user = login(conn, {username!r}, {password!r})
_scope, counts = numbers_of_the_day(database, user)
print(counts.residents, "sqlalchemy" in sys.modules, "numpy" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    residents, sqlalchemy_loaded, numpy_loaded = done.stdout.split()
    assert int(residents) > 0
    assert (sqlalchemy_loaded, numpy_loaded) == ("False", "False")
