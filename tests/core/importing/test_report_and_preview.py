"""The report as a file, and what the wizard shows before importing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.auth import CurrentUser
from community_app.core.importing import analyse, preview, run_import, save_report
from db.models import Resident
from tests.core.importing.conftest import COMMUNITY, WANG, Places

TODAY = date(2026, 11, 24)


def test_report_saved_as_xlsx(community: Session, places: Places, supervisor: CurrentUser, messy_xlsx: Path,
                              tmp_path: Path) -> None:
    report = run_import(community, supervisor, messy_xlsx, analyse(messy_xlsx).layout, today=TODAY)
    path = save_report(report, tmp_path / "导入报告.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["概况", "问题明细"]
    details = [tuple(r) for r in wb["问题明细"].iter_rows(values_only=True)]
    assert details[0] == ("行号", "列", "内容", "类别", "原因")
    assert [(r[0], r[3]) for r in details[1:]] == [(p.row, "错误" if p.severity == "error" else "提醒")
                                                   for p in report.problems]
    row13 = next(r for r in details if r[0] == 13)
    assert row13[1] == "身份证号码" and row13[2] == "370***********0224" and "第5行" in row13[4]
    assert WANG not in repr(details)  # ID numbers are masked in the report
    summary = {r[0]: r[1] for r in wb["概况"].iter_rows(values_only=True) if r[0]}
    assert summary["文件"] == messy_xlsx.name and summary["方式"] == "只导入有效的行"
    assert "已新增 6 人，更新 1 人" in summary["结果"]
    assert summary["自动修正"] == "4 处"


def test_analysis_suggests_the_mapping_with_masked_samples(messy_xlsx: Path) -> None:
    analysis = analyse(messy_xlsx)
    assert (analysis.kind, analysis.sheet, analysis.sheet_names) == ("xlsx", "居民信息", ("居民信息",))
    layout = analysis.layout
    assert (layout.header_first_row, layout.header_last_row) == (3, 4)
    assert [c.field for c in layout.columns] == [None, "name", "sex", "id_number", "phone", "building", "unit", "room",
                                                 "relation_to_head", "residence_type", "tags", "birth_date", "notes"]
    samples = dict(zip([c.field for c in layout.columns], analysis.samples, strict=True))
    assert samples["id_number"] == ("370***********0224", "3.7*************E+17", "3.7****E+17")
    assert samples["name"] == ("王秀兰", "张伟", "张伟")


def test_preview_checks_the_first_rows_and_writes_nothing(community: Session, places: Places,
                                                          messy_xlsx: Path) -> None:
    layout = analyse(messy_xlsx).layout
    before = community.scalar(select(func.count()).select_from(Resident))
    shown = preview(community, messy_xlsx, layout, COMMUNITY, count=6, today=TODAY)
    assert [r.row for r in shown.rows] == [5, 6, 7, 8, 9, 10]
    assert [r.ok for r in shown.rows] == [True, False, False, False, False, True]
    assert shown.rows[1].error_columns(layout) == {3}  # the ID number's cell is painted
    assert shown.rows[0].values[3] == "370***********0224"  # masked on screen too
    assert shown.rows[5].values[1] == " 赵  敏\n"  # as the file has it; the import cleans it
    assert community.scalar(select(func.count()).select_from(Resident)) == before
