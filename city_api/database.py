"""Engines and sessions for the city API: SQLite (pilots, the demo) or PostgreSQL (production).

SQLite gets WAL, a busy timeout and foreign keys, and transactions that we begin ourselves:
pysqlite's own transaction handling breaks SAVEPOINT (one per pushed mutation) and a deferred
transaction that reads before it writes can fail with SQLITE_BUSY instead of waiting, so
write sessions begin with BEGIN IMMEDIATE.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

# how long a SQLite writer waits for the lock before the request answers 503 (env: for tests and tuning)
BUSY_TIMEOUT_MS = int(os.environ.get("CITY_API_SQLITE_BUSY_MS", "10000"))
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DEFAULT_URL = "sqlite:///city.sqlite"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for a `sqlite:///path` or `postgresql+psycopg://…` URL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
                               **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # no pre-ping (a round trip per request): a dropped connection fails one request with 503, the client retries
    options: dict[str, Any] = {"pool_size": 10, "max_overflow": 20, "pool_timeout": 5, "pool_recycle": 1800}
    options.update(kwargs)
    return create_engine(url, **options)


def make_sessionmakers(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """(read sessions, write sessions). Write sessions hold SQLite's write lock from the start."""
    read = sessionmaker(engine, expire_on_commit=False)
    if not is_sqlite(engine):
        return read, read
    write = sessionmaker(engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False)
    return read, write


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def upgrade(engine_or_url: Engine | str) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    from alembic import command

    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "heads")
    finally:
        if isinstance(engine_or_url, str):
            engine.dispose()
