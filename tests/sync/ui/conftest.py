"""Fixtures for the sync UI tests: the UI test fixtures (QApplication, demo database copies,
folders below tmp_path) and the real city API (tests/city_server.py)."""

from __future__ import annotations

from tests.city_server import city_server, city_sqlite_url  # noqa: F401 — fixtures
from tests.ui.conftest import app, app_home, demo, demo_db, demo_master, supervisor_account  # noqa: F401 — fixtures
