"""The grid map in a real QtWebEngine (offscreen, software rendering), with no network:
Leaflet loads from local files, one polygon is drawn per grid cell in the database, labels
show code and worker, and a click on a cell reaches Python as cell_clicked(id)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser, login
from community_app.core.map_data import map_snapshot
from community_app.maps import MapBuild, build_map
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.map_view import MapView
from community_app.ui.pages.map_page import MapPage
from db.engine import make_engine
from tests.ui.map_helpers import LOAD_MS, delete_views, load_map, run_js

__all__ = ["delete_views"]  # autouse fixture, imported to apply here

LOCAL_SCHEMES = {"file", "qrc", "data"}


class RecordingInterceptor(QWebEngineUrlRequestInterceptor):
    """Sees every request the page makes (runs on Chromium's IO thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        self.urls.append(info.requestUrl().toString())


@pytest.fixture
def requests_seen() -> Iterator[RecordingInterceptor]:
    interceptor = RecordingInterceptor()
    profile = QWebEngineProfile.defaultProfile()
    profile.setUrlRequestInterceptor(interceptor)
    yield interceptor
    profile.setUrlRequestInterceptor(None)


def db_cells(path: Path) -> list[tuple[str, str, str | None]]:
    """(id, code, worker) of every live grid cell, by hand-written SQL."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT g.id, g.code, s.display_name FROM grid_cell g LEFT JOIN staff_user s "
            "ON s.id = g.responsible_staff_id WHERE g.deleted_at IS NULL ORDER BY g.code"
        ).fetchall()


def db_building_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM building WHERE deleted_at IS NULL").fetchone()[0])


@pytest.fixture
def demo_map(demo: OpenedDatabase, tmp_path: Path) -> MapBuild:
    with demo.session_factory() as session:
        snapshot = map_snapshot(session, None)
    return build_map(snapshot, tmp_path / "map")


@pytest.fixture
def shown(app: QApplication, qtbot: QtBot, demo_map: MapBuild) -> MapView:
    """A view that has loaded the demo map and reported it drawn."""
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    view.setProperty("ready_args", load_map(qtbot, view, demo_map.html_path))
    return view


def test_map_loads_offline_and_draws_every_cell(
    requests_seen: RecordingInterceptor, shown: MapView, qtbot: QtBot, demo: OpenedDatabase
) -> None:
    cells = db_cells(demo.path)
    assert len(cells) >= 6
    assert shown.property("ready_args") == [len(cells), db_building_count(demo.path)]
    assert run_js(qtbot, shown, "typeof L !== 'undefined' && typeof L.markerClusterGroup === 'function'") is True
    # every polygon Leaflet drew is an interactive SVG path; buildings are markers, not paths
    assert run_js(qtbot, shown, "document.querySelectorAll('path.leaflet-interactive').length") == len(cells)
    assert run_js(qtbot, shown, "GridMap.polygonCount") == len(cells)
    assert sorted(run_js(qtbot, shown, "Object.keys(GridMap.cells)")) == sorted(c[0] for c in cells)
    # nothing but local files and Qt's own resources was requested
    schemes = {url.split(":", 1)[0] for url in requests_seen.urls}
    assert schemes <= LOCAL_SCHEMES, requests_seen.urls
    assert "qrc:///qtwebchannel/qwebchannel.js" in requests_seen.urls
    assert any(url.endswith("/leaflet.js") for url in requests_seen.urls)


def test_labels_show_code_and_worker(shown: MapView, qtbot: QtBot, demo: OpenedDatabase) -> None:
    labels = run_js(qtbot, shown, "Array.from(document.querySelectorAll('.cell-label')).map(e => e.innerText)")
    # the demo community's cells are large on screen: every label is shown in full
    assert sorted(labels) == sorted(f"{code}\n{worker or '未指定网格员'}" for _id, code, worker in db_cells(demo.path))
    # Chinese is drawn with a real font (the shipped one here), not missing-glyph boxes
    loaded = run_js(qtbot, shown, "document.fonts.check('12px GridMapSans', '王丽')")
    assert loaded is True


def test_clicking_a_cell_emits_its_id(shown: MapView, qtbot: QtBot, demo: OpenedDatabase) -> None:
    cell_id, _code, _worker = db_cells(demo.path)[2]
    # Leaflet's own click event on the polygon layer
    with qtbot.waitSignal(shown.cell_clicked, timeout=5_000) as clicked:
        assert run_js(qtbot, shown, f"GridMap.clickCell({json.dumps(cell_id)})") is True
    assert clicked.args == [cell_id]
    # a DOM click on the polygon's SVG path, which Leaflet maps to the layer
    other_id = db_cells(demo.path)[4][0]
    script = (f"var layer = GridMap.cells[{json.dumps(other_id)}];"
              "var p = GridMap.map.latLngToContainerPoint(layer.getBounds().getCenter());"
              "var r = GridMap.map.getContainer().getBoundingClientRect();"
              "layer.getElement().dispatchEvent(new MouseEvent('click', "
              "{bubbles: true, cancelable: true, clientX: r.left + p.x, clientY: r.top + p.y})); true")
    with qtbot.waitSignal(shown.cell_clicked, timeout=5_000) as clicked:
        run_js(qtbot, shown, script)
    assert clicked.args == [other_id]
    assert run_js(qtbot, shown, "GridMap.selectedId") == other_id


def test_a_mouse_click_through_qt_reaches_python(shown: MapView, qtbot: QtBot, demo: OpenedDatabase) -> None:
    """The whole path a user's click takes: Qt input → Chromium → Leaflet → QWebChannel."""
    cell_id = db_cells(demo.path)[1][0]
    # buildings sit on top of cells and would take the click; take them off for this test
    run_js(qtbot, shown, "GridMap.map.removeLayer(GridMap.buildingLayer); true")
    x, y = run_js(qtbot, shown, f"var l = GridMap.cells[{json.dumps(cell_id)}];"
                                "var p = GridMap.map.latLngToContainerPoint(l.feature.properties.label);"
                                "[Math.round(p.x), Math.round(p.y) + 30]")  # below the label, inside the cell
    target = shown.focusProxy()
    assert target is not None
    with qtbot.waitSignal(shown.cell_clicked, timeout=5_000) as clicked:
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    assert clicked.args == [cell_id]


def test_page_shows_counts_legend_and_forwards_clicks(
    app: QApplication, qtbot: QtBot, demo: OpenedDatabase, supervisor_account: tuple[str, str]
) -> None:
    with demo.session_factory() as session:
        user = login(session, *supervisor_account)
    page = MapPage(user, demo.session_factory)
    qtbot.addWidget(page)
    page.resize(1200, 820)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_MS) as loaded:
        page.show()  # the first show builds the map
    build = loaded.args[0]
    assert isinstance(build, MapBuild)
    with sqlite3.connect(demo.path) as conn:
        cells = conn.execute("SELECT COUNT(*) FROM grid_cell WHERE deleted_at IS NULL AND community_code = ?",
                             (user.community_code,)).fetchone()[0]
        buildings = conn.execute("SELECT COUNT(*) FROM building WHERE deleted_at IS NULL AND community_code = ?",
                                 (user.community_code,)).fetchone()[0]
    subtitle = page.subtitle_label.text()
    assert f"网格 {cells} 个" in subtitle and f"楼栋 {buildings} 栋" in subtitle
    assert page.legend.scale_title.text() == "在办诉求（件）"
    assert [label.text() for label in page.legend.class_labels] == ["0", "1–2", "3–5", "6–10", "11–20", "21+"]
    assert page.is_loaded and page.refresh_button.isEnabled()
    assert page.view is not None
    cell_id = run_js(qtbot, page.view, "Object.keys(GridMap.cells)[0]")
    with qtbot.waitSignal(page.cell_chosen, timeout=5_000) as chosen:
        run_js(qtbot, page.view, f"GridMap.clickCell({json.dumps(cell_id)})")
    assert chosen.args == [cell_id]
    # refresh draws it again
    with qtbot.waitSignal(page.loaded, timeout=LOAD_MS):
        page.refresh()


def test_page_says_so_when_the_map_cannot_be_built(app: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    missing = make_engine(tmp_path / "no-such-folder" / "x.sqlite")
    user = CurrentUser("u1", "chen", "陈静", "supervisor", "社区负责人", frozenset(), "370202010004")
    page = MapPage(user, sessionmaker(missing, class_=Session))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.load_failed, timeout=LOAD_MS):
        page.show()
    assert page.error_label.isVisibleTo(page)
    assert "刷新" in page.error_label.text()
    assert not page.is_loaded and page.refresh_button.isEnabled()
    missing.dispose()
