"""Register the shipped CJK fonts so Chinese renders on machines without a Chinese font.

Droid Sans Fallback covers the common ideographs and Extension A (䶮); the Hanazono
subset covers Extension B (𠮷), which names sometimes need. QFont.setFamilies makes Qt
try them in that order for every character.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from community_app.core.beside import Beside
from resources import resource_path

log = logging.getLogger(__name__)

PRIMARY_FONT_FILE = "DroidSansFallbackFull.ttf"
FALLBACK_FONT_FILE = "HanaMinB-ExtB.ttf"
BASE_POINT_SIZE = 10.5


@dataclass(frozen=True)
class AppFonts:
    primary: str  # family name of the main UI font
    fallback: str  # family for CJK Extension B

    @property
    def families(self) -> list[str]:
        return [self.primary, self.fallback]


_registered: AppFonts | None = None
_registering: Beside[AppFonts] | None = None


def _add(file_name: str) -> str:
    path = resource_path("fonts", file_name)
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"cannot load font {path}")
    return families[0]


def _register() -> AppFonts:
    return AppFonts(primary=_add(PRIMARY_FONT_FILE), fallback=_add(FALLBACK_FONT_FILE))


def start_registering() -> None:
    """Register the fonts on a thread while the start goes on (≈10 ms of reading 26 MB): Qt's font
    database is thread-safe and PySide lets go of the GIL meanwhile. register_fonts() collects them."""
    global _registering
    if _registered is None and _registering is None:
        _registering = Beside(_register, "fonts")


def register_fonts() -> AppFonts:
    """Add both fonts to Qt's font database (once per process); returns their families."""
    global _registered, _registering
    if _registered is None:
        pending, _registering = _registering, None
        _registered = pending.result() if pending is not None else _register()
        log.info("registered fonts %s", _registered.families)
    return _registered


def app_font(point_size: float = BASE_POINT_SIZE) -> QFont:
    font = QFont()
    font.setFamilies(register_fonts().families)
    font.setPointSizeF(point_size)
    return font


def apply_app_font(app: QApplication) -> AppFonts:
    """Make the shipped fonts the application's. Called before the first widget is made, so that
    no widget is laid out in another font first."""
    fonts = register_fonts()
    app.setFont(app_font())
    return fonts
