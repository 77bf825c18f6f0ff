"""The main window after login: navigation to working pages only, the status bar, and
dashboard numbers equal to what core.dashboard counts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.core import roles
from community_app.core.auth import CurrentUser, login
from community_app.core.dashboard import dashboard_counts
from community_app.core.stages import OPEN_STAGES, STAGE_NAMES
from community_app.ui.application import demo_accounts
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.main_window import MainWindow

NOW = datetime(2026, 1, 1, tzinfo=UTC)  # the counting instant, which two windows cannot share


def sign_in(demo: OpenedDatabase, role_name: str) -> CurrentUser:
    username, password, _ = next(a for a in demo_accounts() if a[2] == role_name)
    with demo.session_factory() as session:
        return login(session, username, password)


@pytest.fixture
def window(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> Iterator[MainWindow]:
    user = sign_in(demo, roles.DEFAULT_ROLES[roles.SUPERVISOR][0])
    win = MainWindow(user, demo.session_factory, demo.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.dashboard.is_loaded, timeout=20_000)  # the indicators too
    yield win


def number(value: int) -> str:
    return QLocale().toString(value)


def test_navigation_lists_only_pages_that_exist(window: MainWindow, qtbot: QtBot) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["工作台", "居民档案", "诉求办理", "特殊群体走访", "网格巡查", "网格楼栋", "网格地图",
                      "报表打印", "数据同步"]
    assert window.stack.count() == window.nav.count() == 9
    assert window.stack.currentWidget() is window.dashboard
    assert list(window.pages) == ["dashboard"]  # the others are built on first visit
    with qtbot.waitSignal(window.page_built, timeout=5_000):
        window.nav.setCurrentRow(1)
    residents = window.pages["residents"]
    assert window.stack.currentWidget() is residents and window.stack.count() == 9
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(1)
    assert window.pages["residents"] is residents  # built once


def test_header_and_status_bar_show_who_and_which_database(window: MainWindow, demo: OpenedDatabase) -> None:
    user = window.user
    assert window.status_user.text() == f"当前用户：{user.display_name}（社区负责人）"
    assert window.status_db.text() == f"数据库：{demo.path}"
    assert window.community_label.text() == window.dashboard.counts.community_name != ""  # type: ignore[union-attr]
    status_texts = " ".join(w.text() for w in (window.status_user, window.status_db))
    assert "同步" not in status_texts  # there is no sync yet: never fake a sync state


@pytest.mark.parametrize("role", [roles.SUPERVISOR, roles.GRID_WORKER])
def test_a_frame_built_during_the_sign_in_opens_as_a_signed_in_window(
        app: QApplication, qtbot: QtBot, demo: OpenedDatabase, role: str) -> None:
    """The start builds the window's frame while argon2 runs (MainWindow(None, …)), then opens it
    for the user: it must end up as a window built with the user, and show the same numbers."""
    frame = MainWindow(None, demo.session_factory, demo.path, remember_geometry=False)
    qtbot.addWidget(frame)
    assert frame.pages == {} and frame.first_counts is None and frame.nav.count() == 9
    with pytest.raises(AssertionError):
        frame.user  # noqa: B018  (nobody signed in yet)
    user = sign_in(demo, roles.DEFAULT_ROLES[role][0])
    frame.open_for(user)
    frame.show()
    qtbot.waitUntil(lambda: frame.dashboard.is_loaded, timeout=20_000)
    built = MainWindow(user, demo.session_factory, demo.path, remember_geometry=False)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitUntil(lambda: built.dashboard.is_loaded, timeout=20_000)

    def seen(win: MainWindow) -> tuple[object, ...]:
        cards = {key: card.value_label.text() for key, card in win.dashboard.cards.items()}
        return (win.nav_keys(), [win.nav.item(i).text() for i in range(win.nav.count())], list(win.pages),
                win.stack.currentWidget() is win.dashboard, win.user_label.text(), win.status_user.text(),
                win.status_db.text(), win.windowTitle(), cards)

    assert seen(frame) == seen(built)
    assert frame.dashboard.counts is not None and built.dashboard.counts is not None
    assert replace(frame.dashboard.counts, as_of=NOW) == replace(built.dashboard.counts, as_of=NOW)
    with pytest.raises(AssertionError):
        frame.open_for(user)  # one user per window


@pytest.mark.parametrize("role", [roles.SUPERVISOR, roles.GRID_WORKER])
def test_dashboard_shows_the_core_numbers(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                          role: str) -> None:
    user = sign_in(demo, roles.DEFAULT_ROLES[role][0])
    win = MainWindow(user, demo.session_factory, demo.path)
    qtbot.addWidget(win)
    win.show()
    page = win.dashboard
    qtbot.waitUntil(lambda: page.counts is not None, timeout=20_000)
    with demo.session_factory() as session:
        expected = dashboard_counts(session, user=user)

    cards = page.cards
    assert cards["residents"].value_label.text() == number(expected.residents)
    assert cards["households"].value_label.text() == number(expected.households)
    assert cards["open_total"].value_label.text() == number(expected.open_total)
    assert cards["overdue"].value_label.text() == number(expected.overdue)
    assert cards["due_soon"].value_label.text() == number(expected.due_soon)
    assert cards["visits_due"].value_label.text() == number(expected.visits_due)
    for stage in OPEN_STAGES:
        card = page.stage_cards[stage]
        assert card.title_label.text() == STAGE_NAMES[stage]
        assert card.value_label.text() == number(expected.open_by_stage[stage])
    assert expected.residents > 0 and expected.open_total > 0  # the demo is not empty
    titles = {key: card.title_label.text() for key, card in cards.items()}
    assert titles == {"residents": "居民总数", "households": "户数", "visits_due": "待走访",
                      "open_total": "在办诉求", "overdue": "已超期", "due_soon": "即将超期", "patrols_due": "待巡查"}
    assert cards["patrols_due"].value_label.text() == number(expected.patrols_due)
    assert "北京时间" in page.subtitle_label.text()
    scope = "我负责的网格" if role == roles.GRID_WORKER else "全社区"
    assert f"统计范围：{scope}" in page.subtitle_label.text()


def test_refresh_counts_again(window: MainWindow, qtbot: QtBot) -> None:
    page = window.dashboard
    first = page.counts
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh_button.click()
    assert page.counts is not first and page.counts is not None
    assert page.counts.as_of >= first.as_of  # type: ignore[union-attr]


def test_logout_is_offered(window: MainWindow, qtbot: QtBot) -> None:
    assert window.logout_button.text() == "退出登录"
    with qtbot.waitSignal(window.logout_requested, timeout=1000):
        window.logout_button.click()


def test_window_geometry_is_remembered(app: QApplication, qtbot: QtBot, window: MainWindow,
                                       demo: OpenedDatabase) -> None:
    # a size other than the default that fits both the screen (restoreGeometry keeps windows
    # on screen) and the window's minimum
    screen, least = window.screen().availableGeometry(), window.minimumSizeHint()
    size = ((screen.width() + least.width()) // 2, (screen.height() + least.height()) // 2)
    assert size != (window.width(), window.height())
    window.resize(*size)
    window.close()
    again = MainWindow(window.user, demo.session_factory, demo.path)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == size


def test_a_cell_chosen_on_the_map_filters_the_residents(window: MainWindow, qtbot: QtBot,
                                                        demo: OpenedDatabase) -> None:
    import sqlite3

    with sqlite3.connect(demo.path) as conn:
        cell_id, name = conn.execute("SELECT id, name FROM grid_cell ORDER BY code LIMIT 1").fetchone()
    window.show_page("map")
    window.pages["map"].cell_chosen.emit(cell_id)  # type: ignore[attr-defined]
    residents = window.pages["residents"]
    assert window.stack.currentWidget() is residents
    qtbot.waitUntil(lambda: residents.cell_combo.currentText() == name, timeout=10_000)  # type: ignore[attr-defined]
    assert residents.current_filter.grid_cell_id == cell_id  # type: ignore[attr-defined]
