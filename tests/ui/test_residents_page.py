"""The residents page on the demo community: what a grid worker sees when searching,
filtering and sorting — checked against plain SQL on the same file."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.core import roles
from community_app.core.auth import CurrentUser, login
from community_app.ui.application import demo_accounts
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.models.resident_table_model import BLOCK, COLUMN_KEYS
from community_app.ui.pages import residents_page
from community_app.ui.pages.residents_page import FIRST_PAGE, ResidentsPage


def sign_in(demo: OpenedDatabase, role: str) -> CurrentUser:
    username, password, _ = next(a for a in demo_accounts() if a[2] == roles.DEFAULT_ROLES[role][0])
    with demo.session_factory() as session:
        return login(session, username, password)


@pytest.fixture
def page(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> Iterator[ResidentsPage]:
    p = ResidentsPage(sign_in(demo, roles.SUPERVISOR), demo.session_factory)
    qtbot.addWidget(p)
    p.resize(1400, 800)
    with qtbot.waitSignal(p.loaded, timeout=20_000):
        p.show()
    qtbot.waitUntil(lambda: p.cell_combo.count() > 1, timeout=10_000)
    yield p


def db(demo: OpenedDatabase, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(demo.path) as conn:
        return conn.execute(sql, args).fetchall()


def cell(p: ResidentsPage, row: int, key: str) -> str:
    return p.model.index(row, COLUMN_KEYS.index(key)).data()


def search(p: ResidentsPage, qtbot: QtBot, text: str) -> None:
    with qtbot.waitSignal(p.loaded, timeout=10_000):
        p.search.setText(text)


def test_lists_active_residents_masked(page: ResidentsPage, demo: OpenedDatabase) -> None:
    active = db(demo, "SELECT count(*) FROM resident WHERE status = 'active' AND community_code = ?",
                page.current_filter.community_code)[0][0]
    assert page.model.rowCount() == active == page.total
    assert f"共 {active:,} 人" in page.count_label.text()
    assert page.model.loaded_row_count() <= FIRST_PAGE  # only what was asked for is read
    ids = {r[0] for r in db(demo, "SELECT id_number FROM resident")}
    phones = {r[0] for r in db(demo, "SELECT phone FROM resident WHERE phone IS NOT NULL")}
    for row in range(0, active, max(1, active // 40)):  # scrolls through, fetching blocks on demand
        shown_id, shown_phone = cell(page, row, "id_number"), cell(page, row, "phone")
        assert "*" in shown_id and shown_id not in ids
        assert shown_phone == "" or ("****" in shown_phone and shown_phone not in phones)
    assert page.model.loaded_row_count() <= FIRST_PAGE + 41 * BLOCK


def test_typing_searches_by_name_pinyin_and_tail(page: ResidentsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    name, phone = db(demo, "SELECT name, phone FROM resident WHERE status = 'active' AND phone LIKE '1%' "
                           "AND length(name) = 3 ORDER BY rowid LIMIT 1")[0]
    search(page, qtbot, name[:2])
    expected = db(demo, "SELECT count(*) FROM resident WHERE status = 'active' AND community_code = ? "
                        "AND instr(name, ?) > 0", page.current_filter.community_code, name[:2])[0][0]
    assert page.model.rowCount() == expected and expected >= 1
    assert all(name[:2] in cell(page, r, "name") for r in range(page.model.rowCount()))
    search(page, qtbot, phone[-4:])
    assert name in [cell(page, r, "name") for r in range(page.model.rowCount())]
    search(page, qtbot, "没有这个人名字")
    assert page.model.rowCount() == 0 and page.empty_label.isVisibleTo(page)


def test_filters_match_sql(page: ResidentsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.cell_combo.setCurrentIndex(2)
    cell_id = page.cell_combo.currentData()
    expected = db(demo, "SELECT count(*) FROM resident WHERE status = 'active' AND grid_cell_id = ?", cell_id)[0][0]
    assert page.model.rowCount() == expected > 0
    assert {cell(page, r, "grid") for r in range(page.model.rowCount())} == {page.cell_combo.currentText()}
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.tag_combo.setCurrentIndex(page.tag_combo.findData("elderly_alone"))
    expected = db(demo, "SELECT count(*) FROM resident r JOIN resident_tag t ON t.resident_id = r.id "
                        "WHERE r.status = 'active' AND r.grid_cell_id = ? AND t.tag_code = 'elderly_alone'",
                  cell_id)[0][0]
    assert page.model.rowCount() == expected
    assert all("独居老人" in cell(page, r, "tags") for r in range(page.model.rowCount()))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reset_filters()
    assert page.cell_combo.currentIndex() == 0 and page.model.rowCount() == page.total


def test_header_click_sorts_in_sql(page: ResidentsPage, qtbot: QtBot) -> None:
    age_column = COLUMN_KEYS.index("age")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.table.horizontalHeader().sectionClicked.emit(age_column)
    ages = [int(cell(page, r, "age")) for r in range(60)]
    assert ages == sorted(ages)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.table.horizontalHeader().sectionClicked.emit(age_column)
    ages = [int(cell(page, r, "age")) for r in range(60)]
    assert ages == sorted(ages, reverse=True)
    head = page.table.horizontalHeader()
    assert head.sortIndicatorSection() == age_column and head.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    head.sectionClicked.emit(COLUMN_KEYS.index("phone"))  # not sortable: nothing changes
    assert head.sortIndicatorSection() == age_column


def test_grid_cell_from_the_map_filters(page: ResidentsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    cell_id, name = db(demo, "SELECT id, name FROM grid_cell ORDER BY code DESC LIMIT 1")[0]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show_grid_cell(cell_id)
    assert page.cell_combo.currentText() == name
    assert page.current_filter.grid_cell_id == cell_id


def test_stale_answers_are_dropped(page: ResidentsPage, qtbot: QtBot) -> None:
    page.search.setText("王")
    page.filters.apply_now()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.search.setText("李")
        page.filters.apply_now()
    qtbot.wait(200)  # let any answer to the first query arrive too
    assert page.current_filter.text == "李"
    assert all("李" in cell(page, r, "name") for r in range(page.model.rowCount()))


def test_a_first_page_over_its_budget_comes_from_the_background(page: ResidentsPage, qtbot: QtBot,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    # no time at all on the GUI thread: sorting every resident by address is interrupted there
    monkeypatch.setattr(residents_page, "FIRST_PAGE_BUDGET_S", 0.0)
    caplog.set_level(logging.DEBUG, logger=residents_page.__name__)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.table.horizontalHeader().sectionClicked.emit(COLUMN_KEYS.index("address"))
    assert any("over its budget" in r.getMessage() for r in caplog.records)
    assert page.model.rowCount() == page.total and page.error_label.isHidden()
    addresses = [cell(page, r, "address") for r in range(30)]
    assert all(addresses) and addresses[0] <= addresses[-1]


def test_opening_a_row_shows_the_residents_page_and_back(page: ResidentsPage, qtbot: QtBot) -> None:
    name = cell(page, 3, "name")
    page.table.doubleClicked.emit(page.model.index(3, 0))
    detail = page.detail
    assert detail is not None and page.body.currentWidget() is detail
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=10_000)
    assert detail.detail.name == name  # type: ignore[union-attr]
    detail.back_requested.emit()
    assert page.body.currentIndex() == 0


def test_new_resident_only_for_editors(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                       page: ResidentsPage) -> None:
    assert page.new_button.isVisibleTo(page)
    dialog = page.new_resident()
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    admin = ResidentsPage(sign_in(demo, roles.ADMIN), demo.session_factory)  # admins keep accounts, not records
    qtbot.addWidget(admin)
    assert not admin.new_button.isVisibleTo(admin)


def test_export_writes_the_filtered_list_masked_and_audits(page: ResidentsPage, qtbot: QtBot,
                                                           demo: OpenedDatabase, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    search(page, qtbot, "王")
    shown = [cell(page, r, "name") for r in range(page.model.rowCount())]
    target = tmp_path / "名册.xlsx"
    with qtbot.waitSignal(page.export_done, timeout=30_000) as blocker:
        page.export_to(target)
    assert blocker.args[0].count == len(shown) and blocker.args[0].masked  # a supervisor has no pii.export
    rows = list(load_workbook(target, read_only=True).active.iter_rows(values_only=True))
    names = [r[0] for r in rows[1:]]
    assert names == shown
    full_ids = {r[0] for r in db(demo, "SELECT id_number FROM resident WHERE id_number IS NOT NULL")}
    assert not any(str(v) in full_ids for r in rows[1:] for v in r if v)
    audits = db(demo, "SELECT detail FROM audit_log WHERE action = 'export_residents'")
    assert len(audits) == 1 and str(len(shown)) in audits[0][0]
    assert not any(i in audits[0][0] for i in full_ids)  # the audit says what was exported, never the data


def test_import_button_opens_the_wizard(page: ResidentsPage) -> None:
    assert page.import_button.isVisibleTo(page)
    dialog = page.import_residents()
    assert dialog.isVisible()
    dialog.reject()


def test_table_paints_as_the_style_sheet_would(page: ResidentsPage, app: QApplication) -> None:
    """The residents table paints its cells past the style sheet (BaseStyleDelegate): the
    pixels must be those the style sheet's own painting gives, plain and with a row selected."""
    from PySide6.QtWidgets import QStyledItemDelegate

    from community_app.ui.widgets.base_style_delegate import BaseStyleDelegate

    table = page.table
    assert isinstance(table.itemDelegate(), BaseStyleDelegate)
    assert app.styleSheet()  # what the comparison is about
    shots = {}
    for name, delegate in (("base", table.itemDelegate()), ("sheet", QStyledItemDelegate(table))):
        table.setItemDelegate(delegate)
        table.clearSelection()
        plain = table.grab().toImage()
        table.selectRow(2)
        shots[name] = (plain, table.grab().toImage())
    assert cell(page, 2, "name")  # rows were painted, not an empty table
    assert shots["base"][0] == shots["sheet"][0]
    assert shots["base"][1] == shots["sheet"][1]
    assert shots["base"][0] != shots["base"][1]
