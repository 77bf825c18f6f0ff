"""The fonts embedded in every PDF, and per-character fallback between them.

- FONT, Droid Sans Fallback (shipped): the URO ideographs, Extension A (䶮), CJK punctuation.
  It has NO Latin letters or digits.
- FONT_LATIN, Bitstream Vera Sans (ships inside reportlab, free licence): digits, Latin,
  “”—· — every figure of a report is drawn in it.
- FONT_EXT_B, the Hanazono Mincho B subset (shipped): CJK Extension B (𠮷) for names.

reportlab draws a string in one font and never falls back, so text is split into runs by
the first of FONT, FONT_LATIN, FONT_EXT_B whose cmap has the character: in paragraph markup
as <font name="…"> spans (markup()), on the canvas run by run (draw_text()), in table cells
as a RunsLine flowable (tables.py). A character no font has prints as an empty box.

All three are TrueType with glyf outlines, so reportlab embeds them (subset) and the PDF
prints the same on any machine. reportlab writes a broken ToUnicode entry for characters
beyond the BMP (five hex digits instead of a UTF-16 surrogate pair), so _ExtBFont rewrites
those entries: then 𠮷 comes back from pdftotext and copy-paste.

FONT_EXT_B is parsed only when a text first needs it: reading a CJK font costs ~0.35 s and
most reports never need it.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from resources import resource_path

FONT: Final = "CGDroidSansFallback"
FONT_LATIN: Final = "CGVeraSans"
FONT_EXT_B: Final = "CGHanaMinBExtB"
_FILES: Final = {
    FONT: resource_path("fonts", "DroidSansFallbackFull.ttf"),
    FONT_LATIN: Path(reportlab.__file__).parent / "fonts" / "Vera.ttf",
    FONT_EXT_B: resource_path("fonts", "HanaMinB-ExtB.ttf"),
}
_BEYOND_BMP = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _surrogates(match: re.Match[str]) -> str:
    code = int(match.group(2), 16) - 0x10000
    return f"<{match.group(1)}> <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


class _ExtBFont(TTFont):
    """TTFont whose ToUnicode CMaps map supplementary-plane characters correctly."""

    def addObjects(self, doc: Any) -> None:  # reportlab's name
        super().addObjects(doc)
        for name, obj in list(doc.idToObject.items()):
            if isinstance(name, str) and name.startswith("toUnicodeCMap:") and isinstance(
                    getattr(obj, "content", None), str):
                obj.content = _BEYOND_BMP.sub(_surrogates, obj.content)


_lock = threading.Lock()  # reports are built on worker threads
_cmaps: dict[str, frozenset[int]] = {}


def _load(name: str) -> frozenset[int]:
    with _lock:
        if name not in _cmaps:
            font = (_ExtBFont if name == FONT_EXT_B else TTFont)(name, str(_FILES[name]))
            pdfmetrics.registerFont(font)
            _cmaps[name] = frozenset(font.face.charToGlyph)
        return _cmaps[name]


def register_fonts() -> None:
    """Register FONT and FONT_LATIN with reportlab (idempotent, thread-safe); FONT_EXT_B
    follows when a text first needs it. Every builder calls this first."""
    _load(FONT)
    _load(FONT_LATIN)


@functools.lru_cache(maxsize=65536)
def runs(text: str) -> tuple[tuple[str, str], ...]:
    """(font, text) runs covering `text`: each character in the first font that has it."""
    if text.isascii():
        return ((FONT_LATIN, text),) if text else ()
    register_fonts()
    main, latin = _cmaps[FONT], _cmaps[FONT_LATIN]
    ext_b: frozenset[int] | None = None
    out: list[tuple[str, str]] = []
    run, run_font = "", FONT
    for ch in text:
        code = ord(ch)
        if code in main:
            font = FONT
        elif code in latin:
            font = FONT_LATIN
        else:
            ext_b = ext_b if ext_b is not None else _load(FONT_EXT_B)
            font = FONT_EXT_B if code in ext_b else FONT
        if font != run_font and run:
            out.append((run_font, run))
            run = ""
        run_font = font
        run += ch
    if run:
        out.append((run_font, run))
    return tuple(out)


def single_font(text: str) -> str | None:
    """The one font that draws all of `text`, or None when it needs several."""
    found = runs(text)
    return found[0][0] if len(found) == 1 else (FONT if not found else None)


def markup(text: str) -> str:
    """Paragraph markup for plain text (the paragraph's font being FONT): XML-escaped, runs
    of the other fonts wrapped in <font name=…>. Use it for every text put in a Paragraph."""
    return "".join(escape(run) if font == FONT else f'<font name="{font}">{escape(run)}</font>'
                   for font, run in runs(text))


_WIDEST_EM = 1.35  # the widest glyph of the three fonts (Vera's ‰) is 1.34 em
_EM: dict[str, float] = {}  # character → advance width in 1/1000 em, in the font that draws it


def _em(ch: str) -> float:
    width = _EM.get(ch)
    if width is None:
        font, _run = runs(ch)[0]
        width = _EM[ch] = stringWidth(ch, font, 1000)
    return width


def text_width(text: str, size: float) -> float:
    """Width of `text` in points: the sum of its characters' widths (no kerning in reportlab)."""
    em = _EM
    return sum(em[ch] if ch in em else _em(ch) for ch in text) * size / 1000


def _run_ops(canvas: Canvas, font: str, size: float, text: str) -> str:
    """The PDF operators showing `text` in `font` (Tf + Tj per font subset), as reportlab's
    text object writes them — cached per document: a report repeats the same grid, worker
    and category names thousands of times, and the subset codes of a character never change
    within a document."""
    doc = canvas._doc
    cache: dict[tuple[str, float, str], str] | None = doc.__dict__.get("_cg_run_ops")
    if cache is None:
        cache = doc.__dict__["_cg_run_ops"] = {}
    key = (font, size, text)
    ops = cache.get(key)
    if ops is None:
        face = pdfmetrics.getFont(font)  # always a TrueType (dynamic) font here
        tf = fp_str(size)
        ops = cache[key] = " ".join(f"{face.getSubsetInternalName(subset, doc)} {tf} Tf ({escapePDF(codes)}) Tj"
                                    for subset, codes in face.splitString(text, doc))
    return ops


def show_runs(canvas: Canvas, x: float, y: float, found: Sequence[tuple[str, str]], size: float) -> None:
    """Draw runs from (x, y) in ONE text object: each Tj advances by the glyphs' widths, so
    the runs follow each other without measuring. canvas.drawString makes a text object per
    call (and per run): at tens of thousands of table cells that was most of the layout."""
    if found:
        ops = " ".join(_run_ops(canvas, font, size, run) for font, run in found)
        canvas._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {ops} ET")


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, align: str = "left") -> float:
    """Draw `text` on the canvas run by run; align "left", "centre" or "right" of x.
    Returns the width drawn."""
    found = runs(text)
    width = sum(stringWidth(run, font, size) for font, run in found)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    show_runs(canvas, x, y, found, size)
    return width


def fit(text: str, width: float, size: float) -> str:
    """`text` cut with "…" so it fits `width` points at `size` (one-line table cells)."""
    if len(text) * size * _WIDEST_EM <= width:  # surely fits: no need to measure
        return text
    if text_width(text, size) <= width:
        return text
    room = (width - _em("…") * size / 1000) * 1000 / size
    used = 0.0
    for i, ch in enumerate(text):
        used += _em(ch)
        if used > room:
            return text[:i] + "…"
    return text
