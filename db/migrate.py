"""Open the local database safely: check it, back it up, upgrade it to the code's schema.

Called at every start. The rules:
- a file that is not a SQLite database, or fails SQLite's integrity check, is refused
  (CorruptDatabaseError) and left exactly as it is;
- a database written by a newer version of the app is refused (DatabaseTooNewError),
  nothing changed;
- before any upgrade the file is copied (db.backup), so a failed migration loses nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from db.backup import make_backup
from db.engine import make_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """Base for problems that stop the app from opening a database file."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class CorruptDatabaseError(DatabaseError):
    """Not a SQLite file, or SQLite reports damage."""


class DatabaseTooNewError(DatabaseError):
    """Written by a newer version of the app: its schema revision is unknown here."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(path, f"schema revision {revision} is newer than this program")
        self.revision = revision


@dataclass(frozen=True)
class OpenResult:
    engine: Engine
    created: bool
    upgraded_from: str | None  # the revision before an upgrade, None when none was needed
    backup_path: Path | None


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def check_sqlite_file(path: Path) -> None:
    """Raise CorruptDatabaseError unless path is a readable, undamaged SQLite database."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CorruptDatabaseError(path, f"cannot read file: {exc.strerror}") from exc
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(path, "not a SQLite database")
    try:
        # read-only URI: checking must never modify the file
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, str(exc)) from exc
    if tables and "alembic_version" not in tables:
        raise CorruptDatabaseError(path, "a SQLite database, but not one of this program")
    if rows != [("ok",)]:
        raise CorruptDatabaseError(path, "; ".join(str(r[0]) for r in rows[:5]))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _upgrade(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def create_database(path: Path) -> Engine:
    """Create a new, empty database at path with the current schema."""
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    _upgrade(engine)
    return engine


def open_database(path: Path) -> OpenResult:
    """Open (creating if missing) and upgrade the database at path. See the module doc."""
    if not path.exists():
        return OpenResult(create_database(path), created=True, upgraded_from=None, backup_path=None)
    check_sqlite_file(path)
    engine = make_engine(path)
    try:
        revision = current_revision(engine)
        known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if revision is not None and revision not in known:
            raise DatabaseTooNewError(path, revision)
        if revision == head_revision():
            return OpenResult(engine, created=False, upgraded_from=None, backup_path=None)
        backup = make_backup(engine, path, reason=f"pre-upgrade-{revision or 'empty'}")
        _upgrade(engine)
        return OpenResult(engine, created=False, upgraded_from=revision or "", backup_path=backup)
    except Exception:
        engine.dispose()
        raise
