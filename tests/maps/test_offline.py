"""The map needs no network: the page and every file it loads name no http(s) address
(except a tile server the user configured), and every file it loads is on disk."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from community_app.maps import MapSettings, build_map
from community_app.maps.assets import asset_files, install_assets
from tests.maps.snapshots import snapshot

URL = re.compile(r"https?://[^\s\"'()<>]+", re.IGNORECASE)
SRC_HREF = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", re.IGNORECASE)
# http(s) strings inside the shipped libraries that never fetch anything: the SVG namespace
# and Leaflet's attribution link (which the page turns off). Anything new must be looked at.
HARMLESS_IN_ASSETS = {
    "http://www.w3.org/2000/svg",
    "https://leafletjs.com",
    "https://bugzilla.mozilla.org/show_bug.cgi?id=888319",  # a comment in leaflet.css
}
# folium's defaults, none of which the map needs
CDN_LIBRARIES = ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "awesome_markers",
                 "glyphicons", "cdn.jsdelivr", "cdnjs", "code.jquery")


def referenced_files(html_path: Path) -> list[Path]:
    """Local files the page names in <script src> / <link href>, resolved against it."""
    html = html_path.read_text(encoding="utf-8")
    found = []
    for ref in SRC_HREF.findall(html):
        scheme = urlparse(ref).scheme
        if scheme in ("qrc",):
            continue  # Qt's own resources, inside the Qt libraries
        assert scheme in ("", "file"), f"the page loads {ref}"
        found.append(html_path.parent / ref if scheme == "" else Path(unquote(urlparse(ref).path)))
    return found


def test_page_names_no_web_address_by_default(tmp_path: Path) -> None:
    html = build_map(snapshot(), tmp_path).html_path.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    lowered = html.lower()
    for library in CDN_LIBRARIES:
        assert library not in lowered, library


def test_only_the_configured_tile_server_is_named(tmp_path: Path) -> None:
    tiles = "http://tiles.qd.gov.example/{z}/{x}/{y}.png"
    build = build_map(snapshot(), tmp_path, MapSettings(tile_url=tiles, tile_attribution="青岛市政务地图"))
    html = build.html_path.read_text(encoding="utf-8")
    assert set(URL.findall(html)) == {tiles}
    assert json.dumps("青岛市政务地图") in html  # folium writes it as an escaped JS string


def test_every_file_the_page_loads_exists_and_names_no_web_address(tmp_path: Path) -> None:
    build = build_map(snapshot(), tmp_path)
    files = referenced_files(build.html_path)
    names = {f.name for f in files}
    assert {"leaflet.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css", "grid_map.js",
            "grid_map.css"} <= names
    html = build.html_path.read_text(encoding="utf-8")
    fonts = [Path(unquote(urlparse(u).path)) for u in CSS_URL.findall(html)]
    assert {f.name for f in fonts} == {"DroidSansFallbackFull.ttf", "HanaMinB-ExtB.ttf"}
    for path in files + fonts:
        assert path.is_file(), path
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert set(URL.findall(text)) <= HARMLESS_IN_ASSETS, path
        assert "@import" not in text, path
        if path.suffix == ".css":
            # Leaflet's CSS finds its images by relative url(): they must have been copied too
            for ref in CSS_URL.findall(text):
                if ref.startswith(("data:", "#")):  # inline data; IE-only behaviour fragments
                    continue
                assert urlparse(ref).scheme == "", f"{path.name} loads {ref}"
                assert (path.parent / ref).is_file(), f"{path.name}: {ref} missing"


def test_assets_are_copied_once_and_refreshed_when_changed(tmp_path: Path) -> None:
    install_assets(tmp_path)
    files = asset_files(tmp_path)
    assert files and all(f.is_file() for f in files)
    leaflet = next(f for f in files if f.name == "leaflet.js")
    before = leaflet.stat().st_mtime_ns
    os.utime(leaflet, ns=(before, before))
    install_assets(tmp_path)
    assert leaflet.stat().st_mtime_ns == before  # unchanged: not copied again
    leaflet.write_text("damaged", encoding="utf-8")
    install_assets(tmp_path)
    assert "damaged" not in leaflet.read_text(encoding="utf-8")
    assert leaflet.read_text(encoding="utf-8").startswith("/* @preserve")


@pytest.mark.parametrize("name", ["leaflet.js", "leaflet.markercluster.js"])
def test_assets_are_the_packaged_libraries(tmp_path: Path, name: str) -> None:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    install_assets(tmp_path)
    copied = next(f for f in asset_files(tmp_path) if f.name == name)
    source = Path(leaflet.BASE_DIR if name == "leaflet.js" else markercluster.BASE_DIR) / name
    assert copied.read_bytes() == source.read_bytes()
