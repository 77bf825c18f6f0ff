"""Build the grid map's HTML with folium from a MapSnapshot, for QWebEngineView (or any
browser) to show with no network.

folium provides the page, the Leaflet map, the optional tile layer and the initial view;
the cells and buildings are one element of ours (GridMapLayer) that writes all data as a
single JSON island and hands it to static/grid_map.js. At street scale that matters:
20,000 folium Marker objects make ~9 MB of generated JavaScript that takes about half a
minute to render in Python; one array and a loop into a MarkerClusterGroup with
chunkedLoading make ~1.2 MB in a tenth of a second (see bench/bench_map.py).
"""

from __future__ import annotations

import html
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import folium
from branca.element import Element, Figure
from folium.elements import JSCSSMixin
from shapely.geometry import shape

from community_app.core.map_data import MapCell, MapSnapshot
from community_app.maps.assets import LAYER_CSS, LAYER_JS, MAP_CSS, MAP_JS, font_face_css, install_assets
from community_app.maps.model import BRIDGE_OBJECT, DATA_ID, HTML_NAME, QWEBCHANNEL_URL, MapBuild, MapSettings
from community_app.maps.scale import color_for

log = logging.getLogger(__name__)

DEFAULT_CENTER = (36.0671, 120.3826)  # 市南区, Qingdao: shown when there is nothing to fit
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
MIN_ZOOM = 10  # a city district fills the view


@dataclass(frozen=True)
class PreparedCells:
    """The cells as GeoJSON features, the codes of those that cannot be drawn, their extent."""

    features: list[dict[str, Any]]
    skipped: tuple[str, ...]
    bounds: tuple[float, float, float, float] | None  # south, west, north, east


class _Raw(Element):
    """Text put into the page as is. branca's Element(text) compiles its text as a Jinja
    template when the figure renders, so a "{{" inside a building's name would break the page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class GridMapLayer(JSCSSMixin):
    """Grid cells, their labels and the buildings, drawn by static/grid_map.js."""

    def __init__(self, payload: str, title: str, web_channel: bool, bounds: list[list[float]] | None) -> None:
        super().__init__()
        self._name = "GridMapLayer"
        self.payload = payload
        self.title = title
        self.web_channel = web_channel
        # fitted by grid_map.js without animation (folium's FitBounds animates from the
        # initial view, and the map would still be moving when it reports ready)
        self.bounds = bounds
        js = list(LAYER_JS)
        if web_channel:
            js.insert(-1, ("qwebchannel", QWEBCHANNEL_URL))
        self.default_js = js
        self.default_css = list(LAYER_CSS)

    def render(self, **kwargs: Any) -> None:
        super().render(**kwargs)  # the <script>/<link> tags of default_js/default_css
        figure = self.get_root()
        assert isinstance(figure, Figure)
        name = self.get_name()
        figure.header.add_child(
            _Raw(f"<title>{html.escape(self.title)}</title>\n<style>\n{font_face_css()}\n</style>"), name=name)
        figure.html.add_child(
            _Raw(f'<script type="application/json" id="{DATA_ID}">{self.payload}</script>'), name=name)
        options = json.dumps({"bridge": BRIDGE_OBJECT if self.web_channel else None, "bounds": self.bounds})
        parent = self._parent.get_name() if self._parent is not None else "null"
        figure.script.add_child(_Raw(f"GridMap.start({parent}, {json.dumps(DATA_ID)}, {options});"), name=name)


def build_map(snapshot: MapSnapshot, out_dir: Path, settings: MapSettings | None = None) -> MapBuild:
    """Write out_dir/grid-map.html (and its assets) for the snapshot."""
    settings = settings or MapSettings()
    out_dir.mkdir(parents=True, exist_ok=True)
    install_assets(out_dir)
    text, cells = render_map_html(snapshot, settings)
    path = out_dir / HTML_NAME
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".grid-map-", suffix=".html")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)  # a view loading the old page never reads half a file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return MapBuild(
        html_path=path, community_name=snapshot.community_name, cell_count=len(cells.features),
        building_count=len(snapshot.buildings), open_requests=snapshot.open_requests,
        skipped_cells=cells.skipped, html_bytes=len(data), as_of=snapshot.as_of,
    )


def render_map_html(snapshot: MapSnapshot, settings: MapSettings) -> tuple[str, PreparedCells]:
    """The page as a string (asset URLs are relative to the folder build_map writes to)."""
    cells = _prepare_cells(snapshot.cells)
    bounds = cells.bounds or _points_bounds(snapshot)
    center = ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2) if bounds else DEFAULT_CENTER
    fmap = folium.Map(location=center, zoom_start=15, tiles=None, control_scale=False,
                      attribution_control=settings.tile_url is not None)
    # markercluster needs a maxZoom, and without tiles no layer sets one. It clusters for
    # every zoom level from min to max, so a city-level minimum (no one needs the globe on
    # a community map) saves it a third of the work. Quarter zoom steps let a community
    # fill the view instead of jumping between halves and doubles.
    fmap.options.update(max_zoom=settings.max_zoom, min_zoom=MIN_ZOOM, zoom_snap=0.25, zoom_delta=0.5)
    # instance lists: folium's class-level defaults are CDN links (and shared by every map)
    fmap.default_js = list(MAP_JS)
    fmap.default_css = list(MAP_CSS)
    if settings.tile_url:
        folium.TileLayer(
            tiles=settings.tile_url, attr=settings.tile_attribution or urlparse(settings.tile_url).netloc or "-",
            max_zoom=settings.max_zoom, name="base",
        ).add_to(fmap)
    title = f"{snapshot.community_name}{settings.texts.title}"
    fit = [[bounds[0], bounds[1]], [bounds[2], bounds[3]]] if bounds else None
    GridMapLayer(_payload(snapshot, cells, settings), title, settings.web_channel, fit).add_to(fmap)
    return fmap.get_root().render(), cells


def _prepare_cells(cells: Iterable[MapCell]) -> PreparedCells:
    features: list[dict[str, Any]] = []
    skipped: list[str] = []
    south = west = float("inf")
    north = east = float("-inf")
    for cell in cells:
        try:
            geometry = json.loads(cell.geometry_geojson)
            if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
                raise ValueError("not a polygon")
            polygon = shape(geometry)
            if polygon.is_empty:
                raise ValueError("empty polygon")
            centroid = polygon.centroid
            # a concave cell's centroid can lie outside it; the label must sit inside
            point = centroid if polygon.contains(centroid) else polygon.representative_point()
        except Exception as exc:  # stored by an older import or by hand: draw the rest, report this one
            log.warning("grid cell %s has a geometry that cannot be drawn: %s", cell.code, exc)
            skipped.append(cell.code)
            continue
        w, s, e, n = polygon.bounds
        south, west, north, east = min(south, s), min(west, w), max(north, n), max(east, e)
        features.append({
            "type": "Feature",
            "id": cell.id,
            "geometry": geometry,  # as stored: WGS-84, never shifted or simplified
            "properties": {
                "id": cell.id, "code": cell.code, "name": cell.name, "worker": cell.worker_name,
                "open": cell.open_requests, "color": color_for(cell.open_requests),
                "label": [point.y, point.x],
            },
        })
    bounds = (south, west, north, east) if features else None
    return PreparedCells(features, tuple(skipped), bounds)


def _points_bounds(snapshot: MapSnapshot) -> tuple[float, float, float, float] | None:
    if not snapshot.buildings:
        return None
    lats = [b.latitude for b in snapshot.buildings]
    lngs = [b.longitude for b in snapshot.buildings]
    return min(lats), min(lngs), max(lats), max(lngs)


def _payload(snapshot: MapSnapshot, cells: PreparedCells, settings: MapSettings) -> str:
    """All the page's data as JSON that is safe inside <script>: no "<", so no "</script>"."""
    cell_codes = [c.code for c in snapshot.cells]
    cell_index = {c.id: i for i, c in enumerate(snapshot.cells)}
    if snapshot.buildings:
        _ids, names, addresses, lats, lngs, cell_ids = zip(*snapshot.buildings, strict=True)
    else:
        names = addresses = lats = lngs = cell_ids = ()
    data = {
        "cells": {"type": "FeatureCollection", "features": cells.features},
        "buildings": {
            "lat": lats, "lng": lngs, "name": names, "address": addresses,
            "cell": [cell_index.get(c, -1) if c is not None else -1 for c in cell_ids],
            "cellCodes": cell_codes,
        },
        "texts": asdict(settings.texts),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

