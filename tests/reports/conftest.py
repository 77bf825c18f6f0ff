"""Fixtures for the report tests: a small demo database, generated once per session (about
5 s) and opened read-only by the tests that only read it; tests that change it use a copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db.demo import generate_demo
from db.engine import make_engine
from db.models import utcnow

DEMO_RESIDENTS = 1500


@pytest.fixture(scope="session")
def report_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-demo") / "demo.sqlite"
    generate_demo(path, residents=DEMO_RESIDENTS)
    return path


@pytest.fixture
def report_demo_copy(report_demo: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite"
    shutil.copy2(report_demo, copy)
    return copy


@pytest.fixture(scope="session")
def report_engine(report_demo: Path) -> Iterator[Engine]:
    engine = make_engine(report_demo)
    yield engine
    engine.dispose()


@pytest.fixture
def report_session(report_engine: Engine) -> Iterator[Session]:
    with Session(report_engine) as session:
        yield session


@pytest.fixture(scope="session")
def report_now():  # type: ignore[no-untyped-def]
    """One 'now' for a whole session: figures and their independent check count to the same instant."""
    return utcnow()
