"""Open the local database safely: check it, back it up, upgrade it to the code's schema.

Called at every start. The rules:
- a file that is not a SQLite database of this program is refused (CorruptDatabaseError)
  and left exactly as it is;
- a database written by a newer version of the app is refused (DatabaseTooNewError),
  nothing changed;
- before any upgrade the file is checked page by page and copied (db.backup), so a failed
  migration loses nothing.

Start-up only reads the header, the schema and the revision: a page-by-page check reads the
whole file (seconds at a street's 600 MB), so the app runs verify_integrity() in the
background once the window is up. Alembic is imported only when an upgrade is needed, and
SQLAlchemy not at all when the file is current (open_current).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.backup import make_backup
from db.connection import connect, ensure_statistics_on

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
# The newest migration this code ships; tests check it equals Alembic's head, so it cannot go stale.
HEAD_REVISION = "0010"


class DatabaseError(Exception):
    """Base for problems that stop the app from opening a database file."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class CorruptDatabaseError(DatabaseError):
    """Not a SQLite file, not one of this program's, or SQLite reports damage."""


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
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change anything, not even create -wal/-shm side files
    (a refused file must stay exactly as it was). With a -wal file present, its pages are
    part of the database, so SQLite must read it normally."""
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)


def read_revision(path: Path) -> str | None:
    """Check the file is a database of this program and return its schema revision.

    Raises CorruptDatabaseError for anything else. Reads only the first pages.
    """
    return _read_schema(path)[0]


def _read_schema(path: Path) -> tuple[str | None, set[str]]:
    """read_revision's work: the revision and the names of the file's tables."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CorruptDatabaseError(path, f"cannot read file: {exc.strerror}") from exc
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(path, "not a SQLite database")
    try:
        conn = _read_only(path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "alembic_version" not in tables:
                raise CorruptDatabaseError(path, "a SQLite database, but not one of this program")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if tables else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, str(exc)) from exc
    return (row[0] if row else None), tables


def verify_integrity(path: Path) -> None:
    """Read every page (PRAGMA quick_check); raise CorruptDatabaseError on any damage."""
    try:
        conn = _read_only(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, str(exc)) from exc
    if rows != [("ok",)]:
        raise CorruptDatabaseError(path, "; ".join(str(r[0]) for r in rows[:5]))


def open_current(path: Path, *, analyze: bool = True) -> bool:
    """The fast path of every ordinary start: True when the file is a database of this
    program at the code's revision with planner statistics, so it can be used as it is
    (with analyze, statistics missing are made first: ANALYZE reads the file, up to a second
    at a street's size). False when it is missing, needs an upgrade (open_database does that),
    or, without analyze, has no statistics; raises CorruptDatabaseError / DatabaseTooNewError
    like open_database. No SQLAlchemy."""
    if not path.exists():
        return False
    revision, tables = _read_schema(path)
    if revision != HEAD_REVISION:
        if revision is not None and revision.isdigit() and revision > HEAD_REVISION:
            raise DatabaseTooNewError(path, revision)  # the full check would say the same, slower
        return False
    if "sqlite_stat1" in tables:
        return True
    if not analyze:
        return False
    conn = connect(path)
    try:
        ensure_statistics_on(conn)
    finally:
        conn.close()
    return True


def _upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def create_database(path: Path) -> Engine:
    """Create a new, empty database at path with the current schema."""
    from db.engine import make_engine

    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    _upgrade(engine)
    return engine


def open_database(path: Path) -> OpenResult:
    """Open (creating if missing) and upgrade the database at path. See the module doc."""
    from db.engine import ensure_statistics, make_engine

    if not path.exists():
        return OpenResult(create_database(path), created=True, upgraded_from=None, backup_path=None)
    revision = read_revision(path)
    if revision == HEAD_REVISION:
        engine = make_engine(path)
        ensure_statistics(engine)
        return OpenResult(engine, created=False, upgraded_from=None, backup_path=None)
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(path, revision)
    verify_integrity(path)  # never migrate (or back up) a damaged file
    engine = make_engine(path)
    try:
        backup = make_backup(engine, path, reason=f"pre-upgrade-{revision or 'empty'}")
        _upgrade(engine)
        ensure_statistics(engine)
    except Exception:
        engine.dispose()
        raise
    return OpenResult(engine, created=False, upgraded_from=revision or "", backup_path=backup)
