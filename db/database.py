"""One open database file: plain sqlite3 connections at once, SQLAlchemy on first use.

The window signs in and shows the dashboard through plain connections (core.auth and
core.dashboard are written in SQL for that), so the start does not wait for SQLAlchemy and
the models (≈0.7 s of imports). The engine and sessions are made the first time a page or
job asks for one — usually on a worker thread while the dashboard is already on screen.
A Database is itself a session factory: `with database() as session: …`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from db.connection import connect, optimize_on

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# what pages and dialogs are given: a Database, or (in tests) a plain sessionmaker
SessionSource: TypeAlias = "Callable[[], Session]"


class Database:
    def __init__(self, path: Path, engine: Engine | None = None,
                 session_factory: sessionmaker[Session] | None = None) -> None:
        self.path = path
        self._engine = engine
        self._session_factory = session_factory
        self._lock = threading.Lock()

    def connect(self) -> sqlite3.Connection:
        """A new plain connection with the app's pragmas; the caller closes it."""
        return connect(self.path)

    @property
    def orm_loaded(self) -> bool:
        return self._session_factory is not None

    @property
    def engine(self) -> Engine:
        return self._orm()[0]

    @property
    def session_factory(self) -> sessionmaker[Session]:
        return self._orm()[1]

    def __call__(self) -> Session:
        return self.session_factory()

    def _orm(self) -> tuple[Engine, sessionmaker[Session]]:
        with self._lock:  # two threads asking first make one engine
            if self._session_factory is None:
                from db.engine import make_engine, make_session_factory

                if self._engine is None:
                    self._engine = make_engine(self.path)
                self._session_factory = make_session_factory(self._engine)
            assert self._engine is not None
            return self._engine, self._session_factory

    def dispose(self) -> None:
        """Let go of the file without touching it (a damaged file)."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()

    def close(self) -> None:
        """Refresh statistics that went stale (SQLite's advice: PRAGMA optimize before
        closing), then close the engine if one was made."""
        with self._lock:
            engine = self._engine
        if engine is not None:
            from db.engine import close_engine

            close_engine(engine)
            return
        conn = self.connect()
        try:
            optimize_on(conn)
        finally:
            conn.close()


@contextmanager
def plain_or_session(source: Callable[[], Session]) -> Iterator[Session | sqlite3.Connection]:
    """A plain connection when the source is a Database (no SQLAlchemy needed), else a
    session from the factory: for core functions that take either (core.auth, core.dashboard)."""
    if isinstance(source, Database):
        conn = source.connect()
        try:
            yield conn
        finally:
            conn.close()
    else:
        with source() as session:
            yield session


def engine_of(source: Callable[[], Session]) -> Engine:
    """The engine behind a Database or a sessionmaker bound to one."""
    if isinstance(source, Database):
        return source.engine
    engine: Engine = source.kw["bind"]  # type: ignore[attr-defined]
    return engine
