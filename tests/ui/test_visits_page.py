"""The 走访任务 page and its dialogs on the demo database: the lists equal what core lists
and what the dashboard counts, personal data stays masked, recording a visit (with and
without a follow-up) stores what was typed, refusals show core's words, rules change."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from community_app.core import fieldwork_rules
from community_app.core.auth import CurrentUser, login
from community_app.core.dashboard import dashboard_counts
from community_app.core.visits import visits_due
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.visit_dialog import VisitDialog
from community_app.ui.dialogs.visit_rules_dialog import VisitRulesDialog
from community_app.ui.fieldwork_texts import PROBLEM_TEXTS
from community_app.ui.pages.visits_page import VisitsPage
from db.models import Attachment, ServiceRequest, Visit, VisitRule

PASSWORD = "demo1234"


def sign_in(demo: OpenedDatabase, username: str) -> CurrentUser:
    with demo.session_factory() as session:
        return login(session, username, PASSWORD)


def column(page: VisitsPage, key: str) -> list[str]:
    model = page.list.model
    c = model.column_of(key)
    return [page.list.proxy.index(r, c).data() for r in range(page.list.proxy.rowCount())]


def open_page(qtbot: QtBot, demo: OpenedDatabase, username: str = "chenjing") -> VisitsPage:
    page = VisitsPage(sign_in(demo, username), demo.session_factory)
    qtbot.addWidget(page)
    page.resize(1220, 790)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show()  # the first showing reads the list
    return page


@pytest.fixture
def page(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> Iterator[VisitsPage]:
    yield open_page(qtbot, demo)


def test_the_lists_equal_core_and_the_dashboard(page: VisitsPage, demo: OpenedDatabase) -> None:
    now = datetime.now(UTC)
    with demo.session_factory() as s:
        due = visits_due(s, page.user, now=now, status="due")
        overdue = visits_due(s, page.user, now=now, status="overdue")
        everyone = visits_due(s, page.user, now=now, status="all")
        dashboard = dashboard_counts(s, now=now, user=page.user).visits_due
    assert due and overdue and len(everyone) > len(due) >= len(overdue)
    assert page.tab_buttons["due"].text() == f"待走访  {len(due)}" and len(due) == dashboard
    assert page.tab_buttons["overdue"].text() == f"已超期  {len(overdue)}"
    assert page.tab_buttons["all"].text() == f"全部对象  {len(everyone):,}"
    assert column(page, "name") == [r.name for r in due]  # most overdue first, as core orders them
    assert page.list.note.fullText() == f"共 {len(due)} 人"
    for key, expected in (("overdue", overdue), ("all", everyone), ("due", due)):
        page.set_tab(key)
        assert column(page, "name") == [r.name for r in expected]
    assert column(page, "late")[0].startswith("已超期")


def test_personal_data_is_masked(page: VisitsPage, demo: OpenedDatabase) -> None:
    page.set_tab("all")
    with sqlite3.connect(demo.path) as conn:
        phones = {p for (p,) in conn.execute("SELECT phone FROM resident WHERE phone IS NOT NULL")}
    shown = column(page, "phone")
    assert shown and all(p == "—" or ("****" in p and p not in phones) for p in shown)


def test_grid_filter_and_search_narrow_the_list(page: VisitsPage) -> None:
    page.set_tab("all")
    total = page.list.proxy.rowCount()
    page.grid_combo.setCurrentIndex(1)
    cell = page.grid_combo.currentData()
    narrowed = page.list.proxy.rowCount()
    assert 0 < narrowed < total
    assert {r.grid_cell_id for r in page.list.model.rows} == {cell}
    name = page.list.model.rows[0].name
    page.search_edit.setText(name)
    assert all(name in n for n in column(page, "name")) and column(page, "name")
    page.search_edit.setText("没有这个人")
    assert page.list.stack.currentWidget() is page.list.empty
    assert page.list.empty.text() == "没有符合条件的居民，请调整网格或查找内容。"


def test_a_worker_sees_only_their_cells_and_no_rule_settings(app: QApplication, qtbot: QtBot,
                                                             demo: OpenedDatabase) -> None:
    page = open_page(qtbot, demo, "wangli")
    with sqlite3.connect(demo.path) as conn:
        mine = {name for (name,) in conn.execute(
            "SELECT g.name FROM grid_cell g JOIN staff_user u ON u.id = g.responsible_staff_id "
            "WHERE u.username = 'wangli'")}
    cells = {page.grid_combo.itemText(i) for i in range(1, page.grid_combo.count())}
    assert cells and cells <= mine
    assert page.rules_button.isHidden() and not page.record_button.isHidden()
    assert page.subtitle_label.text().startswith("范围：我负责的网格")


def record(qtbot: QtBot, page: VisitsPage) -> VisitDialog:
    dialog = page.record_visit()
    assert isinstance(dialog, VisitDialog)
    qtbot.waitUntil(lambda: dialog.category_combo.count() > 1, timeout=10_000)
    return dialog


def test_recording_a_visit_stores_it_and_updates_the_lists(page: VisitsPage, qtbot: QtBot,
                                                            demo: OpenedDatabase) -> None:
    subject = page.list.current()
    assert subject is not None and subject.is_due
    qtbot.waitUntil(lambda: page.history.records is not None, timeout=10_000)
    before = len(page.history.records or [])
    dialog = record(qtbot, page)
    assert dialog.heading.text() == f"记录走访 · {subject.name}"
    dialog.method_buttons["phone"].click()
    dialog.notes_edit.setPlainText("电话问候，身体状况良好")
    with qtbot.waitSignal(page.loaded, timeout=20_000), qtbot.waitSignal(dialog.saved, timeout=20_000):
        dialog.save_button.click()
    with demo.session_factory() as s:
        visit = s.scalars(select(Visit).where(Visit.resident_id == subject.resident_id)
                          .order_by(Visit.visited_at.desc())).first()
        assert visit is not None and visit.id == dialog.visit_id
        assert (visit.method, visit.outcome, visit.notes, visit.needs_followup) == (
            "phone", "ok", "电话问候，身体状况良好", False)
        assert visit.staff_id == page.user.id
    assert subject.resident_id not in {r.resident_id for r in page.list.model.rows}  # no longer due
    assert page.notice_label.text() == f"已保存{subject.name}的走访记录。"
    nxt = page.list.current()
    assert nxt is not None and nxt.resident_id != subject.resident_id  # on to the next one to visit
    page.set_tab("all")  # everyone under a rule: the resident is there, visited today
    page.list.select_source_row(page.list.model.row_of(subject.resident_id))
    shown = page.list.current()
    assert shown is not None and shown.last_visit_by == page.user.display_name and shown.state == "upcoming"
    qtbot.waitUntil(lambda: len(page.history.records or []) == before + 1
                    and page.history.subject is not None and page.history.subject.resident_id == subject.resident_id,
                    timeout=10_000)
    assert page.history.records is not None and page.history.records[0].notes == "电话问候，身体状况良好"
    texts = [w.text() for w in page.history.list.findChildren(QLabel)]
    assert "电话问候，身体状况良好" in texts and f"{page.user.display_name} · 电话走访" in texts


def test_a_follow_up_from_the_dialog_creates_one_linked_request(page: VisitsPage, qtbot: QtBot,
                                                                 demo: OpenedDatabase, tmp_path: Path) -> None:
    subject = page.list.current()
    assert subject is not None
    dialog = record(qtbot, page)
    assert dialog.followup_hint.isHidden() and dialog.category_combo.isHidden()
    dialog.outcome_buttons["concern"].click()
    dialog.followup_check.setChecked(True)
    assert dialog.followup_hint.isVisibleTo(dialog) and "自动生成一件诉求" in dialog.followup_hint.text()
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("S0103"))
    dialog.notes_edit.setPlainText("老人行动不便，需要助浴服务")
    photo = tmp_path / "浴室.jpg"
    Image.new("RGB", (80, 60), (30, 90, 200)).save(photo)
    dialog.photos.append(str(photo))
    with demo.session_factory() as s:
        before = len(s.scalars(select(ServiceRequest.id)).all())
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        dialog.save_button.click()
    with demo.session_factory() as s:
        assert len(s.scalars(select(ServiceRequest.id)).all()) == before + 1
        request = s.scalars(select(ServiceRequest).where(ServiceRequest.visit_id == dialog.visit_id)).one()
        visit = s.get(Visit, dialog.visit_id)
        assert visit is not None and visit.followup_request_id == request.id and visit.outcome == "concern"
        assert (request.channel, request.category_code, request.reporter_resident_id) == (
            "visit", "S0103", subject.resident_id)
        attached = s.scalars(select(Attachment.filename).where(Attachment.owner_id == dialog.visit_id)).all()
        assert attached == ["浴室.jpg"]


def test_a_file_that_is_no_photo_is_refused_under_photos(page: VisitsPage, qtbot: QtBot, demo: OpenedDatabase,
                                                          tmp_path: Path) -> None:
    fake = tmp_path / "照片.jpg"
    fake.write_text("这不是图片", encoding="utf-8")
    with demo.session_factory() as s:
        visits_before = len(s.scalars(select(Visit.id)).all())
    dialog = record(qtbot, page)
    dialog.photos.append(str(fake))
    dialog._show_photos()
    assert dialog.photo_label.text() == "照片.jpg"
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.messages["photos"].isVisibleTo(dialog), timeout=10_000)
    assert "照片.jpg" in dialog.messages["photos"].text() and "不是可以识别的图片" in dialog.messages["photos"].text()
    with demo.session_factory() as s:
        assert len(s.scalars(select(Visit.id)).all()) == visits_before  # nothing half-saved
        assert s.scalars(select(Attachment.id)).all() == []
    dialog.reject()


def test_refusals_show_core_words_under_the_fields(page: VisitsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    dialog = record(qtbot, page)
    dialog.outcome_buttons["concern"].click()
    dialog.followup_check.setChecked(True)
    with demo.session_factory() as s:
        before = len(s.scalars(select(Visit.id)).all())
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.messages["notes"].isVisibleTo(dialog), timeout=10_000)
    assert dialog.messages["notes"].text() == fieldwork_rules.MESSAGES["notes_required"]
    assert dialog.messages["followup_category"].text() == fieldwork_rules.MESSAGES["followup_category_required"]
    assert dialog.notes_edit.property("invalid") is True and dialog.isVisible()
    with demo.session_factory() as s:
        assert len(s.scalars(select(Visit.id)).all()) == before  # nothing was written
    dialog.reject()


def test_supervisors_change_visit_rules(page: VisitsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    assert not page.rules_button.isHidden()
    dialog = page.edit_rules()
    assert isinstance(dialog, VisitRulesDialog)
    qtbot.waitUntil(lambda: bool(dialog.rules), timeout=10_000)
    row = next(i for i, r in enumerate(dialog.rules) if r.tag_code == "elderly_alone")
    dialog.table.cellWidget(row, 2).setValue(14)  # type: ignore[union-attr]
    assert dialog.changed() == [("elderly_alone", 14, True, dialog.rules[row].note)]
    with qtbot.waitSignal(page.loaded, timeout=20_000), qtbot.waitSignal(dialog.saved, timeout=20_000):
        dialog.save_button.click()
    with demo.session_factory() as s:
        rule = s.scalars(select(VisitRule).where(VisitRule.tag_code == "elderly_alone")).one()
        assert rule.interval_days == 14
        due = visits_due(s, page.user, now=datetime.now(UTC), status="due")
    assert page.tab_buttons["due"].text() == f"待走访  {len(due)}"


def test_problem_texts_match_core() -> None:
    assert set(PROBLEM_TEXTS) == set(fieldwork_rules.MESSAGES)
    assert all(PROBLEM_TEXTS[k] == fieldwork_rules.MESSAGES[k] for k in PROBLEM_TEXTS)
