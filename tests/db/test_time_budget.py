"""db.engine.time_budget: a read on the GUI thread that runs too long is interrupted, and the
connection goes on working."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import QueryTimeoutError, make_engine, make_session_factory, time_budget

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


def test_a_long_query_is_interrupted_and_the_session_still_works(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "budget.sqlite")
    try:
        with make_session_factory(engine)() as session:
            start = time.perf_counter()
            with pytest.raises(QueryTimeoutError), time_budget(session, 0.05):
                session.execute(text(ENDLESS))
            assert time.perf_counter() - start < 2.0
        with make_session_factory(engine)() as session:
            # the handler is gone: a later query on the same pooled connection runs to its end
            assert session.execute(text("SELECT count(*) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                                        "SELECT i + 1 FROM n WHERE i < 200000) SELECT i FROM n)")).scalar() == 200_000
    finally:
        engine.dispose()


def test_a_long_query_on_the_raw_cursor_is_interrupted_too(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "budget.sqlite")
    try:
        with make_session_factory(engine)() as session:
            raw = session.connection().connection.driver_connection
            assert raw is not None
            with pytest.raises(QueryTimeoutError), time_budget(session, 0.05):
                raw.execute(ENDLESS).fetchall()
    finally:
        engine.dispose()


def test_a_quick_query_inside_its_budget_answers(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "budget.sqlite")
    try:
        with make_session_factory(engine)() as session, time_budget(session, 5.0):
            assert session.execute(text("SELECT 41 + 1")).scalar() == 42
    finally:
        engine.dispose()


def test_other_database_errors_are_not_called_timeouts(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "budget.sqlite")
    try:
        with make_session_factory(engine)() as session:
            with pytest.raises(Exception) as caught, time_budget(session, 5.0):
                session.execute(text("SELECT * FROM no_such_table"))
            assert not isinstance(caught.value, QueryTimeoutError)
    finally:
        engine.dispose()
