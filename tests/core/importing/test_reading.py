"""Reading .xlsx and .csv: our sheet reader gives exactly what openpyxl's read-only mode
gives; CSV encodings and delimiters are detected; unreadable files say what to do."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from community_app.core.importing.reading import FileReadError, MergedRange, open_table
from tests.core.importing.conftest import write_csv, write_xlsx
from tests.core.importing.openpyxl_reference import openpyxl_rows
from tests.core.importing.xlsx_like import write_raw_xlsx


def _our_rows(path: Path) -> list[tuple[object, ...]]:
    with open_table(path) as table:
        rows = list(table.rows())
    assert [n for n, _ in rows] == list(range(1, len(rows) + 1))  # numbered as Excel shows them, gaps included
    return [v for _, v in rows]


SHARED = [
    "姓名", "王秀兰", "&lt;备注&gt; &amp; 说明", "  前后空格  ",
    '<r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve">文本 </t></r>',  # rich text
    '<t>赵敏</t><rPh sb="0" eb="2"><t>ZHAO MIN</t></rPh><phoneticPr fontId="1"/>',  # a phonetic guide
    "_x005F_x000D_ 转义", "", "&#x4E2D;&#25991;",
]
SHEET = (
    '<row r="1" spans="1:9"><c r="A1" t="s"><v>0</v></c><c r="C1" s="2" t="s"><v>2</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>42</v></c><c r="C2"><v>-1.5E-3</v></c>'
    '<c r="D2" s="1"><v>29221</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c>'
    '<c r="G2" t="str"><f>A2&amp;"!"</f><v>王秀兰!</v></c><c r="H2"><f>B2*2</f><v>84</v></c>'
    '<c r="I2" s="3"><v>0.5</v></c><c r="J2" s="4"><v>1.25</v></c></row>'
    '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="s"><v>5</v></c>'
    '<c r="D3" t="inlineStr"><is><t>行内</t></is></c><c r="E3" t="inlineStr"><is><r><t>富</t></r><r><t>行内</t></r>'
    '</is></c><c r="F3" t="d"><v>2026-11-24T08:30:00</v></c><c r="G3" t="s"><v>6</v></c><c r="H3" s="2"/></row>'
    '<row r="6"><c r="B6"><v>370202195003150224</v></c><c r="C6"><v>3.70202195003150E+17</v></c>'
    '<c r="D6" t="s"><v>7</v></c><c r="E6"><v></v></c><c r="F6" t="s"><v>8</v></c></row>'
    '<row r="7" spans="1:3"/>'
    '<row r="8"><c r="A8" t="inlineStr"><is><t>最后一行</t></is></c></row>'
)


@pytest.mark.parametrize("date1904", [False, True])
def test_excel_like_workbook_reads_as_openpyxl_reads_it(tmp_path: Path, date1904: bool) -> None:
    path = write_raw_xlsx(tmp_path / "excel.xlsx", SHEET, SHARED, date1904=date1904,
                          tail='<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>')
    expected = openpyxl_rows(path)
    assert _our_rows(path) == expected
    assert expected[1][3] == (datetime(1984, 1, 2) if date1904 else datetime(1980, 1, 1))  # the workbook's dates
    with open_table(path) as table:
        assert table.merged_ranges() == [MergedRange(1, 1, 1, 2)]
        assert table.estimated_rows() == 1  # what the (wrong) <dimension> says


def test_openpyxl_written_workbook_reads_the_same(tmp_path: Path) -> None:
    rows = [["姓名", "身份证号", "出生日期", "电话", "备注"],
            ["王秀兰", "370202195003150224", datetime(1950, 3, 15), 13812345678, "第一行\n第二行"],
            [None, 3.70202195003150e17, date(1980, 1, 1), "0532-83871234", True],
            [], [], ["", None, None, None, "  "]]
    path = write_xlsx(tmp_path / "openpyxl.xlsx", rows, merges=["A5:C5"])
    assert _our_rows(path) == openpyxl_rows(path)


def test_unusual_xml_is_read_on_by_openpyxl(tmp_path: Path) -> None:
    # a namespace prefix (some .NET exporters write x:row, x:c …)
    body = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c></x:row>' \
           '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c></x:row>'
    path = write_raw_xlsx(tmp_path / "prefixed.xlsx", body, ["王秀兰"], prefix="x")
    assert _our_rows(path) == openpyxl_rows(path) == [("姓名",), ("王秀兰",)]
    # a cell without its r attribute, in the second row
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c t="s"><v>0</v></c><c><v>2</v></c></row>'
    path = write_raw_xlsx(tmp_path / "no-r.xlsx", body, ["王秀兰"])
    assert _our_rows(path) == openpyxl_rows(path) == [("王秀兰",), ("王秀兰", 2)]


def test_sheets_and_the_active_one(tmp_path: Path) -> None:
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "说明"
    first.append(["本表用于登记居民"])
    data = wb.create_sheet("居民")
    data.append(["姓名"])
    hidden = wb.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    wb.active = 1
    wb.save(tmp_path / "sheets.xlsx")
    with open_table(tmp_path / "sheets.xlsx") as table:
        assert table.sheet_names == ["说明", "居民"] and table.sheet == "居民"
    with open_table(tmp_path / "sheets.xlsx", "说明") as table:
        assert [v for _, v in table.rows()] == [("本表用于登记居民",)]
    with pytest.raises(FileReadError) as refused:
        open_table(tmp_path / "sheets.xlsx", "隐藏")
    assert refused.value.code == "no_such_sheet"


@pytest.mark.parametrize(("encoding", "detected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
    ("utf-16", "utf-16"),
])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, detected: str) -> None:
    rare = "䶮" if encoding != "gbk" else "喆"  # GBK has no 䶮 (GB18030 has)
    rows = [["姓名", "住址", "备注"], ["王秀兰", "湛山三路2号", "独居，行动不便"], [rare, "", "多行\n备注"]]
    path = write_csv(tmp_path / "x.csv", rows, encoding=encoding)
    with open_table(path) as table:
        assert table.kind == "csv" and table.encoding == detected
        assert [v for _, v in table.rows()] == [("姓名", "住址", "备注"), ("王秀兰", "湛山三路2号", "独居，行动不便"),
                                                (rare, None, "多行\n备注")]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_delimiters_are_detected(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "x.csv", [["姓名", "性别"], ["张三", "男"], ["李四", "女"]], delimiter=delimiter)
    with open_table(path) as table:
        assert [v for _, v in table.rows()][1] == ("张三", "男")


def test_old_excel_and_damaged_files_say_what_to_do(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(FileReadError) as refused:
        open_table(xls)
    assert refused.value.code == "xls_not_supported" and "另存为" in refused.value.message
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(FileReadError) as refused:
        open_table(broken)
    assert refused.value.code == "xlsx_damaged"
    with pytest.raises(FileReadError) as refused:
        open_table(tmp_path / "missing.xlsx")
    assert refused.value.code == "file_unreadable"
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(FileReadError) as refused:
        open_table(other)
    assert refused.value.code == "unknown_format"
