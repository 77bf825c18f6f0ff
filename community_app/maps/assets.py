"""Local web assets for the offline map: Leaflet and Leaflet.markercluster from the xstatic
packages, our own grid_map.js/.css, and @font-face rules for the shipped CJK fonts.

folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, which an
office with no network cannot reach. The map needs only Leaflet and the cluster plugin, so
every folium element we render gets `default_js`/`default_css` lists that name those local
files and nothing else (set per instance: folium's class-level lists are shared, and its
`add_js_link` mutates them in place).

Choice: the JS/CSS are *copied next to the generated HTML* (into `assets/`) and referenced
by relative URL, rather than by file:// URL into site-packages:
- the HTML and its folder are self-contained: they work wherever the app is installed
  (a frozen build unpacks to a new temporary folder each run), can be zipped into a bug
  report and opened in any browser;
- relative URLs need no escaping of install paths (spaces, Chinese user names on Windows),
  and Leaflet's CSS keeps finding its images through its own relative url()s;
- it is ~250 KB, copied only when a file is missing or differs in size or time.
The fonts are the exception: 26 MB is too much to copy for a map, and they are the app's own
resources, always present where the app runs, so @font-face names them by file:// URL.
Systems with a Chinese font (Microsoft YaHei, PingFang, Noto CJK) use it first.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_markercluster

from resources import resource_path

ASSETS_DIR_NAME = "assets"
STATIC_DIR = Path(__file__).resolve().parent / "static"
FONT_FILES = (("GridMapSans", "DroidSansFallbackFull.ttf", "U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"),
              ("GridMapExtB", "HanaMinB-ExtB.ttf", "U+20000-2A6DF"))
# system Chinese fonts first; our shipped fonts only where none of them exists
FONT_STACK = ('"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
              '"WenQuanYi Micro Hei", GridMapSans, GridMapExtB, sans-serif')


@dataclass(frozen=True)
class Bundle:
    folder: str  # below assets/, versioned so an upgrade never mixes files of two releases
    source: Path
    files: tuple[str, ...]  # relative to source, posix


def bundles() -> tuple[Bundle, ...]:
    leaflet = Path(xs_leaflet.BASE_DIR)
    return (
        Bundle(f"leaflet-{xs_leaflet.VERSION}", leaflet,
               ("leaflet.js", "leaflet.css", *sorted(f"images/{p.name}" for p in (leaflet / "images").glob("*.png")))),
        Bundle(f"leaflet.markercluster-{xs_markercluster.VERSION}", Path(xs_markercluster.BASE_DIR),
               ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")),
        Bundle("grid-map", STATIC_DIR, ("grid_map.js", "grid_map.css")),
    )


def _url(bundle_index: int, file: str) -> str:
    return f"{ASSETS_DIR_NAME}/{bundles()[bundle_index].folder}/{file}"


# (folium link name, URL relative to the HTML file), in load order
MAP_JS: tuple[tuple[str, str], ...] = (("leaflet", _url(0, "leaflet.js")),)
MAP_CSS: tuple[tuple[str, str], ...] = (("leaflet_css", _url(0, "leaflet.css")),)
LAYER_JS: tuple[tuple[str, str], ...] = (
    ("markercluster_js", _url(1, "leaflet.markercluster.js")),
    ("grid_map_js", _url(2, "grid_map.js")),
)
LAYER_CSS: tuple[tuple[str, str], ...] = (
    ("markercluster_css", _url(1, "MarkerCluster.css")),
    ("markercluster_default_css", _url(1, "MarkerCluster.Default.css")),
    ("grid_map_css", _url(2, "grid_map.css")),
)


def install_assets(out_dir: Path) -> Path:
    """Copy the bundles into out_dir/assets where missing or changed; returns that folder.

    Each file is written to a temporary name and renamed, so a map loading at the same
    moment (or a second app instance) never sees half a file.
    """
    root = out_dir / ASSETS_DIR_NAME
    for bundle in bundles():
        for name in bundle.files:
            source, target = bundle.source / name, root / bundle.folder / name
            if _same_file(source, target):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".copy-")
            os.close(fd)
            try:
                shutil.copy2(source, tmp)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    return root


def _same_file(source: Path, target: Path) -> bool:
    try:
        a, b = source.stat(), target.stat()
    except FileNotFoundError:
        return False
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def asset_files(out_dir: Path) -> list[Path]:
    """Every file install_assets puts below out_dir (for checks and tests)."""
    root = out_dir / ASSETS_DIR_NAME
    return [root / b.folder / f for b in bundles() for f in b.files]


def font_face_css() -> str:
    """@font-face rules for the shipped fonts (by file:// URL, see the module docstring)."""
    rules = []
    for family, file_name, unicode_range in FONT_FILES:
        uri = resource_path("fonts", file_name).as_uri()
        rules.append(f'@font-face {{ font-family: {family}; src: url("{uri}") format("truetype"); '
                     f"unicode-range: {unicode_range}; font-display: block; }}")
    rules.append(f".leaflet-container, .leaflet-container * {{ font-family: {FONT_STACK}; }}")
    return "\n".join(rules)
