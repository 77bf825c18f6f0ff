"""The shared report frame: fonts and fallback, long tables across pages, page numbers,
title block, landscape pages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Paragraph

from community_app.reports.document import ReportMeta, build_pdf, heading, period_text
from community_app.reports.fonts import FONT, FONT_EXT_B, FONT_LATIN, fit, markup, runs, text_width
from community_app.reports.styles import STYLES, section_number
from community_app.reports.tables import Column, data_table, signature_block
from tests.reports.pdf_text import page_count, pdf_fonts, pdf_pages_text, squeeze

META = ReportMeta("测试报告", "湛山社区", "2026年10月1日至10月31日", datetime(2026, 11, 2, 1, 30, tzinfo=UTC), "陈静",
                  scope_text="全社区")
COLUMNS = (Column("序号", 10, "right"), Column("姓名", 20), Column("网格", 30), Column("说明", 60))


def _rows(n: int) -> list[list[object]]:
    return [[i, f"居民{i:04d}", "第三网格", f"第{i}行的说明"] for i in range(1, n + 1)]


def test_runs_split_by_the_first_font_with_the_glyph() -> None:
    assert runs("张三") == ((FONT, "张三"),)
    assert runs("2026") == ((FONT_LATIN, "2026"),)
    assert runs("3号楼") == ((FONT_LATIN, "3"), (FONT, "号楼"))
    assert runs("吉𠮷") == ((FONT, "吉"), (FONT_EXT_B, "𠮷"))
    assert runs("李䶮") == ((FONT, "李䶮"),)  # Extension A is in the main font


def test_markup_escapes_and_wraps_other_fonts() -> None:
    assert markup("A&B<1>") == f'<font name="{FONT_LATIN}">A&amp;B&lt;1&gt;</font>'
    assert markup("王𠮷") == f'王<font name="{FONT_EXT_B}">𠮷</font>'


def test_fit_cuts_with_an_ellipsis_only_when_needed() -> None:
    assert fit("第三网格", 100, 9) == "第三网格"
    cut = fit("湛山社区第八十八网格的很长的名字", 60, 9)
    assert cut.endswith("…") and text_width(cut, 9) <= 60


def test_long_table_splits_with_the_header_row_on_every_page(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    report = build_pdf(META, [heading(1, "名单"), data_table(COLUMNS, _rows(300)), signature_block()])
    report.save(out)
    pages = pdf_pages_text(out)
    total = page_count(out)
    assert total == report.pages and total >= 5
    for number, page in enumerate(pages, 1):
        text = squeeze(page)
        assert f"第{number}页共{total}页" in text
        if number < total:  # the last page may hold only the signatures
            assert "序号姓名网格说明" in text, f"header row missing on page {number}"
    everything = squeeze("".join(pages))
    for i in (1, 150, 300):  # every row printed once
        assert everything.count(f"{i}居民{i:04d}第三网格第{i}行的说明") == 1
    assert "填报人" in squeeze(pages[-1]) and "审核人" in squeeze(pages[-1])
    assert "湛山社区测试报告" in squeeze(pages[1])  # running header from page 2


def test_title_block_shows_office_period_and_who_in_beijing_time(tmp_path: Path) -> None:
    out = tmp_path / "title.pdf"
    build_pdf(META, [Paragraph(markup("正文"), STYLES.body)]).save(out)
    first = squeeze(pdf_pages_text(out)[0])
    assert "湛山社区" in first and "测试报告" in first
    assert "全社区统计期间：2026年10月1日至10月31日" in first
    assert "生成时间：2026年11月02日09:30（北京时间）生成人：陈静" in first
    assert "第1页共1页" in first
    assert "内部资料注意保密" in first


def test_landscape_page_and_no_period(tmp_path: Path) -> None:
    from dataclasses import replace

    from pypdf import PdfReader

    out = tmp_path / "wide.pdf"
    meta = replace(META, period_text="")
    build_pdf(meta, [data_table(COLUMNS, _rows(20), width=landscape(A4)[0] - 40 * 2.83465)],
              pagesize=landscape(A4)).save(out)
    box = PdfReader(str(out)).pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = squeeze(pdf_pages_text(out)[0])
    assert "统计期间" not in text and "第1页共1页" in text


def test_every_font_in_a_pdf_is_embedded(tmp_path: Path) -> None:
    out = tmp_path / "fonts.pdf"
    build_pdf(META, [data_table(COLUMNS, [[1, "吉𠮷", "第一网格", "ABC 123"]])]).save(out)
    fonts = pdf_fonts(out)
    assert set(fonts) == {"DroidSansFallback", "BitstreamVeraSans-Roman", "HanaMinB"}
    assert set(fonts.values()) == {"yes"}
    assert "吉𠮷" in squeeze("".join(pdf_pages_text(out)))


def test_helpers() -> None:
    assert section_number(1) == "一、" and section_number(10) == "十、" and section_number(12) == "十二、"
    assert section_number(21) == "二十一、"
    from datetime import date

    assert period_text(date(2026, 10, 1), date(2026, 10, 31)) == "2026年10月1日至10月31日"
    assert period_text(date(2025, 12, 1), date(2026, 1, 31)) == "2025年12月1日至2026年1月31日"
