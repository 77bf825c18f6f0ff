"""The resident form: what an ID number tells is shown as soon as it is typed, core's
problems appear under their fields and block saving (nothing written), a valid record is
saved with its outbox entry, a probable duplicate asks first, and an existing record's ID
number and phone stay masked unless revealed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from community_app.core.auth import CurrentUser
from community_app.core.masking import mask_id_number, mask_phone
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.resident_form import ResidentFormDialog
from db.models import OutboxEntry, Resident, ResidentTag
from tests.ui.resident_helpers import (
    GRID_WORKER,
    SUPERVISOR,
    active_resident,
    audit_rows,
    count_outbox,
    count_residents,
    sign_in,
    valid_id,
)

ZHANSHAN = "370202010004"


def open_form(qtbot: QtBot, demo: OpenedDatabase, user: CurrentUser, resident_id: str | None = None
              ) -> ResidentFormDialog:
    form = ResidentFormDialog(user, demo.session_factory, resident_id=resident_id, community_code=ZHANSHAN)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.ready, timeout=20_000):
        form.show()
    qtbot.waitUntil(lambda: not form.busy and not form.w.picker.loading, timeout=20_000)
    return form


def type_id(form: ResidentFormDialog, number: str) -> None:
    form.w.id_number_edit.setText(number)
    form.w.id_number_edit.editingFinished.emit()  # leaving the field


def submit(qtbot: QtBot, form: ResidentFormDialog) -> None:
    form.w.save_button.click()
    qtbot.waitUntil(lambda: not form.busy, timeout=20_000)


def test_leaving_the_id_field_derives_birth_date_sex_and_region(app: QApplication, qtbot: QtBot,
                                                                demo: OpenedDatabase) -> None:
    form = open_form(qtbot, demo, sign_in(demo, GRID_WORKER))
    type_id(form, valid_id("370202", "19900307", "123"))
    assert form.w.birth_edit.value() == date(1990, 3, 7)
    assert form.w.sex_combo.currentText() == "男"
    message = form.w.messages["id_number"]
    assert message.isVisibleTo(form) and message.property("tone") == "info"
    assert "山东省青岛市市南区" in message.text()

    # a retired region code is a warning (amber), never an error
    type_id(form, valid_id("370282", "19650211", "246"))
    assert message.property("tone") == "warning"
    assert "已于2017年撤销" in message.text()
    assert form.w.sex_combo.currentText() == "女"


def test_a_bad_id_number_is_shown_at_the_field_and_nothing_is_saved(app: QApplication, qtbot: QtBot,
                                                                    demo: OpenedDatabase) -> None:
    residents, outbox = count_residents(demo), count_outbox(demo)
    form = open_form(qtbot, demo, sign_in(demo, GRID_WORKER))
    form.w.name_edit.setText("李明")
    form.w.set_sex("M")
    good = valid_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")  # wrong check digit
    form.w.id_number_edit.setText(bad)
    submit(qtbot, form)

    message = form.w.messages["id_number"]
    assert message.isVisibleTo(form) and message.property("tone") == "error"
    assert "校验不通过" in message.text()
    assert form.w.id_number_edit.property("invalid") is True
    assert form.isVisible() and form.result() == 0  # stays open with what was typed
    assert form.w.name_edit.text() == "李明"
    assert (count_residents(demo), count_outbox(demo)) == (residents, outbox)


def test_missing_name_and_sex_are_shown_at_their_fields(app: QApplication, qtbot: QtBot,
                                                        demo: OpenedDatabase) -> None:
    form = open_form(qtbot, demo, sign_in(demo, GRID_WORKER))
    submit(qtbot, form)
    assert form.w.messages["name"].text() == "请填写姓名。"
    assert "请选择性别" in form.w.messages["sex"].text()
    assert form.w.messages["id_number"].property("tone") == "warning"  # no ID yet: a warning only


def test_a_valid_resident_is_saved_with_its_outbox_entry(app: QApplication, qtbot: QtBot,
                                                         demo: OpenedDatabase) -> None:
    residents = count_residents(demo)
    form = open_form(qtbot, demo, sign_in(demo, GRID_WORKER))
    neighbour = active_resident(demo)
    form.w.name_edit.setText("周建国")
    type_id(form, valid_id("370202", "19580817", "315"))
    form.w.phone_edit.setText("138 1234 5678")
    form.w.residence_combo.setCurrentIndex(form.w.residence_combo.findData("floating"))
    form.w.relation_combo.setEditText("其他")
    form.w.tag_checks["elderly_alone"].setChecked(True)
    form.w.picker.load(neighbour.building_id, neighbour.unit_id, neighbour.household_id)
    qtbot.waitUntil(lambda: form.w.picker.household_id() == neighbour.household_id, timeout=20_000)
    with qtbot.waitSignal(form.saved, timeout=20_000) as saved:
        form.w.save_button.click()

    new_id = saved.args[0]
    assert count_residents(demo) == residents + 1
    assert form.result() == 1
    with demo.session_factory() as session:
        row = session.get(Resident, new_id)
        assert row is not None
        assert (row.name, row.id_number, row.sex, row.birth_date, row.phone, row.residence_type, row.status,
                row.household_id) == ("周建国", valid_id("370202", "19580817", "315"), "M", date(1958, 8, 17),
                                      "13812345678", "floating", "active", neighbour.household_id)
        assert row.grid_cell_id is not None  # follows the household's building
        ops = session.execute(select(OutboxEntry.table_name, OutboxEntry.op)
                              .where(OutboxEntry.row_id == new_id)).all()
        assert ops == [("resident", "insert")]
        tags = session.scalars(select(ResidentTag.tag_code).where(ResidentTag.resident_id == new_id)).all()
        assert tags == ["elderly_alone"]


def test_the_same_id_number_is_refused_at_the_field(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    existing = active_resident(demo)
    residents = count_residents(demo)
    form = open_form(qtbot, demo, sign_in(demo, SUPERVISOR))
    form.w.name_edit.setText("王某")
    type_id(form, existing.id_number)
    submit(qtbot, form)
    message = form.w.messages["id_number"].text()
    assert existing.name in message and "同一证件号码" in message
    assert existing.id_number not in message  # the hint names the record with its number masked
    assert form.duplicate_box is None and count_residents(demo) == residents


@pytest.mark.parametrize("save_anyway", [True, False])
def test_a_probable_duplicate_asks_before_saving(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                 save_anyway: bool) -> None:
    existing = active_resident(demo)
    residents = count_residents(demo)
    form = open_form(qtbot, demo, sign_in(demo, GRID_WORKER))
    # typed again without an ID number: same name and birth date in the same building
    form.w.name_edit.setText(existing.name)
    form.w.set_sex(existing.sex)
    form.w.birth_edit.set_value(existing.birth_date)
    form.w.picker.load(existing.building_id, existing.unit_id, existing.household_id)
    qtbot.waitUntil(lambda: form.w.picker.household_id() == existing.household_id, timeout=20_000)
    form.w.save_button.click()
    qtbot.waitUntil(lambda: form.duplicate_box is not None, timeout=20_000)

    box = form.duplicate_box
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("可能重复：") and existing.name in box.text()
    assert box.informativeText() == "仍然保存？"
    assert count_residents(demo) == residents  # nothing yet
    if save_anyway:
        assert form.duplicate_save_button is not None
        with qtbot.waitSignal(form.saved, timeout=20_000):
            form.duplicate_save_button.click()
        assert count_residents(demo) == residents + 1
    else:
        next(b for b in box.buttons() if b is not form.duplicate_save_button).click()
        qtbot.waitUntil(lambda: form.duplicate_box is None)
        assert form.isVisible() and count_residents(demo) == residents


def test_edit_shows_id_and_phone_masked_and_keeps_them_when_not_revealed(
        app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    person = active_resident(demo)
    form = open_form(qtbot, demo, sign_in(demo, GRID_WORKER), person.id)
    assert form.w.name_edit.text() == person.name
    assert form.w.id_number_edit.text() == mask_id_number(person.id_number)
    assert form.w.id_number_edit.isReadOnly()
    assert form.w.phone_edit.text() == mask_phone(person.phone)
    assert not form.w.id_field.reveal_button.isVisibleTo(form)  # no permission: no 显示
    assert form.w.phone_field.replace_button.isVisibleTo(form)  # but a new phone may be typed
    qtbot.waitUntil(lambda: form.w.picker.household_id() == person.household_id, timeout=20_000)

    form.w.phone_field.replace_button.click()
    assert form.w.phone_edit.text() == "" and not form.w.phone_edit.isReadOnly()
    form.w.phone_edit.setText("0532-83871234")
    with qtbot.waitSignal(form.saved, timeout=20_000):
        form.w.save_button.click()
    with demo.session_factory() as session:
        row = session.get(Resident, person.id)
        assert row is not None and (row.id_number, row.phone) == (person.id_number, "0532-83871234")
    assert not audit_rows(demo, person.id)  # nothing was revealed


def test_edit_reveal_is_audited_and_makes_the_id_number_editable(app: QApplication, qtbot: QtBot,
                                                                 demo: OpenedDatabase) -> None:
    person = active_resident(demo)
    user = sign_in(demo, SUPERVISOR)
    form = open_form(qtbot, demo, user, person.id)
    assert form.w.id_field.reveal_button.isVisibleTo(form)
    form.w.id_field.reveal_button.click()
    dialog = form.reveal_dialog
    assert dialog is not None
    dialog.reason_edit.setText("核对户籍信息")
    dialog.reason_edit.textEdited.emit("核对户籍信息")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: form.w.id_number_edit.text() == person.id_number, timeout=20_000)
    assert not form.w.id_number_edit.isReadOnly()
    assert [(e.action, e.actor_id, e.reason) for e in audit_rows(demo, person.id)] == [
        ("reveal_id_number", user.id, "核对户籍信息")]


def test_a_new_resident_id_number_can_be_typed_without_the_reveal_permission(
        app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    form = open_form(qtbot, demo, sign_in(demo, GRID_WORKER))
    assert not form.w.id_number_edit.isReadOnly()
    assert not form.w.id_field.reveal_button.isVisibleTo(form)
    type_id(form, valid_id())
    assert form.w.id_number_edit.text() == valid_id()  # shown as typed: it is the user's own input
