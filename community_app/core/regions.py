"""Names of the 6-digit region codes (GB/T 2260) found at the start of resident ID numbers.

An ID number keeps the code of the place it was first issued for life, so numbers carry
codes that have since been retired (即墨市 370282 became 即墨区 370215 in 2017). The full
national table is large and changes every year; we know every province, the cities of
Shandong, the counties in db/data and the Qingdao codes that were retired. Anything else in
a known province is "unknown county" (a warning for the caller), never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from db.reference_data import divisions, table

# the 34 provincial-level divisions of GB/T 2260 (2-digit prefixes)
PROVINCES: Final[dict[str, str]] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}

# prefecture-level cities of Shandong, where most residents of a Qingdao community come from
SHANDONG_CITIES: Final[dict[str, str]] = {
    "3701": "济南市", "3702": "青岛市", "3703": "淄博市", "3704": "枣庄市", "3705": "东营市", "3706": "烟台市",
    "3707": "潍坊市", "3708": "济宁市", "3709": "泰安市", "3710": "威海市", "3711": "日照市",
    "3712": "莱芜市",  # merged into 济南市 in 2019; its codes live on in ID numbers
    "3713": "临沂市", "3714": "德州市", "3715": "聊城市", "3716": "滨州市", "3717": "菏泽市",
}

# 港澳台居民居住证 numbers use these whole codes (830000 is not a GB/T 2260 province)
RESIDENCE_PERMIT_CODES: Final[dict[str, str]] = {
    "810000": "香港特别行政区（港澳台居民居住证）",
    "820000": "澳门特别行政区（港澳台居民居住证）",
    "830000": "台湾地区（港澳台居民居住证）",
}

# retired codes: code → (name, year it stopped, the code that took over)
RETIRED: Final[dict[str, tuple[str, int, str]]] = {
    "370204": ("山东省青岛市台东区", 1994, "370203"),  # merged into 市北区
    "370205": ("山东省青岛市四方区", 2012, "370203"),  # merged into 市北区
    "370206": ("山东省青岛市沧口区", 1994, "370213"),  # became part of the new 李沧区
    "370282": ("山东省青岛市即墨市", 2017, "370215"),  # county-level city became 即墨区
    "370284": ("山东省青岛市胶南市", 2012, "370211"),  # merged into 黄岛区
    "370181": ("山东省济南市章丘市", 2016, "370114"),  # became 章丘区
    "371202": ("山东省莱芜市莱城区", 2019, "370116"),  # 莱芜市 merged into 济南市
    "371203": ("山东省莱芜市钢城区", 2019, "370117"),
}

COUNTY: Final = "county"  # the full name down to the district/county is known
CITY: Final = "city"  # only province and city are known
PROVINCE: Final = "province"  # only the province is known


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # the most precise name known, e.g. "山东省青岛市市南区" or "河南省"
    known_to: str  # COUNTY / CITY / PROVINCE
    retired_in: int | None = None  # year the code stopped being issued for new numbers
    replaced_by: str | None = None  # the code now in use for that place

    @property
    def retired(self) -> bool:
        return self.retired_in is not None


@cache
def _counties() -> dict[str, Region]:
    """Known 6-digit codes from db/data, the retired codes and the residence-permit codes."""
    known: dict[str, Region] = {}
    for r in table("region_codes.csv"):
        until = r["issued_until"]
        if until:  # e.g. 370282 issued until 2016, replaced by 370215
            known[r["code"]] = Region(r["code"], r["name"], COUNTY, int(until) + 1, r["replaced_by"] or None)
        else:
            known[r["code"]] = Region(r["code"], r["name"], COUNTY)
    for r in divisions():
        if r["level"] == "district" and r["code"] not in known:
            known[r["code"]] = Region(r["code"], _prefix_name(r["code"]) + r["name"], COUNTY)
    for code, (name, year, new) in RETIRED.items():
        if code not in known or not known[code].retired:
            known[code] = Region(code, name, COUNTY, year, new)
    for code, name in RESIDENCE_PERMIT_CODES.items():
        known[code] = Region(code, name, COUNTY)
    return known


def _prefix_name(code: str) -> str:
    return PROVINCES.get(code[:2], "") + SHANDONG_CITIES.get(code[:4], "")


def lookup(code: str) -> Region | None:
    """What we know about a 6-digit region code; None when even the province is not real."""
    known = _counties().get(code)
    if known is not None:
        return known
    province = PROVINCES.get(code[:2])
    if province is None:
        return None
    city = SHANDONG_CITIES.get(code[:4])
    if city is not None:
        return Region(code, province + city, CITY)
    return Region(code, province, PROVINCE)


def name_of(code: str) -> str | None:
    """The full name of a code (a retired code keeps its historical name), or None."""
    region = lookup(code)
    return region.name if region is not None else None
