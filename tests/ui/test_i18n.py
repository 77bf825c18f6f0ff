"""Chinese by default, English on request; Qt's own dialogs translated; data strings too."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import roles, stages
from community_app.core.auth import LOGIN_FAILED_MESSAGE
from community_app.ui import i18n, settings
from community_app.ui.application import DesktopSession, LaunchOptions
from community_app.ui.login_dialog import LoginDialog
from community_app.ui.pages.dashboard_page import CASE, HOUSEHOLD, PERSON, unit_text
from db.engine import make_session_factory
from db.migrate import create_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = create_database(tmp_path / "empty.sqlite")
    yield make_session_factory(engine)
    engine.dispose()


def test_core_data_strings_are_all_listed_for_translation() -> None:
    assert i18n.STAGE_NAMES == stages.STAGE_NAMES
    names = {code: name for code, (name, _perms) in roles.DEFAULT_ROLES.items()}
    assert names == i18n.ROLE_NAMES
    assert LOGIN_FAILED_MESSAGE in i18n.CORE_MESSAGES


def test_every_string_has_an_english_translation_and_the_qm_is_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_chinese_is_the_default_and_qt_dialogs_speak_it(app: QApplication) -> None:
    assert i18n.current_language() == "zh_CN"
    box = QMessageBox(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Close)
    button_box = box.findChild(QDialogButtonBox)
    assert button_box is not None
    assert [b.text() for b in button_box.buttons()] == ["关闭"]


def test_english_translates_our_strings_and_data(app: QApplication) -> None:
    i18n.install_language("en")
    assert i18n.stage_name(stages.IN_PROGRESS) == "In progress"
    assert i18n.role_name(roles.SUPERVISOR, "社区负责人") == "Supervisor"
    assert i18n.core_message(LOGIN_FAILED_MESSAGE) == (
        "The user name or password is incorrect. Please try again."
    )
    assert [unit_text(CASE, n) for n in (0, 1, 2)] == ["requests", "request", "requests"]
    assert unit_text(PERSON, 1) == "person" and unit_text(HOUSEHOLD, 3) == "households"
    i18n.install_language("zh_CN")
    assert i18n.stage_name(stages.IN_PROGRESS) == "处置中"
    assert [unit_text(CASE, 1), unit_text(PERSON, 2), unit_text(HOUSEHOLD, 2)] == ["件", "人", "户"]


def test_choosing_english_at_login_switches_the_dialog_and_is_remembered(
    app: QApplication, qtbot: QtBot, empty_factory: sessionmaker[Session]
) -> None:
    session = DesktopSession(app, LaunchOptions())
    dialog = LoginDialog(empty_factory, language="zh_CN")
    qtbot.addWidget(dialog)
    dialog.language_changed.connect(session.change_language)
    assert dialog.login_button.text() == "登录"
    assert dialog.heading.text() == "用户登录"

    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))

    qtbot.waitUntil(lambda: dialog.login_button.text() == "Sign in", timeout=2000)
    assert dialog.username_label.text() == "User name"
    assert dialog.windowTitle().startswith("Sign in")
    assert settings.saved_language() == "en"


def test_normalize_language() -> None:
    assert i18n.normalize_language(None) == "zh_CN"
    assert i18n.normalize_language("zh") == "zh_CN"
    assert i18n.normalize_language("en_US") == "en"
    assert i18n.normalize_language("fr") == "zh_CN"
