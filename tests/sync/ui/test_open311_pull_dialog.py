"""从 Open311 平台导入: an administrator fills the dialog, clicks 导入 and reads what came in;
the requests are in the local list, a second import updates instead of duplicating, and a
server that refuses or cannot be reached is reported in plain words with nothing written.
The outside server is the tiny http.server of tests/sync/open311 serving fixture files."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from community_app import paths
from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.requests.listing import RequestFilter, list_requests
from community_app.sync.http import HttpSettings
from community_app.ui.dialogs.open311_pull_dialog import Open311PullDialog
from community_app.ui.pages.sync_page import SyncPage
from tests.sync.open311 import conftest as open311
from tests.sync.open311.conftest import COMMUNITY, FIXTURES, LocalDb, OutsideServer

FAST = HttpSettings(connect_timeout=2, read_timeout=2, retries=0)
REQUESTS = "/open311/v2/requests.json"
# fixtures: a tiny desktop database of 湛山社区 and an outside Open311 server serving fixture files
local_db, outside_server = open311.local_db, open311.outside_server


def a_user(role: str = roles.ADMIN) -> CurrentUser:
    name, permissions = roles.DEFAULT_ROLES[role]
    return CurrentUser("u-1", "admin", "管理员", role, name, frozenset(permissions), COMMUNITY)


def factory(db: LocalDb) -> sessionmaker[Session]:
    return sessionmaker(bind=db.session.get_bind(), expire_on_commit=False)


def imported(db: LocalDb) -> dict[str, str]:
    """Title → category of the open311 requests in the local request list."""
    with factory(db)() as session:
        rows = list_requests(session, a_user(), RequestFilter(limit=None))
    return {r.title: r.category_code for r in rows if r.channel == "open311"}


def open_dialog(qtbot: QtBot, db: LocalDb) -> Open311PullDialog:
    dialog = Open311PullDialog(a_user(), factory(db), http=FAST)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def run_import(qtbot: QtBot, dialog: Open311PullDialog) -> None:
    dialog.import_button.click()
    assert dialog.running and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)


def test_import_shows_summary_and_a_second_import_updates(app: QApplication, qtbot: QtBot, local_db: LocalDb,
                                                          outside_server: OutsideServer, tmp_path: Path) -> None:
    outside_server.serve_file(REQUESTS, "requests_numeric.json")
    dialog = open_dialog(qtbot, local_db)
    dialog.url_edit.setText(outside_server.url)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    dialog.jurisdiction_edit.setText(COMMUNITY)
    dialog.key_edit.setText("secret-key-123")
    assert dialog.days_spin.value() == 90
    fallback = dialog.fallback_combo.findData("S0401")
    assert fallback > 0 and "/" in dialog.fallback_combo.itemText(fallback)
    dialog.fallback_combo.setCurrentIndex(fallback)
    run_import(qtbot, dialog)

    status = dialog.status_label.text()
    assert "导入完成：新增 3 条，更新 0 条，无变化 0 条，未导入 3 条。" in status
    skipped = dialog.details.toPlainText()
    assert dialog.details.isVisible()
    assert "外部诉求 638346：位置不在本社区的任何网格内" in skipped
    assert "外部诉求 638348：没有经纬度，地址也对不上本社区的楼栋" in skipped
    assert "外部诉求 638349：导入前对方已办结" in skipped
    found = imported(local_db)
    assert len(found) == 3 and "S0401" in found.values()  # "Pothole" went to the chosen fallback
    # the query carried the period, jurisdiction and key; the address is remembered, the key never
    _path, query = next((p, q) for p, q in outside_server.log if p == REQUESTS)
    assert query["jurisdiction_id"] == [COMMUNITY] and query["api_key"] == ["secret-key-123"]
    assert "start_date" in query and "end_date" in query
    saved = paths.settings_file().read_text(encoding="utf-8")
    assert outside_server.url in saved and "secret-key-123" not in saved
    dialog.grab().save(str(tmp_path / "open311_dialog.png"))

    # the remote changed one description: the next import updates it, nothing is duplicated
    body = json.loads((FIXTURES / "requests_numeric.json").read_text(encoding="utf-8"))
    body[0]["description"] = "油污已扩大到车行道"
    outside_server.routes[REQUESTS] = (200, "application/json", json.dumps(body).encode())
    again = open_dialog(qtbot, local_db)
    assert again.url_edit.text() == outside_server.url and again.key_edit.text() == ""
    again.fallback_combo.setCurrentIndex(again.fallback_combo.findData("S0401"))
    run_import(qtbot, again)
    assert "新增 0 条，更新 1 条，无变化 2 条" in again.status_label.text()
    assert imported(local_db) == found
    assert again.result is not None and len(again.result.updated) == 1


def test_unreachable_and_refusing_servers_are_told_in_plain_words(app: QApplication, qtbot: QtBot,
                                                                  local_db: LocalDb,
                                                                  outside_server: OutsideServer) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog = open_dialog(qtbot, local_db)
    dialog.url_edit.setText(f"http://127.0.0.1:{port}/open311/v2")
    run_import(qtbot, dialog)
    text = dialog.status_label.text()
    assert text.startswith("导入未完成，本地数据没有改动。") and "连不上" in text
    assert dialog.problem is not None and dialog.problem.code == "network_unreachable"
    assert dialog.import_button.isEnabled() and not dialog.details.isVisible()

    outside_server.serve_file(REQUESTS, "error_403.xml", status=403)
    dialog.url_edit.setText(outside_server.url)
    run_import(qtbot, dialog)
    assert "Open311 服务器拒绝了访问" in dialog.status_label.text()
    assert imported(local_db) == {}

    dialog.url_edit.setText("example.cn/open311")  # no scheme: asked for, nothing sent
    dialog.import_button.click()
    assert not dialog.running and "https://" in dialog.status_label.text()


@pytest.mark.parametrize(("role", "shown"), [(roles.ADMIN, True), (roles.SUPERVISOR, False)])
def test_sync_page_offers_the_import_to_administrators(app: QApplication, qtbot: QtBot, local_db: LocalDb,
                                                       role: str, shown: bool, tmp_path: Path) -> None:
    page = SyncPage(a_user(role), factory(local_db))
    qtbot.addWidget(page)
    page.resize(1240, 700)
    page.show()
    assert page.open311_button.isVisible() is shown
    assert page.open311_button.text() == "从 Open311 平台导入…"
    qtbot.waitUntil(lambda: page.conflicts.loaded and page.quarantine.loaded, timeout=10_000)
    page.grab().save(str(tmp_path / "sync_page.png"))
