"""Look of the reports: an official Chinese work document within the fonts we ship.

Sizes follow the 公文 size names (二号 22 pt title, 三号 16 pt, 四号 14 pt, 五号 10.5 pt body,
小五 9 pt tables). There is one sans face (黑体-like) and no bold, so the hierarchy is made
by size, a faux-bold title (fill + stroke, see document.TitleLine), the 公文 red rule under
the title block and numbered section headings (一、二、…). Colours stay restrained: black
text, a dark slate for rules and table heads, grey zebra rows; charts use PALETTE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from community_app.reports.fonts import FONT

PAGE_SIZE: Final = A4
MARGIN_LEFT: Final = 20 * mm
MARGIN_RIGHT: Final = 20 * mm
MARGIN_TOP: Final = 24 * mm  # room for the running header
MARGIN_BOTTOM: Final = 20 * mm  # room for the footer and page number
FRAME_WIDTH: Final = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT  # 170 mm

INK: Final = colors.black
SLATE: Final = colors.HexColor("#2F3E4E")  # table heads, rules
RULE_RED: Final = colors.HexColor("#C00000")  # the 公文 red separator line
GRID_LINE: Final = colors.HexColor("#7F8C99")
HEAD_FILL: Final = colors.HexColor("#DDE3EA")
ZEBRA_FILL: Final = colors.HexColor("#F4F6F8")
MUTED: Final = colors.HexColor("#555555")
WARN: Final = colors.HexColor("#9C2A00")  # figures that got worse, overdue marks
# bar/pie/line series: muted, distinguishable in greyscale print
PALETTE: Final = (colors.HexColor("#2F5D8A"), colors.HexColor("#B5651D"), colors.HexColor("#5B8C5A"),
                  colors.HexColor("#8A6BA8"), colors.HexColor("#A33B3B"), colors.HexColor("#3E8C8C"),
                  colors.HexColor("#8C7A3E"), colors.HexColor("#6B6B6B"))

TITLE_SIZE: Final = 22.0  # 二号
TABLE_SIZE: Final = 9.0  # 小五
TABLE_HEAD_SIZE: Final = 9.0
HEADER_SIZE: Final = 8.0  # running header / footer


@dataclass(frozen=True)
class ReportStyles:
    org: ParagraphStyle  # the issuing community above the title
    subtitle: ParagraphStyle  # under the title: scope and period
    meta: ParagraphStyle  # 生成时间 / 生成人 line
    h1: ParagraphStyle  # 一、… section heading, 三号
    h2: ParagraphStyle  # （一）… sub-heading, 四号
    body: ParagraphStyle  # 五号 running text
    note: ParagraphStyle  # small print: definitions, data caveats
    table_cell: ParagraphStyle  # wrapped table text
    table_cell_right: ParagraphStyle
    table_head: ParagraphStyle
    caption: ParagraphStyle  # under charts
    signature: ParagraphStyle


def _style(name: str, size: float, *, leading: float | None = None, align: int = TA_LEFT, before: float = 0,
           after: float = 0, color: colors.Color = INK, indent: float = 0) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading or size * 1.45, alignment=align,
                          spaceBefore=before, spaceAfter=after, textColor=color, firstLineIndent=indent,
                          wordWrap="CJK")


STYLES: Final = ReportStyles(
    org=_style("org", 14, align=TA_CENTER, after=2 * mm),
    subtitle=_style("subtitle", 12, align=TA_CENTER, before=1 * mm, after=1 * mm),
    meta=_style("meta", 9, align=TA_CENTER, color=MUTED),
    h1=_style("h1", 16, before=5 * mm, after=2.5 * mm),
    h2=_style("h2", 14, leading=18, before=3 * mm, after=2 * mm),
    body=_style("body", 10.5, leading=18, align=TA_JUSTIFY, after=1.5 * mm, indent=21),
    note=_style("note", 8, leading=11.5, color=MUTED, after=1 * mm),
    table_cell=_style("table_cell", TABLE_SIZE, leading=11.5),
    table_cell_right=_style("table_cell_right", TABLE_SIZE, leading=11.5, align=2),
    table_head=_style("table_head", TABLE_HEAD_SIZE, leading=11.5, align=TA_CENTER),
    caption=_style("caption", 9, align=TA_CENTER, color=MUTED, before=1 * mm, after=3 * mm),
    signature=_style("signature", 10.5, leading=16),
)

CHINESE_NUMERALS: Final = "一二三四五六七八九十"


def section_number(index: int) -> str:
    """1 → "一、", 11 → "十一、" (sections of a report rarely pass twenty)."""
    if index <= 10:
        return CHINESE_NUMERALS[index - 1] + "、"
    tens, ones = divmod(index, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "") + "、"
