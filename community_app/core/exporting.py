"""Exporting residents to .xlsx: the residents page passes the ids its filter shows.

ID numbers, phones and sensitive special-group tags are masked unless the user holds
PII_EXPORT. Rows are fetched 500 ids at a time and written with openpyxl's write-only
mode, so 200,000 residents need little memory; the file appears only when complete (a
temporary file is renamed). Every export is audited: who, when, how many rows, the
filter's description and whether it was masked — never personal data.

The columns carry the headers the import recognises, so an unmasked export can be
edited and imported back (rows then update, not duplicate).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from sqlalchemy.orm import Session

from community_app.core import audit, roles
from community_app.core.auth import CurrentUser
from community_app.core.masking import mask_id_number, mask_phone
from community_app.core.residents.inputs import RESIDENCE_TYPE_NAMES, SEX_NAMES, STATUS_NAMES
from community_app.core.residents.lookups import address_text

EXPORT_ACTION: Final = "export_residents"
HEADERS: Final = ("姓名", "性别", "出生日期", "身份证号", "联系电话", "民族", "人员类别", "楼栋", "单元", "房号",
                  "住址", "与户主关系", "网格", "特殊人群", "状态", "备注")
WIDTHS: Final = (10, 6, 12, 21, 15, 8, 9, 10, 6, 8, 40, 10, 12, 20, 8, 30)
HIDDEN_TAGS: Final = "（敏感标签已隐藏）"
CHUNK: Final = 500  # ids per query (SQLite's parameter limit is higher, but pages stay small)
NO_PERMISSION: Final = "您的账号没有查看居民档案的权限，不能导出。"

_ROWS_SQL = """
SELECT r.id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.ethnicity, r.residence_type, b.name, u.number,
       h.room, b.address, r.relation_to_head, g.name, r.status, r.notes
FROM resident r
LEFT JOIN household h ON h.id = r.household_id
LEFT JOIN building b ON b.id = h.building_id
LEFT JOIN unit u ON u.id = h.unit_id
LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
WHERE r.deleted_at IS NULL AND r.id IN ({marks})
"""
_TAGS_SQL = """
SELECT t.resident_id, g.name, g.sensitive
FROM resident_tag t JOIN special_group_tag g ON g.code = t.tag_code
WHERE t.deleted_at IS NULL AND t.resident_id IN ({marks})
ORDER BY t.created_at
"""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int  # residents written
    masked: bool
    cancelled: bool = False


def _tags(session: Session, ids: Sequence[str], masked: bool) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    hidden: set[str] = set()
    sql = _TAGS_SQL.format(marks=", ".join("?" * len(ids)))
    for rid, name, sensitive in session.connection().exec_driver_sql(sql, tuple(ids)):
        if masked and sensitive:
            hidden.add(rid)
        else:
            found.setdefault(rid, []).append(name)
    return {rid: "、".join(found.get(rid, []) + ([HIDDEN_TAGS] if rid in hidden else []))
            for rid in set(found) | hidden}


def _rows(session: Session, ids: Sequence[str], masked: bool) -> list[list[Any]]:
    """The export rows of these residents, in the order of `ids` (missing ones left out)."""
    sql = _ROWS_SQL.format(marks=", ".join("?" * len(ids)))
    tags = _tags(session, ids, masked)
    by_id: dict[str, list[Any]] = {}
    for (rid, name, sex, birth, id_number, phone, ethnicity, residence, building, unit, room, address, relation,
         grid, status, notes) in session.connection().exec_driver_sql(sql, tuple(ids)):
        by_id[rid] = [
            name, SEX_NAMES.get(sex, sex), date.fromisoformat(birth) if birth else None,
            mask_id_number(id_number) if masked else id_number, mask_phone(phone) if masked else phone,
            ethnicity, RESIDENCE_TYPE_NAMES.get(residence, residence), building, unit, room,
            address_text(address, unit, room) if address else None, relation, grid, tags.get(rid),
            STATUS_NAMES.get(status, status), notes,
        ]
    return [by_id[rid] for rid in ids if rid in by_id]


def export_residents(session: Session, user: CurrentUser, resident_ids: Sequence[str], path: Path | str, *,
                     filter_description: str = "", progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write these residents (in this order) to an .xlsx file and audit the export (commits).
    Raises PermissionError without RESIDENT_VIEW. On cancel no file is left behind."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if not user.can(roles.RESIDENT_VIEW):
        raise PermissionError(NO_PERMISSION)
    masked = not user.can(roles.PII_EXPORT)
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民名册")
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    total = len(resident_ids)
    written = 0
    for start in range(0, total, CHUNK):
        if cancelled is not None and cancelled():
            ws.close()  # finish and drop the sheet's temporary file
            ws._writer.cleanup()
            return ExportResult(path, 0, masked, cancelled=True)
        for values in _rows(session, resident_ids[start:start + CHUNK], masked):
            birth = values[2]
            if birth is not None:
                cell = WriteOnlyCell(ws, value=birth)
                cell.number_format = "yyyy-mm-dd"
                values[2] = cell
            ws.append(values)  # ID numbers and phones are strings: Excel keeps every digit
            written += 1
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    try:
        wb.save(partial)
        # no export without its audit entry: recorded (and checked by the database) before the
        # file appears, committed once it is there
        audit.record(session, EXPORT_ACTION, actor_id=user.id, subject_type="resident",
                     detail={"count": written, "filter": filter_description, "masked": masked, "format": "xlsx"})
        session.flush()
        os.replace(partial, path)
    except BaseException:
        session.rollback()
        raise
    finally:
        if partial.exists():
            partial.unlink()
    try:
        session.commit()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ExportResult(path, written, masked)
