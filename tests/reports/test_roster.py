"""居民花名册 from the demo data: the residents read back from the PDF are those an
independent sqlite3 query finds, the column headings repeat on every page, ID numbers and
phones stay masked unless the user may print personal data, rare name characters print, a
grid worker gets only their own grid, and a long list is made a chunk at a time."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from community_app.core.resident_query import ResidentFilter
from community_app.reports.document import ReportMeta
from community_app.reports.long_document import build_long_pdf
from community_app.reports.progress import BuildControl, ReportCancelled
from community_app.reports.roster import HIDDEN_TAGS, RosterResult, build_roster
from db.engine import make_engine
from tests.reports.pdf_text import page_count, pdf_fonts, pdf_pages_text, pdf_text, squeeze
from tests.reports.test_dossier import user_of

HEADINGS = ("序号", "姓名", "性别", "出生日期", "身份证号", "联系电话", "住址", "网格", "特殊人群", "状态")
FULL_ID = re.compile(r"(?<![\d*])\d{17}[\dX](?![\d*])")
FULL_MOBILE = re.compile(r"(?<![\d*])1[3-9]\d{9}(?![\d*])")


def roster(path: Path, username: str, f: ResidentFilter, out: Path, now: datetime, **kw: object) -> RosterResult:
    engine = make_engine(path)
    try:
        with Session(engine) as session:
            return build_roster(session, user_of(session, username), f, out, now=now, **kw)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def grid_of(path: Path, username: str) -> tuple[str, str]:
    """(id, name) of the first grid cell the worker answers for."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT g.id, g.name FROM grid_cell g JOIN staff_user s ON s.id = g.responsible_staff_id "
                            "WHERE s.username = ? ORDER BY g.code LIMIT 1", (username,)).fetchone()


def residents_of_grid(path: Path, grid_id: str) -> list[tuple[str, str | None, str | None]]:
    """(name, id number, phone) of the grid's live, active residents — the independent answer."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT name, id_number, phone FROM resident WHERE grid_cell_id = ? "
                            "AND status = 'active' AND deleted_at IS NULL", (grid_id,)).fetchall()


@pytest.fixture(scope="module")
def grid_roster(report_demo: Path, report_now: datetime, tmp_path_factory: pytest.TempPathFactory) -> RosterResult:
    grid_id, _name = grid_of(report_demo, "wangli")
    out = tmp_path_factory.mktemp("roster") / "grid.pdf"
    return roster(report_demo, "chenjing", ResidentFilter(grid_cell_id=grid_id), out, report_now)


def test_the_residents_printed_are_those_the_database_holds(grid_roster: RosterResult, report_demo: Path) -> None:
    grid_id, grid_name = grid_of(report_demo, "wangli")
    expected = residents_of_grid(report_demo, grid_id)
    assert len(expected) > 60, "the grid needs a few pages of residents"
    text = pdf_text(grid_roster.path)
    assert grid_roster.rows == len(expected)
    assert f"共{len(expected):,}人" in text
    # one line per resident, numbered 1…N in order, with the names the database holds
    rows = [m.groups() for page in pdf_pages_text(grid_roster.path) for line in page.splitlines()
            if (m := re.match(r"\s*(\d+)\s+(\S+)\s+[男女]\s", line))]
    assert [int(n) for n, _name in rows] == list(range(1, len(expected) + 1))
    assert sorted(name for _n, name in rows) == sorted(name for name, _i, _p in expected)
    masked = [f"{i[:3]}{'*' * (len(i) - 7)}{i[-4:]}" for _n, i, _p in expected if i]
    for value in set(masked):
        assert text.count(value) >= masked.count(value)
    short = grid_name.replace("湛山社区", "")
    assert text.count(short) >= len(expected)


def test_headings_repeat_on_every_page_with_page_numbers(grid_roster: RosterResult) -> None:
    pages = pdf_pages_text(grid_roster.path)
    assert len(pages) == grid_roster.pages == page_count(grid_roster.path) > 2
    for n, page in enumerate(pages, 1):
        flat = squeeze(page)
        assert all(heading in flat for heading in HEADINGS), f"page {n} has no column headings"
        assert f"第{n}页共{len(pages)}页" in flat
    assert "居民花名册" in squeeze(pages[0]) and "制表人" in squeeze(pages[-1])


def test_masked_stays_masked(grid_roster: RosterResult, report_demo: Path) -> None:
    text = pdf_text(grid_roster.path)
    assert not FULL_ID.search(text) and not FULL_MOBILE.search(text)
    with sqlite3.connect(report_demo) as conn:
        sensitive = [n for (n,) in conn.execute("SELECT name FROM special_group_tag WHERE sensitive = 1")]
    assert not any(name in text for name in sensitive)
    assert HIDDEN_TAGS in text and "已按规定脱敏" in text
    assert grid_roster.stamp.masked and grid_roster.stamp.personal


def test_who_may_print_personal_data_gets_it_in_full(report_demo: Path, report_now: datetime, tmp_path: Path) -> None:
    grid_id, _name = grid_of(report_demo, "wangli")
    result = roster(report_demo, "admin", ResidentFilter(grid_cell_id=grid_id), tmp_path / "full.pdf", report_now)
    text = pdf_text(result.path)
    some_id = next(i for _n, i, _p in residents_of_grid(report_demo, grid_id) if i)
    assert some_id in text and not result.stamp.masked


def test_fonts_embedded_and_rare_characters_print(report_demo_copy: Path, report_now: datetime,
                                                  tmp_path: Path) -> None:
    grid_id, _name = grid_of(report_demo_copy, "wangli")
    with sqlite3.connect(report_demo_copy) as conn:
        conn.execute("UPDATE resident SET name = '李䶮𠮷' WHERE id = (SELECT id FROM resident WHERE grid_cell_id = ? "
                     "AND status = 'active' ORDER BY id LIMIT 1)", (grid_id,))
    result = roster(report_demo_copy, "chenjing", ResidentFilter(grid_cell_id=grid_id), tmp_path / "r.pdf", report_now)
    assert "李䶮𠮷" in pdf_text(result.path)
    fonts = pdf_fonts(result.path)
    assert all(emb == "yes" for emb in fonts.values()) and "HanaMinB" in fonts, fonts


def test_filters_are_those_of_the_residents_page(report_demo: Path, report_now: datetime, tmp_path: Path) -> None:
    with sqlite3.connect(report_demo) as conn:
        tag, tag_name = conn.execute("SELECT code, name FROM special_group_tag WHERE sensitive = 0").fetchone()
        expected = conn.execute("SELECT count(*) FROM resident r WHERE r.deleted_at IS NULL AND r.status = 'active' "
                                "AND r.id IN (SELECT resident_id FROM resident_tag WHERE tag_code = ? "
                                "AND deleted_at IS NULL)", (tag,)).fetchone()[0]
    result = roster(report_demo, "chenjing", ResidentFilter(tag_code=tag), tmp_path / "tag.pdf", report_now,
                    sort="name")
    text = pdf_text(result.path)
    assert result.rows == expected > 0 and f"{tag_name}" in text and f"共{expected:,}人" in text
    assert text.count(tag_name) >= expected  # each row shows the (not sensitive) tag


def test_a_grid_worker_gets_only_their_own_grid(report_demo: Path, report_now: datetime, tmp_path: Path) -> None:
    grid_id, _name = grid_of(report_demo, "wangli")
    with sqlite3.connect(report_demo) as conn:
        other = conn.execute("SELECT g.id FROM grid_cell g JOIN staff_user s ON s.id = g.responsible_staff_id "
                             "WHERE s.username != 'wangli' LIMIT 1").fetchone()[0]
        worker_cells = conn.execute("SELECT count(*) FROM grid_cell g JOIN staff_user s "
                                    "ON s.id = g.responsible_staff_id WHERE s.username = 'wangli'").fetchone()[0]
    with pytest.raises(PermissionError, match="负责网格"):
        roster(report_demo, "wangli", ResidentFilter(grid_cell_id=other), tmp_path / "other.pdf", report_now)
    if worker_cells == 1:  # one grid: it is chosen for them
        result = roster(report_demo, "wangli", ResidentFilter(), tmp_path / "own.pdf", report_now)
        assert result.rows == len(residents_of_grid(report_demo, grid_id))


def test_cancel_leaves_no_file(report_demo: Path, report_now: datetime, tmp_path: Path) -> None:
    asked: list[str] = []

    def cancelled() -> bool:
        return len(asked) > 2

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(ReportCancelled):
        roster(report_demo, "chenjing", ResidentFilter(), out, report_now,
               control=BuildControl(progress=lambda _f, text: asked.append(text), cancelled=cancelled))
    assert not out.exists() and not list(tmp_path.iterdir())


class _Row(Flowable):
    """A line that records when layout draws it."""

    def __init__(self, n: int, log: list[tuple[str, int]]) -> None:
        super().__init__()
        self.n, self.log = n, log

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 40

    def draw(self) -> None:
        self.log.append(("drawn", self.n))


def test_a_long_list_is_made_as_layout_reaches_it(tmp_path: Path, report_now: datetime) -> None:
    """The rows of a 200,000-line roster are never all in memory: the story asks its generator
    for the next flowables only as layout draws the ones before (here: at most a few ahead)."""
    log: list[tuple[str, int]] = []

    def rows() -> object:
        for n in range(600):
            log.append(("made", n))
            yield _Row(n, log)

    meta = ReportMeta("测试", "湛山社区", "", report_now, "陈静")
    result = build_long_pdf(meta, [], rows(), tmp_path / "long.pdf")  # type: ignore[arg-type]
    assert result.pages == page_count(tmp_path / "long.pdf") > 40
    made = drawn = ahead = 0
    for event, _n in log:
        made += event == "made"
        drawn += event == "drawn"
        ahead = max(ahead, made - drawn)
    assert drawn == made == 600 and ahead <= 20
