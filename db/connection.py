"""Plain sqlite3 access to the app's database, for the start path: the window shows the
dashboard before SQLAlchemy (≈0.7 s of imports) is loaded. Same pragmas as db.engine,
same stored form of instants as db.models.UTCDateTime.

Nothing here imports SQLAlchemy."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

BUSY_TIMEOUT_MS = 5000


def utcnow() -> datetime:
    return datetime.now(UTC)


def apply_pragmas(conn: sqlite3.Connection) -> None:
    """WAL, foreign keys on, a busy timeout: every connection to the file, raw or through SQLAlchemy."""
    # one call: a connection opened on a thread beside the GUI gets the GIL back once, not four times
    # (synchronous=NORMAL is safe with WAL: a power cut loses at most the last commit)
    conn.executescript("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
                       f" PRAGMA busy_timeout={BUSY_TIMEOUT_MS}; PRAGMA synchronous=NORMAL;")


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit-off mode (sqlite3's default), usable from any one thread at a time."""
    conn = sqlite3.connect(str(path), check_same_thread=False)
    apply_pragmas(conn)
    return conn


class _SessionLike(Protocol):
    def connection(self) -> object: ...

    def flush(self) -> None: ...


def dbapi(source: sqlite3.Connection | _SessionLike) -> sqlite3.Connection:
    """The sqlite3 connection behind a SQLAlchemy Session (inside its transaction, its pending
    changes flushed so plain SQL sees them), or the connection itself: core functions written
    in plain SQL serve both callers."""
    if isinstance(source, sqlite3.Connection):
        return source
    source.flush()
    raw = source.connection().connection.driver_connection  # type: ignore[attr-defined]
    assert isinstance(raw, sqlite3.Connection)
    return raw


def sql_time(value: datetime) -> str:
    """An aware instant as SQLAlchemy's SQLite DATETIME stores it (naive UTC, always with
    microseconds), so plain SQL compares and writes exactly what the ORM does."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given; the database stores UTC — pass an aware datetime")
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def parse_sql_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


ANALYSIS_LIMIT = 400  # rows sampled per index: statistics in well under a second at 650 MB


def ensure_statistics_on(conn: sqlite3.Connection) -> bool:
    """Give the query planner statistics when the file has none (new, imported or demo
    databases). Without them one dashboard query took minutes at 200k residents.
    Returns True when it ran ANALYZE."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return False
    conn.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
    conn.execute("ANALYZE")
    conn.commit()
    return True


def optimize_on(conn: sqlite3.Connection) -> None:
    """Refresh statistics that went stale (SQLite's advice: PRAGMA optimize before closing)."""
    conn.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
    conn.execute("PRAGMA optimize")
