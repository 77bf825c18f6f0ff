"""The per-row report of an import: row, column, value, reason — and its .xlsx form.

Row numbers are the ones Excel shows at the left of the sheet. Values of ID numbers and
phones are masked (the report is a file that travels); special-group tags are shown only
when a tag was not recognised, as the unknown word itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

from community_app.core.importing.cells import FIX_NAMES
from community_app.core.importing.headers import FIELD_LABELS
from community_app.core.masking import mask_id_number, mask_phone

ERROR: Final = "error"
WARNING: Final = "warning"
MASKED_FIELDS: Final = {"id_number": mask_id_number, "phone": mask_phone}
SEVERITY_NAMES: Final = {ERROR: "错误", WARNING: "提醒"}


def cell_text(value: object) -> str:
    """A cell as text, the way Excel shows it: dates as dates, big floats as 3.70202198001011E+17."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.15g}".upper()
    return value if isinstance(value, str) else str(value)


def masked_value(field_name: str | None, value: object) -> str:
    """The value as the report shows it: ID numbers and phones masked."""
    text = cell_text(value)
    if not text:
        return ""
    masker = MASKED_FIELDS.get(field_name or "")
    return masker(text) if masker else text


@dataclass(frozen=True)  # not slotted: sent between processes, and slotted dataclasses unpickle slowly
class RowProblem:
    row: int  # as Excel shows it
    column: str  # the column's header in the file ("" when the problem is the whole row's)
    field: str | None
    value: str  # already masked
    code: str
    message: str  # Chinese: what is wrong and what to do
    severity: str = ERROR


def make_problem(headers: dict[str, str], row: int, field: str | None, raw: object, code: str, message: str,
                 severity: str = ERROR) -> RowProblem:
    """A problem of a row's cell: the column as the file names it, the value masked. Tags
    are not repeated (a tag problem names the unknown word itself)."""
    column = headers.get(field, FIELD_LABELS.get(field, "")) if field else ""
    return RowProblem(row, column, field, masked_value(field, raw) if field != "tags" else "", code, message,
                      severity)


@dataclass
class ImportReport:
    """What the import found and did. Counts are of data rows (empty lines excluded)."""

    file_name: str
    sheet: str
    mode: str  # "all_or_nothing" / "valid_only"
    rows_total: int = 0
    empty_rows: int = 0
    rows_valid: int = 0
    rows_invalid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    households_created: int = 0
    fixes: Counter[int] = field(default_factory=Counter)  # FIX_* flag -> cells
    problems: list[RowProblem] = field(default_factory=list)
    committed: bool = False  # False: nothing was written (errors in all-or-nothing, or cancelled)
    cancelled: bool = False

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity != ERROR]

    @property
    def fixes_total(self) -> int:
        return sum(self.fixes.values())

    def fix_lines(self) -> list[str]:
        """「全角字符改为半角：12 处」 for every kind of fix made."""
        return [f"{FIX_NAMES[flag]}：{count} 处" for flag, count in sorted(self.fixes.items()) if count]

    def summary(self) -> str:
        """One paragraph in Chinese: what happened to the file."""
        if self.cancelled:
            return "导入已取消，数据库没有任何改动。"
        head = f"共 {self.rows_total} 行数据（另有 {self.empty_rows} 个空行已跳过），其中 {self.rows_valid} 行有效"
        head += f"、{self.rows_invalid} 行有错误。" if self.rows_invalid else "。"
        if not self.committed:
            return head + "按“全部有效才导入”的要求，本次没有导入任何数据；请按报告改正后重新导入。"
        done = f"已新增 {self.created} 人，更新 {self.updated} 人，{self.unchanged} 人信息无变化"
        if self.households_created:
            done += f"，新建 {self.households_created} 户房屋"
        skipped = f"；{self.rows_invalid} 行有错误未导入，详见报告" if self.rows_invalid else ""
        return head + done + skipped + "。"


REPORT_HEADERS: Final = ("行号", "列", "内容", "类别", "原因")


def save_report(report: ImportReport, path: Path | str) -> Path:
    """Write the report as .xlsx: a summary sheet and one row per problem."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "问题明细"
    ws.append(REPORT_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for p in sorted(report.problems, key=lambda p: (p.row, p.severity != ERROR)):
        ws.append([p.row, p.column, p.value, SEVERITY_NAMES.get(p.severity, p.severity), p.message])
    for letter, width in zip("ABCDE", (8, 18, 24, 8, 90), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in row:
            cell.number_format = "@"  # values stay text, never become numbers again
    ws.freeze_panes = "A2"
    summary = wb.create_sheet("概况", 0)
    lines = [("文件", report.file_name), ("工作表", report.sheet),
             ("方式", "全部有效才导入" if report.mode == "all_or_nothing" else "只导入有效的行"),
             ("结果", report.summary()), ("错误", f"{len(report.errors)} 处"), ("提醒", f"{len(report.warnings)} 处"),
             ("自动修正", f"{report.fixes_total} 处"), *(("", line) for line in report.fix_lines())]
    for label, text in lines:
        summary.append([label, text])
    summary.column_dimensions["A"].width = 12
    summary.column_dimensions["B"].width = 100
    for row in summary.iter_rows():
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
    return path
