"""`community-app --demo`: the embedded city API comes up after the window, is seeded from
the demo database once (local rows then at version 1), the device enrols itself, and the
background sync runs — a newcomer sees 已同步 with no set-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from community_app.core import changes
from community_app.sync.demo_server import SEEDED_MARK, SERVER_DB_NAME
from community_app.ui import sync_setup
from community_app.ui.application import DesktopSession, LaunchOptions, demo_accounts
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.login_dialog import LoginDialog
from community_app.ui.main_window import MainWindow
from community_app.ui.pages.sync_page import SyncPage
from community_app.ui.sync_controller import SyncController
from db.models import Resident
from tests.sync.ui.helpers import a_resident
from tests.ui.request_helpers import sign_in

DEMO_START_MS = 60_000


@pytest.fixture
def stopped_demo_server() -> Iterator[None]:
    yield
    sync_setup.stop_demo_server()


def test_demo_start_brings_up_a_server_and_syncs(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                stopped_demo_server: None, tmp_path: Path) -> None:
    window = MainWindow(sign_in(demo, "chenjing"), demo.session_factory, demo.path, remember_geometry=False)
    qtbot.addWidget(window)
    window.show()
    controller = sync_setup.attach_sync(window, demo=True, start_delay_ms=0)
    assert isinstance(controller, SyncController)

    def synced() -> bool:
        o = controller.current
        return o is not None and o.enrolled and o.last_success_at is not None and not controller.running

    qtbot.waitUntil(synced, timeout=DEMO_START_MS)
    server = sync_setup._demo_server
    assert server is not None and server.seeded_now
    assert requests.get(f"{server.base_url}/healthz", timeout=5).ok
    assert (tmp_path / SERVER_DB_NAME).exists() and (tmp_path / SEEDED_MARK).exists()  # beside the demo database
    with demo.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Resident).where(Resident.version == 0)) == 0
    status = window.sync_status  # type: ignore[attr-defined]
    assert "已同步" in status.text_label.text() and status.state == "ok"
    window.grab().save(str(tmp_path / "demo-window.png"))

    # a change made in the demo reaches the embedded server on 「同步」
    with demo.session_factory() as s:
        changes.update(s, a_resident(s), notes="演示里改的备注")
        s.commit()
    with qtbot.waitSignal(controller.run_finished, timeout=30_000) as finished:
        status.sync_button.click()
    assert getattr(finished.args[0], "applied", None) == 1

    status.text_label.clicked.emit()  # the status text opens the sync page
    assert isinstance(window.stack.currentWidget(), SyncPage)
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.values["server"].text() == server.base_url, timeout=10_000)
    assert page.values["community"].text() == "湛山社区"
    window.grab().save(str(tmp_path / "demo-sync-page.png"))
    window.close()


def _sign_in_when_shown(username: str, password: str) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, LoginDialog):
        QTimer.singleShot(20, lambda: _sign_in_when_shown(username, password))
        return
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    dialog.login_button.click()


def test_demo_session_syncs_after_sign_in_and_again_after_signing_in_anew(
        app: QApplication, qtbot: QtBot, demo: OpenedDatabase, stopped_demo_server: None) -> None:
    accounts = {role: (u, p) for u, p, role in demo_accounts()}
    session = DesktopSession(app, LaunchOptions(demo=True, db_path=demo.path))
    session.database = demo

    def synced() -> bool:
        controller = getattr(session.window, "sync_controller", None)
        report = controller.last_report if controller is not None else None  # a run of THIS window
        return bool(getattr(report, "finished", False)) and controller.current.last_success_at is not None

    QTimer.singleShot(0, lambda: _sign_in_when_shown(*accounts["社区负责人"]))
    assert session.login() is True
    first = session.window
    qtbot.waitUntil(synced, timeout=DEMO_START_MS)  # after the dashboard: server up, enrolled, synced
    first_server = sync_setup._demo_server
    assert first_server is not None

    QTimer.singleShot(0, lambda: _sign_in_when_shown(*accounts["网格员"]))
    first.logout_button.click()  # the window goes, and its server with it
    qtbot.waitUntil(lambda: session.window is not None and session.window is not first, timeout=10_000)
    qtbot.waitUntil(synced, timeout=DEMO_START_MS)
    assert sync_setup._demo_server is not None and sync_setup._demo_server is not first_server
    assert not sync_setup._demo_server.seeded_now  # seeded once, on the first start
    session.window.close()
    assert sync_setup._demo_server is None
