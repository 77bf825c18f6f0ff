"""The sheet reader's shortcuts give what openpyxl gives: plain shared strings (<si><t>…</t></si>,
as Excel writes them) read without the general pattern, rows found with str.find, and cell
layouts and date conversions remembered per column."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from community_app.core.importing.reading import open_table
from community_app.core.importing.sheetxml import shared_strings
from tests.core.importing.openpyxl_reference import openpyxl_rows
from tests.core.importing.xlsx_like import write_raw_xlsx

# given as XML, so written exactly so: <si><t>…</t></si>, Excel's plain form
PLAIN_SHARED = ["<t>姓名</t>", "<t>a &amp; b &lt;c&gt; &quot;d&quot;</t>", "<t></t>", "<t/>",
                "<t>_x005F_x000D_ 转义</t>", "<t>&#x4E2D;&#25991;</t>", "<t>王秀兰</t>",
                '<t xml:space="preserve"> 前后 </t>', "<r><t>富</t></r><r><t>文本</t></r>"]
SHEET = (
    '<row><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    '<row r="2" spans="1:4"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c>'
    '<c r="D2" s="1"><v>29221</v></c></row>'
    '<row r="3" />'
    '<row r="4"><c r="A4" t="s"><v>6</v></c><c r="B4" t="s"><v>7</v></c><c r="C4" t="s"><v>8</v></c>'
    '<c r="D4" s="4"><v>29221</v></c><c r="E4" s="1"><v>29221</v></c><c r="F4" s="4"><v>1.5</v></c></row>'
    '<row r="6"><c r="B6" s="1"/><c r="D6" s="1"><v>29221</v></c><c r="F6" s="4"><v>1.5</v></c></row>'
)


def test_plain_shared_strings_and_rows_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "plain.xlsx", SHEET, PLAIN_SHARED)
    with open_table(path) as table:
        ours = [values for _number, values in table.rows()]
        assert table._fallback is None  # type: ignore[attr-defined]  # read by sheetxml, openpyxl not needed
    expected = openpyxl_rows(path)
    assert ours == expected
    assert expected[1][:3] == ("", "_x000D_ 转义", "中文") and expected[0][1] == 'a & b <c> "d"'
    assert expected[3][:3] == ("王秀兰", " 前后 ", "富文本")
    # one serial, three styles: a date and a duration are told apart although remembered
    assert expected[3][3:6] == (timedelta(days=29221), datetime(1980, 1, 1), timedelta(days=1.5))
    assert expected[5][3] == datetime(1980, 1, 1) and expected[2] == ()


def test_shared_strings_plain_and_rich_items_in_order() -> None:
    xml = ('<sst><si><t>a&amp;b</t></si><si/><si><t/></si><si><t></t></si><si><r><t>x</t></r><r><t>y</t></r></si>'
           '<si><t xml:space="preserve"> sp </t></si><si><t>_x005F_x000D_</t></si>'
           '<si><t>赵</t><rPh sb="0" eb="1"><t>ZHAO</t></rPh><phoneticPr fontId="1"/></si></sst>')
    assert shared_strings(xml) == ["a&b", "", "", "", "xy", " sp ", "_x000D_", "赵"]
