"""User settings (language, window geometry, last Open311 address) in an INI file in the platform config folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from community_app import paths
from community_app.ui.i18n import normalize_language

LANGUAGE_KEY = "ui/language"
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"


def app_settings() -> QSettings:
    target = paths.settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(target), QSettings.Format.IniFormat)


def saved_language() -> str | None:
    value = app_settings().value(LANGUAGE_KEY)
    return normalize_language(str(value)) if value else None


def save_language(language: str) -> None:
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def saved_bytes(key: str) -> QByteArray | None:
    value = app_settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_bytes(key: str, value: QByteArray) -> None:
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()


OPEN311_URL_KEY = "open311/last_url"  # the address only: an api_key is never written to settings
OPEN311_FORMAT_KEY = "open311/last_format"


def saved_text(key: str, default: str = "") -> str:
    value = app_settings().value(key)
    return str(value) if value else default


def save_text(key: str, value: str) -> None:
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()
