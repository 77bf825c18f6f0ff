"""The 巡查管理 page and its dialogs on the demo database: plans and coverage equal what core
computes, a round is walked item by item to the end (a problem reported as one linked
request), an unfinished round resumes, plans are made by supervisors only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from community_app.core import localtime
from community_app.core.auth import CurrentUser, login
from community_app.core.patrol_coverage import month_bounds
from community_app.core.patrols import patrol_coverage, patrol_plans
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.patrol_plan_dialog import PatrolPlanDialog
from community_app.ui.dialogs.patrol_round_dialog import PatrolRoundDialog
from community_app.ui.pages.patrols_page import PatrolsPage
from db.models import PatrolPlan, PatrolRound, PatrolRoundItem, ServiceRequest

PASSWORD = "demo1234"


def sign_in(demo: OpenedDatabase, username: str) -> CurrentUser:
    with demo.session_factory() as session:
        return login(session, username, PASSWORD)


def column(panel: object, key: str) -> list[str]:
    proxy, model = panel.proxy, panel.model  # type: ignore[attr-defined]
    c = model.column_of(key)
    return [proxy.index(r, c).data() for r in range(proxy.rowCount())]


def open_page(qtbot: QtBot, demo: OpenedDatabase, username: str = "chenjing", *, rounds: bool = True) -> PatrolsPage:
    page = PatrolsPage(sign_in(demo, username), demo.session_factory)
    qtbot.addWidget(page)
    page.resize(1220, 790)
    page.show()
    qtbot.waitUntil(lambda: page.is_loaded, timeout=20_000)
    if rounds:  # the first plan's rounds (a plan made in the test has none yet)
        qtbot.waitUntil(lambda: page.round_list.model.rowCount() > 0, timeout=10_000)
    return page


@pytest.fixture
def page(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> Iterator[PatrolsPage]:
    yield open_page(qtbot, demo)


def test_plans_and_coverage_equal_core(page: PatrolsPage, demo: OpenedDatabase) -> None:
    now = datetime.now(UTC)
    first, last = month_bounds(localtime.today(now))
    with demo.session_factory() as s:
        plans = patrol_plans(s, page.user, now=now)
        report = patrol_coverage(s, page.user.community_code or "", first, last, now=now)
    assert len(plans) == 6
    assert [p.id for p in page.plan_list.model.rows] == [p.id for p in plans]
    assert column(page.plan_list, "worker") == [p.worker_name for p in plans]
    assert column(page.plan_list, "due") == [p.due_date.isoformat() for p in plans if p.due_date]
    assert [(r.planned, r.covered, r.rounds_done) for r in page.coverage_list.model.rows] == [
        (r.planned, r.covered, r.rounds_done) for r in report.rows]
    rates = column(page.coverage_list, "rate")
    assert rates == [f"{r.coverage * 100:.0f}%" if r.coverage is not None else "—" for r in report.rows]
    assert page.coverage_list.note.fullText() == (
        f"合计 {report.coverage * 100:.0f}%（{report.covered}/{report.planned} 个周期）")
    assert page.month_combo.currentText() == f"{first.year}年{first.month}月"


def test_an_earlier_month_reloads_the_coverage(page: PatrolsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    with qtbot.waitSignal(page.coverage_loaded, timeout=10_000) as loaded:
        page.month_combo.setCurrentIndex(2)
    first, last = month_bounds(page.month_combo.currentData())
    with demo.session_factory() as s:
        report = patrol_coverage(s, page.user.community_code or "", first, last)
    assert loaded.args[0].period_start == first
    assert [r.rounds_done for r in page.coverage_list.model.rows] == [r.rounds_done for r in report.rows]
    assert report.rounds_done > 0


def walk(qtbot: QtBot, dialog: PatrolRoundDialog, answers: dict[int, str]) -> None:
    """Answer the items at these positions (ok / problem), saving each."""
    for index, result in answers.items():
        dialog.checklist.setCurrentRow(index)
        dialog.choose(result)
        if result == "problem":
            dialog.note_edit.setPlainText("单元门口堆放旧家具杂物")
            dialog.report_check.setChecked(True)
            assert dialog.category_combo.currentData() is not None  # suggested from the standard items
            dialog.building_combo.setCurrentIndex(1)
        with qtbot.waitSignal(dialog.changed, timeout=10_000):
            dialog.save_item()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_a_round_is_walked_to_the_end(page: PatrolsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    plan = page.plan_list.current()
    assert plan is not None and page.start_button.text() == "开始巡查…"
    dialog = page.start_patrol()
    assert isinstance(dialog, PatrolRoundDialog)
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10_000)
    count = len(plan.checklist)
    assert dialog.checklist.count() == count and dialog.progress_label.text() == f"已检查 0/{count} 项"
    assert not dialog.finish_button.isEnabled()
    with demo.session_factory() as s:
        requests_before = len(s.scalars(select(ServiceRequest.id)).all())
    walk(qtbot, dialog, {0: "problem", **{i: "ok" for i in range(1, count)}})
    assert dialog.progress_label.text() == f"已检查 {count}/{count} 项，发现问题 1 处"
    assert dialog.checklist.item(0).text().startswith("⚠") and dialog.checklist.item(1).text().startswith("✓")
    assert dialog.finish_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.finish_button.click()
    qtbot.waitUntil(lambda: next(p for p in page.plan_list.model.rows if p.id == plan.id).state == "upcoming",
                    timeout=20_000)  # the page read the plans again
    with demo.session_factory() as s:
        patrol = s.get(PatrolRound, dialog.round_id)
        assert patrol is not None and patrol.finished_at is not None and patrol.notes == "发现问题1处"
        items = s.scalars(select(PatrolRoundItem).where(PatrolRoundItem.round_id == patrol.id)).all()
        assert len(items) == count and sum(1 for i in items if i.result == "problem") == 1
        reported = [i for i in items if i.request_id]
        assert len(reported) == 1 and len(s.scalars(select(ServiceRequest.id)).all()) == requests_before + 1
        request = s.get(ServiceRequest, reported[0].request_id)
        assert request is not None and request.channel == "patrol" and request.building_id is not None
    row = next(p for p in page.plan_list.model.rows if p.id == plan.id)
    assert row.last_round_by == page.user.display_name and row.open_round_id is None
    assert page.notice_label.text() == f"{plan.name} 巡查已完成：发现问题1处。"


def test_an_unfinished_round_resumes_where_it_stopped(page: PatrolsPage, qtbot: QtBot) -> None:
    dialog = page.start_patrol()
    assert isinstance(dialog, PatrolRoundDialog)
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10_000)
    walk(qtbot, dialog, {0: "ok", 1: "ok"})
    round_id = dialog.round_id
    dialog.later_button.click()  # 稍后继续
    qtbot.waitUntil(lambda: page.start_button.text() == "继续巡查…", timeout=10_000)
    again = page.start_patrol()
    assert isinstance(again, PatrolRoundDialog)
    qtbot.waitUntil(lambda: again.detail is not None, timeout=10_000)
    assert again.round_id == round_id and again.index == 2  # the first item not yet answered
    assert again.progress_label.text().startswith("已检查 2/")


def test_supervisors_make_plans_and_workers_cannot(page: PatrolsPage, qtbot: QtBot, demo: OpenedDatabase,
                                                   app: QApplication) -> None:
    dialog = page.new_plan()
    assert isinstance(dialog, PatrolPlanDialog)
    dialog.cell_combo.setCurrentIndex(2)
    assert dialog.name_edit.text().endswith("日常巡查")
    dialog.name_edit.setText("夜间安全巡查")
    dialog.frequency_spin.setValue(14)
    dialog.new_item_edit.setText("消防通道是否畅通")
    dialog.add_button.click()
    dialog.standard_combo.activated.emit(dialog.standard_combo.findData("井盖是否完好"))
    dialog.new_item_edit.setText("消防通道是否畅通")  # a duplicate is not added twice
    dialog.add_button.click()
    assert dialog.checklist() == ("消防通道是否畅通", "井盖是否完好")
    cell_id = dialog.cell_combo.currentData()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: "夜间安全巡查" in column(page.plan_list, "name"), timeout=20_000)
    with demo.session_factory() as s:
        plan = s.get(PatrolPlan, dialog.plan_id)
        assert plan is not None and (plan.name, plan.frequency_days, plan.checklist) == (
            "夜间安全巡查", 14, ["消防通道是否畅通", "井盖是否完好"])
        assert plan.grid_cell_id == cell_id
    empty = page.new_plan()
    assert isinstance(empty, PatrolPlanDialog)
    empty.name_edit.clear()
    empty.submit()
    qtbot.waitUntil(lambda: empty.messages["checklist"].isVisibleTo(empty), timeout=10_000)
    assert empty.messages["name"].text() == "请填写巡查计划名称，例如“第一网格日常巡查”。"
    assert empty.messages["checklist"].text() == "巡查清单至少要有一项，例如“消防通道是否畅通”。"
    empty.reject()
    worker = open_page(qtbot, demo, "wangli", rounds=False)
    assert worker.new_plan_button.isHidden() and worker.edit_plan_button.isHidden()
    assert worker.new_plan() is None
    assert {p.worker_name for p in worker.plan_list.model.rows} == {"王丽"}
