"""Fixtures for the UI tests: a QApplication set up like the real one, the demo database
(generated once per session, copied per test), and folders that are never the user's."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from community_app import paths
from community_app.core import roles
from community_app.ui.application import create_application, demo_accounts
from community_app.ui.db_startup import OpenedDatabase, generate_demo_file
from community_app.ui.i18n import DEFAULT_LANGUAGE, install_language
from community_app.ui.workers import wait_for_all
from db.engine import make_session_factory
from db.migrate import open_database

SUPERVISOR_ROLE_NAME = roles.DEFAULT_ROLES[roles.SUPERVISOR][0]


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, settings and logs of the code under test go below tmp_path."""
    home = tmp_path / "app-home"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    return home


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The QApplication with the app's fonts, style and Chinese translators (restored after)."""
    create_application()
    install_language(DEFAULT_LANGUAGE)
    yield qapp
    assert wait_for_all(30_000), "a background job did not finish"
    install_language(DEFAULT_LANGUAGE)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, generated once: it takes seconds. Tests use copies."""
    path = tmp_path_factory.mktemp("demo-master") / "demo.sqlite"
    generate_demo_file(path)
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite"
    shutil.copy2(demo_master, copy)
    return copy


@pytest.fixture
def demo(demo_db: Path) -> Iterator[OpenedDatabase]:
    result = open_database(demo_db)
    yield OpenedDatabase(demo_db, result.engine, make_session_factory(result.engine), "")
    wait_for_all(30_000)
    result.engine.dispose()


@pytest.fixture(scope="session")
def supervisor_account() -> tuple[str, str]:
    username, password, _role = next(a for a in demo_accounts() if a[2] == SUPERVISOR_ROLE_NAME)
    return username, password
