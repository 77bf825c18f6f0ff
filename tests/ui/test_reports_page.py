"""The reports page: pick a report, build it in the background, the QtPdf preview shows its
pages; Save as PDF writes a file that reads back and Print sends the pages to a printer,
each leaving one audit row that names the report and never personal data; Cancel stops a
build; a grid worker is offered only their own grids; the request page opens its dossier."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from community_app.app import PAGE_CHOICES
from community_app.core.auth import CurrentUser
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.main_window import PAGES
from community_app.ui.pages.reports_page import ReportsPage
from community_app.ui.pages.request_detail import RequestDetailPanel
from community_app.ui.report_preview_dialog import ReportPreviewDialog
from tests.ui.request_helpers import db, sign_in

BUILD_TIMEOUT = 60_000


def open_page(qtbot: QtBot, demo: OpenedDatabase, user: CurrentUser) -> ReportsPage:
    page = ReportsPage(user, demo.session_factory)
    qtbot.addWidget(page)
    page.resize(1240, 840)
    page.show()
    qtbot.waitUntil(lambda: page.is_loaded, timeout=20_000)
    return page


def build(qtbot: QtBot, page: ReportsPage) -> int:
    with qtbot.waitSignal(page.report_shown, timeout=BUILD_TIMEOUT) as shown:
        assert page.build() is not None
    return int(shown.args[0])


def audit_rows(demo: OpenedDatabase, action: str) -> list[tuple[str | None, dict[str, object]]]:
    return [(subject, json.loads(detail)) for subject, detail in
            db(demo, "SELECT subject_type, detail FROM audit_log WHERE action = ? ORDER BY seq", action)]


def test_the_page_is_in_the_window_and_the_screenshot_choices() -> None:
    assert "reports" in [spec.key for spec in PAGES] and "reports" in PAGE_CHOICES


def test_monthly_report_previews_and_saves_as_pdf_with_one_audit_row(
        app: QApplication, qtbot: QtBot, demo: OpenedDatabase, tmp_path: Path) -> None:
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    assert not page.preview.save_button.isEnabled() and not page.preview.print_button.isEnabled()
    page.choose_report("monthly")
    pages = build(qtbot, page)
    made = page.runner.made
    assert made is not None and pages == page.preview.page_count == len(PdfReader(str(made.path)).pages) >= 2
    assert page.preview.title_label.text() == "月度网格工作报告"
    assert f"共 {pages} 页" in page.preview.info_label.text()
    page.preview.go_to(1)
    assert page.preview.page_edit.text() == "2"
    page.preview.step_zoom(+1)
    assert page.preview.view.zoomFactor() > 0
    assert audit_rows(demo, "save_report") == []  # a preview has not left the program

    target = tmp_path / "out" / "月报.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(page.runner.saved, timeout=20_000):
        page.save_to(target)
    assert len(PdfReader(str(target)).pages) == pages
    assert "已保存到" in page.notice_label.text() and page.notice_label.isVisible()
    rows = audit_rows(demo, "save_report")
    assert len(rows) == 1
    detail = rows[0][1]
    assert detail["report"] == "monthly" and detail["pages"] == pages and detail["scope"] == "湛山社区"
    assert re.fullmatch(r"\d{4}年\d{1,2}月", str(detail["period"]))


def test_roster_prints_every_page_masked_and_audited_without_personal_data(
        app: QApplication, qtbot: QtBot, demo: OpenedDatabase, tmp_path: Path) -> None:
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    page.choose_report("roster")
    form = page.settings.roster_form
    form.cell_combo.setCurrentIndex(1)  # the first grid
    grid_name = form.cell_combo.currentText()
    pages = build(qtbot, page)
    made = page.runner.made
    assert made is not None and made.stamp.masked and made.stamp.rows
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.runner.printed, timeout=BUILD_TIMEOUT) as printed:
        page.print_to(printer)
    assert printed.args == [pages]
    sheets = PdfReader(str(tmp_path / "printed.pdf")).pages
    assert len(sheets) == pages
    assert float(sheets[0].mediabox.width) > float(sheets[0].mediabox.height)  # the roster prints landscape
    rows = audit_rows(demo, "print_report")
    assert len(rows) == 1
    detail = rows[0][1]
    assert detail["report"] == "roster" and detail["rows"] == made.stamp.rows and detail["masked"] is True
    grid_words = str(detail["scope"]).split("　")[0]  # 第一网格 (the community's name left out)
    assert grid_words and grid_name.endswith(grid_words)
    names = [n for (n,) in db(demo, "SELECT name FROM resident WHERE grid_cell_id = (SELECT id FROM grid_cell "
                                    "WHERE name = ?) LIMIT 50", grid_name)]
    flat = json.dumps(detail, ensure_ascii=False)
    assert names and not any(name in flat for name in names)  # the audit names the report, not the people


def test_cancel_stops_a_build(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    page.choose_report("roster")
    page.settings.roster_form.status_combo.setCurrentIndex(3)  # 全部状态: the longest list
    assert page.build() is not None
    qtbot.waitUntil(lambda: page.runner.progress is not None and page.runner.progress.isVisible(), timeout=10_000)
    dialog = page.runner.progress
    assert isinstance(dialog, QProgressDialog)
    with qtbot.waitSignal(page.runner.cancelled, timeout=BUILD_TIMEOUT):
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "取消"
        cancel.click()
    assert page.preview.page_count == 0 and page.runner.made is None
    assert page.notice_label.text() == "已取消生成报表。"
    assert page.settings.build_button.isEnabled()


def test_a_grid_worker_is_offered_only_their_own_grids(app: QApplication, qtbot: QtBot,
                                                       demo: OpenedDatabase) -> None:
    user = sign_in(demo, "wangli")
    page = open_page(qtbot, demo, user)
    own = {name for (name,) in db(demo, "SELECT name FROM grid_cell WHERE responsible_staff_id = ?", user.id)}
    buttons = page.settings.scope_buttons
    assert not buttons["community"].isEnabled() and buttons["grid"].isChecked()
    combo = page.settings.scope_combo
    assert {combo.itemText(i) for i in range(combo.count())} == own
    cells = page.settings.roster_form.cell_combo
    assert {cells.itemText(i) for i in range(cells.count())} == own  # no 全部网格


def test_a_refusal_is_shown_in_words(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    page.choose_report("dossier")
    page.settings.ticket_edit.setText("ZS-NO-SUCH-TICKET")
    with qtbot.waitSignal(page.runner.failed, timeout=20_000):
        page.build()
    assert "找不到该诉求" in page.error_label.text() and page.error_label.isVisible()
    assert page.preview.page_count == 0


def test_the_request_page_opens_its_dossier(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                           tmp_path: Path) -> None:
    user = sign_in(demo, "chenjing")
    request_id, ticket = db(demo, "SELECT id, ticket_no FROM service_request ORDER BY reported_at LIMIT 1")[0]
    panel = RequestDetailPanel(user, demo.session_factory)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_request(request_id)
    assert panel.header.print_button.text() == "打印办理单"
    with qtbot.waitSignal(panel.header.print_requested):
        panel.header.print_button.click()
    dialogs = panel.findChildren(ReportPreviewDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: dialog.preview.page_count > 0, timeout=BUILD_TIMEOUT)
    assert ticket in dialog.preview.info_label.text()
    target = tmp_path / "dossier.pdf"
    with qtbot.waitSignal(dialog.runner.saved, timeout=20_000):
        dialog.runner.save_to(target)
    assert len(PdfReader(str(target)).pages) == dialog.preview.page_count
    rows = audit_rows(demo, "save_report")
    assert [(subject, d["report"], d["scope"]) for subject, d in rows] == [("service_request", "dossier", ticket)]
    dialog.close()
