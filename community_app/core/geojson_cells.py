"""Reading a GeoJSON file of grid cells and checking each feature's geometry — for
core.grid_import, which previews and imports them.

The checks say what a person can fix: not JSON (with line and column), not GeoJSON, a
geometry that is not a polygon, coordinates out of range (projected metres) or with
latitude and longitude swapped, and polygons shapely finds invalid (explain_validity,
put in words, with the spot). An invalid polygon gets a repaired version (make_valid,
its areal part) for the preview to show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from community_app.core.geo import geometry_gcj02_to_wgs84, out_of_china
from community_app.core.place_rules import PlaceError
from community_app.core.problems import Problem, error, warning

if TYPE_CHECKING:
    from community_app.core.grid_import import GridImportPreview

SourceCrs = Literal["wgs84", "gcj02"]
CODE_KEYS = ("code", "编码", "网格编码", "grid_code", "CODE", "Code")
NAME_KEYS = ("name", "名称", "网格名称", "grid_name", "NAME", "Name")
KIND_KEYS = ("kind", "类型", "网格类型", "KIND", "Kind")
KIND_WORDS = {"basic": "basic", "基础网格": "basic", "基础": "basic",
              "exclusive": "exclusive", "专属网格": "exclusive", "专属": "exclusive",
              "comprehensive": "comprehensive", "综合网格": "comprehensive", "综合": "comprehensive"}

MESSAGES: dict[str, str] = {
    # the file as a whole
    "unreadable": "无法读取这个文件。请确认文件存在、没有被其他程序占用后重试。",
    "bad_encoding": "文件不是 UTF-8 或 GBK 编码的文本，无法读取。请另存为 UTF-8 编码的 GeoJSON 后再导入。",
    "invalid_json": "文件不是有效的 GeoJSON：第 {line} 行第 {column} 列附近的 JSON 格式有误。"
                    "请从 GIS 软件重新导出，或用文本编辑器检查该处。",
    "not_geojson": "文件内容不是 GeoJSON 对象（缺少 \"type\"）。请选择 .geojson 或 .json 格式的网格文件。",
    "unsupported_type": "不支持的 GeoJSON 类型“{type}”。请导入 FeatureCollection、Feature、Polygon 或 MultiPolygon。",
    "no_features": "文件里没有任何网格（要素）。",
    "crs_hint_gcj02": "按 WGS-84 理解时只有 {as_is} 栋楼落在这些网格内，按 GCJ-02 转换后有 {other} 栋。"
                      "坐标可能来自高德或腾讯地图（GCJ-02），请勾选“坐标为 GCJ-02”后重新预览。",
    "crs_hint_wgs84": "按 GCJ-02 转换后只有 {as_is} 栋楼落在这些网格内，不转换时有 {other} 栋。"
                      "坐标可能已经是 WGS-84，请取消勾选“坐标为 GCJ-02”后重新预览。",
    "crs_hint_gcj02_shape": "按 WGS-84 理解时，这些网格与原有边界只重合约 {as_is}%，按 GCJ-02 转换后重合约 {other}%。"
                            "坐标可能来自高德或腾讯地图（GCJ-02），请勾选“坐标为 GCJ-02”后重新预览。",
    "crs_hint_wgs84_shape": "按 GCJ-02 转换后，这些网格与原有边界只重合约 {as_is}%，不转换时重合约 {other}%。"
                            "坐标可能已经是 WGS-84，请取消勾选“坐标为 GCJ-02”后重新预览。",
    "import_blocked": "有 {count} 个网格存在问题，本次没有导入任何网格。请按预览中的说明修正后重新导入。",
    # one feature
    "missing_geometry": "没有几何图形（geometry 为空）。",
    "wrong_geometry_type": "几何类型是 {type}，网格必须是面（Polygon 或 MultiPolygon）。",
    "bad_coordinates": "坐标格式有误，无法组成多边形：每个环至少要有 4 个点且首尾相同，每个点写成 [经度, 纬度]。",
    "out_of_range": "坐标超出经纬度范围（例如 [{x}, {y}]）。文件可能使用了投影坐标（单位为米），"
                    "请在 GIS 软件中转换为 WGS-84 经纬度后再导入。",
    "coordinates_swapped": "经纬度顺序颠倒了：坐标写成了 [纬度, 经度]（例如 [{x}, {y}]）。"
                       "GeoJSON 要求 [经度, 纬度]，请交换两列后重新导出。",
    "coordinates_outside_china": "坐标（例如 [{x}, {y}]）不在中国境内，请检查是否选错了文件。",
    "missing_code": "缺少网格编码。请在属性中填写 code（或“编码”“网格编码”）。",
    "missing_name": "缺少网格名称。请在属性中填写 name（或“名称”“网格名称”）。",
    "code_too_long": "网格编码最多 {limit} 个字符。",
    "name_too_long": "网格名称最多 {limit} 个字。",
    "unknown_kind": "网格类型“{kind}”无法识别，请填写 基础网格、专属网格 或 综合网格。",
    "duplicate_code_in_file": "网格编码 {code} 在文件中重复出现（第 {first} 个网格也用了它）。",
    "code_in_other_community": "网格编码 {code} 已被其他社区的网格使用。",
    "repair_failed": "边界无法自动修复（修复后不剩任何面）。请在 GIS 软件中修正后重新导入。",
    # why a polygon is invalid (shapely's explain_validity, in words)
    "invalid_self_intersection": "边界自相交（约在 经度 {lng}、纬度 {lat}），例如画成了“8”字形。",
    "invalid_ring_self_intersection": "边界在一点上与自身相接（约在 经度 {lng}、纬度 {lat}）。",
    "invalid_hole_outside": "多边形中的“洞”超出了外边界（约在 经度 {lng}、纬度 {lat}）。",
    "invalid_nested_holes": "多边形中的“洞”互相嵌套（约在 经度 {lng}、纬度 {lat}）。",
    "invalid_disconnected_interior": "内部被“洞”分割成了互不相连的几块（约在 经度 {lng}、纬度 {lat}）。",
    "invalid_nested_shells": "多个面互相嵌套（约在 经度 {lng}、纬度 {lat}）。",
    "invalid_duplicate_rings": "边界中有重复的环（约在 经度 {lng}、纬度 {lat}）。",
    "invalid_too_few_points": "边界的点太少，围不成面（约在 经度 {lng}、纬度 {lat}）。",
    "invalid_other": "多边形不合法（{reason}）。",
    # warnings: shown, but the import may go ahead
    "overlaps": "与网格 {other} 重叠约 {area} 平方米。网格之间通常不应重叠，请核对边界。",
}
_VALIDITY_CODES = (  # longest prefix first: "Ring Self-intersection" before "Self-intersection"
    ("Ring Self-intersection", "invalid_ring_self_intersection"),
    ("Self-intersection", "invalid_self_intersection"),
    ("Hole lies outside shell", "invalid_hole_outside"),
    ("Holes are nested", "invalid_nested_holes"),
    ("Interior is disconnected", "invalid_disconnected_interior"),
    ("Nested shells", "invalid_nested_shells"),
    ("Duplicate Rings", "invalid_duplicate_rings"),
    ("Too few points", "invalid_too_few_points"),
)
_WHERE = re.compile(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)")


WARNINGS = frozenset({"crs_hint_gcj02", "crs_hint_wgs84", "crs_hint_gcj02_shape", "crs_hint_wgs84_shape",
                      "overlaps"})  # shown, but do not block


def problem(code: str, field: str | None = None, /, **params: object) -> Problem:
    """A problem of the grid import, its message from MESSAGES."""
    make = warning if code in WARNINGS else error
    return make(code, MESSAGES[code].format(**params), field, **params)


class GridImportError(PlaceError):
    """The file cannot be read or imported; .preview is set when it could be checked."""

    def __init__(self, *problems: Problem, preview: GridImportPreview | None = None) -> None:
        super().__init__(*problems)
        self.preview = preview


# ---- reading ---------------------------------------------------------------------------------
def read_geojson_file(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else GBK (some Chinese GIS exports)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GridImportError(problem("unreadable")) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise GridImportError(problem("bad_encoding"))


def raw_features(text: str) -> list[tuple[dict[str, Any] | None, dict[str, Any]]]:
    """(geometry, properties) per feature, or GridImportError for a file that is not GeoJSON."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GridImportError(problem("invalid_json", line=exc.lineno, column=exc.colno)) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("type"), str):
        raise GridImportError(problem("not_geojson"))
    kind = doc["type"]
    if kind == "FeatureCollection":
        items = doc.get("features")
        if not isinstance(items, list):
            raise GridImportError(problem("not_geojson"))
        features = [_feature(item) for item in items]
    elif kind == "Feature":
        features = [_feature(doc)]
    elif kind in ("Polygon", "MultiPolygon"):
        features = [(doc, {})]
    else:
        raise GridImportError(problem("unsupported_type", type=kind))
    if not features:
        raise GridImportError(problem("no_features"))
    return features


def _feature(item: object) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    if not isinstance(item, dict):
        return None, {}
    geometry = item.get("geometry")
    properties = item.get("properties")
    return (geometry if isinstance(geometry, dict) else None,
            properties if isinstance(properties, dict) else {})


def text_property(properties: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = properties.get(key)
        if value is not None and str(value).strip():
            return " ".join(str(value).split())
    return None


# ---- checking one feature ------------------------------------------------------------------
def part_count(geometry: BaseGeometry) -> int:
    return len(geometry.geoms) if isinstance(geometry, MultiPolygon) else int(not geometry.is_empty)


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The areal part of a make_valid result (it may add stray lines or points)."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    polygons = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    flat = [p for g in polygons for p in (g.geoms if isinstance(g, MultiPolygon) else [g])]
    if not flat:
        return MultiPolygon()
    return flat[0] if len(flat) == 1 else MultiPolygon(flat)


def _coordinate_problem(coords: np.ndarray) -> Problem | None:
    """Range and order of the raw [x, y] pairs (before any datum conversion)."""
    if not np.all(np.isfinite(coords)):
        return problem("bad_coordinates")
    x, y = coords[:, 0], coords[:, 1]
    sample = {"x": f"{coords[0, 0]:g}", "y": f"{coords[0, 1]:g}"}
    in_range = bool(np.all(np.abs(x) <= 180) and np.all(np.abs(y) <= 90))
    swapped_in_china = bool(np.all(np.abs(y) <= 180) and np.all(np.abs(x) <= 90)
                            and not np.any(out_of_china(y, x)))
    if not in_range:
        return problem("coordinates_swapped" if swapped_in_china else "out_of_range", **sample)
    if np.all(out_of_china(x, y)):
        return problem("coordinates_swapped" if swapped_in_china else "coordinates_outside_china", **sample)
    return None


def _validity_problem(geometry: BaseGeometry) -> Problem:
    reason = shapely.is_valid_reason(geometry)
    where = _WHERE.search(reason)
    lng, lat = (f"{float(where.group(1)):.6f}", f"{float(where.group(2)):.6f}") if where else ("?", "?")
    for prefix, code in _VALIDITY_CODES:
        if reason.startswith(prefix):
            return problem(code, lng=lng, lat=lat)
    return problem("invalid_other", reason=reason)


def check_geometry(raw: dict[str, Any] | None, source_crs: SourceCrs
                    ) -> tuple[list[Problem], list[Problem], BaseGeometry | None, BaseGeometry | None, str | None]:
    """(problems, invalid, geometry, repaired, type) for one feature's geometry."""
    if raw is None:
        return [problem("missing_geometry")], [], None, None, None
    kind = raw.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        return [problem("wrong_geometry_type", type=str(kind))], [], None, None, str(kind)
    try:
        geometry = shapely.force_2d(shape(raw))
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, shapely.errors.GEOSException):
        return [problem("bad_coordinates")], [], None, None, kind
    coords = shapely.get_coordinates(geometry)
    if geometry.is_empty or not len(coords):
        return [problem("bad_coordinates")], [], None, None, kind
    found = _coordinate_problem(coords)
    if found is not None:
        return [found], [], None, None, kind
    def convert(g: BaseGeometry) -> BaseGeometry:
        return geometry_gcj02_to_wgs84(g) if source_crs == "gcj02" else g

    if geometry.is_valid:  # checked in the file's own coordinates, where the user can find the spot
        stored = convert(geometry)
        return [], [], (stored if stored.is_valid else polygonal(shapely.make_valid(stored))), None, kind
    invalid = [_validity_problem(geometry)]
    repaired = polygonal(shapely.make_valid(geometry))
    if repaired.is_empty:
        return [problem("repair_failed")], invalid, None, None, kind
    return [], invalid, convert(geometry), convert(repaired), kind
