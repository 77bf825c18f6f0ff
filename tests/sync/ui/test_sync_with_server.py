"""Sync as the desktop user sees it, against the REAL city API (uvicorn subprocess): the status
bar when the server is down, 「同步」 draining the outbox, a conflict resolved on the page
reaching the server, a fixed rejected change accepted on the second try."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from city_api.seed import seed_from_sqlite
from city_api.store import get_record
from community_app.core import changes
from community_app.sync.demo_server import agree_with_server
from community_app.sync.device import save_enrolment
from community_app.sync.enrolment import enroll
from community_app.sync.http import HttpSettings
from community_app.sync.tokens import MemoryTokenStore
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.pages.sync_page import SyncPage
from community_app.ui.sync_controller import SyncController
from community_app.ui.sync_status import SyncStatusWidget
from db.models import OutboxEntry, Resident
from tests.city_server import DEMO_COMMUNITY, CityServer, free_port
from tests.sync.ui.helpers import a_resident
from tests.ui.request_helpers import sign_in

FAST = HttpSettings(connect_timeout=2.0, read_timeout=10.0, retries=0)
SYNC_TIMEOUT_MS = 30_000


def controller_for(demo: OpenedDatabase, tokens: MemoryTokenStore) -> SyncController:
    return SyncController(demo.session_factory, tokens=tokens, http=FAST)


def run_sync(qtbot: QtBot, controller: SyncController) -> object:
    with qtbot.waitSignal(controller.run_finished, timeout=SYNC_TIMEOUT_MS) as finished:
        assert controller.sync_now()
    qtbot.waitUntil(lambda: controller._overview_job is None, timeout=10_000)  # the refreshed counts arrived
    return finished.args[0]


def enrolled(demo: OpenedDatabase, server: CityServer, *, seed: bool) -> MemoryTokenStore:
    """This device enrolled with the server; seed: the server holds the demo's rows first (as
    in the demo), so both sides agree at version 1."""
    if seed:
        seed_from_sqlite(server.engine, demo.path, DEMO_COMMUNITY)
        with server.session() as s:
            from city_api.models import Community, Record

            last_seq = s.scalar(select(Community.last_seq).where(Community.code == DEMO_COMMUNITY))
            ids: dict[str, set[str]] = {}
            for table, rid in s.execute(select(Record.table_name, Record.id)):
                ids.setdefault(table, set()).add(rid)
        agree_with_server(demo.engine, int(last_seq or 0), ids)
    tokens = MemoryTokenStore()
    enroll(demo.engine, server.base_url, server.issue_code(DEMO_COMMUNITY), "测试电脑", tokens=tokens, http=FAST)
    return tokens


def test_status_bar_says_plainly_when_the_server_is_down(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                        tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    with demo.session_factory() as s:
        save_enrolment(s, server_url=dead, device_id="d1", community_code=DEMO_COMMUNITY, community_name="湛山社区",
                       role="office", device_name="测试电脑")
        changes.update(s, a_resident(s), notes="断网时填写的备注")
        s.commit()
    tokens = MemoryTokenStore()
    tokens.set(dead, "t" * 43)
    controller = controller_for(demo, tokens)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    widget.resize(760, 32)
    widget.show()
    run_sync(qtbot, controller)
    text = widget.text_label.text()
    assert "网络不通，已保存在本机，稍后自动重试" in text
    assert "待上传 1 条" in text
    assert widget.state == "error"
    assert "连不上城市平台" in widget.text_label.toolTip()
    assert widget.sync_button.isEnabled()  # the user may try again at once
    widget.grab().save(str(tmp_path / "status-down.png"))


def test_sync_now_drains_the_outbox(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                    city_server: CityServer) -> None:
    tokens = enrolled(demo, city_server, seed=True)
    with demo.session_factory() as s:
        row = a_resident(s)
        rid = row.id
        changes.update(s, row, notes="同步测试备注")
        new = changes.insert(s, Resident(name="同步新人", sex="F", community_code=DEMO_COMMUNITY))
        new_id = new.id
        s.commit()
    controller = controller_for(demo, tokens)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    widget.show()
    controller.refresh()
    qtbot.waitUntil(lambda: controller.current is not None and controller.current.waiting == 2, timeout=10_000)
    assert "待上传 2 条" in widget.text_label.text()
    with qtbot.waitSignal(controller.run_finished, timeout=SYNC_TIMEOUT_MS):
        widget.sync_button.click()
    qtbot.waitUntil(lambda: controller.current is not None and controller.current.waiting == 0, timeout=10_000)
    assert "已同步" in widget.text_label.text() and "待上传" not in widget.text_label.text()
    assert widget.state == "ok"
    with city_server.session() as s:
        edited = get_record(s, DEMO_COMMUNITY, "resident", rid)
        inserted = get_record(s, DEMO_COMMUNITY, "resident", new_id)
    assert edited is not None and edited.data["notes"] == "同步测试备注" and edited.version == 2
    assert inserted is not None and inserted.data["name"] == "同步新人"


def test_conflict_resolved_on_the_page_reaches_the_server(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                         city_server: CityServer, tmp_path: Path) -> None:
    tokens = enrolled(demo, city_server, seed=True)
    with demo.session_factory() as s:
        row = a_resident(s)
        rid = row.id
        changes.update(s, row, phone="13800001111", notes="本机备注")
        s.commit()
    city_server.put_record(DEMO_COMMUNITY, "resident", rid, {"phone": "13900002222", "notes": "平台备注"})
    controller = controller_for(demo, tokens)
    page = SyncPage(sign_in(demo, "chenjing"), demo.session_factory, controller)
    qtbot.addWidget(page)
    page.resize(1240, 840)
    page.show()
    report = run_sync(qtbot, controller)
    assert getattr(report, "conflicts", None) == 1
    panel = page.conflicts
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    assert {r.name for r in panel.rows if r.field.differs} == {"phone", "notes"}
    page.grab().save(str(tmp_path / "conflict-from-server.png"))
    panel.choose("phone", "mine")
    panel.choose("notes", "theirs")
    # the page sends the result itself
    with qtbot.waitSignal(controller.run_finished, timeout=SYNC_TIMEOUT_MS), \
            qtbot.waitSignal(panel.resolved, timeout=10_000):
        panel.submit()
    with city_server.session() as s:
        record = get_record(s, DEMO_COMMUNITY, "resident", rid)
    assert record is not None
    assert (record.data["phone"], record.data["notes"], record.version) == ("13800001111", "平台备注", 3)
    qtbot.waitUntil(lambda: controller.current is not None and controller.current.conflicts == 0
                    and controller.current.waiting == 0, timeout=10_000)
    with demo.session_factory() as s:
        local = s.get(Resident, rid)
        assert local is not None and (local.phone, local.notes, local.version) == ("13800001111", "平台备注", 3)


def test_rejected_change_fixed_and_accepted(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                           city_server: CityServer) -> None:
    tokens = enrolled(demo, city_server, seed=True)
    with demo.session_factory() as s:
        row = a_resident(s)
        rid = row.id
        s.add(OutboxEntry(table_name="resident", row_id=rid, op="update", base_version=row.version,
                          changes={"notes": 12345}))  # a number where the city expects text
        s.commit()
    controller = controller_for(demo, tokens)
    page = SyncPage(sign_in(demo, "chenjing"), demo.session_factory, controller)
    qtbot.addWidget(page)
    page.show()
    report = run_sync(qtbot, controller)
    assert getattr(report, "rejected", None) == 1
    panel = page.quarantine
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    assert panel.reason_label.text().startswith("城市平台退回的原因：")
    panel.set_value("notes", "改正后的备注")
    with qtbot.waitSignal(controller.run_finished, timeout=SYNC_TIMEOUT_MS), \
            qtbot.waitSignal(panel.changed, timeout=10_000):
        panel.requeue_button.click()
    with city_server.session() as s:
        record = get_record(s, DEMO_COMMUNITY, "resident", rid)
    assert record is not None and record.data["notes"] == "改正后的备注"
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=10_000)
