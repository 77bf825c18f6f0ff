"""Words for the place register on screen: names of the stored codes (grid kinds,
building kinds, occupancy) and the problems core.place_rules / core.grid_import report.

Core words its problems in Chinese from templates; the same templates are listed here
for lupdate, so another language translates the template and fills in the params.
tests/ui/test_places_page.py checks these lists match core's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from community_app.core.problems import Problem
from community_app.ui.i18n import QT_TRANSLATE_NOOP

GRID_KIND_NAMES: dict[str, str] = {
    "basic": QT_TRANSLATE_NOOP("Places", "基础网格"),
    "exclusive": QT_TRANSLATE_NOOP("Places", "专属网格"),
    "comprehensive": QT_TRANSLATE_NOOP("Places", "综合网格"),
}
BUILDING_KIND_NAMES: dict[str, str] = {
    "residential": QT_TRANSLATE_NOOP("Places", "住宅"),
    "school": QT_TRANSLATE_NOOP("Places", "学校"),
    "commercial": QT_TRANSLATE_NOOP("Places", "商业"),
    "office": QT_TRANSLATE_NOOP("Places", "办公"),
    "public": QT_TRANSLATE_NOOP("Places", "公共设施"),
    "other": QT_TRANSLATE_NOOP("Places", "其他"),
}
OCCUPANCY_NAMES: dict[str, str] = {
    "owner": QT_TRANSLATE_NOOP("Places", "自住"),
    "rented": QT_TRANSLATE_NOOP("Places", "出租"),
    "vacant": QT_TRANSLATE_NOOP("Places", "空置"),
    "commercial": QT_TRANSLATE_NOOP("Places", "商用"),
}

PROBLEM_TEXTS: dict[str, str] = {
    # core.place_rules.MESSAGES
    "not_permitted": QT_TRANSLATE_NOOP(
        "PlaceProblem", "您的账号没有登记楼栋和房屋的权限。如需修改，请联系社区负责人。"),
    "not_permitted_grid": QT_TRANSLATE_NOOP("PlaceProblem", "只有社区负责人或系统管理员可以调整网格和网格负责人。"),
    "other_community": QT_TRANSLATE_NOOP("PlaceProblem", "这条记录属于其他社区，您只能修改本社区的数据。"),
    "not_found": QT_TRANSLATE_NOOP("PlaceProblem", "找不到这条记录，可能已被他人删除。请刷新后再试。"),
    "building_name_required": QT_TRANSLATE_NOOP("PlaceProblem", "请填写楼栋名称，例如“6号楼”。"),
    "building_name_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "楼栋名称最多 {limit} 个字。"),
    "address_required": QT_TRANSLATE_NOOP("PlaceProblem", "请填写标准地址，例如“山东省青岛市市南区湛山三路6号”。"),
    "address_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "标准地址最多 {limit} 个字。"),
    "road_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "路（街）名最多 {limit} 个字。"),
    "house_number_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "门牌号最多 {limit} 个字。"),
    "building_kind_unknown": QT_TRANSLATE_NOOP("PlaceProblem", "请从列表中选择楼栋类型。"),
    "floors_range": QT_TRANSLATE_NOOP("PlaceProblem", "楼层数应为 1–{limit} 之间的整数。"),
    "built_year_range": QT_TRANSLATE_NOOP("PlaceProblem", "建成年份应在 {earliest}–{latest} 之间。"),
    "coordinates_required": QT_TRANSLATE_NOOP("PlaceProblem", "请填写楼栋的经度和纬度（可从地图上取点）。"),
    "latitude_range": QT_TRANSLATE_NOOP("PlaceProblem", "纬度应在 -90 到 90 之间，现在是 {lat}。"),
    "longitude_range": QT_TRANSLATE_NOOP("PlaceProblem", "经度应在 -180 到 180 之间，现在是 {lng}。"),
    "lat_lng_swapped": QT_TRANSLATE_NOOP(
        "PlaceProblem", "经纬度好像填反了：纬度 {lat}、经度 {lng}。中国境内纬度约为 4–54，经度约为 73–136，"
                        "请交换两栏后再保存。"),
    "outside_china": QT_TRANSLATE_NOOP(
        "PlaceProblem", "坐标（经度 {lng}，纬度 {lat}）不在中国境内，请检查是否填错。"),
    "duplicate_building": QT_TRANSLATE_NOOP("PlaceProblem", "本社区已登记了地址相同的“{name}”，请勿重复登记。"),
    "unit_required": QT_TRANSLATE_NOOP("PlaceProblem", "请填写单元号，例如“1”。"),
    "unit_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "单元号最多 {limit} 个字。"),
    "duplicate_unit": QT_TRANSLATE_NOOP("PlaceProblem", "这栋楼已有 {number} 单元。"),
    "unit_elsewhere": QT_TRANSLATE_NOOP("PlaceProblem", "所选单元不属于这栋楼，请重新选择。"),
    "room_required": QT_TRANSLATE_NOOP("PlaceProblem", "请填写房号，例如“502”。"),
    "room_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "房号最多 {limit} 个字。"),
    "duplicate_room": QT_TRANSLATE_NOOP("PlaceProblem", "这栋楼已有 {room} 室，请勿重复登记。"),
    "duplicate_room_in_unit": QT_TRANSLATE_NOOP("PlaceProblem", "{unit} 单元已有 {room} 室，请勿重复登记。"),
    "occupancy_unknown": QT_TRANSLATE_NOOP("PlaceProblem", "请从列表中选择居住情况。"),
    "area_range": QT_TRANSLATE_NOOP("PlaceProblem", "建筑面积应大于 0 且小于 {limit} 平方米。"),
    "cell_code_required": QT_TRANSLATE_NOOP("PlaceProblem", "请填写网格编码。"),
    "cell_code_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "网格编码最多 {limit} 个字符。"),
    "cell_name_required": QT_TRANSLATE_NOOP("PlaceProblem", "请填写网格名称。"),
    "cell_name_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "网格名称最多 {limit} 个字。"),
    "cell_kind_unknown": QT_TRANSLATE_NOOP("PlaceProblem", "请从列表中选择网格类型。"),
    "duplicate_cell_code": QT_TRANSLATE_NOOP("PlaceProblem", "网格编码 {code} 已被使用，请换一个。"),
    "worker_not_eligible": QT_TRANSLATE_NOOP("PlaceProblem", "{name} 不是本社区在岗的网格员，不能负责网格。"),
    "resident_other_community": QT_TRANSLATE_NOOP("PlaceProblem", "这位居民登记在其他社区，不能加入本社区的住户。"),
    "resident_not_active": QT_TRANSLATE_NOOP("PlaceProblem", "这位居民已迁出或已故，不能再加入住户。"),
    # core.grid_import.MESSAGES
    "unreadable": QT_TRANSLATE_NOOP("PlaceProblem", "无法读取这个文件。请确认文件存在、没有被其他程序占用后重试。"),
    "bad_encoding": QT_TRANSLATE_NOOP(
        "PlaceProblem", "文件不是 UTF-8 或 GBK 编码的文本，无法读取。请另存为 UTF-8 编码的 GeoJSON 后再导入。"),
    "invalid_json": QT_TRANSLATE_NOOP(
        "PlaceProblem", "文件不是有效的 GeoJSON：第 {line} 行第 {column} 列附近的 JSON 格式有误。"
                        "请从 GIS 软件重新导出，或用文本编辑器检查该处。"),
    "not_geojson": QT_TRANSLATE_NOOP(
        "PlaceProblem", "文件内容不是 GeoJSON 对象（缺少 \"type\"）。请选择 .geojson 或 .json 格式的网格文件。"),
    "unsupported_type": QT_TRANSLATE_NOOP(
        "PlaceProblem", "不支持的 GeoJSON 类型“{type}”。请导入 FeatureCollection、Feature、Polygon 或 MultiPolygon。"),
    "no_features": QT_TRANSLATE_NOOP("PlaceProblem", "文件里没有任何网格（要素）。"),
    "crs_hint_gcj02": QT_TRANSLATE_NOOP(
        "PlaceProblem", "按 WGS-84 理解时只有 {as_is} 栋楼落在这些网格内，按 GCJ-02 转换后有 {other} 栋。"
                        "坐标可能来自高德或腾讯地图（GCJ-02），请勾选“坐标为 GCJ-02”后重新预览。"),
    "crs_hint_wgs84": QT_TRANSLATE_NOOP(
        "PlaceProblem", "按 GCJ-02 转换后只有 {as_is} 栋楼落在这些网格内，不转换时有 {other} 栋。"
                        "坐标可能已经是 WGS-84，请取消勾选“坐标为 GCJ-02”后重新预览。"),
    "crs_hint_gcj02_shape": QT_TRANSLATE_NOOP(
        "PlaceProblem", "按 WGS-84 理解时，这些网格与原有边界只重合约 {as_is}%，按 GCJ-02 转换后重合约 {other}%。"
                        "坐标可能来自高德或腾讯地图（GCJ-02），请勾选“坐标为 GCJ-02”后重新预览。"),
    "crs_hint_wgs84_shape": QT_TRANSLATE_NOOP(
        "PlaceProblem", "按 GCJ-02 转换后，这些网格与原有边界只重合约 {as_is}%，不转换时重合约 {other}%。"
                        "坐标可能已经是 WGS-84，请取消勾选“坐标为 GCJ-02”后重新预览。"),
    "import_blocked": QT_TRANSLATE_NOOP(
        "PlaceProblem", "有 {count} 个网格存在问题，本次没有导入任何网格。请按预览中的说明修正后重新导入。"),
    "missing_geometry": QT_TRANSLATE_NOOP("PlaceProblem", "没有几何图形（geometry 为空）。"),
    "wrong_geometry_type": QT_TRANSLATE_NOOP(
        "PlaceProblem", "几何类型是 {type}，网格必须是面（Polygon 或 MultiPolygon）。"),
    "bad_coordinates": QT_TRANSLATE_NOOP(
        "PlaceProblem", "坐标格式有误，无法组成多边形：每个环至少要有 4 个点且首尾相同，每个点写成 [经度, 纬度]。"),
    "out_of_range": QT_TRANSLATE_NOOP(
        "PlaceProblem", "坐标超出经纬度范围（例如 [{x}, {y}]）。文件可能使用了投影坐标（单位为米），"
                        "请在 GIS 软件中转换为 WGS-84 经纬度后再导入。"),
    "coordinates_swapped": QT_TRANSLATE_NOOP(
        "PlaceProblem", "经纬度顺序颠倒了：坐标写成了 [纬度, 经度]（例如 [{x}, {y}]）。"
                        "GeoJSON 要求 [经度, 纬度]，请交换两列后重新导出。"),
    "coordinates_outside_china": QT_TRANSLATE_NOOP(
        "PlaceProblem", "坐标（例如 [{x}, {y}]）不在中国境内，请检查是否选错了文件。"),
    "missing_code": QT_TRANSLATE_NOOP("PlaceProblem", "缺少网格编码。请在属性中填写 code（或“编码”“网格编码”）。"),
    "missing_name": QT_TRANSLATE_NOOP("PlaceProblem", "缺少网格名称。请在属性中填写 name（或“名称”“网格名称”）。"),
    "code_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "网格编码最多 {limit} 个字符。"),
    "name_too_long": QT_TRANSLATE_NOOP("PlaceProblem", "网格名称最多 {limit} 个字。"),
    "unknown_kind": QT_TRANSLATE_NOOP(
        "PlaceProblem", "网格类型“{kind}”无法识别，请填写 基础网格、专属网格 或 综合网格。"),
    "duplicate_code_in_file": QT_TRANSLATE_NOOP(
        "PlaceProblem", "网格编码 {code} 在文件中重复出现（第 {first} 个网格也用了它）。"),
    "code_in_other_community": QT_TRANSLATE_NOOP("PlaceProblem", "网格编码 {code} 已被其他社区的网格使用。"),
    "repair_failed": QT_TRANSLATE_NOOP(
        "PlaceProblem", "边界无法自动修复（修复后不剩任何面）。请在 GIS 软件中修正后重新导入。"),
    "invalid_self_intersection": QT_TRANSLATE_NOOP(
        "PlaceProblem", "边界自相交（约在 经度 {lng}、纬度 {lat}），例如画成了“8”字形。"),
    "invalid_ring_self_intersection": QT_TRANSLATE_NOOP(
        "PlaceProblem", "边界在一点上与自身相接（约在 经度 {lng}、纬度 {lat}）。"),
    "invalid_hole_outside": QT_TRANSLATE_NOOP(
        "PlaceProblem", "多边形中的“洞”超出了外边界（约在 经度 {lng}、纬度 {lat}）。"),
    "invalid_nested_holes": QT_TRANSLATE_NOOP(
        "PlaceProblem", "多边形中的“洞”互相嵌套（约在 经度 {lng}、纬度 {lat}）。"),
    "invalid_disconnected_interior": QT_TRANSLATE_NOOP(
        "PlaceProblem", "内部被“洞”分割成了互不相连的几块（约在 经度 {lng}、纬度 {lat}）。"),
    "invalid_nested_shells": QT_TRANSLATE_NOOP("PlaceProblem", "多个面互相嵌套（约在 经度 {lng}、纬度 {lat}）。"),
    "invalid_duplicate_rings": QT_TRANSLATE_NOOP("PlaceProblem", "边界中有重复的环（约在 经度 {lng}、纬度 {lat}）。"),
    "invalid_too_few_points": QT_TRANSLATE_NOOP(
        "PlaceProblem", "边界的点太少，围不成面（约在 经度 {lng}、纬度 {lat}）。"),
    "invalid_other": QT_TRANSLATE_NOOP("PlaceProblem", "多边形不合法（{reason}）。"),
    "overlaps": QT_TRANSLATE_NOOP(
        "PlaceProblem", "与网格 {other} 重叠约 {area} 平方米。网格之间通常不应重叠，请核对边界。"),
}


def tr(text: str, context: str = "Places") -> str:
    return QCoreApplication.translate(context, text)


def code_name(names: dict[str, str], code: str) -> str:
    """The translated name of a stored code; codes added as data show as they are."""
    return tr(names[code]) if code in names else code


def problem_text(problem: Problem) -> str:
    """The problem in the UI language. Unknown codes, and params that do not fit a
    translated template, fall back to core's Chinese message."""
    template = PROBLEM_TEXTS.get(problem.code)
    if template is None:
        return problem.message
    params = dict(problem.params)
    if template.format(**params) != problem.message:  # core's wording changed and this list did not
        return problem.message
    try:
        return tr(template, "PlaceProblem").format(**params)
    except (KeyError, IndexError, ValueError):
        return problem.message


def number(value: float | int, decimals: int = 0) -> str:
    """A number with the locale's digit grouping (12,345)."""
    return QLocale().toString(float(value), "f", decimals) if decimals else QLocale().toString(round(value))
