"""The grid map of a street (300 grid cells, 20,000 buildings): built and rendered.

Ours, per run: map_snapshot (the SQL), build_map (HTML and assets) and a new MapView that
loads the file, until loadFinished *and* map_ready (every building is in the cluster group
and the final clusters are on the map). Target: ≤ 2 s.

Baseline, measured in the same run the same way: a new web view loading a minimal page with
the same local assets (Leaflet, Leaflet.markercluster, their CSS) that makes an empty map and
an empty cluster group. That is the floor any offline Leaflet map pays on this machine (a
renderer process, parsing Leaflet); the ratio is what our data and drawing add on top.

`python -m bench.bench_map --folium` also times folium's own way of drawing the same data
(folium.GeoJson for the cells, plugins.MarkerCluster with 20,000 folium.Marker objects,
local assets): it takes tens of seconds in Python alone, so it is not part of the suite.
One browser start is paid before timing begins (the app pays it once per session).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.map_street import COMMUNITY, build_street
from bench.results import BenchResult, interleaved_medians

CACHE = Path(__file__).resolve().parent / ".cache"
CELLS, BUILDINGS = 300, 20_000
TARGET_SECONDS = 2.0
TIMEOUT_MS = 120_000
BARE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}"><link rel="stylesheet" href="{mc_css}">
<script src="{js}"></script><script src="{mc_js}"></script>
<style>html, body, #map {{ width: 100%; height: 100%; margin: 0; }}</style></head>
<body><div id="map"></div><script>
var map = L.map('map', {{ maxZoom: 19 }}).setView([36.06, 120.38], 14);
L.markerClusterGroup({{ chunkedLoading: true }}).addTo(map);
</script></body></html>"""


def street_db(cells: int = CELLS, buildings: int = BUILDINGS) -> Path:
    path = CACHE / f"map-street-{cells}x{buildings}.sqlite"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        build_street(partial, cells=cells, buildings=buildings)
        partial.rename(path)
    return path


class _Browser:
    """Loads pages in fresh MapViews and waits for them, without sleeping."""

    def __init__(self) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from community_app.ui.map_view import MapView  # sets up QtWebEngine first

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.view_class = MapView

    def load(self, html: Path, *, wait_ready: bool) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer

        view = self.view_class()
        view.resize(1280, 800)
        view.show()
        loop = QEventLoop()
        state = {"loaded": None, "ready": not wait_ready}

        def loaded(ok: bool) -> None:
            state["loaded"] = ok
            if state["ready"]:
                loop.quit()

        def ready(_polygons: int, _markers: int) -> None:
            state["ready"] = True
            if state["loaded"] is not None:
                loop.quit()

        view.loadFinished.connect(loaded)
        view.map_ready.connect(ready)
        QTimer.singleShot(TIMEOUT_MS, loop.quit)
        view.show_map(html)
        loop.exec()
        view.close()
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if not (state["loaded"] and state["ready"]):
            raise RuntimeError(f"{html.name} did not finish loading: {state}")


def _ours(db: Path, out_dir: Path, browser: _Browser) -> Callable[[], None]:
    from sqlalchemy.orm import Session

    from community_app.core.map_data import map_snapshot
    from community_app.maps import build_map
    from db.engine import make_engine

    engine = make_engine(db)

    def run() -> None:
        with Session(engine) as session:
            snapshot = map_snapshot(session, COMMUNITY)
        build = build_map(snapshot, out_dir)
        assert (build.cell_count, build.building_count) == (CELLS, BUILDINGS), build
        browser.load(build.html_path, wait_ready=True)

    return run


def _bare_page(out_dir: Path) -> Path:
    from community_app.maps.assets import LAYER_CSS, LAYER_JS, MAP_CSS, MAP_JS, install_assets

    install_assets(out_dir)
    page = out_dir / "bare.html"
    page.write_text(BARE_PAGE.format(css=MAP_CSS[0][1], mc_css=LAYER_CSS[0][1], js=MAP_JS[0][1],
                                     mc_js=LAYER_JS[0][1]), encoding="utf-8")
    return page


def bench_map(repeat: int = 5) -> BenchResult:
    db = street_db()
    browser = _Browser()
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        bare = _bare_page(out_dir)
        ours = _ours(db, out_dir, browser)
        browser.load(bare, wait_ready=False)  # start Chromium and warm the file cache, untimed
        ours()
        ours_s, bare_s = interleaved_medians(ours, lambda: browser.load(bare, wait_ready=False), repeat)
    return BenchResult(
        f"grid map, {CELLS} cells + {BUILDINGS:,} buildings", ours_s, bare_s,
        "empty Leaflet + markercluster page, same local assets", max_seconds=TARGET_SECONDS,
        note="query, HTML built, loaded and every marker clustered",
    )


def folium_default(repeat: int = 1) -> tuple[float, float]:
    """(seconds to render folium's own version in Python, seconds to build and load it)."""
    import folium
    from folium.plugins import MarkerCluster
    from sqlalchemy.orm import Session

    from community_app.core.map_data import map_snapshot
    from community_app.maps.assets import LAYER_CSS, LAYER_JS, MAP_CSS, MAP_JS, install_assets
    from db.engine import make_engine

    browser = _Browser()
    with Session(make_engine(street_db())) as session:
        snapshot = map_snapshot(session, COMMUNITY)
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        install_assets(out_dir)
        start = time.perf_counter()
        fmap = folium.Map(location=[36.06, 120.38], zoom_start=14, tiles=None)
        fmap.default_js, fmap.default_css = list(MAP_JS), list(MAP_CSS)
        fmap.options["max_zoom"] = 19  # markercluster refuses a map without one (no tiles set it)
        folium.GeoJson({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": json.loads(c.geometry_geojson),
             "properties": {"code": c.code, "worker": c.worker_name or ""}} for c in snapshot.cells]},
            tooltip=folium.GeoJsonTooltip(["code", "worker"])).add_to(fmap)
        cluster = MarkerCluster()
        cluster.default_js = [LAYER_JS[0]]
        cluster.default_css = list(LAYER_CSS[:2])
        cluster.add_to(fmap)
        for b in snapshot.buildings:
            folium.Marker([b.latitude, b.longitude], tooltip=b.name).add_to(cluster)
        html = fmap.get_root().render()
        rendered = time.perf_counter() - start
        page = out_dir / "folium.html"
        page.write_text(html, encoding="utf-8")
        browser.load(page, wait_ready=False)
        total = time.perf_counter() - start
    return rendered, total


if __name__ == "__main__":
    from bench.results import format_table

    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5
    print(format_table([bench_map(n)]))
    if "--folium" in sys.argv:
        rendered, total = folium_default()
        print(f"folium's own build of the same map: {rendered:.1f} s to render the HTML in Python, "
              f"{total:.1f} s built and loaded")
