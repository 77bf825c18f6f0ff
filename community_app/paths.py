"""Where the app keeps its data, settings and logs: the platform's folders (platformdirs).

COMMUNITY_APP_HOME, when set, puts all three below one folder instead — for portable
installs and for tests, which must never touch the real user folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "CommunityGrid"
APP_AUTHOR = "CommunityGrid"
HOME_ENV = "COMMUNITY_APP_HOME"

DEFAULT_DB_NAME = "community.sqlite"
DEMO_DB_NAME = "demo.sqlite"
LOG_FILE_NAME = "community-app.log"
SETTINGS_FILE_NAME = "settings.ini"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, APP_AUTHOR)


def _override() -> Path | None:
    home = os.environ.get(HOME_ENV)
    return Path(home) if home else None


def data_dir() -> Path:
    home = _override()
    return home / "data" if home else Path(_dirs().user_data_dir)


def config_dir() -> Path:
    home = _override()
    return home / "config" if home else Path(_dirs().user_config_dir)


def log_dir() -> Path:
    home = _override()
    return home / "logs" if home else Path(_dirs().user_log_dir)


def default_db_path(*, demo: bool = False) -> Path:
    return data_dir() / (DEMO_DB_NAME if demo else DEFAULT_DB_NAME)


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def settings_file() -> Path:
    return config_dir() / SETTINGS_FILE_NAME
