"""Chinese, including rare characters in names, must render with no system CJK font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGlyphRun, QRawFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from community_app.ui.fonts import register_fonts

EXT_A = "䶮"  # U+4DAE, CJK Extension A
EXT_B = "𠮷"  # U+20BB7, CJK Extension B (outside the BMP)
NAME = f"刘{EXT_A} {EXT_B}"


def glyph_runs(text: str, font: QFont) -> list[QGlyphRun]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    return layout.glyphRuns()


def families_used(label: QLabel) -> dict[str, str]:
    """For each character of the label's text, the family of the font Qt draws it with."""
    used: dict[str, str] = {}
    for char in label.text().replace(" ", ""):
        runs = glyph_runs(char, label.font())
        assert len(runs) == 1, char
        used[char] = runs[0].rawFont().familyName()
    return used


def test_both_fonts_are_registered(app: QApplication) -> None:
    fonts = register_fonts()
    assert fonts.primary in QFontDatabase.families()
    assert fonts.fallback in QFontDatabase.families()
    assert app.font().families()[:2] == [fonts.primary, fonts.fallback]
    assert app.font().pointSizeF() >= 10.5


def test_shipped_fonts_have_the_rare_glyphs(app: QApplication) -> None:
    fonts = register_fonts()
    primary = QRawFont.fromFont(_font(fonts.primary))
    fallback = QRawFont.fromFont(_font(fonts.fallback))
    assert primary.supportsCharacter("刘") and primary.supportsCharacter(EXT_A)
    assert not primary.supportsCharacter(ord(EXT_B))  # why the fallback font is needed
    assert fallback.supportsCharacter(ord(EXT_B))


def test_a_label_draws_every_character_with_the_shipped_fonts(app: QApplication) -> None:
    fonts = register_fonts()
    label = QLabel(NAME)
    used = families_used(label)
    assert used["刘"] == fonts.primary
    assert used[EXT_A] == fonts.primary
    assert used[EXT_B] == fonts.fallback  # found by fallback, not drawn as a missing-glyph box
    glyphs = [i for run in glyph_runs(NAME, label.font()) for i in run.glyphIndexes()]
    assert len(glyphs) == 4 and 0 not in glyphs  # glyph 0 is the "missing" box


def _font(family: str) -> QFont:
    font = QFont(family)
    font.setPointSize(12)
    return font
