"""The request page: it offers exactly the actions core allows the signed-in user, takes a
request through 受理 → 派遣 → 开始处置 → 提交核查 → 结案 → 回访 by clicking, each step stored
and shown on the timeline; core's refusals and missing inputs are shown in its words;
photos attach to the timeline; the reporter's phone stays masked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.core.auth import CurrentUser
from community_app.core.requests import RequestInput, log_request
from community_app.core.workflow import allowed_actions, perform
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.action_dialog import ActionDialog
from community_app.ui.pages.request_detail import RequestDetailPanel
from community_app.ui.pages.request_detail_parts import PhotoThumb
from community_app.ui.request_texts import DEADLINE_NAMES
from tests.ui.request_helpers import db, events, photo, sign_in, staff_id, stage_of, visible_texts

PHONE = "13812345678"


def open_panel(qtbot: QtBot, demo: OpenedDatabase, user: CurrentUser, request_id: str) -> RequestDetailPanel:
    panel = RequestDetailPanel(user, demo.session_factory)
    qtbot.addWidget(panel)
    panel.resize(1300, 1000)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_request(request_id)
    return panel


def new_request(demo: OpenedDatabase, worker: str = "wangli", *, actions: tuple[str, ...] = ()) -> str:
    """A fresh request in a building of the worker's grid cell, moved on by the supervisor."""
    boss = sign_in(demo, "chenjing")
    building = db(demo, "SELECT b.id FROM building b JOIN grid_cell g ON g.id = b.grid_cell_id "
                        "JOIN staff_user s ON s.id = g.responsible_staff_id WHERE s.username = ? "
                        "ORDER BY b.id LIMIT 1", worker)[0][0]
    with demo.session_factory() as session:
        request_id = log_request(session, boss, RequestInput(
            category_code="E0101", description="垃圾桶旁暴露垃圾，气味较大。", channel="phone", building_id=building,
            reporter_name="刘女士", reporter_phone=PHONE))
        for action in actions:
            perform(session, boss, request_id, action,
                    target_staff_id=staff_id(demo, worker) if action == "dispatch" else None)
        session.commit()
    return request_id


def act(qtbot: QtBot, panel: RequestDetailPanel, code: str,
        fill: Callable[[ActionDialog], None] | None = None) -> None:
    """Click the action's button, fill the prompt, confirm; wait until the page shows the result."""
    panel.header.action_buttons[code].click()
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible() and dialog.action.code == code
    if fill is not None:
        fill(dialog)
    with qtbot.waitSignals([panel.action_done, panel.loaded], timeout=20_000):
        dialog.ok_button.click()
    assert not dialog.isVisible()


def buttons(panel: RequestDetailPanel) -> list[str]:
    return [code for code, b in panel.header.action_buttons.items() if b.isVisibleTo(panel)]


def core_actions(demo: OpenedDatabase, user: CurrentUser, request_id: str) -> list[str]:
    with demo.session_factory() as session:
        return [a.code for a in allowed_actions(session, user, request_id)]


def test_offers_exactly_what_core_allows(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    request_id = new_request(demo, actions=("accept", "dispatch"))
    worker, boss, other = sign_in(demo, "wangli"), sign_in(demo, "chenjing"), sign_in(demo, "zhaoqiang")
    seen = {}
    for user in (worker, boss, other):
        panel = open_panel(qtbot, demo, user, request_id)
        seen[user.username] = buttons(panel)
        assert seen[user.username] == core_actions(demo, user, request_id)
        assert panel.header.no_actions_label.isVisibleTo(panel) == (not seen[user.username])
    assert "start" in seen["wangli"] and "reassign" not in seen["wangli"]  # the assignee works it
    assert "reassign" in seen["chenjing"] and "start" not in seen["chenjing"]  # the supervisor steers it
    assert seen["zhaoqiang"] == []  # not his cell, not his request
    # and on a request just reported, the supervisor may accept, reject, merge, escalate, note
    fresh = new_request(demo)
    panel = open_panel(qtbot, demo, boss, fresh)
    assert buttons(panel) == core_actions(demo, boss, fresh) == ["accept", "reject", "merge", "escalate", "note"]


def test_the_whole_workflow_by_clicking(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                        tmp_path: Path) -> None:
    request_id = new_request(demo)
    boss, worker = sign_in(demo, "chenjing"), sign_in(demo, "wangli")
    office = open_panel(qtbot, demo, boss, request_id)
    field = open_panel(qtbot, demo, worker, request_id)

    def dispatch_to_the_cells_worker(d: ActionDialog) -> None:
        assert d.target_combo.currentData() == worker.id  # offered first: the request is in her cell
        assert d.target_combo.findData(staff_id(demo, "zhaoqiang")) > 0

    steps: list[tuple[RequestDetailPanel, str, Callable[[ActionDialog], None] | None, str, str]] = [
        (office, "accept", None, "已受理", "受理"),
        (office, "dispatch", dispatch_to_the_cells_worker, "已派遣", "派遣"),
        (field, "start", None, "处置中", "开始处置"),
        (field, "submit", lambda d: (d.note_edit.setPlainText("垃圾已清运，周边已冲洗。"),
                                     d.add_photos([str(photo(tmp_path, "after.png"))])), "待核查", "提交核查"),
        (office, "close", None, "已结案", "结案"),
        (office, "review", lambda d: d.set_satisfaction(4), "已回访", "回访评价"),
    ]
    expected = [("report", None, "reported")]
    for panel, code, fill, stage_text, action_text in steps:
        if panel.detail is not None and code not in panel.header.action_buttons:
            with qtbot.waitSignal(panel.loaded, timeout=20_000):
                panel.refresh()  # the other person moved it on
        before = stage_of(demo, request_id)
        act(qtbot, panel, code, fill)
        after = stage_of(demo, request_id)
        expected.append((code, before, after))
        assert events(demo, request_id) == expected
        assert panel.header.stage_badge.text() == stage_text
        assert len(panel.timeline.rows) == len(expected)
        assert panel.timeline.texts()[-1].startswith(action_text)
        assert f"已办理：{action_text}。" == panel.notice_label.text()
    assert [e[2] for e in expected] == ["reported", "accepted", "dispatched", "in_progress", "pending_verification",
                                        "closed", "reviewed"]
    satisfaction, assignee, closed_at = db(demo, "SELECT satisfaction, assignee_id, closed_at FROM service_request "
                                                 "WHERE id = ?", request_id)[0]
    assert (satisfaction, assignee) == (4, worker.id) and closed_at is not None
    assert "★★★★☆" in office.facts.values["satisfaction"].text()
    # the submit's note and photo are on its timeline row
    submit_row = office.timeline.rows[4]
    assert "垃圾已清运" in office.timeline.texts()[4] and "承办人：王丽" in office.timeline.texts()[2]
    thumbs = submit_row.findChildren(PhotoThumb)
    assert len(thumbs) == 1 and not thumbs[0].icon().isNull()
    stored = db(demo, "SELECT a.filename FROM attachment a JOIN request_event e ON e.id = a.owner_id "
                      "WHERE e.request_id = ? AND e.action = 'submit'", request_id)
    assert stored == [("after.png",)]
    # every change was queued for the city
    queued = db(demo, "SELECT count(*) FROM sync_outbox WHERE table_name = 'request_event' AND row_id IN "
                      "(SELECT id FROM request_event WHERE request_id = ?)", request_id)[0][0]
    assert queued == len(expected)


def test_a_refused_action_shows_cores_message(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    request_id = new_request(demo, actions=("accept", "dispatch"))
    panel = open_panel(qtbot, demo, sign_in(demo, "wangli"), request_id)
    assert "start" in panel.header.action_buttons
    # meanwhile the supervisor hands it to someone else: the page on screen is stale
    with demo.session_factory() as session:
        perform(session, sign_in(demo, "chenjing"), request_id, "reassign", target_staff_id=staff_id(demo, "zhaoqiang"))
        session.commit()
    panel.header.action_buttons["start"].click()
    dialog = panel.dialog
    assert dialog is not None
    with qtbot.waitSignal(panel.action_refused, timeout=20_000) as refused, \
            qtbot.waitSignal(panel.loaded, timeout=20_000):
        dialog.ok_button.click()
    assert refused.args == ["只有承办人才能开始处置（承办人：赵强）。"]
    assert panel.error_label.isVisibleTo(panel) and panel.error_label.text() == refused.args[0]
    assert not dialog.isVisible()
    assert stage_of(demo, request_id) == "dispatched"
    assert [e[0] for e in events(demo, request_id)] == ["report", "accept", "dispatch", "reassign"]
    assert "start" not in panel.header.action_buttons  # the page was read again


def test_missing_inputs_are_asked_for_in_the_prompt(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                    tmp_path: Path) -> None:
    request_id = new_request(demo)
    panel = open_panel(qtbot, demo, sign_in(demo, "chenjing"), request_id)
    panel.header.action_buttons["reject"].click()
    dialog = panel.dialog
    assert dialog is not None and dialog.labels["note"].text() == "不予受理的理由"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    assert dialog.isVisible() and dialog.messages["note"].isVisibleTo(dialog)
    assert dialog.messages["note"].text() == "请填写不予受理的理由。"
    assert stage_of(demo, request_id) == "reported"
    # a file that is not a picture is refused with core's words, nothing is written
    fake = tmp_path / "scan.jpg"
    fake.write_text("这不是图片", encoding="utf-8")
    dialog.note_edit.setPlainText("重复反映，已另案办理。")
    dialog.add_photos([str(fake)])
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    assert dialog.isVisible() and "scan.jpg" in dialog.messages["photos"].text()
    assert stage_of(demo, request_id) == "reported" and len(events(demo, request_id)) == 1


def test_facts_and_masked_phone(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    request_id = new_request(demo)
    panel = open_panel(qtbot, demo, sign_in(demo, "chenjing"), request_id)
    texts = visible_texts(panel)
    assert PHONE not in texts and "138****5678" in panel.facts.values["reporter"].text()
    ticket, title = db(demo, "SELECT ticket_no, title FROM service_request WHERE id = ?", request_id)[0]
    assert panel.header.ticket_label.text() == f"诉求编号  {ticket}" and panel.header.title_label.text() == title
    assert panel.facts.values["category"].text() == "市容环境 / 暴露垃圾"
    assert panel.facts.values["channel"].text() == "来电"
    assert panel.detail is not None and panel.header.deadline_badge.code == panel.detail.deadline.state
    assert panel.header.deadline_badge.text() == DEADLINE_NAMES[panel.detail.deadline.state]
    assert panel.timeline.texts() == ["上报 陈静 待受理"]


@pytest.mark.parametrize("missing", ["not-a-request-id"])
def test_unknown_request_says_so(app: QApplication, qtbot: QtBot, demo: OpenedDatabase, missing: str) -> None:
    panel = RequestDetailPanel(sign_in(demo, "chenjing"), demo.session_factory)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.load_failed, timeout=10_000):
        panel.show_request(missing)
    assert "找不到该诉求" in panel.error_label.text() and not panel.header.isVisibleTo(panel)
