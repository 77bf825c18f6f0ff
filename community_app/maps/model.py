"""The map's settings, texts and build result, and the names the page and its host share.

Kept free of folium and shapely (which take half a second to import) so the UI can import
these at start-up; the builder itself is imported only when a map is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HTML_NAME = "grid-map.html"
DATA_ID = "grid-map-data"
BRIDGE_OBJECT = "gridMapHost"  # the name the host registers its QWebChannel object under
QWEBCHANNEL_URL = "qrc:///qtwebchannel/qwebchannel.js"  # shipped inside Qt WebChannel itself


@dataclass(frozen=True)
class MapTexts:
    """Words inside the page. The UI passes them translated (this package has no Qt)."""

    title: str = "网格地图"
    code: str = "网格编码"
    worker: str = "网格员"
    open: str = "在办诉求"
    pieces: str = "件"
    unassigned: str = "未指定网格员"
    hint: str = "点击网格，查看本网格居民"
    cell: str = "所属网格"
    outside: str = "不在任何网格内"


@dataclass(frozen=True)
class MapSettings:
    # an intranet tile server, e.g. "http://tiles.example.gov.cn/{z}/{x}/{y}.png"; None: no base map
    tile_url: str | None = None
    tile_attribution: str = ""
    max_zoom: int = 19
    web_channel: bool = True  # load qwebchannel.js from Qt's resources and report to the host
    texts: MapTexts = field(default_factory=MapTexts)


@dataclass(frozen=True)
class MapBuild:
    """What build_map wrote, and the numbers the page around the map shows."""

    html_path: Path
    community_name: str
    cell_count: int  # polygons in the page
    building_count: int
    open_requests: int
    skipped_cells: tuple[str, ...]  # codes of cells whose stored geometry cannot be drawn
    html_bytes: int
    as_of: datetime
