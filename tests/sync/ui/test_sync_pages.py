"""The sync page a supervisor uses: conflicts chosen field by field, rejected changes fixed and
sent again or discarded, the enrolment dialog against the real city API, and the per-record
badge on the request page. Screens are read the way a user reads them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from community_app.core.auth import CurrentUser
from community_app.sync.device import load_device
from community_app.sync.tokens import MemoryTokenStore
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.enrol_dialog import EnrolDialog
from community_app.ui.pages.request_detail import RequestDetailPanel
from community_app.ui.pages.sync_page import SyncPage
from community_app.ui.sync_controller import SyncController
from db.models import OutboxEntry, Resident, ServiceRequest, SyncConflict
from tests.city_server import DEMO_COMMUNITY, CityServer
from tests.sync.ui.helpers import make_conflict, make_rejected
from tests.ui.request_helpers import sign_in


def open_page(qtbot: QtBot, demo: OpenedDatabase, user: CurrentUser) -> SyncPage:
    controller = SyncController(demo.session_factory, tokens=MemoryTokenStore())
    page = SyncPage(user, demo.session_factory, controller)
    qtbot.addWidget(page)
    page.resize(1240, 840)
    page.show()
    qtbot.waitUntil(lambda: page.conflicts.loaded and page.quarantine.loaded, timeout=10_000)
    return page


def test_conflict_resolved_field_by_field(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                         tmp_path: Path) -> None:
    cid, rid, _ = make_conflict(demo.session_factory, mine={"phone": "13800001111", "notes": "本机备注"},
                                theirs={"phone": "13900002222", "notes": "平台备注"})
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    panel = page.conflicts
    assert page.tabs.tabText(0) == "同步冲突（1）"
    assert panel.list.count() == 1 and "2 个字段有分歧" in panel.list.item(0).text()
    shown = {r.name: (r.mine.toolTip(), r.theirs.toolTip()) for r in panel.rows}
    assert shown["phone"] == ("138****1111", "139****2222")  # masked
    assert shown["notes"] == ("本机备注", "平台备注")
    page.grab().save(str(tmp_path / "conflicts.png"))

    panel.choose("phone", "mine")
    panel.submit()  # notes not chosen yet: asked for, nothing written
    assert panel.message_label.isVisible() and "备注" in panel.message_label.text()
    panel.choose("notes", "edited", "双方核实后的备注")
    with qtbot.waitSignal(panel.resolved, timeout=10_000):
        panel.submit()
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=10_000)
    assert panel.empty_label.isVisible() and "没有待处理的同步冲突" in panel.empty_label.text()
    with demo.session_factory() as s:
        row = s.get(Resident, rid)
        assert row is not None and (row.phone, row.notes, row.version) == ("13800001111", "双方核实后的备注", 5)
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == rid, OutboxEntry.status == "pending")).one()
        assert entry.changes == {"phone": "13800001111", "notes": "双方核实后的备注"} and entry.base_version == 5
        assert s.get(SyncConflict, cid).status == "resolved"  # type: ignore[union-attr]


def test_grid_worker_cannot_resolve(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    make_conflict(demo.session_factory, mine={"notes": "甲"}, theirs={"notes": "乙"})
    page = SyncPage(sign_in(demo, "wangli"), demo.session_factory)
    qtbot.addWidget(page)
    page.show()
    assert "只有社区负责人" in page.conflicts.empty_label.text() and not page.conflicts.splitter.isVisible()


def test_rejected_change_fixed_and_sent_again(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                             tmp_path: Path) -> None:
    seq, rid = make_rejected(demo.session_factory, changes_={"ethnicity": "火星族", "phone": "13812345678"},
                             reason="民族“火星族”不在国家标准中：请改为标准名称后重新发送。")
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    page.tabs.setCurrentIndex(1)
    panel = page.quarantine
    assert page.tabs.tabText(1) == "被退回的修改（1）"
    assert "火星族" in panel.reason_label.text() and "城市平台退回的原因" in panel.reason_label.text()
    cells = {panel.table.item(r, 0).text(): panel.table.item(r, 1).text() for r in range(panel.table.rowCount())}
    assert cells == {"民族": "火星族", "联系电话": "138****5678"}
    page.grab().save(str(tmp_path / "quarantine.png"))
    panel.set_value("ethnicity", "汉族")
    with qtbot.waitSignal(panel.changed, timeout=10_000):
        panel.requeue_button.click()
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=10_000)
    with demo.session_factory() as s:
        assert s.get(OutboxEntry, seq).status == "requeued"  # type: ignore[union-attr]
        new = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == rid, OutboxEntry.status == "pending")).one()
        assert new.changes == {"ethnicity": "汉族", "phone": "13812345678"}  # the masked phone went unchanged
        assert s.get(Resident, rid).ethnicity == "汉族"  # type: ignore[union-attr]


def test_rejected_change_discarded(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    seq, _ = make_rejected(demo.session_factory, changes_={"notes": "x"}, reason="不允许。")
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    with qtbot.waitSignal(page.quarantine.changed, timeout=10_000):
        page.quarantine.discard_current()
    with demo.session_factory() as s:
        assert s.get(OutboxEntry, seq).status == "discarded"  # type: ignore[union-attr]


def test_enrol_dialog_with_a_one_time_code(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                          city_server: CityServer, tmp_path: Path) -> None:
    tokens = MemoryTokenStore()
    dialog = EnrolDialog(demo.engine, tokens, server_url=city_server.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code_edit.setText("AAAA-BBBB-CCCC")
    dialog.submit()
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=15_000)
    assert "登记码无效" in dialog.error_label.text()
    dialog.grab().save(str(tmp_path / "enrol.png"))

    dialog.code_edit.setText(city_server.issue_code(DEMO_COMMUNITY))
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=15_000)
    with demo.session_factory() as s:
        device = load_device(s)
    assert device is not None and device.community_code == DEMO_COMMUNITY
    assert device.server_url == city_server.base_url
    assert tokens.get(city_server.base_url)


def test_request_page_shows_the_sync_state(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    with demo.session_factory() as s:
        request = s.scalars(select(ServiceRequest).order_by(ServiceRequest.id).limit(1)).one()
        request_id = request.id
        request.version = 2
        s.commit()
    panel = RequestDetailPanel(sign_in(demo, "chenjing"), demo.session_factory)
    qtbot.addWidget(panel)
    panel.resize(1300, 1000)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_request(request_id)
    assert panel.header.sync_badge.text() == "已同步"
    with demo.session_factory() as s:
        s.add(OutboxEntry(table_name="service_request", row_id=request_id, op="update", base_version=2,
                          changes={"title": "x"}, status="rejected", last_error="不允许"))
        s.commit()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.refresh()
    assert panel.header.sync_badge.text() == "同步出错"
    with demo.session_factory() as s:
        s.add(OutboxEntry(table_name="service_request", row_id=request_id, op="update", base_version=2,
                          changes={"title": "y"}))
        s.add(SyncConflict(table_name="service_request", row_id=request_id, mutation_id="m", mine={}, theirs={},
                           server_version=3))
        s.commit()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.refresh()
    assert panel.header.sync_badge.text() == "同步冲突"


def test_resident_page_shows_the_sync_state(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    from community_app.ui.pages.resident_detail import ResidentDetailPanel

    _, rid, _ = make_conflict(demo.session_factory, mine={"notes": "甲"}, theirs={"notes": "乙"})
    panel = ResidentDetailPanel(sign_in(demo, "chenjing"), demo.session_factory)
    qtbot.addWidget(panel)
    panel.resize(1300, 1000)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_resident(rid)
    badge = panel.findChild(QLabel, "syncBadge")
    assert badge is not None and badge.text() == "同步冲突"
    with demo.session_factory() as s:
        from community_app.sync.conflicts import Choice, resolve

        [c] = s.scalars(select(SyncConflict.id)).all()
        resolve(s, c, {"notes": Choice("theirs")}, actor_id=None)
        s.commit()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_resident(rid)
    assert panel.findChild(QLabel, "syncBadge").text() == "已同步"


def test_sync_page_survives_a_language_switch(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    from community_app.ui.i18n import install_language

    make_conflict(demo.session_factory, mine={"notes": "甲" * 200}, theirs={"notes": "乙"})
    page = open_page(qtbot, demo, sign_in(demo, "chenjing"))
    row = page.conflicts.rows[0]
    assert row.mine.toolTip() == "甲" * 200 and row.mine.text().endswith("…")  # a long value is shortened
    install_language("en")
    qtbot.waitUntil(lambda: page.conflicts.list.count() == 1, timeout=5_000)
    assert page.tabs.count() == 2 and page.title_label.text()
