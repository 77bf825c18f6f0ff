"""SQLite engine and sessions: WAL, foreign keys on, a busy timeout."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.connection import ANALYSIS_LIMIT, apply_pragmas, ensure_statistics_on


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    apply_pragmas(dbapi_conn)


def make_engine(path: Path | str) -> Engine:
    """An engine for the SQLite file at path (created if missing)."""
    engine = create_engine(f"sqlite:///{Path(path)}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def ensure_statistics(engine: Engine) -> bool:
    """db.connection.ensure_statistics_on through an engine."""
    raw = engine.raw_connection()
    try:
        return ensure_statistics_on(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()


def close_engine(engine: Engine) -> None:
    """Refresh statistics that went stale (SQLite's advice: PRAGMA optimize before closing),
    then close."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            conn.exec_driver_sql("PRAGMA optimize")
    finally:
        engine.dispose()


class QueryTimeoutError(Exception):
    """A statement ran past its time budget and was interrupted (a read: nothing changed)."""


_BUDGET_CHECK_EVERY = 10_000  # SQLite virtual-machine steps between looks at the clock


@contextmanager
def time_budget(session: Session, seconds: float) -> Iterator[None]:
    """Interrupt the session's SQLite statements once `seconds` have passed; raises QueryTimeoutError.

    For reads on the GUI thread that are nearly always fast (a search's first page) but must
    never freeze the window when they are not: the caller falls back to a background job."""
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    deadline = time.perf_counter() + seconds
    raw.set_progress_handler(lambda: time.perf_counter() > deadline, _BUDGET_CHECK_EVERY)
    try:
        yield
    except (OperationalError, sqlite3.OperationalError) as exc:  # through SQLAlchemy, or on the raw cursor
        if "interrupted" in str(getattr(exc, "orig", exc)):
            raise QueryTimeoutError(f"over {seconds:.3f} s") from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)
