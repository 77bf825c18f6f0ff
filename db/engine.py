"""SQLite engine and sessions: WAL, foreign keys on, a busy timeout."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a power cut loses at most the last commit
    cur.close()


def make_engine(path: Path | str) -> Engine:
    """An engine for the SQLite file at path (created if missing)."""
    engine = create_engine(f"sqlite:///{Path(path)}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


ANALYSIS_LIMIT = 400  # rows sampled per index: statistics in well under a second at 650 MB


def ensure_statistics(engine: Engine) -> bool:
    """Give the query planner statistics when the file has none (new, imported or demo
    databases). Without them one dashboard query took minutes at 200k residents.
    Returns True when it ran ANALYZE."""
    with engine.begin() as conn:
        has = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
        if has:
            return False
        conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")
    return True


def close_engine(engine: Engine) -> None:
    """Refresh statistics that went stale (SQLite's advice: PRAGMA optimize before closing),
    then close."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            conn.exec_driver_sql("PRAGMA optimize")
    finally:
        engine.dispose()
