"""What may change in the place register (一标三实) and who may change it.

Problems are core.problems.Problem: a stable `code`, the Chinese message, the form field
and the params the message was built from (MESSAGES holds the templates, so the UI can
word the same text in another language). PlaceError carries one or more of them.

Permissions (roles are data, so these check permissions, not role codes):
- buildings, units, households and moving a resident into a household: RESIDENT_EDIT —
  collecting 一标三实 is the grid worker's daily job;
- grid cells (create, edit, import polygons) and who is responsible for them: ADMIN_STAFF
  (the administrator sets up staff and their areas) or REQUEST_DISPATCH (the supervisor,
  who hands out work, also hands out areas). A grid worker cannot move their own boundary
  or pick their own cells.
Everyone edits only places of their own community (an account without one: any).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Final

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.geo import out_of_china
from community_app.core.problems import Problem, ValidationFailed, error

# stored codes (data strings, as everywhere: taxonomies are not enums)
GRID_KINDS: Final = ("basic", "exclusive", "comprehensive")  # 基础网格 / 专属网格 / 综合网格
BUILDING_KINDS: Final = ("residential", "school", "commercial", "office", "public", "other")
OCCUPANCIES: Final = ("owner", "rented", "vacant", "commercial")  # 自住 / 出租 / 空置 / 商用
HEAD_RELATION: Final = "户主"

NAME_MAX, ADDRESS_MAX, ROAD_MAX, HOUSE_NUMBER_MAX = 64, 200, 64, 32
UNIT_MAX, ROOM_MAX, CELL_CODE_MAX = 16, 16, 32
FLOORS_MAX, AREA_MAX = 200, 100_000.0
EARLIEST_YEAR = 1800

MESSAGES: Final[dict[str, str]] = {
    "not_permitted": "您的账号没有登记楼栋和房屋的权限。如需修改，请联系社区负责人。",
    "not_permitted_grid": "只有社区负责人或系统管理员可以调整网格和网格负责人。",
    "other_community": "这条记录属于其他社区，您只能修改本社区的数据。",
    "not_found": "找不到这条记录，可能已被他人删除。请刷新后再试。",
    "building_name_required": "请填写楼栋名称，例如“6号楼”。",
    "building_name_too_long": "楼栋名称最多 {limit} 个字。",
    "address_required": "请填写标准地址，例如“山东省青岛市市南区湛山三路6号”。",
    "address_too_long": "标准地址最多 {limit} 个字。",
    "road_too_long": "路（街）名最多 {limit} 个字。",
    "house_number_too_long": "门牌号最多 {limit} 个字。",
    "building_kind_unknown": "请从列表中选择楼栋类型。",
    "floors_range": "楼层数应为 1–{limit} 之间的整数。",
    "built_year_range": "建成年份应在 {earliest}–{latest} 之间。",
    "coordinates_required": "请填写楼栋的经度和纬度（可从地图上取点）。",
    "latitude_range": "纬度应在 -90 到 90 之间，现在是 {lat}。",
    "longitude_range": "经度应在 -180 到 180 之间，现在是 {lng}。",
    "lat_lng_swapped": "经纬度好像填反了：纬度 {lat}、经度 {lng}。中国境内纬度约为 4–54，经度约为 73–136，"
                       "请交换两栏后再保存。",
    "outside_china": "坐标（经度 {lng}，纬度 {lat}）不在中国境内，请检查是否填错。",
    "duplicate_building": "本社区已登记了地址相同的“{name}”，请勿重复登记。",
    "unit_required": "请填写单元号，例如“1”。",
    "unit_too_long": "单元号最多 {limit} 个字。",
    "duplicate_unit": "这栋楼已有 {number} 单元。",
    "unit_elsewhere": "所选单元不属于这栋楼，请重新选择。",
    "room_required": "请填写房号，例如“502”。",
    "room_too_long": "房号最多 {limit} 个字。",
    "duplicate_room": "这栋楼已有 {room} 室，请勿重复登记。",
    "duplicate_room_in_unit": "{unit} 单元已有 {room} 室，请勿重复登记。",
    "occupancy_unknown": "请从列表中选择居住情况。",
    "area_range": "建筑面积应大于 0 且小于 {limit} 平方米。",
    "cell_code_required": "请填写网格编码。",
    "cell_code_too_long": "网格编码最多 {limit} 个字符。",
    "cell_name_required": "请填写网格名称。",
    "cell_name_too_long": "网格名称最多 {limit} 个字。",
    "cell_kind_unknown": "请从列表中选择网格类型。",
    "duplicate_cell_code": "网格编码 {code} 已被使用，请换一个。",
    "worker_not_eligible": "{name} 不是本社区在岗的网格员，不能负责网格。",
    "resident_other_community": "这位居民登记在其他社区，不能加入本社区的住户。",
    "resident_not_active": "这位居民已迁出或已故，不能再加入住户。",
}


def problem(code: str, field: str | None = None, /, **params: object) -> Problem:
    """A problem of the place register, its message from MESSAGES."""
    return error(code, MESSAGES[code].format(**params), field, **params)


class PlaceError(ValidationFailed):
    """A place change was refused; .problems say why (str() joins their messages)."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems)


def can_edit_places(user: CurrentUser) -> bool:
    return user.can(roles.RESIDENT_EDIT)


def can_manage_grid(user: CurrentUser) -> bool:
    return user.can(roles.ADMIN_STAFF) or user.can(roles.REQUEST_DISPATCH)


def require_edit(user: CurrentUser, community_code: str | None = None) -> None:
    if not can_edit_places(user):
        raise PlaceError(problem("not_permitted"))
    require_community(user, community_code)


def require_grid(user: CurrentUser, community_code: str | None = None) -> None:
    if not can_manage_grid(user):
        raise PlaceError(problem("not_permitted_grid"))
    require_community(user, community_code)


def require_community(user: CurrentUser, community_code: str | None) -> None:
    if community_code is not None and user.community_code not in (None, community_code):
        raise PlaceError(problem("other_community"))


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise PlaceError(*problems)


# ---- field checks: each appends its problems and returns the cleaned value -----------------
def text(problems: list[Problem], value: str | None, field_name: str, limit: int, *,
         required: str | None = None, too_long: str) -> str | None:
    """Stripped text, None when empty; `required` is the problem code when it must be given."""
    cleaned = " ".join((value or "").split())  # pasted line breaks and double spaces
    if not cleaned:
        if required:
            problems.append(problem(required, field_name))
        return None
    if len(cleaned) > limit:
        problems.append(problem(too_long, field_name, limit=limit))
    return cleaned


def choice(problems: list[Problem], value: str, allowed: tuple[str, ...], field_name: str, code: str) -> str:
    if value not in allowed:
        problems.append(problem(code, field_name))
    return value


def floors(problems: list[Problem], value: int | None) -> int | None:
    if value is not None and not 1 <= value <= FLOORS_MAX:
        problems.append(problem("floors_range", "floors", limit=FLOORS_MAX))
    return value


def built_year(problems: list[Problem], value: int | None, today: date | None = None) -> int | None:
    latest = (today or date.today()).year + 5  # planned buildings are registered ahead
    if value is not None and not EARLIEST_YEAR <= value <= latest:
        problems.append(problem("built_year_range", "built_year", earliest=EARLIEST_YEAR, latest=latest))
    return value


def area(problems: list[Problem], value: float | None) -> float | None:
    if value is not None and not (0 < value < AREA_MAX and math.isfinite(value)):
        problems.append(problem("area_range", "area_m2", limit=int(AREA_MAX)))
    return value


def _in_china(lng: float, lat: float) -> bool:
    return not bool(out_of_china(lng, lat))


def coordinates(problems: list[Problem], lng: float | None, lat: float | None) -> None:
    """A building's point: in range, in China, and not latitude/longitude swapped."""
    if lng is None or lat is None or not (math.isfinite(lng) and math.isfinite(lat)):
        problems.append(problem("coordinates_required", "latitude"))
        return
    params = {"lat": f"{lat:g}", "lng": f"{lng:g}"}
    swapped_fits = -180 <= lat <= 180 and -90 <= lng <= 90 and _in_china(lat, lng)
    if not -90 <= lat <= 90 or (not _in_china(lng, lat) and swapped_fits):
        problems.append(problem("lat_lng_swapped" if swapped_fits else "latitude_range", "latitude", **params))
    elif not -180 <= lng <= 180:
        problems.append(problem("longitude_range", "longitude", **params))
    elif not _in_china(lng, lat):
        problems.append(problem("outside_china", "latitude", **params))
