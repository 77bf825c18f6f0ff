"""Importing grid-cell polygons from real GeoJSON text: what is stored, what the preview
says about bad files and polygons, GCJ-02 conversion, and buildings outside every cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import places
from community_app.core.geo import distance_m, wgs84_to_gcj02
from community_app.core.grid_import import (
    GridImportError,
    buildings_outside_cells,
    import_grid_cells,
    preview_grid_import,
    read_geojson_file,
)
from community_app.core.place_rules import PlaceError
from db.models import Building, Division, GridCell, Household, Resident
from tests.core.conftest import COMMUNITY
from tests.core.places_helpers import SQUARE_A, SQUARE_B, outbox, square_cells, user


def ring(*points: tuple[float, float]) -> list[list[float]]:
    return [list(p) for p in (*points, points[0])]


def feature(coordinates: object, geometry_type: str = "Polygon", **properties: object) -> dict[str, object]:
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": geometry_type, "coordinates": coordinates}}


def collection(*features: dict[str, object]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False)


def square(west: float, south: float, east: float, north: float) -> list[list[list[float]]]:
    return [ring((west, south), (east, south), (east, north), (west, north))]


# two new cells side by side; the fixture's building lies in 湛山一 (C1)
VALID = collection(
    feature(square(120.38, 36.06, 120.39, 36.07), 编码="C1", 名称="湛山一网格", 类型="基础网格"),
    feature(square(120.39, 36.06, 120.40, 36.07), code="C2", name="学校专属网格", kind="exclusive"),
)
# a bow-tie: the boundary crosses itself at (120.385, 36.065)
BOW_TIE = collection(feature([ring((120.38, 36.06), (120.39, 36.07), (120.39, 36.06), (120.38, 36.07))],
                             code="BT", name="八字网格"))


def move_fixture_cells_away(session: Session) -> None:
    """Test setup: the fixture's cells A and B go 10 km east, leaving the building to new cells."""
    for cell in session.scalars(select(GridCell)):
        cell.geometry_geojson = json.dumps({"type": "Polygon", "coordinates": square(120.5, 36.06, 120.51, 36.07)})
    session.commit()


def stored(session: Session, code: str) -> GridCell:
    return session.scalars(select(GridCell).where(GridCell.code == code)).one()


# ---- a good file -------------------------------------------------------------------------------
def test_a_valid_collection_imports_and_buildings_follow(community: Session) -> None:
    move_fixture_cells_away(community)
    chen = user(community, "chen")
    preview = preview_grid_import(community, COMMUNITY, VALID)
    assert preview.can_import() and not preview.needs_repair
    assert [(f.code, f.name, f.kind, f.exists, f.parts) for f in preview.features] == [
        ("C1", "湛山一网格", "basic", False, 1), ("C2", "学校专属网格", "exclusive", False, 1)]
    assert preview.features[0].area_m2 == pytest.approx(998_000, rel=0.01)
    result = import_grid_cells(community, chen, VALID)
    community.commit()
    assert (result.created, result.updated, result.repaired) == (("C1", "C2"), (), ())
    c1 = stored(community, "C1")
    assert shape(json.loads(c1.geometry_geojson)).equals(SQUARE_A)
    assert (c1.name, c1.kind, c1.community_code) == ("湛山一网格", "basic", COMMUNITY)
    # the building is reassigned to C1; its households and residents follow
    building = community.scalars(select(Building)).one()
    assert building.grid_cell_id == c1.id
    assert {h.grid_cell_id for h in community.scalars(select(Household))} == {c1.id}
    assert {r.grid_cell_id for r in community.scalars(select(Resident))} == {c1.id}
    assert result.outside == () and result.buildings_checked == 1
    assert [e.op for e in outbox(community, "grid_cell")] == ["insert", "insert"]


def test_reimporting_a_code_updates_its_geometry_instead_of_duplicating(community: Session) -> None:
    chen = user(community, "chen")
    import_grid_cells(community, chen, VALID)
    moved = collection(feature(square(120.38, 36.06, 120.385, 36.07), code="C1"))  # no name: keep it
    preview = preview_grid_import(community, COMMUNITY, moved)
    assert preview.features[0].exists and preview.features[0].name == "湛山一网格"
    result = import_grid_cells(community, chen, moved)
    community.commit()
    assert (result.created, result.updated) == ((), ("C1",))
    assert len(community.scalars(select(GridCell).where(GridCell.code == "C1")).all()) == 1
    c1 = stored(community, "C1")
    assert shape(json.loads(c1.geometry_geojson)).bounds == (120.38, 36.06, 120.385, 36.07)
    assert c1.name == "湛山一网格"
    assert outbox(community, "grid_cell")[-1].changes.keys() == {"geometry_geojson"}


def test_a_bare_polygon_takes_the_code_and_name_given(community: Session) -> None:
    bare = json.dumps({"type": "Polygon", "coordinates": square(120.38, 36.06, 120.39, 36.07)})
    preview = preview_grid_import(community, COMMUNITY, bare)
    assert preview.asks_for_code and [p.code for p in preview.features[0].problems] == ["missing_code",
                                                                                        "missing_name"]
    result = import_grid_cells(community, user(community, "chen"), bare, default_code="Z9", default_name="新网格")
    assert result.created == ("Z9",) and stored(community, "Z9").name == "新网格"


def test_multipolygons_are_accepted(community: Session) -> None:
    two = collection(feature([square(120.38, 36.06, 120.382, 36.062), square(120.384, 36.064, 120.386, 36.066)],
                             "MultiPolygon", code="M", name="两块网格"))
    assert preview_grid_import(community, COMMUNITY, two).features[0].parts == 2
    import_grid_cells(community, user(community, "chen"), two)
    assert shape(json.loads(stored(community, "M").geometry_geojson)).geom_type == "MultiPolygon"


# ---- the building outside every cell -----------------------------------------------------------
def test_a_building_outside_every_cell_is_flagged_not_dropped(community: Session) -> None:
    chen = user(community, "chen")
    only_east = collection(feature(square(120.39, 36.06, 120.40, 36.07), code="A", name="第一网格"),
                           feature(square(120.40, 36.06, 120.41, 36.07), code="B", name="第二网格"))
    result = import_grid_cells(community, chen, only_east)
    community.commit()
    [outside] = result.outside
    building = community.scalars(select(Building)).one()
    assert (outside.id, outside.name, outside.nearest_cell_code) == (building.id, "1号楼", "A")
    assert outside.distance_m == pytest.approx(450, rel=0.02)  # 0.005° of longitude at 36°N
    assert building.grid_cell_id is None and building.deleted_at is None
    assert {h.grid_cell_id for h in community.scalars(select(Household))} == {None}
    assert [b.id for b in buildings_outside_cells(community, COMMUNITY)] == [building.id]
    [listed] = places.list_buildings(community, COMMUNITY, outside_only=True)
    assert listed.outside and listed.household_count == 4
    # moving the boundary back takes it in again
    back = import_grid_cells(community, chen, collection(feature(square(120.38, 36.06, 120.39, 36.07), code="A")))
    assert back.outside == () and building.grid_cell_id == stored(community, "A").id


# ---- broken files ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "code", "words"), [
    ('{"type": "FeatureCollection", "features": [\n  {"type": "Feature",, }\n]}', "invalid_json", "第 2 行第 22 列"),
    ("[1, 2, 3]", "not_geojson", "GeoJSON"),
    ('{"type": "LineString", "coordinates": [[120, 36], [121, 37]]}', "unsupported_type", "LineString"),
    ('{"type": "FeatureCollection", "features": []}', "no_features", "没有任何网格"),
])
def test_a_file_that_is_not_usable_geojson_says_why(community: Session, text: str, code: str, words: str) -> None:
    with pytest.raises(GridImportError) as refused:
        preview_grid_import(community, COMMUNITY, text)
    assert [p.code for p in refused.value.problems] == [code]
    assert words in str(refused.value)


def test_each_bad_feature_is_described(community: Session) -> None:
    text = collection(
        feature([[120.38, 36.06], [120.39, 36.07]], "LineString", code="L", name="线"),
        feature([ring((36.06, 120.38), (36.06, 120.39), (36.07, 120.39))], code="S", name="颠倒"),
        feature([ring((13_400_000, 4_300_000), (13_401_000, 4_300_000), (13_401_000, 4_301_000))],
                code="P", name="投影"),
        feature([ring((120.38, 36.06), (120.39, 36.06))], code="F", name="两个点"),
        feature(square(120.38, 36.06, 120.39, 36.07), name="无编码"),
        feature(square(120.38, 36.06, 120.39, 36.07), code="D", name="重复一"),
        feature(square(120.38, 36.06, 120.39, 36.07), code="D", name="重复二", kind="宫殿"),
        {"type": "Feature", "properties": {"code": "N", "name": "空"}, "geometry": None},
    )
    preview = preview_grid_import(community, COMMUNITY, text)
    found = [[p.code for p in f.problems] for f in preview.features]
    assert found == [["wrong_geometry_type"], ["coordinates_swapped"], ["out_of_range"], ["repair_failed"],
                     ["missing_code"], [], ["duplicate_code_in_file", "unknown_kind"], ["missing_geometry"]]
    assert [p.code for p in preview.features[3].invalid] == ["invalid_too_few_points"]
    swapped = preview.features[1].problems[0].message
    assert "[纬度, 经度]" in swapped and "36.06" in swapped
    assert "投影坐标" in preview.features[2].problems[0].message
    assert "第 6 个" in preview.features[6].problems[0].message
    assert not preview.can_import(repair=True)
    with pytest.raises(GridImportError) as refused:
        import_grid_cells(community, user(community, "chen"), text)
    assert [p.code for p in refused.value.problems] == ["import_blocked"]
    assert "没有导入任何网格" in str(refused.value) and refused.value.preview is not None
    assert community.scalars(select(GridCell).where(GridCell.code == "D")).all() == []
    assert outbox(community) == []


def test_a_code_of_another_community_is_refused(community: Session) -> None:
    community.add(Division(code="370202010001", name="八大峡社区", level="community", parent_code="370202010"))
    community.add(GridCell(code="X1", name="别处", community_code="370202010001",
                           geometry_geojson=json.dumps({"type": "Polygon", "coordinates": square(0, 0, 1, 1)})))
    community.commit()
    preview = preview_grid_import(community, COMMUNITY, collection(feature(square(120.38, 36.06, 120.39, 36.07),
                                                                           code="X1", name="抢来的")))
    assert [p.code for p in preview.features[0].problems] == ["code_in_other_community"]


# ---- invalid polygons and their repair -----------------------------------------------------------
def test_a_bow_tie_is_explained_and_the_repair_preview_shows_two_triangles(community: Session) -> None:
    preview = preview_grid_import(community, COMMUNITY, BOW_TIE)
    [bow] = preview.features
    assert bow.problems == () and [p.code for p in bow.invalid] == ["invalid_self_intersection"]
    assert "边界自相交" in bow.invalid[0].message and "120.385000" in bow.invalid[0].message
    assert preview.needs_repair and not preview.can_import() and preview.can_import(repair=True)
    repair = bow.repair
    assert repair is not None
    assert (repair.parts_before, repair.parts_after, repair.type_after) == (1, 2, "MultiPolygon")
    # the crossing halves cancel in the invalid ring's area; the repair keeps both triangles
    assert repair.area_before_m2 == pytest.approx(0, abs=1)
    assert repair.area_after_m2 == pytest.approx(998_000 / 2, rel=0.01)
    assert (bow.parts, bow.area_m2) == (2, pytest.approx(repair.area_after_m2))


def test_an_invalid_polygon_is_imported_only_when_repair_is_accepted(community: Session) -> None:
    chen = user(community, "chen")
    with pytest.raises(GridImportError):
        import_grid_cells(community, chen, BOW_TIE)
    assert community.scalars(select(GridCell).where(GridCell.code == "BT")).all() == []
    result = import_grid_cells(community, chen, BOW_TIE, repair=True)
    community.commit()
    assert result.repaired == ("BT",)
    geometry = shape(json.loads(stored(community, "BT").geometry_geojson))
    assert isinstance(geometry, MultiPolygon) and geometry.is_valid and len(geometry.geoms) == 2
    assert all(len(part.exterior.coords) == 4 for part in geometry.geoms)  # triangles


def test_a_hole_outside_its_shell_is_explained(community: Session) -> None:
    shell = ring((120.38, 36.06), (120.39, 36.06), (120.39, 36.07), (120.38, 36.07))
    hole = ring((120.40, 36.06), (120.41, 36.06), (120.41, 36.07))
    preview = preview_grid_import(community, COMMUNITY, collection(feature([shell, hole], code="H", name="洞")))
    assert [p.code for p in preview.features[0].invalid] == ["invalid_hole_outside"]


# ---- GCJ-02 --------------------------------------------------------------------------------------
def test_gcj02_input_is_converted_to_wgs84(community: Session) -> None:
    corners = [(120.38, 36.06), (120.39, 36.06), (120.39, 36.07), (120.38, 36.07)]
    gcj = [wgs84_to_gcj02(lng, lat) for lng, lat in corners]  # the reference pairs, by the forward transform
    assert distance_m(*gcj[0], *corners[0]) > 300  # not a no-op
    text = collection(feature([ring(*gcj)], code="G", name="高德画的网格"))
    result = import_grid_cells(community, user(community, "chen"), text, source_crs="gcj02")
    community.commit()
    polygon = shape(json.loads(stored(community, "G").geometry_geojson))
    assert isinstance(polygon, Polygon)
    for got, expected in zip(polygon.exterior.coords[:4], corners, strict=True):
        assert distance_m(*got, *expected) < 1.0
    assert result.outside == ()


def test_forgetting_the_gcj02_checkbox_is_noticed(community: Session) -> None:
    square_cells(community)
    wang = user(community, "wang")
    for i in range(5):  # a row of buildings along the middle of A
        for j in range(4):
            places.create_building(community, wang, places.BuildingInput(
                name=f"{i}-{j}号楼", address=f"湛山路{i}-{j}号", longitude=120.3815 + i * 0.0017,
                latitude=36.0615 + j * 0.0023))
    gcj = [wgs84_to_gcj02(*p) for p in SQUARE_A.exterior.coords[:4]]
    # a new cell: read as WGS-84 it misses most of the buildings drawn inside it
    new = collection(feature([ring(*gcj)], code="A2", name="新网格"))
    as_wgs = preview_grid_import(community, COMMUNITY, new, "wgs84")
    assert [w.code for w in as_wgs.warnings] == ["crs_hint_gcj02"]
    assert "GCJ-02" in as_wgs.warnings[0].message and as_wgs.can_import()  # a hint, not a block
    assert as_wgs.warnings[0].param("other") == "21"  # the 20 new ones and 1号楼
    assert preview_grid_import(community, COMMUNITY, new, "gcj02").warnings == ()
    # an existing cell: read as WGS-84 it overlaps its old boundary far less
    again = collection(feature([ring(*gcj)], code="A", name="第一网格"))
    [hint] = preview_grid_import(community, COMMUNITY, again, "wgs84").warnings
    assert hint.code == "crs_hint_gcj02_shape" and hint.param("other") == "100"
    assert preview_grid_import(community, COMMUNITY, again, "gcj02").warnings == ()
    # and the other way round: WGS-84 coordinates with the box ticked
    [back] = preview_grid_import(community, COMMUNITY, collection(
        feature(square(120.38, 36.06, 120.39, 36.07), code="A", name="第一网格")), "gcj02").warnings
    assert back.code == "crs_hint_wgs84_shape" and "取消勾选" in back.message


# ---- warnings and rules ----------------------------------------------------------------------------
def test_overlapping_cells_are_warned_about(community: Session) -> None:
    square_cells(community)
    text = collection(feature(square(120.385, 36.06, 120.395, 36.07), code="O", name="压线网格"))
    [cell] = preview_grid_import(community, COMMUNITY, text).features
    assert sorted(w.param("other") or "" for w in cell.warnings) == ["A", "B"]
    assert all(not w.is_error for w in cell.warnings)


def test_a_grid_worker_cannot_import(community: Session) -> None:
    with pytest.raises(PlaceError) as refused:
        import_grid_cells(community, user(community, "wang"), VALID)
    assert [p.code for p in refused.value.problems] == ["not_permitted_grid"]
    assert outbox(community) == []


def test_files_are_read_as_utf8_or_gbk(tmp_path: Path) -> None:
    utf8, gbk, junk = tmp_path / "a.geojson", tmp_path / "b.geojson", tmp_path / "c.geojson"
    utf8.write_bytes("\ufeff".encode() + VALID.encode("utf-8"))
    gbk.write_bytes(VALID.encode("gbk"))
    junk.write_bytes(b"\xff\xfe\x00\xd8" * 10)
    assert read_geojson_file(utf8) == VALID
    assert read_geojson_file(gbk) == VALID
    with pytest.raises(GridImportError) as refused:
        read_geojson_file(junk)
    assert [p.code for p in refused.value.problems] == ["bad_encoding"]
    with pytest.raises(GridImportError) as missing:
        read_geojson_file(tmp_path / "nope.geojson")
    assert [p.code for p in missing.value.problems] == ["unreadable"]


def test_stored_geometry_is_valid_geojson_in_wgs84(community: Session) -> None:
    import_grid_cells(community, user(community, "chen"), VALID)
    for code in ("C1", "C2"):
        geometry = shapely.from_geojson(stored(community, code).geometry_geojson)
        assert geometry.is_valid and geometry.within(box(120.37, 36.05, 120.41, 36.08))
    assert SQUARE_B.equals(shapely.from_geojson(stored(community, "C2").geometry_geojson))
