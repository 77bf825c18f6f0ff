"""The import wizard against the demo database: each step, both modes, cancel, the
report, and a file that cannot be read. Screenshots of every step go to tmp_path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.import_dialog import FILE, MAPPING, PREVIEW, RESULT, ImportDialog
from db.models import Building, Household, Resident, StaffUser, Unit
from tests.core.importing.conftest import id_number, write_xlsx

COMMUNITY = "370202010004"
WAIT_MS = 60_000


def _supervisor(session: Session) -> CurrentUser:
    staff = session.scalars(select(StaffUser).where(StaffUser.role_code == roles.SUPERVISOR)).first()
    assert staff is not None
    name, permissions = roles.DEFAULT_ROLES[roles.SUPERVISOR]
    return CurrentUser(staff.id, staff.username, staff.display_name, staff.role_code, name, frozenset(permissions),
                       staff.community_code)


def _homes(session: Session, count: int) -> list[tuple[str, str | None, str]]:
    """(road + number, unit, room) of existing households of the community."""
    rows = session.execute(
        select(Building.road, Building.house_number, Unit.number, Household.room)
        .join(Building, Building.id == Household.building_id).outerjoin(Unit, Unit.id == Household.unit_id)
        .where(Building.community_code == COMMUNITY, Household.deleted_at.is_(None)).limit(count)).all()
    return [(f"{road}{number}号", unit, room) for road, number, unit, room in rows]


def _workbook(path: Path, homes: list[tuple[str, str | None, str]], *, damaged: bool = True) -> Path:
    rows: list[list[object]] = [["湛山社区居民信息登记表"],
                                ["序号", "姓名", "性别", "身份证号", "联系电话", "楼栋", "单元", "房号", "人员类别"]]
    for i, (building, unit, room) in enumerate(homes):
        number: object = id_number(date(1960 + i % 40, 1 + i % 12, 1 + i % 28), (2 * i + 1) % 1000, "370211")
        if damaged and i == 1:
            number = float(str(number)[:17] + "0")  # an ID number Excel made a number of
        rows.append([i + 1, f"导入{i}号", "男", number, f"139{i:08d}", building, unit, room, "户籍"])
    return write_xlsx(path, rows, merges=["A1:I1"])


def _count(demo: OpenedDatabase) -> int:
    with demo.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Resident)) or 0


@pytest.fixture
def wizard(qtbot: QtBot, app: QApplication, demo: OpenedDatabase) -> ImportDialog:
    with demo.session_factory() as session:
        user = _supervisor(session)
    dialog = ImportDialog(demo.session_factory, user)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _shot(dialog: ImportDialog, path: Path) -> None:
    QApplication.processEvents()
    assert not dialog.grab().isNull() and dialog.grab().save(str(path))


def test_the_wizard_imports_the_valid_rows(qtbot: QtBot, wizard: ImportDialog, demo: OpenedDatabase,
                                           tmp_path: Path) -> None:
    with demo.session_factory() as session:
        path = _workbook(tmp_path / "居民.xlsx", _homes(session, 12))
    before = _count(demo)
    _shot(wizard, tmp_path / "0-empty.png")
    assert not wizard.next_button.isEnabled()  # no file yet

    wizard.load_file(path)
    qtbot.waitUntil(lambda: wizard.analysis is not None, timeout=WAIT_MS)
    assert "工作表「居民信息」" in wizard.file_page.status.text()
    _shot(wizard, tmp_path / "1-file.png")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == MAPPING
    fields = [c.currentData() for c in wizard.mapping_page.combos]
    assert fields == [None, "name", "sex", "id_number", "phone", "building", "unit", "room", "residence_type"]
    assert "表头在第 2 行" in wizard.mapping_page.hint.text()
    _shot(wizard, tmp_path / "2-mapping.png")

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == PREVIEW, timeout=WAIT_MS)
    table = wizard.preview_page.table
    assert table.rowCount() == 12
    assert table.item(1, 0).text() == "4"  # Excel's row number
    damaged = table.item(1, 3)  # 身份证号 of the second row
    assert damaged.text().endswith("E+17") and "Excel" in damaged.toolTip()
    assert damaged.background().color().name() == "#fdecec"
    assert table.item(0, 3).text().startswith("370***")  # masked on screen
    assert "1 行有错误" in wizard.preview_page.summary.text()
    _shot(wizard, tmp_path / "3-preview.png")

    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS):
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == RESULT
    assert wizard.report is not None and wizard.report.created == 11
    assert "已新增 11 人" in wizard.result_page.warning.text()
    assert wizard.result_page.table.rowCount() == 1 and wizard.result_page.table.item(0, 0).text() == "4"
    assert _count(demo) == before + 11
    _shot(wizard, tmp_path / "4-result.png")

    wizard.save_report_to(tmp_path / "报告")
    assert (tmp_path / "报告.xlsx").exists() and "报告已保存" in wizard.result_page.saved.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # 完成
    assert not wizard.isVisible()


def test_all_or_nothing_imports_nothing_when_a_row_is_wrong(qtbot: QtBot, wizard: ImportDialog,
                                                            demo: OpenedDatabase, tmp_path: Path) -> None:
    with demo.session_factory() as session:
        path = _workbook(tmp_path / "居民.xlsx", _homes(session, 6))
    before = _count(demo)
    wizard.load_file(path)
    qtbot.waitUntil(lambda: wizard.analysis is not None, timeout=WAIT_MS)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == PREVIEW, timeout=WAIT_MS)
    wizard.preview_page.all_or_nothing.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == RESULT, timeout=WAIT_MS)
    assert "没有导入任何数据" in wizard.result_page.warning.text()
    assert _count(demo) == before


def test_cancel_rolls_the_import_back(qtbot: QtBot, wizard: ImportDialog, demo: OpenedDatabase,
                                      tmp_path: Path) -> None:
    with demo.session_factory() as session:
        homes = _homes(session, 3000)
    path = _workbook(tmp_path / "大表.xlsx", homes, damaged=False)
    before = _count(demo)
    wizard.load_file(path)
    qtbot.waitUntil(lambda: wizard.analysis is not None, timeout=WAIT_MS)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == PREVIEW, timeout=WAIT_MS)
    wizard.next()
    assert wizard.busy and not wizard.next_button.isEnabled()
    progress = wizard._progress
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    cancel.click()  # what the user does in the progress dialog
    assert wizard._import_job is not None and wizard._import_job.cancel_requested.is_set()
    wizard.reject()  # closing meanwhile does not leave the import running unseen
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == RESULT, timeout=WAIT_MS)
    assert wizard.report is not None and wizard.report.cancelled
    assert wizard.result_page.warning.text() == "导入已取消，数据库没有任何改动。"
    assert _count(demo) == before


def test_a_file_that_cannot_be_read_says_what_to_do(qtbot: QtBot, wizard: ImportDialog, tmp_path: Path) -> None:
    old = tmp_path / "老表格.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    wizard.load_file(old)
    qtbot.waitUntil(lambda: wizard.file_page.error.isVisible(), timeout=WAIT_MS)
    assert "另存为" in wizard.file_page.error.text()
    assert wizard.pages.currentIndex() == FILE and not wizard.next_button.isEnabled()
    _shot(wizard, tmp_path / "unreadable.png")


def test_a_mapping_without_names_cannot_go_on(qtbot: QtBot, wizard: ImportDialog, demo: OpenedDatabase,
                                              tmp_path: Path) -> None:
    with demo.session_factory() as session:
        path = _workbook(tmp_path / "居民.xlsx", _homes(session, 3))
    wizard.load_file(path)
    qtbot.waitUntil(lambda: wizard.analysis is not None, timeout=WAIT_MS)
    wizard.next()
    name_combo = wizard.mapping_page.combos[1]
    name_combo.setCurrentIndex(name_combo.findData(None))
    assert not wizard.next_button.isEnabled()
    assert "姓名" in wizard.mapping_page.problems.text() and wizard.mapping_page.problems.isVisible()
    name_combo.setCurrentIndex(name_combo.findData("name"))
    assert wizard.next_button.isEnabled() and not wizard.mapping_page.problems.isVisible()


def test_an_account_that_may_not_edit_residents_is_told_at_once(qtbot: QtBot, app: QApplication,
                                                                 demo: OpenedDatabase) -> None:
    from dataclasses import replace

    with demo.session_factory() as session:
        viewer = replace(_supervisor(session), permissions=frozenset({roles.RESIDENT_VIEW}))
    dialog = ImportDialog(demo.session_factory, viewer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "没有编辑居民档案的权限" in dialog.file_page.error.text() and dialog.file_page.error.isVisible()
    assert not dialog.file_page.choose_button.isEnabled() and not dialog.next_button.isEnabled()
