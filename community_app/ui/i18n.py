"""Languages: Simplified Chinese (the source language of every string) and English.

Source strings are written in Chinese, so Chinese needs no app translator, only Qt's own
(qtbase_zh_CN, for QMessageBox buttons and the like); English loads community_app_en.qm.
Switching installs new translators; widgets retranslate on QEvent.LanguageChange.
"""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from community_app.core import roles, stages
from resources import resource_path

log = logging.getLogger(__name__)

ZH_CN: Final = "zh_CN"
EN: Final = "en"
DEFAULT_LANGUAGE: Final = ZH_CN
# language code -> its own name, shown in the language selector untranslated
LANGUAGES: Final[dict[str, str]] = {ZH_CN: "简体中文", EN: "English"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks text for lupdate (which looks for this name) without translating it yet."""
    return text


class Unit:
    """The "Unit" translation context: units after a count (件, 人, 户…). pyside6-lupdate takes
    translate()'s fourth argument for the old `encoding` one, so translate(..., count) is never
    marked plural; Unit.tr(text, disambiguation, count) is."""

    @staticmethod
    def tr(text: str, disambiguation: str, count: int) -> str:
        return QCoreApplication.translate("Unit", text, disambiguation, count)


# Data strings from core, listed here so lupdate sees them; tests check they match core.
STAGE_NAMES: Final[dict[str, str]] = {
    stages.REPORTED: QT_TRANSLATE_NOOP("Stage", "待受理"),
    stages.ACCEPTED: QT_TRANSLATE_NOOP("Stage", "已受理"),
    stages.DISPATCHED: QT_TRANSLATE_NOOP("Stage", "已派遣"),
    stages.IN_PROGRESS: QT_TRANSLATE_NOOP("Stage", "处置中"),
    stages.PENDING_VERIFICATION: QT_TRANSLATE_NOOP("Stage", "待核查"),
    stages.CLOSED: QT_TRANSLATE_NOOP("Stage", "已结案"),
    stages.REVIEWED: QT_TRANSLATE_NOOP("Stage", "已回访"),
    stages.REJECTED: QT_TRANSLATE_NOOP("Stage", "不予受理"),
    stages.MERGED: QT_TRANSLATE_NOOP("Stage", "已并单"),
}
ROLE_NAMES: Final[dict[str, str]] = {
    roles.GRID_WORKER: QT_TRANSLATE_NOOP("Role", "网格员"),
    roles.SUPERVISOR: QT_TRANSLATE_NOOP("Role", "社区负责人"),
    roles.ADMIN: QT_TRANSLATE_NOOP("Role", "系统管理员"),
}
# messages core raises for the user to read: core.auth.LOGIN_FAILED_MESSAGE and the
# SetupErrors of core.first_run (tests raise each one and check it is listed here)
CORE_MESSAGES: Final[tuple[str, ...]] = (
    QT_TRANSLATE_NOOP("CoreMessage", "用户名或密码不正确，请重新输入。"),
    QT_TRANSLATE_NOOP("CoreMessage", "用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头。"),
    QT_TRANSLATE_NOOP("CoreMessage", "请填写姓名。"),
    QT_TRANSLATE_NOOP("CoreMessage", "密码至少 8 位，且须同时包含字母和数字。"),
    QT_TRANSLATE_NOOP("CoreMessage", "两次输入的密码不一致。"),
    QT_TRANSLATE_NOOP("CoreMessage", "已有可用账号，请用已有账号登录后在系统管理中添加用户。"),
    QT_TRANSLATE_NOOP("CoreMessage", "请选择本社区。"),
)


def normalize_language(code: str | None) -> str:
    """A supported language code for code ('en_US' -> 'en'); the default when unknown."""
    if not code:
        return DEFAULT_LANGUAGE
    if code in LANGUAGES:
        return code
    base = code.split("_")[0].split("-")[0]
    if base == "zh":
        return ZH_CN
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


# The translators installed now; one set per process, whatever installed them.
_installed: list[QTranslator] = []
_language: str = DEFAULT_LANGUAGE


def current_language() -> str:
    return _language


def install_language(language: str) -> str:
    """Install the translators for language (replacing the previous ones); returns the
    normalized code. Widgets then get QEvent.LanguageChange and retranslate."""
    global _language
    language = normalize_language(language)
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication must exist"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == ZH_CN:
        _load("qtbase_zh_CN", qt_translations_dir())
    else:
        _load(f"community_app_{language}", str(resource_path("i18n")))
        if language != EN:  # Qt's own strings are English already
            _load(f"qtbase_{language}", qt_translations_dir())
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    _language = language
    log.info("language set to %s", language)
    return language


def _load(name: str, folder: str) -> None:
    translator = QTranslator()
    if translator.load(name, folder):
        _installed.append(translator)
    else:
        log.warning("translation %s not found in %s", name, folder)


def stage_name(code: str) -> str:
    source = STAGE_NAMES.get(code) or stages.STAGE_NAMES.get(code, code)
    return QCoreApplication.translate("Stage", source)


def role_name(role_code: str, stored_name: str) -> str:
    """The role's name in the UI language; roles added as data keep their stored name."""
    source = ROLE_NAMES.get(role_code)
    return QCoreApplication.translate("Role", source) if source else stored_name


def core_message(message: str) -> str:
    return QCoreApplication.translate("CoreMessage", message)
