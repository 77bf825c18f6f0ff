"""居民花名册: the register — filtered exactly as on the residents page (core.resident_query)
— printed as a landscape roster, the column headings on every page.

Personal data follows the export rules (core.exporting): ID numbers and phones are masked
(370***********1234, 138****5678) and sensitive special-group tags left out unless the user
may export or print personal data (PII_EXPORT); the page audits every print and save.
A grid worker may print only the residents of a grid they answer for.

A street's 200,000 residents are ~6,900 pages: the ids are read once (a list of integers),
the rows 500 at a time as layout reaches them (long_document.LazyStory), and finished pages
are compressed at once, so memory stays flat (see bench/ and tests/reports/test_roster.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Final

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.dashboard import community_name
from community_app.core.masking import mask_id_number, mask_phone
from community_app.core.resident_query import ResidentFilter, address_text, find_residents
from community_app.core.residents.inputs import RESIDENCE_TYPE_NAMES, SEX_NAMES, STATUS_NAMES
from community_app.reports.document import ReportMeta
from community_app.reports.fonts import FONT, FONT_LATIN, fit, markup, single_font
from community_app.reports.long_document import FRAME_WIDTH, build_long_pdf
from community_app.reports.output_audit import ReportStamp
from community_app.reports.progress import NO_CONTROL, BuildControl
from community_app.reports.report_scopes import own_grid_ids, sees_everyone
from community_app.reports.styles import GRID_LINE, HEAD_FILL, SLATE, STYLES, TABLE_SIZE, ZEBRA_FILL
from community_app.reports.tables import ROW_HEIGHT, Column, RunsLine, empty_note, signature_block
from db.models import Division, utcnow

TITLE: Final = "居民花名册"
KIND: Final = "roster"
CHUNK: Final = 500  # rows per query and per table
ROSTER_SORTS: Final = ("address", "name", "grid")
SIGNATURES: Final = ("制表人", "审核人", "日期")
HIDDEN_TAGS: Final = "已隐藏"  # short: it shares a narrow column with the tags shown
NO_PERMISSION: Final = "您的账号没有查看居民档案的权限，不能打印花名册。"
PICK_YOUR_GRID: Final = "您只能打印自己负责网格的居民花名册；请在“网格”中选择您负责的网格。"
COLUMNS: Final = (Column("序号", 8, "right"), Column("姓名", 10), Column("性别", 5, "centre"),
                  Column("出生日期", 11, "centre"), Column("身份证号", 20), Column("联系电话", 15),
                  Column("住址", 24), Column("网格", 11), Column("类别", 5, "centre"), Column("特殊人群", 15),
                  Column("状态", 6, "centre"))
# the font each column is drawn in alone; a cell needing another font becomes a RunsLine
COLUMN_FONTS: Final = (FONT_LATIN, FONT, FONT, FONT_LATIN, FONT_LATIN, FONT_LATIN, FONT, FONT, FONT, FONT, FONT)
_PAD: Final = 3.0
_PAD_V: Final = 2.2

_ROWS_SQL = """
SELECT r.rowid, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.residence_type, r.status,
       b.address, u.number, h.room, g.name
FROM resident r
LEFT JOIN household h ON h.id = r.household_id
LEFT JOIN building b ON b.id = h.building_id
LEFT JOIN unit u ON u.id = h.unit_id
LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
WHERE r.rowid IN ({marks})
"""
_TAGS_SQL = """
SELECT r.rowid, t.name, t.sensitive
FROM resident r JOIN resident_tag rt ON rt.resident_id = r.id AND rt.deleted_at IS NULL
JOIN special_group_tag t ON t.code = rt.tag_code
WHERE r.rowid IN ({marks})
ORDER BY rt.created_at, t.code
"""


@dataclass(frozen=True)
class RosterLine:
    """One printed line (masked as the user's permission requires)."""

    name: str
    sex: str
    birth: str
    id_number: str
    phone: str
    address: str
    grid: str
    residence: str
    tags: str
    status: str


@dataclass(frozen=True)
class RosterResult:
    path: Path
    pages: int
    rows: int
    stamp: ReportStamp


def roster_filter(session: Session, user: CurrentUser, f: ResidentFilter) -> ResidentFilter:
    """The filter as it will run: the user's community, as on the residents page (a street's
    staff, of no community, see the whole street); for a grid worker, their own grid (chosen
    for them when they answer for just one). PermissionError otherwise."""
    if not user.can(roles.RESIDENT_VIEW):
        raise PermissionError(NO_PERMISSION)
    f = replace(f, community_code=user.community_code)
    if sees_everyone(user):
        return f
    own = own_grid_ids(session, user)
    if f.grid_cell_id is None and len(own) == 1:
        return replace(f, grid_cell_id=own[0])
    if f.grid_cell_id not in own:
        raise PermissionError(PICK_YOUR_GRID)
    return f


def short_grid(name: str | None, community: str) -> str:
    """湛山社区第一网格 → 第一网格 in a community's roster; 秀湛路社区第三网格 → 秀湛路第三网格 in a
    street's, where the community still matters."""
    if not name:
        return ""
    if community and name.startswith(community) and len(name) > len(community):
        return name[len(community):]
    return name.replace("社区", "", 1) if len(name) > 6 else name


def office_name(session: Session, community_code: str | None) -> str:
    """The issuing office: the community, or the street for staff of the whole street."""
    if community_code is not None:
        return community_name(session, community_code)
    street = session.scalar(select(Division.name).where(Division.level == "street", Division.deleted_at.is_(None))
                            .order_by(Division.code).limit(1))
    return street or community_name(session, None)


def roster_lines(session: Session, rowids: Sequence[int], *, masked: bool, community: str = "") -> list[RosterLine]:
    """The lines of these residents, in the order of rowids (community: the name cut from grid names)."""
    if not rowids:
        return []
    conn = session.connection()
    marks = ", ".join("?" * len(rowids))
    tags: dict[int, list[str]] = {}
    hidden: set[int] = set()
    for rowid, tag, sensitive in conn.exec_driver_sql(_TAGS_SQL.format(marks=marks), tuple(rowids)):
        if masked and sensitive:
            hidden.add(rowid)
        else:
            tags.setdefault(rowid, []).append(tag)
    found: dict[int, RosterLine] = {}
    for (rowid, name, sex, birth, id_number, phone, residence, status, address, unit, room,
         grid) in conn.exec_driver_sql(_ROWS_SQL.format(marks=marks), tuple(rowids)):
        shown = tags.get(rowid, []) + ([HIDDEN_TAGS] if rowid in hidden else [])
        found[rowid] = RosterLine(
            name=name, sex=SEX_NAMES.get(sex, sex or ""), birth=birth or "",
            id_number=mask_id_number(id_number) if masked else (id_number or ""),
            phone=mask_phone(phone) if masked else (phone or ""),
            address=address_text(address, unit, room) if address else "", grid=short_grid(grid, community),
            residence=RESIDENCE_TYPE_NAMES.get(residence, residence or ""), tags="、".join(shown),
            status=STATUS_NAMES.get(status, status or ""))
    return [found[r] for r in rowids if r in found]


# layout ---------------------------------------------------------------------------------------
def column_widths(total: float = FRAME_WIDTH) -> list[float]:
    shares = sum(c.width for c in COLUMNS)
    return [total * c.width / shares for c in COLUMNS]


WIDTHS: Final = column_widths()


def _cell(text: str, width: float, font: str) -> object:
    text = fit(text, width - 2 * _PAD, TABLE_SIZE)
    return text if not text or single_font(text) == font else RunsLine(text)


def header_table() -> LongTable:
    table = LongTable([[Paragraph(markup(c.title), STYLES.table_head) for c in COLUMNS]], colWidths=WIDTHS)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE), ("BACKGROUND", (0, 0), (-1, -1), HEAD_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_LINE), ("LINEABOVE", (0, 0), (-1, 0), 1.0, SLATE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), _PAD_V),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_V), ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD)]))
    return table


def draw_heading(c: Canvas, x: float, top: float) -> float:
    """The column headings at the top of a page (the page template calls it)."""
    table = header_table()
    _w, height = table.wrapOn(c, FRAME_WIDTH, 100)
    table.drawOn(c, x, top - height)
    return height


def _body_style(rows: int) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_LINE), ("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, ZEBRA_FILL]),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_V), ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_V),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD)]
    for i, (column, font) in enumerate(zip(COLUMNS, COLUMN_FONTS, strict=True)):
        if font != FONT:
            commands.append(("FONT", (i, 0), (i, -1), font, TABLE_SIZE))
        if column.align != "left":
            commands.append(("ALIGN", (i, 0), (i, -1), "RIGHT" if column.align == "right" else "CENTER"))
    return TableStyle(commands)


def body_table(lines: Sequence[RosterLine], first_number: int) -> LongTable:
    """A chunk of the roster without headings (the page draws them): rows split freely
    across pages, chunks follow each other seamlessly. CHUNK is even, so zebra stripes
    run on across chunks."""
    data = [[_cell(str(first_number + i), WIDTHS[0], FONT_LATIN),
             *(_cell(v, w, font) for v, w, font in zip(
                 (line.name, line.sex, line.birth, line.id_number, line.phone, line.address, line.grid,
                  line.residence, line.tags, line.status), WIDTHS[1:], COLUMN_FONTS[1:], strict=True))]
            for i, line in enumerate(lines)]
    table = LongTable(data, colWidths=WIDTHS, rowHeights=[ROW_HEIGHT] * len(data), splitByRow=1)
    table.setStyle(_body_style(len(data)))
    return table


def describe(f: ResidentFilter, names: dict[str, str]) -> str:
    """The filter in words for the title block (names: ids and codes → names). The search
    words are not repeated: they may be a person's name, and the title is audited."""
    parts = [names.get(f.grid_cell_id or "", "") if f.grid_cell_id else "全部网格"]
    if f.building_id:
        parts.append(names.get(f.building_id, "指定楼栋"))
    if f.tag_code:
        parts.append(names.get(f.tag_code, f.tag_code))
    if f.age_min is not None or f.age_max is not None:
        parts.append(f"{f.age_min or 0}岁及以上" if f.age_max is None else f"{f.age_min or 0}–{f.age_max}岁")
    if f.residence_type:
        parts.append(RESIDENCE_TYPE_NAMES.get(f.residence_type, f.residence_type) + "人口")
    parts.append(STATUS_NAMES.get(f.status, f.status) + "居民" if f.status else "全部状态居民")
    if f.text.strip():
        parts.append("按关键词检索")
    return "　".join(p for p in parts if p)


def _names(session: Session, f: ResidentFilter) -> dict[str, str]:
    conn = session.connection()
    out: dict[str, str] = {}
    if f.grid_cell_id:
        out.update(conn.exec_driver_sql("SELECT id, name FROM grid_cell WHERE id = ?", (f.grid_cell_id,)).fetchall())
    if f.building_id:
        out.update((i, address_text(a, None, None)) for i, a in conn.exec_driver_sql(
            "SELECT id, address FROM building WHERE id = ?", (f.building_id,)))
    if f.tag_code:
        out.update(conn.exec_driver_sql("SELECT code, name FROM special_group_tag WHERE code = ?",
                                        (f.tag_code,)).fetchall())
    return out


def _chunks(session: Session, rowids: list[int], masked: bool, community: str, control: BuildControl
            ) -> Iterator[Flowable]:
    total = len(rowids)
    for start in range(0, total, CHUNK):
        control.step(start / total, f"正在排版第 {start + 1:,} 至 {min(start + CHUNK, total):,} 人…")
        lines = roster_lines(session, rowids[start:start + CHUNK], masked=masked, community=community)
        if start + CHUNK < total:
            yield body_table(lines, start + 1)
            continue
        # the signatures never stand alone under a page of headings: the last rows go with them
        # (an even number of rows before, so the zebra stripes run on)
        cut = max(0, len(lines) - (3 if len(lines) % 2 else 4))
        if cut:
            yield body_table(lines[:cut], start + 1)
        control.step(1.0, "正在写入文件…")
        yield KeepTogether([body_table(lines[cut:], start + cut + 1), signature_block(SIGNATURES)])


def build_roster(session: Session, user: CurrentUser, f: ResidentFilter, out: Path, *, sort: str = "address",
                 now: datetime | None = None, control: BuildControl = NO_CONTROL) -> RosterResult:
    """Write the roster of the residents `f` finds (in `sort` order) to `out` (a PDF).
    PermissionError when not allowed; ReportCancelled on cancel (no file is left then)."""
    now = now or utcnow()
    if sort not in ROSTER_SORTS:
        raise ValueError(f"unknown sort {sort!r}; one of {ROSTER_SORTS}")
    f = roster_filter(session, user, f)
    masked = not user.can(roles.PII_EXPORT)
    control.step(0, "正在查询居民…")
    rowids = find_residents(session, f, sort=sort)
    community = office_name(session, f.community_code)
    names = {key: short_grid(name, community) for key, name in _names(session, f).items()}
    scope = describe(f, names)
    meta = ReportMeta(title=TITLE, community_name=community, period_text="",
                      generated_at=now, generated_by=user.display_name, scope_text=f"{scope}　共 {len(rowids):,} 人")
    note = ("身份证号、联系电话已按规定脱敏，敏感特殊人群标签已隐藏。" if masked else
            "本名册含完整身份证号和联系电话，打印、保存均已记入审计日志，请妥善保管，用后及时销毁。")
    head: list[Flowable] = [Paragraph(markup(note), STYLES.note), Spacer(1, 1.5 * mm)]
    if rowids:
        head.append(header_table())
        rest = _chunks(session, rowids, masked, community, control.sub(0.02, 1.0))
    else:
        head.append(empty_note("没有符合条件的居民。"))
        rest = iter([signature_block(SIGNATURES)])
    heading_height = header_table().wrap(FRAME_WIDTH, 100)[1]
    built = build_long_pdf(meta, head, rest, out, heading=draw_heading if rowids else None,
                           heading_height=heading_height if rowids else 0, control=control)
    stamp = ReportStamp(kind=KIND, title=TITLE, scope_text=scope, period_text="", pages=built.pages,
                        personal=True, masked=masked, rows=len(rowids))
    return RosterResult(out, built.pages, len(rowids), stamp)
