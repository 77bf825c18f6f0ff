"""The requests page on the demo community: every list (mine, by stage, due soon, overdue,
by grid cell, all) shows exactly what core.requests.list_requests returns, the counts
beside the lists are core's counts, search and paging work, and a double-click opens the
request's own page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.core import requests as core_requests
from community_app.core.auth import CurrentUser
from community_app.core.deadlines import STATE_NAMES
from community_app.core.requests import RequestFilter, count_requests, list_requests
from community_app.core.workflow_rules import ACTION_NAMES, TRANSITIONS
from community_app.ui import request_texts
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.models.request_table_model import COLUMN_KEYS
from community_app.ui.pages.requests_page import PAGE, RequestsPage
from tests.ui.request_helpers import db, sign_in


def open_page(qtbot: QtBot, demo: OpenedDatabase, user: CurrentUser) -> RequestsPage:
    page = RequestsPage(user, demo.session_factory)
    qtbot.addWidget(page)
    page.resize(1500, 900)
    with qtbot.waitSignal(page.loaded, timeout=20_000), qtbot.waitSignal(page.counts_loaded, timeout=20_000):
        page.show()
    return page


@pytest.fixture
def supervisor(demo: OpenedDatabase) -> CurrentUser:
    return sign_in(demo, "chenjing")


@pytest.fixture
def page(app: QApplication, qtbot: QtBot, demo: OpenedDatabase, supervisor: CurrentUser) -> Iterator[RequestsPage]:
    yield open_page(qtbot, demo, supervisor)


def core_list(demo: OpenedDatabase, user: CurrentUser, f: RequestFilter) -> tuple[list[str], int]:
    with demo.session_factory() as session:
        return [r.id for r in list_requests(session, user, f)], count_requests(session, user, f)


def shown_ids(page: RequestsPage) -> list[str]:
    return [page.model.request_id(r) or "" for r in range(page.model.rowCount())]


def cell(page: RequestsPage, row: int, key: str) -> str:
    return page.model.index(row, COLUMN_KEYS.index(key)).data()


def show(page: RequestsPage, qtbot: QtBot, key: str) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show_list(key)
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)


def test_every_list_equals_core(page: RequestsPage, qtbot: QtBot, demo: OpenedDatabase,
                                supervisor: CurrentUser) -> None:
    cells = [r[0] for r in db(demo, "SELECT id FROM grid_cell WHERE deleted_at IS NULL ORDER BY code")]
    keys = ["open", "due_soon", "overdue", "paused", "stage:reported", "stage:dispatched", "stage:closed",
            "stage:merged", *(f"cell:{c}" for c in cells)]
    assert page.filter_key == "open"  # a supervisor starts on everything in hand
    nonempty = 0
    for key in keys:
        if key != page.filter_key:
            show(page, qtbot, key)
        ids, total = core_list(demo, supervisor, replace(page.current_filter, limit=PAGE))
        assert shown_ids(page) == ids, key
        assert page.total == total == page.counts[key], key
        assert page.filters.count_text(key) == f"{total:,}", key
        assert page.table.isVisible() == (total > 0) and page.empty_label.isVisible() == (total == 0), key
        nonempty += total > 0
    assert nonempty >= 8  # the demo has requests in most of these lists
    # the stage counts add up to everything, and match plain SQL
    by_stage = dict(db(demo, "SELECT stage, count(*) FROM service_request WHERE deleted_at IS NULL GROUP BY stage"))
    for stage, count in by_stage.items():
        assert page.counts[f"stage:{stage}"] == count
    assert page.counts["all"] == sum(by_stage.values())


def test_rows_show_what_core_says(page: RequestsPage, qtbot: QtBot, demo: OpenedDatabase,
                                  supervisor: CurrentUser) -> None:
    show(page, qtbot, "overdue")
    with demo.session_factory() as session:
        rows = list_requests(session, supervisor, replace(page.current_filter, limit=PAGE))
    assert rows and all(r.deadline.state == "overdue" for r in rows)
    for i, r in enumerate(rows[:20]):
        assert cell(page, i, "ticket_no") == r.ticket_no
        assert cell(page, i, "stage") == r.stage_name
        assert cell(page, i, "deadline") == "已超期"
        assert cell(page, i, "category") == r.category_name
        assert cell(page, i, "assignee") == (r.assignee_name or "")
        assert r.title in cell(page, i, "title")
    # due and reported times are stored in UTC and shown in Beijing time
    due, reported = db(demo, "SELECT due_at, reported_at FROM service_request WHERE id = ?", rows[0].id)[0]
    for stored, key in ((due, "due"), (reported, "reported")):
        beijing = datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone(ZoneInfo("Asia/Shanghai"))
        assert cell(page, 0, key).endswith(beijing.strftime("%m-%d %H:%M"))


def test_grid_worker_starts_on_mine(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    worker = sign_in(demo, "wangli")
    page = open_page(qtbot, demo, worker)
    assert page.filter_key == "mine" and page.filters.currentItem().text(0) == "我的诉求"
    ids, total = core_list(demo, worker, RequestFilter(mine=True, open_only=True, limit=PAGE))
    assert shown_ids(page) == ids and total > 0
    # mine: assigned to her, or in a cell she is responsible for
    cells = {r[0] for r in db(demo, "SELECT id FROM grid_cell WHERE responsible_staff_id = ?", worker.id)}
    rows = db(demo, f"SELECT assignee_id, grid_cell_id FROM service_request WHERE id IN ({','.join('?' * len(ids))})",
              *ids)
    assert all(a == worker.id or c in cells for a, c in rows)
    # the dashboard's click-through: my overdue requests
    show(page, qtbot, "mine:overdue")
    assert page.mine_check.isChecked() and page.filter_key == "overdue"
    ids, total = core_list(demo, worker, RequestFilter(mine=True, due="overdue", limit=PAGE))
    assert shown_ids(page) == ids and page.total == total
    assert page.list_title.text() == "已超期（只看我的）"


def test_search_by_ticket_number_and_title(page: RequestsPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    show(page, qtbot, "all")
    ticket, title = db(demo, "SELECT ticket_no, title FROM service_request ORDER BY reported_at DESC LIMIT 1")[0]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.search.setText(ticket.lower()[:10])  # the start of a ticket number, any case
    expected = db(demo, "SELECT count(*) FROM service_request WHERE ticket_no LIKE ?", ticket[:10] + "%")[0][0]
    assert page.total == expected and all(cell(page, r, "ticket_no").startswith(ticket[:10])
                                          for r in range(page.model.rowCount()))
    word = title[-4:]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.search.setText(word)
    expected = db(demo, "SELECT count(*) FROM service_request WHERE instr(title, ?) > 0", word)[0][0]
    assert page.total == expected >= 1 and "找到" in page.count_label.text()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.search.setText("没有这样的诉求标题")
    assert page.model.rowCount() == 0 and page.empty_label.isVisibleTo(page)
    assert "没有这样的诉求标题" in page.empty_label.text()


def test_load_more_pages_through_all(page: RequestsPage, qtbot: QtBot, demo: OpenedDatabase,
                                     supervisor: CurrentUser) -> None:
    show(page, qtbot, "all")
    total = db(demo, "SELECT count(*) FROM service_request")[0][0]
    assert total > PAGE, "the demo should hold more requests than one page"
    assert page.model.rowCount() == PAGE and page.more_button.isVisibleTo(page)
    assert f"已显示 {PAGE} 件，共 {total} 件" in page.more_label.text()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.more_button.click()
    ids, _ = core_list(demo, supervisor, replace(page.current_filter, limit=None))
    assert shown_ids(page) == ids and len(ids) == total
    assert not page.more_button.isVisibleTo(page)


def test_sorting_by_reported_time(page: RequestsPage, qtbot: QtBot, demo: OpenedDatabase,
                                  supervisor: CurrentUser) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.table.horizontalHeader().sectionClicked.emit(COLUMN_KEYS.index("reported"))
    assert page.current_filter.sort == "reported"
    ids, _ = core_list(demo, supervisor, replace(page.current_filter, limit=PAGE))
    assert shown_ids(page) == ids
    reported = db(demo, "SELECT reported_at FROM service_request WHERE id = ?", ids[0])[0][0]
    newest = db(demo, "SELECT max(reported_at) FROM service_request WHERE stage IN "
                      "('reported','accepted','dispatched','in_progress','pending_verification')")[0][0]
    assert reported == newest


def test_double_click_opens_the_request_and_back(page: RequestsPage, qtbot: QtBot) -> None:
    index = page.model.index(0, COLUMN_KEYS.index("title"))
    rect = page.table.visualRect(index)
    # a real double click: Qt's item views act on the press before the double-click event
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.detail is not None and page.body.currentWidget() is page.detail
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.is_loaded, timeout=10_000)
    assert page.detail.header.ticket_label.text().endswith(cell(page, 0, "ticket_no"))
    page.detail.back_button.click()
    assert page.body.currentIndex() == 0


def test_unknown_list_is_refused(page: RequestsPage) -> None:
    with pytest.raises(ValueError):
        page.show_list("nonsense")
    assert page.filter_key == "open"


def test_words_match_core() -> None:
    """The UI's translatable lists name the same things core does, in the same Chinese."""
    assert request_texts.CHANNEL_NAMES == core_requests.CHANNELS
    assert request_texts.URGENCY_NAMES == core_requests.URGENCIES
    assert request_texts.DEADLINE_NAMES == STATE_NAMES
    assert request_texts.ACTION_NAMES == ACTION_NAMES
    assert {code: t.note_label for code, t in TRANSITIONS.items() if t.needs_note} == request_texts.NOTE_LABELS


def test_new_request_opens_the_form_and_shows_the_new_request(page: RequestsPage, qtbot: QtBot,
                                                              demo: OpenedDatabase) -> None:
    form = page.new_request()
    assert form is not None and form.isVisible()
    qtbot.waitUntil(lambda: not form.loading and form.major_combo.count() > 1
                    and form.location.picker.building_combo.count() > 1, timeout=20_000)
    form.select_category("C0102")
    form.description_edit.setPlainText("路灯夜间不亮。")
    combo = form.location.picker.building_combo
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    with qtbot.waitSignal(form.saved, timeout=20_000) as saved, qtbot.waitSignal(page.loaded, timeout=20_000):
        form.save_button.click()
    assert page.detail is not None and page.body.currentWidget() is page.detail
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.is_loaded, timeout=10_000)
    assert page.detail.request_id == saved.args[0]
    assert saved.args[0] in shown_ids(page)  # the list behind it was read again (a new request is in hand)


def test_admin_without_casework_cannot_log(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    page = open_page(qtbot, demo, sign_in(demo, "admin"))
    assert not page.new_button.isVisibleTo(page) and page.new_request() is None
    assert page.total == page.counts["open"]  # an admin may look (report.view), not log


def test_language_switch_rewords_the_page(page: RequestsPage, qtbot: QtBot) -> None:
    from community_app.ui.i18n import install_language

    page.show_request(page.model.request_id(0) or "")
    assert page.detail is not None
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.is_loaded, timeout=10_000)
    install_language("en")
    install_language("zh_CN")
    assert page.title_label.text() == "诉求办理" and page.filters.label("overdue") == "已超期"
    assert page.detail.facts.names["category"].text() == "诉求类别" and page.detail.timeline.rows


def test_english_stage_badges_and_headers_are_not_cut(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                      supervisor: CurrentUser) -> None:
    """English stage names are twice as long as Chinese ones: the columns widen to fit them."""
    from PySide6.QtGui import QFontMetrics

    from community_app.ui import i18n

    i18n.install_language("en")
    try:
        page = open_page(qtbot, demo, supervisor)
        table = page.card.table
        head = table.horizontalHeader()
        stage = COLUMN_KEYS.index("stage")
        metrics = QFontMetrics(table.font())
        words = {cell(page, r, "stage") for r in range(page.model.rowCount())}
        assert "Dispatched" in words or "In progress" in words
        for word in words:  # the badge is elided when its pill (text + 20) overruns the cell less 12 px
            assert metrics.horizontalAdvance(word) + 32 <= head.sectionSize(stage), word
        header_metrics = QFontMetrics(head.font())
        for i in range(len(COLUMN_KEYS)):
            label = str(page.model.headerData(i, Qt.Orientation.Horizontal))
            assert header_metrics.horizontalAdvance(label) <= head.sectionSize(i), label
    finally:
        i18n.install_language("zh_CN")
