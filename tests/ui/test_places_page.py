"""The 网格与楼栋 page and its dialogs on the demo database: what the lists show equals
what core lists, the buttons follow the user's permissions, the dialogs show core's
problems under their fields and store what was typed, and the grid import previews,
repairs and imports real GeoJSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from community_app.core import grid_import, place_rules, places
from community_app.core.auth import CurrentUser, login
from community_app.core.dashboard import Scope, count_residents
from community_app.core.geo import distance_m, wgs84_to_gcj02
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.building_dialog import BuildingDialog
from community_app.ui.dialogs.grid_import_dialog import GridImportDialog
from community_app.ui.dialogs.household_dialog import HouseholdDialog, UnitDialog
from community_app.ui.dialogs.worker_dialog import WorkerDialog
from community_app.ui.models.place_models import DANGER
from community_app.ui.pages.places_page import PlacesPage
from community_app.ui.place_texts import PROBLEM_TEXTS
from db.models import Building, GridCell, OutboxEntry

PASSWORD = "demo1234"
COMMUNITY = "370202010004"


def sign_in(demo: OpenedDatabase, username: str) -> CurrentUser:
    with demo.session_factory() as session:
        return login(session, username, PASSWORD)


def texts(panel: object, column: str) -> list[str]:
    model = panel.model  # type: ignore[attr-defined]
    c = model.column_of(column)
    return [model.data(model.index(r, c)) for r in range(model.rowCount())]


def open_page(qtbot: QtBot, demo: OpenedDatabase, username: str = "chenjing") -> PlacesPage:
    page = PlacesPage(sign_in(demo, username), demo.session_factory)
    qtbot.addWidget(page)
    page.resize(1240, 840)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show()  # the first showing lists the cells
    qtbot.waitUntil(lambda: page.households.model.rowCount() > 0, timeout=20_000)
    return page


@pytest.fixture
def page(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> Iterator[PlacesPage]:
    yield open_page(qtbot, demo)


# ---- what the lists show ------------------------------------------------------------------------
def test_the_lists_show_what_core_lists(page: PlacesPage, demo: OpenedDatabase) -> None:
    with demo.session_factory() as session:
        cells = places.list_grid_cells(session, COMMUNITY)
        first = places.list_buildings(session, COMMUNITY, grid_cell_id=cells[0].id)
        households = places.list_households(session, first[0].id)
    assert texts(page.cells, "code") == [c.code for c in cells]
    assert texts(page.cells, "worker") == [c.responsible_name for c in cells]
    assert texts(page.cells, "residents") == [f"{c.resident_count:,}" for c in cells]
    with demo.session_factory() as session:  # every active demo resident lives in some cell
        assert sum(c.resident_count for c in cells) == count_residents(session, Scope(COMMUNITY, None))
    assert page.buildings.note.fullText() == f"{cells[0].name} · {len(first)} 栋"
    assert sorted(texts(page.buildings, "name")) == sorted(b.name for b in first)
    shown = page.current_building()
    assert shown is not None
    with demo.session_factory() as session:
        expected = places.list_households(session, shown.id)
    assert page.households.model.rowCount() == len(expected) == shown.household_count
    assert page.households.note.fullText() == f"{shown.name} · {shown.household_count} 户"
    assert len(households) == first[0].household_count
    assert page.subtitle_label.text().endswith(f"{len(cells)} 个网格　·　{sum(c.building_count for c in cells)} 栋楼")
    assert not page.outside_banner.isVisible()


def test_choosing_a_unit_filters_the_households(page: PlacesPage, qtbot: QtBot) -> None:
    building = page.current_building()
    assert building is not None
    units = page.units.model.rows
    assert units, "demo buildings have units"
    page.units.select_source_row(0)
    qtbot.waitUntil(lambda: page.households.model.rowCount() == units[0].household_count)
    assert set(texts(page.households, "unit")) == {units[0].number}
    unit = units[0]
    assert page.households.note.fullText() == f"{building.name} · {unit.number} 单元 · {unit.household_count} 户"


@pytest.mark.parametrize(("username", "grid", "edit"), [
    ("chenjing", True, True), ("wangli", False, True), ("admin", True, False),
])
def test_buttons_follow_the_permissions(app: QApplication, qtbot: QtBot, demo: OpenedDatabase, username: str,
                                        grid: bool, edit: bool) -> None:
    page = open_page(qtbot, demo, username)
    assert page.assign_button.isEnabled() is grid and page.import_button.isEnabled() is grid
    assert page.add_building_button.isEnabled() is edit and page.edit_building_button.isEnabled() is edit
    assert page.add_household_button.isEnabled() is edit
    if not grid:
        assert "社区负责人或系统管理员" in page.import_button.toolTip()
    if not edit:
        assert "没有登记楼栋和房屋的权限" in page.add_building_button.toolTip()


def test_a_building_outside_every_cell_is_flagged(app: QApplication, qtbot: QtBot, demo: OpenedDatabase) -> None:
    with demo.session_factory() as session:
        places.create_building(session, login(session, "wangli", PASSWORD), places.BuildingInput(
            name="海滨小楼", address="山东省青岛市市南区太平角一路3号", latitude=36.04, longitude=120.36))
        session.commit()
    page = open_page(qtbot, demo)
    assert page.outside_banner.isVisible()
    assert "有 1 栋楼的坐标不在任何网格内" in page.outside_label.text()
    qtbot.mouseClick(page.outside_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: texts(page.buildings, "name") == ["海滨小楼"])
    assert page.buildings.title.text() == "网格外楼栋"
    model = page.buildings.model
    name = model.index(0, model.column_of("name"))
    assert model.data(name, Qt.ItemDataRole.ForegroundRole) == DANGER
    assert "不在任何网格内" in model.data(name, Qt.ItemDataRole.ToolTipRole)


# ---- dialogs -------------------------------------------------------------------------------------
def save(qtbot: QtBot, dialog: object) -> None:
    dialog.submit()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)  # type: ignore[attr-defined]


def test_assigning_a_worker_from_the_page(page: PlacesPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    cell = page.cells.current()
    assert cell is not None and cell.responsible_name == "王丽"  # type: ignore[attr-defined]
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    dialog = page.actions.dialog
    assert isinstance(dialog, WorkerDialog)
    dialog.worker_combo.setCurrentIndex(dialog.worker_combo.findText("赵强（zhaoqiang）"))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        save(qtbot, dialog)
    assert texts(page.cells, "worker")[0] == "赵强"
    assert "网格员已改为 赵强" in page.notice_label.text()
    with demo.session_factory() as session:
        stored = session.get(GridCell, cell.id)  # type: ignore[attr-defined]
        assert stored is not None and stored.responsible_staff_id is not None
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.table_name == "grid_cell")).one()
        assert entry.changes == {"responsible_staff_id": stored.responsible_staff_id}


def test_the_building_form_shows_core_problems_under_the_fields(app: QApplication, qtbot: QtBot,
                                                                 demo: OpenedDatabase) -> None:
    dialog = BuildingDialog(sign_in(demo, "wangli"), demo.session_factory, community_code=COMMUNITY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address_edit.setText("山东省青岛市市南区湛山三路99号")
    dialog.lng_edit.setText("36.06")
    dialog.lat_edit.setText("120.385")
    save(qtbot, dialog)
    assert dialog.messages["name"].text() == "请填写楼栋名称，例如“6号楼”。"
    assert dialog.messages["latitude"].text().startswith("经纬度好像填反了")
    assert dialog.messages["name"].property("error") and dialog.name_edit.property("invalid")
    assert not dialog.messages["address"].property("error")
    assert dialog.isVisible()  # nothing saved
    qtbot.keyClicks(dialog.floors_edit, "a6b")  # the validator refuses letters as they are typed
    assert dialog.floors_edit.text() == "6"


def test_a_building_saved_with_gcj02_coordinates_is_stored_in_wgs84(app: QApplication, qtbot: QtBot,
                                                                     demo: OpenedDatabase) -> None:
    page = open_page(qtbot, demo, "wangli")
    with demo.session_factory() as session:
        anchor = session.scalars(select(Building).order_by(Building.name)).first()
        assert anchor is not None
        wgs = (anchor.longitude + 0.0002, anchor.latitude)
    gcj = wgs84_to_gcj02(*wgs)
    qtbot.mouseClick(page.add_building_button, Qt.MouseButton.LeftButton)
    dialog = page.actions.dialog
    assert isinstance(dialog, BuildingDialog)
    dialog.name_edit.setText("新建9号楼")
    dialog.address_edit.setText("山东省青岛市市南区湛山三路9号")
    dialog.lng_edit.setText(f"{gcj[0]:.7f},{gcj[1]:.7f}")  # pasted from a web map: both fields fill
    assert dialog.lat_edit.text() == f"{gcj[1]:.7f}"
    dialog.gcj_check.setChecked(True)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        save(qtbot, dialog)
    qtbot.waitUntil(lambda: "新建9号楼" in texts(page.buildings, "name"), timeout=20_000)
    current = page.current_building()
    assert current is not None and current.name == "新建9号楼"
    assert distance_m(current.longitude, current.latitude, *wgs) < 0.05
    assert "已保存“新建9号楼”，按坐标属于" in page.notice_label.text()


def test_household_and_unit_forms(page: PlacesPage, qtbot: QtBot, demo: OpenedDatabase) -> None:
    building = page.current_building()
    assert building is not None
    taken = page.households.model.rows[0]
    dialog = HouseholdDialog(page.user, demo.session_factory, building, page.units.model.rows,
                             unit_id=taken.unit_id)
    qtbot.addWidget(dialog)
    dialog.room_edit.setText(taken.room)
    save(qtbot, dialog)
    assert dialog.messages["room"].text() == f"{taken.unit_number} 单元已有 {taken.room} 室，请勿重复登记。"
    dialog.room_edit.setText("9901")
    dialog.area_edit.setText("七十")
    save(qtbot, dialog)
    assert dialog.messages["area_m2"].text() == "请填写数字，例如 72.5。"
    dialog.area_edit.setText("70.5")
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        save(qtbot, dialog)
    assert dialog.result_row.room == "9901" and dialog.result_row.area_m2 == 70.5
    unit = UnitDialog(page.user, demo.session_factory, building)
    qtbot.addWidget(unit)
    unit.number_edit.setText(page.units.model.rows[0].number)
    save(qtbot, unit)
    assert "已有" in unit.messages["number"].text()
    unit.number_edit.setText("9")
    with qtbot.waitSignal(unit.saved, timeout=20_000):
        save(qtbot, unit)
    with demo.session_factory() as session:
        assert [u.number for u in places.list_units(session, building.id)][-1] == "9"


# ---- grid import -----------------------------------------------------------------------------------
def write(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def ring(*points: tuple[float, float]) -> list[list[float]]:
    return [list(p) for p in (*points, points[0])]


BOW_TIE = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"编码": "BT01", "名称": "八字网格"},
    "geometry": {"type": "Polygon",
                 "coordinates": [ring((120.30, 36.00), (120.31, 36.01), (120.31, 36.00), (120.30, 36.01))]}}]}


def import_dialog(qtbot: QtBot, demo: OpenedDatabase, path: Path) -> GridImportDialog:
    dialog = GridImportDialog(sign_in(demo, "chenjing"), demo.session_factory, COMMUNITY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(path)
    qtbot.waitUntil(lambda: not dialog.checking, timeout=20_000)
    return dialog


def test_a_bow_tie_is_imported_only_after_accepting_the_repair(app: QApplication, qtbot: QtBot,
                                                               demo: OpenedDatabase, tmp_path: Path) -> None:
    dialog = import_dialog(qtbot, demo, write(tmp_path, "bow.geojson", BOW_TIE))
    assert dialog.status_label.text() == "文件中共有 1 个网格。1 个边界不合法，可以自动修复。"
    assert not dialog.import_button.isEnabled() and dialog.repair_check.isVisible()
    summary = dialog.repair_summary.text()
    assert "第 1 个（BT01）：修复前 1 块、面积约 0 ㎡；修复后 2 块" in summary
    assert "边界自相交" in dialog.details_label.text() and "多个面" in dialog.details_label.text()
    state = dialog.model.index(0, dialog.model.column_of("state"))
    assert dialog.model.data(state) == "边界不合法，可修复"
    dialog.repair_check.setChecked(True)
    assert dialog.model.data(state) == "修复后导入" and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=30_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = imported.args[0]
    assert result.created == ("BT01",) and result.repaired == ("BT01",)
    assert "导入完成：新增 1 个网格，更新 0 个网格。" in dialog.done_label.text()
    assert dialog.cancel_button.text() == "关闭" and not dialog.import_button.isVisible()
    with demo.session_factory() as session:
        cell = session.scalars(select(GridCell).where(GridCell.code == "BT01")).one()
        assert json.loads(cell.geometry_geojson)["type"] == "MultiPolygon"


def test_swapped_coordinates_and_broken_json_are_explained(app: QApplication, qtbot: QtBot,
                                                           demo: OpenedDatabase, tmp_path: Path) -> None:
    lat_first = [ring((36.06, 120.38), (36.06, 120.39), (36.07, 120.39))]
    swapped = {"type": "Feature", "properties": {"code": "SW", "name": "颠倒"},
               "geometry": {"type": "Polygon", "coordinates": lat_first}}
    dialog = import_dialog(qtbot, demo, write(tmp_path, "swapped.geojson", swapped))
    assert dialog.model.data(dialog.model.index(0, dialog.model.column_of("state"))) == "有问题，不能导入"
    assert "[纬度, 经度]" in dialog.details_label.text()
    assert not dialog.import_button.isEnabled() and not dialog.repair_check.isVisible()
    dialog.load_file(write(tmp_path, "broken.geojson", '{"type": "Feature",\n "geometry": }'))
    qtbot.waitUntil(lambda: not dialog.checking, timeout=20_000)
    assert dialog.status_label.objectName() == "errorBanner"
    assert dialog.status_label.text().startswith("文件不是有效的 GeoJSON：第 2 行")
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_the_gcj02_checkbox_converts_and_reimport_updates(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                         tmp_path: Path) -> None:
    with demo.session_factory() as session:
        first = session.scalars(select(GridCell).order_by(GridCell.code)).first()
        assert first is not None
        code, wgs = first.code, json.loads(first.geometry_geojson)["coordinates"][0]
    gcj = [list(wgs84_to_gcj02(lng, lat)) for lng, lat in wgs]
    doc = {"type": "Polygon", "coordinates": [gcj]}
    dialog = import_dialog(qtbot, demo, write(tmp_path, "gcj.geojson", doc))
    assert dialog.code_row.isVisible()  # a bare polygon has no code: the dialog asks
    dialog.code_edit.setText(code)
    dialog.code_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: not dialog.checking and dialog.preview is not None
                    and dialog.preview.features[0].code == code, timeout=20_000)
    assert "GCJ-02" in dialog.warning_label.text()  # without the box ticked, the buildings fall outside
    dialog.gcj_check.setChecked(True)
    qtbot.waitUntil(lambda: not dialog.checking and dialog.preview is not None
                    and dialog.preview.source_crs == "gcj02", timeout=20_000)
    assert not dialog.warning_label.isVisible()
    row = dialog.model.index(0, dialog.model.column_of("action"))
    assert dialog.model.data(row) == "更新边界"
    with qtbot.waitSignal(dialog.imported, timeout=30_000) as imported:
        dialog.start_import()
    assert imported.args[0].updated == (code,) and imported.args[0].outside == ()
    with demo.session_factory() as session:
        stored = json.loads(session.scalars(select(GridCell).where(GridCell.code == code)).one().geometry_geojson)
    for got, expected in zip(stored["coordinates"][0], wgs, strict=True):
        assert distance_m(*got, *expected) < 1.0


# ---- words ---------------------------------------------------------------------------------------------
def test_every_core_problem_has_a_translatable_text() -> None:
    core = {**place_rules.MESSAGES, **grid_import.MESSAGES}
    assert not set(place_rules.MESSAGES) & set(grid_import.MESSAGES)  # one code, one meaning
    assert core == PROBLEM_TEXTS


def test_cancelling_an_import_leaves_the_database_as_it_was(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                                           tmp_path: Path) -> None:
    with demo.session_factory() as session:
        before = {c.code: c.geometry_geojson for c in session.scalars(select(GridCell))}
        outbox_before = len(session.scalars(select(OutboxEntry)).all())
    shifted = {"type": "FeatureCollection", "features": [  # every cell 200 m east: most buildings would move
        {"type": "Feature", "properties": {"code": code},
         "geometry": {"type": "Polygon", "coordinates": [[[lng + 0.002, lat] for lng, lat in
                                                          json.loads(text)["coordinates"][0]]]}}
        for code, text in before.items()]}
    dialog = import_dialog(qtbot, demo, write(tmp_path, "shifted.geojson", shifted))
    assert dialog.import_button.isEnabled()
    dialog.start_import()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # 取消 while it runs
    qtbot.waitUntil(lambda: "已取消导入" in dialog.status_label.text(), timeout=30_000)
    assert dialog.isVisible() and dialog.result is None
    with demo.session_factory() as session:
        assert {c.code: c.geometry_geojson for c in session.scalars(select(GridCell))} == before
        assert len(session.scalars(select(OutboxEntry)).all()) == outbox_before
