"""The resident page: personal data masked by default, 显示 only with the permission, a
reveal that asks a reason, shows the full value on this view only and writes one audit
row; moving out and death change the status shown and stored, never delete."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from community_app.core.auth import CurrentUser
from community_app.core.masking import mask_id_number, mask_phone
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.resident_form import ResidentFormDialog
from community_app.ui.dialogs.resident_status_dialog import DeathDialog, MoveOutDialog
from community_app.ui.dialogs.reveal_reason_dialog import RevealReasonDialog
from community_app.ui.pages.resident_detail import ResidentDetailPanel
from db.models import OutboxEntry, Resident
from tests.ui.resident_helpers import GRID_WORKER, SUPERVISOR, DemoResident, active_resident, audit_rows, sign_in

REVEAL_ACTIONS = ("reveal_id_number", "reveal_phone")


def open_panel(qtbot: QtBot, demo: OpenedDatabase, user: CurrentUser, resident_id: str) -> ResidentDetailPanel:
    panel = ResidentDetailPanel(user, demo.session_factory)
    qtbot.addWidget(panel)
    panel.resize(1200, 900)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_resident(resident_id)
    return panel


def label_texts(panel: ResidentDetailPanel) -> str:
    texts = [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(panel)]
    table = panel.members_table
    texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())]
    return "\n".join(texts)


@pytest.fixture
def person(demo: OpenedDatabase) -> DemoResident:
    return active_resident(demo)


def test_personal_data_is_masked_by_default(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                           person: DemoResident) -> None:
    panel = open_panel(qtbot, demo, sign_in(demo, SUPERVISOR), person.id)
    assert panel.header.name_label.text() == person.name
    assert panel.id_value.value_label.text() == mask_id_number(person.id_number)
    assert panel.phone_value.value_label.text() == mask_phone(person.phone)
    assert panel.header.status_badge.text() == "在册"
    shown = label_texts(panel)
    assert person.id_number not in shown and person.phone not in shown
    # the household table is masked too, and lists this resident
    names = [panel.members_table.item(r, 0).text() for r in range(panel.members_table.rowCount())]
    assert f"{person.name}（本人）" in names
    assert mask_id_number(person.id_number) in shown


def test_no_reveal_button_without_the_permission(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                 person: DemoResident) -> None:
    panel = open_panel(qtbot, demo, sign_in(demo, GRID_WORKER), person.id)
    assert panel.id_value.value_label.text() == mask_id_number(person.id_number)
    assert not panel.id_value.reveal_button.isVisibleTo(panel)
    assert not panel.phone_value.reveal_button.isVisibleTo(panel)
    assert panel.header.edit_button.isVisibleTo(panel)  # a grid worker edits, but never sees it all


def test_reveal_asks_a_reason_writes_one_audit_row_and_shows_the_full_value(
        app: QApplication, qtbot: QtBot, demo: OpenedDatabase, person: DemoResident) -> None:
    user = sign_in(demo, SUPERVISOR)
    panel = open_panel(qtbot, demo, user, person.id)
    before = audit_rows(demo, person.id)
    assert panel.id_value.reveal_button.isVisibleTo(panel)

    panel.id_value.reveal_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, RevealReasonDialog)
    assert not dialog.ok_button.isEnabled()  # the reason is required
    dialog.preset_buttons[0].click()
    assert dialog.reason_edit.text() == "入户走访核实" and dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: panel.id_value.revealed, timeout=20_000)

    assert panel.id_value.value_label.text() == person.id_number
    assert panel.phone_value.value_label.text() == mask_phone(person.phone)  # only what was asked for
    new = audit_rows(demo, person.id)[len(before):]
    assert [(e.action, e.actor_id, e.subject_type, e.reason) for e in new] == [
        ("reveal_id_number", user.id, "resident", "入户走访核实")]
    assert person.id_number not in str(new[0].detail)

    # for this view only: another resident, then back, shows the mask again
    other = active_resident(demo, skip=1)
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_resident(other.id)
    assert panel.id_value.value_label.text() == mask_id_number(other.id_number)
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_resident(person.id)
    assert panel.id_value.value_label.text() == mask_id_number(person.id_number)
    assert sum(e.action in REVEAL_ACTIONS for e in audit_rows(demo, person.id)) == 1


def test_cancelled_reveal_shows_and_records_nothing(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                   person: DemoResident) -> None:
    panel = open_panel(qtbot, demo, sign_in(demo, SUPERVISOR), person.id)
    panel.phone_value.reveal_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, RevealReasonDialog)
    dialog.reason_edit.setText("核实")
    dialog.cancel_button.click()
    assert panel.phone_value.value_label.text() == mask_phone(person.phone)
    assert not any(e.action in REVEAL_ACTIONS for e in audit_rows(demo, person.id))


def stored_status(demo: OpenedDatabase, resident_id: str) -> str:
    with demo.session_factory() as session:
        return session.scalars(select(Resident.status).where(Resident.id == resident_id)).one()


def test_move_out_changes_the_status_and_keeps_the_record(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                         person: DemoResident) -> None:
    panel = open_panel(qtbot, demo, sign_in(demo, GRID_WORKER), person.id)
    assert panel.header.move_out_button.isEnabled()
    panel.header.move_out_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, MoveOutDialog)
    assert not dialog.ok_button.isEnabled()  # where to is required
    dialog.destination_edit.setText("青岛市崂山区")
    with qtbot.waitSignal(panel.changed, timeout=20_000) as changed:
        dialog.ok_button.click()
    assert changed.args == [person.id]
    qtbot.waitUntil(lambda: panel.header.status_badge.text() == "已迁出", timeout=20_000)

    assert stored_status(demo, person.id) == "moved_out"
    assert not panel.header.move_out_button.isEnabled()
    assert panel.header.death_button.isEnabled()
    assert panel.timeline.texts()[0] == "变更 状态改为“已迁出”"  # newest first
    with demo.session_factory() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.row_id == person.id)
                                .order_by(OutboxEntry.seq.desc()).limit(1)).one()
    assert entry.changes["status"] == "moved_out"


def test_death_is_confirmed_then_recorded(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                          person: DemoResident) -> None:
    panel = open_panel(qtbot, demo, sign_in(demo, SUPERVISOR), person.id)
    panel.header.death_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, DeathDialog)
    assert person.name in dialog.body.text()
    dialog.cancel_button.click()
    assert stored_status(demo, person.id) == "active"

    panel.header.death_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, DeathDialog)
    with qtbot.waitSignal(panel.changed, timeout=20_000):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: panel.header.status_badge.text() == "已故", timeout=20_000)
    assert stored_status(demo, person.id) == "deceased"
    assert not panel.header.death_button.isEnabled() and not panel.header.move_out_button.isEnabled()


def test_edit_opens_the_form_and_a_save_refreshes_the_page(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                           person: DemoResident) -> None:
    panel = open_panel(qtbot, demo, sign_in(demo, GRID_WORKER), person.id)
    with qtbot.waitSignal(panel.edit_requested) as asked:
        panel.header.edit_button.click()
    assert asked.args == [person.id]
    form = panel.dialog
    assert isinstance(form, ResidentFormDialog)
    qtbot.waitUntil(lambda: not form.busy and form.w.picker.household_id() == person.household_id, timeout=20_000)
    form.w.notes_edit.setPlainText("行动不便，走访请提前电话联系")
    with qtbot.waitSignal(panel.changed, timeout=20_000):
        form.w.save_button.click()
    qtbot.waitUntil(lambda: panel.values["notes"].text() == "行动不便，走访请提前电话联系", timeout=20_000)
    with demo.session_factory() as session:  # saved without revealing: the numbers are kept as they were
        row = session.get(Resident, person.id)
        assert row is not None and (row.id_number, row.phone) == (person.id_number, person.phone)
