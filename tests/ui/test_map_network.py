"""The map reaches the network only for a configured tile server, and only that server.
A real HTTP server on 127.0.0.1 stands in for an intranet tile server and records every
request that reaches it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import xstatic.pkg.leaflet as leaflet
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.core.auth import login
from community_app.maps import MapSettings, build_map
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.map_view import MapView, tile_origin_pattern
from community_app.ui.pages.map_page import TILE_ATTRIBUTION_KEY, TILE_URL_KEY, MapPage
from community_app.ui.settings import app_settings
from tests.maps.snapshots import snapshot
from tests.ui.map_helpers import LOAD_MS, delete_views, load_map, run_js

__all__ = ["delete_views"]  # autouse fixture, imported to apply here

PNG = (Path(leaflet.BASE_DIR) / "images" / "marker-icon.png").read_bytes()
# the page asks for a URL on another origin and records what happened to the request
LEAK_SCRIPT = ("window.leak = 'pending';"
               "fetch(%r).then(function () { window.leak = 'reached'; },"
               " function () { window.leak = 'blocked'; }); true")


class TileServer:
    def __init__(self) -> None:
        self.paths: list[str] = []
        paths = self.paths

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(PNG)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(PNG)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def tile_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    server = TileServer()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def view(app: QApplication, qtbot: QtBot) -> MapView:
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view


def wait_for_leak_attempt(qtbot: QtBot, view: MapView, url: str) -> str:
    run_js(qtbot, view, LEAK_SCRIPT % url)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "window.leak") != "pending", timeout=10_000)
    return str(run_js(qtbot, view, "window.leak"))


def test_tiles_come_from_the_configured_server_and_nothing_else_leaves(
    view: MapView, qtbot: QtBot, tmp_path: Path, tile_server: TileServer
) -> None:
    settings = MapSettings(tile_url=tile_server.tile_url, tile_attribution="青岛市测试瓦片")
    build = build_map(snapshot(), tmp_path, settings)
    load_map(qtbot, view, build.html_path, tile_server.tile_url)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll('img.leaflet-tile-loaded').length") > 0,
                    timeout=10_000)
    assert tile_server.paths
    assert all(p.endswith(".png") and p.count("/") == 3 for p in tile_server.paths), tile_server.paths
    attribution = run_js(qtbot, view, "document.querySelector('.leaflet-control-attribution').innerText")
    assert attribution == "青岛市测试瓦片"  # no "Leaflet" link that would navigate the view away
    # another origin (localhost is not 127.0.0.1 to a browser) is blocked before it leaves
    leak = f"http://localhost:{tile_server.port}/leak"
    assert wait_for_leak_attempt(qtbot, view, leak) == "blocked"
    assert "/leak" not in tile_server.paths


def test_without_a_tile_setting_the_page_reaches_no_server(
    view: MapView, qtbot: QtBot, tmp_path: Path, tile_server: TileServer
) -> None:
    """Even a page that names a server (as a CDN link would) gets nothing from it."""
    build = build_map(snapshot(), tmp_path, MapSettings(tile_url=tile_server.tile_url))
    load_map(qtbot, view, build.html_path)  # shown as the app shows it with no tile setting
    qtbot.waitUntil(lambda: run_js(qtbot, view, "Array.from(document.querySelectorAll('img.leaflet-tile'))"
                                                ".every(function (img) { return img.complete; })"), timeout=10_000)
    assert run_js(qtbot, view, "document.querySelectorAll('img.leaflet-tile-loaded').length") == 0
    assert wait_for_leak_attempt(qtbot, view, f"http://127.0.0.1:{tile_server.port}/leak") == "blocked"
    assert tile_server.paths == []
    assert run_js(qtbot, view, "GridMap.polygonCount") == 4  # the map itself is all there


def test_page_takes_the_tile_server_from_the_settings(
    app: QApplication, qtbot: QtBot, demo: OpenedDatabase, supervisor_account: tuple[str, str],
    tile_server: TileServer,
) -> None:
    store = app_settings()
    store.setValue(TILE_URL_KEY, tile_server.tile_url)
    store.setValue(TILE_ATTRIBUTION_KEY, "内网地图")
    store.sync()
    with demo.session_factory() as session:
        user = login(session, *supervisor_account)
    page = MapPage(user, demo.session_factory)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_MS):
        page.show()
    assert page.view is not None
    view = page.view
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll('img.leaflet-tile-loaded').length") > 0,
                    timeout=10_000)
    assert tile_server.paths
    assert run_js(qtbot, view, "document.querySelector('.leaflet-control-attribution').innerText") == "内网地图"


@pytest.mark.parametrize(("template", "origin", "allowed"), [
    ("http://tiles.qd.gov.example/{z}/{x}/{y}.png", "http://tiles.qd.gov.example", True),
    ("http://tiles.qd.gov.example/{z}/{x}/{y}.png", "https://tiles.qd.gov.example", False),
    ("http://tiles.qd.gov.example/{z}/{x}/{y}.png", "http://tiles.qd.gov.example.evil.cn", False),
    ("https://{s}.tiles.example:8443/{z}/{x}/{y}.png", "https://b.tiles.example:8443", True),
    ("https://{s}.tiles.example:8443/{z}/{x}/{y}.png", "https://b.tiles.example", False),
    ("HTTP://Tiles.Example:80/{z}/{x}/{y}.png", "http://tiles.example", True),
])
def test_tile_origin_pattern(template: str, origin: str, allowed: bool) -> None:
    pattern = tile_origin_pattern(template)
    assert pattern is not None
    assert bool(pattern.fullmatch(origin)) is allowed


def test_not_a_web_address_allows_nothing() -> None:
    assert tile_origin_pattern("file:///tiles/{z}/{x}/{y}.png") is None
