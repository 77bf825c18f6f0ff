"""登记诉求: logging a request stores one request, its report event and their outbox entries;
core's problems show under the fields; a request of the same category within 50 m of an
open one brings up the duplicate hint, which merges (并单) or logs it anyway; the reporter
can be found in the register."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.core.auth import CurrentUser
from community_app.core.requests import RequestInput, duplicate_candidates, log_request
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.request_form import RequestFormDialog
from db.models import utcnow
from tests.ui.request_helpers import db, events, photo, sign_in

CATEGORY = "C0103"  # 消防栓损坏
METRES_PER_DEGREE_LAT = 111_320


def open_form(qtbot: QtBot, demo: OpenedDatabase, user: CurrentUser) -> RequestFormDialog:
    form = RequestFormDialog(user, demo.session_factory)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: not form.loading and form.major_combo.count() > 1
                    and form.location.picker.building_combo.count() > 1, timeout=20_000)
    return form


def a_building(demo: OpenedDatabase, skip: int = 0) -> tuple[str, float, float]:
    return db(demo, "SELECT id, latitude, longitude FROM building WHERE deleted_at IS NULL ORDER BY id "
                    "LIMIT 1 OFFSET ?", skip)[0]


def choose_building(form: RequestFormDialog, building_id: str) -> None:
    combo = form.location.picker.building_combo
    index = combo.findData(building_id)
    assert index > 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # as a user's choice


def fill(form: RequestFormDialog, *, building_id: str | None = None, point: tuple[float, float] | None = None,
         description: str = "消防栓被撞歪，阀门漏水。") -> None:
    form.select_category(CATEGORY)
    form.channel.buttons["phone"].click()
    form.description_edit.setPlainText(description)
    if building_id is not None:
        choose_building(form, building_id)
    if point is not None:
        form.location.mode.buttons["point"].click()
        form.location.lat_edit.setText(f"{point[0]:.7f}")
        form.location.lng_edit.setText(f"{point[1]:.7f}")
        form.location.address_edit.setText("路口东侧")


def save(qtbot: QtBot, form: RequestFormDialog) -> str:
    with qtbot.waitSignal(form.saved, timeout=20_000) as saved:
        form.save_button.click()
    return str(saved.args[0])


def request_count(demo: OpenedDatabase) -> int:
    return db(demo, "SELECT count(*) FROM service_request")[0][0]


def log_existing(demo: OpenedDatabase, building_id: str) -> str:
    with demo.session_factory() as session:
        request_id = log_request(session, sign_in(demo, "chenjing"), RequestInput(
            category_code=CATEGORY, description="消防栓漏水。", channel="patrol", building_id=building_id))
        session.commit()
    return request_id


def test_logging_stores_the_request_its_event_and_outbox(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                          tmp_path: Path) -> None:
    worker = sign_in(demo, "wangli")
    form = open_form(qtbot, demo, worker)
    building_id, _lat, _lng = a_building(demo)
    fill(form, building_id=building_id)
    assert form.urgency.value() == "normal" and "办理时限" in form.limit_label.text()
    form.reporter.mode.buttons["typed"].click()
    form.reporter.name_edit.setText("孙先生")
    form.reporter.phone_edit.setText("139 1234 5678")
    form.add_photos([str(photo(tmp_path, "hydrant.png"))])
    before = request_count(demo)
    request_id = save(qtbot, form)
    assert request_count(demo) == before + 1 and not form.isVisible()
    row = db(demo, "SELECT category_code, channel, stage, building_id, reporter_name, reporter_phone, created_by_id, "
                   "title FROM service_request WHERE id = ?", request_id)[0]
    assert row[:7] == (CATEGORY, "phone", "reported", building_id, "孙先生", "13912345678", worker.id)
    assert row[7].endswith("消防栓损坏")  # the title made from the place and the category
    assert events(demo, request_id) == [("report", None, "reported")]
    outbox = db(demo, "SELECT table_name, op FROM sync_outbox WHERE row_id = ? OR row_id IN "
                      "(SELECT id FROM request_event WHERE request_id = ?) OR row_id IN (SELECT a.id FROM attachment a "
                      "JOIN request_event e ON e.id = a.owner_id WHERE e.request_id = ?) ORDER BY seq",
                request_id, request_id, request_id)
    assert sorted(outbox) == [("attachment", "insert"), ("request_event", "insert"), ("service_request", "insert")]


def test_problems_show_under_their_fields(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                          tmp_path: Path) -> None:
    form = open_form(qtbot, demo, sign_in(demo, "wangli"))
    before = request_count(demo)
    with qtbot.waitSignal(form.checked, timeout=20_000):
        form.save_button.click()
    assert form.messages["category"].text() == "请选择诉求类别（小类）。"
    assert form.messages["description"].text() == "请填写诉求内容：什么问题、在哪里、持续多久。"
    assert form.messages["location"].text() == "请选择楼栋，或在地图上标出问题的位置。"
    assert all(form.messages[k].isVisibleTo(form) for k in ("category", "description", "location"))
    # a wrong phone and a file that is no picture are refused with core's words
    fill(form, building_id=a_building(demo)[0])
    form.reporter.mode.buttons["typed"].click()
    form.reporter.phone_edit.setText("12345")
    fake = tmp_path / "not-a-photo.png"
    fake.write_bytes(b"%PDF-1.4 not an image")
    form.add_photos([str(fake)])
    with qtbot.waitSignal(form.checked, timeout=20_000):
        form.save_button.click()
    assert not form.messages["category"].isVisibleTo(form)
    assert form.messages["reporter"].isVisibleTo(form) and form.messages["reporter"].text()
    assert "not-a-photo.png" in form.messages["photos"].text()
    assert request_count(demo) == before and form.isVisible()


def test_duplicate_hint_merges_into_the_open_request(app: QApplication, qtbot: QtBot,
                                                     demo: OpenedDatabase) -> None:
    building_id, _lat, _lng = a_building(demo, skip=3)
    existing = log_existing(demo, building_id)
    ticket = db(demo, "SELECT ticket_no FROM service_request WHERE id = ?", existing)[0][0]
    form = open_form(qtbot, demo, sign_in(demo, "chenjing"))
    fill(form, building_id=building_id)
    before = request_count(demo)
    with qtbot.waitSignal(form.checked, timeout=20_000):
        form.save_button.click()
    hint = form.duplicates
    assert hint.isVisibleTo(form) and not form.save_button.isEnabled()
    assert existing in [c.id for c in hint.candidates] and request_count(demo) == before
    assert any(ticket in hint.list.item(i).text() and "相距约 0 米" in hint.list.item(i).text()
               for i in range(hint.list.count()))
    hint.list.setCurrentRow([c.id for c in hint.candidates].index(existing))
    assert hint.merge_button.isVisibleTo(form) and hint.merge_button.isEnabled()
    with qtbot.waitSignal(form.saved, timeout=20_000) as saved:
        hint.merge_button.click()
    new_id = saved.args[0]
    assert request_count(demo) == before + 1
    assert db(demo, "SELECT stage, merged_into_id FROM service_request WHERE id = ?", new_id) == [("merged", existing)]
    assert events(demo, new_id) == [("report", None, "reported"), ("merge", "reported", "merged")]
    note = db(demo, "SELECT note FROM request_event WHERE request_id = ? AND action = 'merge'", new_id)[0][0]
    assert ticket in note
    assert db(demo, "SELECT stage FROM service_request WHERE id = ?", existing) == [("reported",)]


def test_a_grid_worker_may_log_it_anyway(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    building_id, _lat, _lng = a_building(demo, skip=5)
    log_existing(demo, building_id)
    form = open_form(qtbot, demo, sign_in(demo, "wangli"))
    fill(form, building_id=building_id)
    with qtbot.waitSignal(form.checked, timeout=20_000):
        form.save_button.click()
    hint = form.duplicates
    assert hint.isVisibleTo(form) and not hint.merge_button.isVisibleTo(form)  # 并单 is the supervisor's
    assert "社区负责人可在诉求页面并单" in hint.note.text()
    with qtbot.waitSignal(form.saved, timeout=20_000) as saved:
        hint.new_button.click()
    assert db(demo, "SELECT stage, merged_into_id FROM service_request WHERE id = ?", saved.args[0]) == \
        [("reported", None)]


def test_the_hint_follows_the_50_metre_rule(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    building_id, lat, lng = a_building(demo, skip=7)
    existing = log_existing(demo, building_id)
    far = (lat + 65 / METRES_PER_DEGREE_LAT, lng)  # 65 m north: not a duplicate
    near = (lat + 30 / METRES_PER_DEGREE_LAT, lng)  # 30 m north: a duplicate
    with demo.session_factory() as session:
        assert [c.id for c in duplicate_candidates(session, CATEGORY, *far, at=utcnow())] == []
        assert existing in [c.id for c in duplicate_candidates(session, CATEGORY, *near, at=utcnow())]
    boss = sign_in(demo, "chenjing")
    form = open_form(qtbot, demo, boss)
    fill(form, point=near)
    with qtbot.waitSignal(form.checked, timeout=20_000):
        form.save_button.click()
    assert form.duplicates.isVisibleTo(form) and existing in [c.id for c in form.duplicates.candidates]
    assert "相距约 30 米" in form.duplicates.list.item(0).text()
    # moving the point away asks again: no hint, saved straight away
    form.location.lat_edit.setText(f"{far[0]:.7f}")
    assert not form.duplicates.isVisibleTo(form) and form.save_button.isEnabled()
    request_id = save(qtbot, form)
    assert db(demo, "SELECT stage, building_id, address FROM service_request WHERE id = ?", request_id) == \
        [("reported", None, "路口东侧")]


def test_reporter_found_in_the_register(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    resident_id, name, phone = db(demo, "SELECT id, name, phone FROM resident WHERE status = 'active' AND phone "
                                        "LIKE '1%' AND length(name) = 3 ORDER BY id LIMIT 1")[0]
    form = open_form(qtbot, demo, sign_in(demo, "wangli"))
    fill(form, building_id=a_building(demo, skip=9)[0])
    picker = form.reporter
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        picker.search.setText(name)
    items = [picker.results.item(i) for i in range(picker.results.count())]
    mine = next(i for i in items if i.data(0x0100) is not None and i.data(0x0100).id == resident_id)
    assert phone not in mine.text() and f"{phone[:3]}****{phone[-4:]}" in mine.text()
    picker.results.itemClicked.emit(mine)
    assert picker.chosen_label.isVisibleTo(form) and name in picker.chosen_label.text()
    request_id = save(qtbot, form)
    assert db(demo, "SELECT reporter_resident_id, reporter_name FROM service_request WHERE id = ?", request_id) == \
        [(resident_id, name)]
