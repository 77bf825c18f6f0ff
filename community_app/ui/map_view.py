"""QWebEngineView showing the offline grid map built by community_app.maps.

The page is written to a file and load()ed (setHtml refuses content over ~2 MB, and a
street's map is about that). A QWebChannel object lets the page call back: a click on a
grid cell becomes cell_clicked(cell id), and map_ready tells when the cells are drawn and
every building marker is in its cluster. The page gets qwebchannel.js from Qt's own
resources (qrc:///qtwebchannel/qwebchannel.js), never from the network.

Offline is enforced, not just hoped for: a local page may not load remote resources
(QtWebEngine's default, kept), and when a tile server is configured only that server is
let through; every other network request from the page is blocked.

Importing this module prepares QtWebEngine for running as root (containers, kiosks set
up by an administrator), where Chromium refuses to start its sandbox.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

if hasattr(os, "geteuid") and os.geteuid() == 0:
    # read once when the first web view starts Chromium, so it must be set before that
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from community_app.maps.model import BRIDGE_OBJECT

log = logging.getLogger(__name__)

BACKGROUND = "#eef1f5"  # as in static/grid_map.css
MAX_ID_LENGTH = 64  # ids are uuid text; anything longer did not come from our page
LOCAL_SCHEMES = frozenset({"file", "qrc", "data", "blob"})
_CONSOLE_LEVELS = {
    QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel: logging.DEBUG,
    QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel: logging.WARNING,
    QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel: logging.ERROR,
}


class MapBridge(QObject):
    """The object the page sees as `gridMapHost`. Its slots run in the GUI thread."""

    cell_clicked = Signal(str)
    map_ready = Signal(int, int)

    @Slot(str)
    def cellClicked(self, cell_id: str) -> None:
        if isinstance(cell_id, str) and 0 < len(cell_id) <= MAX_ID_LENGTH:
            self.cell_clicked.emit(cell_id)

    @Slot(int, int)
    def mapReady(self, polygons: int, markers: int) -> None:
        self.map_ready.emit(int(polygons), int(markers))


def tile_origin_pattern(tile_url: str) -> re.Pattern[str] | None:
    """The scheme://host[:port] a Leaflet tile URL template loads from, as a pattern
    ("{s}" in the host stands for any subdomain). None if it is not an http(s) URL."""
    match = re.match(r"(https?)://([^/?#]+)", tile_url, re.IGNORECASE)
    if match is None:
        return None
    scheme, host = match.group(1).lower(), match.group(2).lower()
    host = host.removesuffix({"http": ":80", "https": ":443"}[scheme])  # browsers drop default ports
    return re.compile(rf"{scheme}://" + re.escape(host).replace(re.escape("{s}"), "[a-z0-9-]+"))


class RemoteGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine, except to the tile server.
    Runs on Chromium's IO thread: it only reads one attribute and touches nothing else."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowed: re.Pattern[str] | None = None

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES:
            return
        allowed = self.allowed
        origin = f"{url.scheme()}://{url.authority().lower()}"
        if allowed is None or not allowed.fullmatch(origin):
            info.block(True)


class MapWebPage(QWebEnginePage):
    """Uses the default profile, which is off the record in Qt 6: no cache or cookies on
    disk. Only the map file itself may be loaded; a link inside the page (for example a
    tile server's attribution) must not replace the map."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowed_url = QUrl()
        self.guard = RemoteGuard(self)
        self.setUrlRequestInterceptor(self.guard)

    def acceptNavigationRequest(self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType,
                                is_main_frame: bool) -> bool:
        allowed = QUrl(url) == self.allowed_url
        if not allowed:
            log.info("map page: blocked navigation (%s)", navigation_type.name)
        return allowed

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str,
                                 line: int, source: str) -> None:
        # our scripts log no data; this is for Leaflet's warnings and our own mistakes
        log.log(_CONSOLE_LEVELS.get(level, logging.INFO), "map page: %s (%s:%d)", message,
                Path(QUrl(source).path()).name, line)


class MapView(QWebEngineView):
    """cell_clicked(id) when the user clicks a grid cell; map_ready(polygons, markers) once
    a loaded map has drawn its cells and added all building markers."""

    cell_clicked = Signal(str)
    map_ready = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.web_page = MapWebPage(self)
        self.setPage(self.web_page)
        self.bridge = MapBridge(self)
        self.bridge.cell_clicked.connect(self.cell_clicked)
        self.bridge.map_ready.connect(self.map_ready)
        self.channel = QWebChannel(self)
        self.channel.registerObject(BRIDGE_OBJECT, self.bridge)
        self.web_page.setWebChannel(self.channel)
        # Chromium's menu (back, reload, view source …) has no place in a map
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.web_page.setBackgroundColor(QColor(BACKGROUND))  # the map's own background, not white

    def show_map(self, html_path: Path, tile_url: str | None = None) -> None:
        """Load (or reload) the map file written by community_app.maps.build_map. tile_url is
        the tile server the page was built with: the one remote address it may reach."""
        pattern = tile_origin_pattern(tile_url) if tile_url else None
        self.web_page.guard.allowed = pattern
        # a local page reaches no remote URL at all unless a tile server is configured
        self.web_page.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, pattern is not None)
        url = QUrl.fromLocalFile(str(Path(html_path).resolve()))
        self.web_page.allowed_url = url
        self.load(url)
