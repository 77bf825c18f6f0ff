"""The generated map page: one polygon per cell at its stored coordinates, labels with code
and worker, colours from the scale, buildings, and data that cannot break out of its script."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from community_app.core.map_data import MapCell
from community_app.maps import HTML_NAME, QWEBCHANNEL_URL, MapSettings, MapTexts, build_map, color_for
from tests.maps.snapshots import HOSTILE, cells, snapshot, square

ISLAND = re.compile(r'<script type="application/json" id="grid-map-data">(.*?)</script>', re.DOTALL)


def page_data(html: str) -> dict[str, Any]:
    found = ISLAND.findall(html)
    assert len(found) == 1
    return json.loads(found[0])


def test_one_polygon_per_cell_at_the_stored_coordinates(tmp_path: Path) -> None:
    snap = snapshot()
    build = build_map(snap, tmp_path)
    html = build.html_path.read_text(encoding="utf-8")
    features = page_data(html)["cells"]["features"]
    assert build.cell_count == len(features) == len(snap.cells) == 4
    for cell, feature in zip(snap.cells, features, strict=True):
        # WGS-84 as stored: not shifted to GCJ-02, not rounded, not simplified
        assert feature["geometry"] == json.loads(cell.geometry_geojson)
        assert feature["id"] == feature["properties"]["id"] == cell.id


def test_labels_carry_code_worker_and_open_requests(tmp_path: Path) -> None:
    features = page_data(build_map(snapshot(), tmp_path).html_path.read_text(encoding="utf-8"))["cells"]["features"]
    props = {f["properties"]["code"]: f["properties"] for f in features}
    assert {code: p["worker"] for code, p in props.items()} == {
        "370202010004001": "王丽", "370202010004002": "赵强", "370202010004003": None, "370202010004004": "刘𠮷",
    }
    assert props["370202010004002"]["name"] == "湛山社区第二网格"
    assert {code: (p["open"], p["color"]) for code, p in props.items()} == {
        "370202010004001": (0, "#fff5f0"), "370202010004002": (4, "#fc9272"),
        "370202010004003": (25, "#a50f15"), "370202010004004": (12, "#de2d26"),
    }


def test_label_point_lies_inside_a_concave_cell(tmp_path: Path) -> None:
    from shapely.geometry import Point, shape

    features = page_data(build_map(snapshot(), tmp_path).html_path.read_text(encoding="utf-8"))["cells"]["features"]
    for feature in features:
        lat, lng = feature["properties"]["label"]
        assert shape(feature["geometry"]).contains(Point(lng, lat)), feature["properties"]["code"]


def test_buildings_are_one_compact_array_with_their_cell(tmp_path: Path) -> None:
    html = build_map(snapshot(), tmp_path).html_path.read_text(encoding="utf-8")
    b = page_data(html)["buildings"]
    assert b["name"] == ["1号楼", HOSTILE, "外来楼"]
    assert b["address"][1] == "湛山三路2号 & 3号"
    assert (b["lat"], b["lng"]) == ([36.061, 36.062, 36.07], [120.381, 120.386, 120.399])
    assert [b["cellCodes"][i] if i >= 0 else None for i in b["cell"]] == ["370202010004001", "370202010004002", None]
    assert "L.marker(" not in html  # no per-building markup: the page script loops over the array


def test_text_from_the_database_cannot_break_out_of_the_page(tmp_path: Path) -> None:
    html = build_map(snapshot(), tmp_path).html_path.read_text(encoding="utf-8")
    assert "alert(1)" in html  # the name is there …
    assert "<script>alert(1)" not in html and "</script><script>" not in html  # … but never as markup
    assert html.count("</script>") == html.count("<script")
    assert page_data(html)["buildings"]["name"][1] == HOSTILE  # and reads back exactly


def test_broken_geometry_is_skipped_and_reported_not_fatal(tmp_path: Path) -> None:
    broken = (
        MapCell("x1", "BAD-JSON", "坏数据", "王丽", '{"type": "Polygon", "coordinates": [[[120.38, 3', 2),
        MapCell("x2", "POINT", "点", "王丽", '{"type": "Point", "coordinates": [120.38, 36.06]}', 0),
        MapCell("x3", "EMPTY", "空", None, '{"type": "Polygon", "coordinates": []}', 0),
    )
    build = build_map(snapshot(cells=cells() + broken), tmp_path)
    assert build.skipped_cells == ("BAD-JSON", "POINT", "EMPTY")
    assert build.cell_count == 4
    features = page_data(build.html_path.read_text(encoding="utf-8"))["cells"]["features"]
    codes = [f["properties"]["code"] for f in features]
    assert "BAD-JSON" not in codes and len(codes) == 4


def test_empty_community_still_makes_a_page(tmp_path: Path) -> None:
    build = build_map(snapshot(cells=(), buildings=(), community_name=""), tmp_path)
    html = build.html_path.read_text(encoding="utf-8")
    assert (build.cell_count, build.building_count, build.open_requests) == (0, 0, 0)
    data = page_data(html)
    assert data["cells"]["features"] == [] and data["buildings"]["lat"] == []
    assert '"bounds": null' in html


def test_build_reports_what_the_page_around_the_map_shows(tmp_path: Path) -> None:
    build = build_map(snapshot(), tmp_path)
    assert build.html_path == tmp_path / HTML_NAME
    assert (build.community_name, build.building_count, build.open_requests) == ("湛山社区", 3, 41)
    assert build.html_bytes == build.html_path.stat().st_size
    assert "<title>湛山社区网格地图</title>" in build.html_path.read_text(encoding="utf-8")


def test_words_in_the_page_come_from_the_caller(tmp_path: Path) -> None:
    texts = MapTexts(title="Grid map", code="Grid code", worker="Grid worker", open="Open requests", pieces="",
                     unassigned="Nobody assigned", hint="Click a cell to list its residents", cell="Grid cell",
                     outside="Outside every grid cell")
    html = build_map(snapshot(), tmp_path, MapSettings(texts=texts)).html_path.read_text(encoding="utf-8")
    assert page_data(html)["texts"]["unassigned"] == "Nobody assigned"
    assert "<title>湛山社区Grid map</title>" in html


def test_web_channel_script_comes_from_qt_resources_only_when_asked(tmp_path: Path) -> None:
    with_channel = build_map(snapshot(), tmp_path / "a").html_path.read_text(encoding="utf-8")
    assert f'<script src="{QWEBCHANNEL_URL}"></script>' in with_channel
    plain = build_map(snapshot(), tmp_path / "b", MapSettings(web_channel=False)).html_path.read_text(encoding="utf-8")
    assert "qwebchannel" not in plain
    assert '"bridge": null' in plain


def test_rebuilding_replaces_the_page(tmp_path: Path) -> None:
    build_map(snapshot(), tmp_path)
    changed = (MapCell("c9", "370202010004009", "新网格", "孙丽", square(120.39, 36.07), 1),)
    build = build_map(snapshot(cells=changed, buildings=()), tmp_path)
    features = page_data(build.html_path.read_text(encoding="utf-8"))["cells"]["features"]
    assert [f["properties"]["code"] for f in features] == ["370202010004009"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_colour_of_each_cell_follows_the_scale(tmp_path: Path) -> None:
    many = tuple(MapCell(f"k{n}", f"K{n:03d}", f"网格{n}", "王丽", square(120.30 + n * 0.005, 36.0), n)
                 for n in range(0, 30))
    features = page_data(build_map(snapshot(cells=many), tmp_path).html_path.read_text(encoding="utf-8"))
    colors = [f["properties"]["color"] for f in features["cells"]["features"]]
    assert colors == [color_for(n) for n in range(30)]
