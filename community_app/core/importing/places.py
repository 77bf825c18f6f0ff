"""Finding a row's household among the community's buildings, units and rooms.

Everything is loaded once (three queries) into dicts, so matching 100,000 rows costs no
query at all. A building is found by its name (「12号楼」, 「12栋」, 「12」 are the same),
its standard address, or its road and house number (「湛山七路12号」), in the 楼栋 column or
inside the 住址 column. Two buildings may share a name (12号楼 on two roads): then the
address must tell them apart, or the row is refused with both addresses named.

An unknown building or unit is a row error: the register's places are set up first, in
楼栋与房屋. An unknown room of a known building and unit is a new household, created by
the import (the first row that needs it is told so with a warning).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.importing.cells import CellIssue
from db.models import Building, Household, Unit

ROOM_MAX: Final = 16
_CN_DIGITS: Final = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                     "八": 8, "九": 9}
_BUILDING_NUMBER: Final = re.compile(r"(\d+|[零〇一二两三四五六七八九十百]+)(?:号楼|号|栋|幢|座|#|号院|楼)?")
_HOUSE_NUMBER: Final = re.compile(r"(\d+)号(?!楼)")
_NAMED_BUILDING: Final = re.compile(r"(\d+|[一二三四五六七八九十]+)(?:号楼|栋|幢|座|#)")
_UNIT_IN_TEXT: Final = re.compile(r"(\d+|[一二三四五六七八九十]+)单元")
_UNIT_ROOM: Final = re.compile(r"-?(\d+)-(\d+)(?:室|户|号)?")
_ROOM_SUFFIX: Final = re.compile(r"(?:室|号房|户|号|房)$")
_ROAD_LENGTHS: Final = range(2, 16)


def chinese_number(text: str) -> int | None:
    """十二 -> 12, 一百零五 -> 105, 三 -> 3 (enough for building and unit numbers)."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch == "十":
            total += (digit if digit is not None else 1) * 10
            digit = None
        elif ch == "百":
            total += (digit if digit is not None else 1) * 100
            digit = None
        else:
            return None
    return total + (digit or 0)


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _number(text: str) -> str | None:
    if text.isdigit():
        return str(int(text))
    value = chinese_number(text)
    return None if value is None else str(value)


def building_key(text: str) -> str:
    """「12号楼」「12栋」「十二号楼」「12」 -> 「#12」; other names as they are (folded)."""
    folded = _fold(text)
    match = _BUILDING_NUMBER.fullmatch(folded)
    if match and (number := _number(match[1])) is not None:
        return "#" + number
    return folded


def unit_key(text: str) -> str:
    """「1」「1单元」「01」「一单元」 -> 「1」."""
    folded = _fold(text).removesuffix("单元")
    return _number(folded) or folded


def room_key(text: str) -> str:
    """「502」「502室」「0502」 -> 「502」."""
    folded = _ROOM_SUFFIX.sub("", _fold(text))
    return str(int(folded)) if folded.isdigit() else folded


@dataclass(frozen=True, slots=True)
class _Building:
    id: str
    name: str
    address: str
    grid_cell_id: str | None
    road_key: str | None  # 湛山七路12号


@dataclass(frozen=True)  # not slotted: sent between processes, and slotted dataclasses unpickle slowly
class NewHousehold:
    """A room the import creates: building + unit + room of a row that names it first."""

    building_id: str
    unit_id: str | None
    room: str
    grid_cell_id: str | None


@dataclass(frozen=True)  # not slotted: sent between processes, and slotted dataclasses unpickle slowly
class PlaceMatch:
    building_id: str
    household_id: str | None  # None: `new` is created by the import
    new: NewHousehold | None
    grid_cell_id: str | None


PlaceIssue = tuple[str, CellIssue]  # (field the problem belongs to, issue)


class PlaceIndex:
    """The community's places, loaded once; match() finds a row's household."""

    def __init__(self, session: Session, community_code: str) -> None:
        self._buildings: dict[str, _Building] = {}
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_address: dict[str, list[str]] = defaultdict(list)
        self._by_road: dict[str, list[str]] = defaultdict(list)
        for bid, name, address, road, number, cell in session.execute(
            select(Building.id, Building.name, Building.address, Building.road, Building.house_number,
                   Building.grid_cell_id)
            .where(Building.community_code == community_code, Building.deleted_at.is_(None))
        ):
            road_key = _fold(f"{road}{number}号") if road and number else None
            if road_key:
                road_key = road_key.replace("号号", "号")
            self._buildings[bid] = _Building(bid, name, address, cell, road_key)
            self._by_name[building_key(name)].append(bid)
            self._by_address[_fold(address)].append(bid)
            if road_key:
                self._by_road[road_key].append(bid)
        self._units: dict[str, dict[str, str]] = defaultdict(dict)  # building -> unit key -> unit id
        self._unit_numbers: dict[str, str] = {}
        for uid, bid, number in session.execute(
            select(Unit.id, Unit.building_id, Unit.number)
            .where(Unit.building_id.in_(select(Building.id).where(Building.community_code == community_code)),
                   Unit.deleted_at.is_(None))
        ):
            self._units[bid][unit_key(number)] = uid
            self._unit_numbers[uid] = number
        self._households: dict[tuple[str, str | None, str], tuple[str, str | None]] = {}
        for hid, bid, uid, room, cell in session.execute(
            select(Household.id, Household.building_id, Household.unit_id, Household.room, Household.grid_cell_id)
            .where(Household.building_id.in_(select(Building.id).where(Building.community_code == community_code)),
                   Household.deleted_at.is_(None))
        ):
            self._households.setdefault((bid, uid, room_key(room)), (hid, cell))
        self._new: dict[tuple[str, str | None, str], NewHousehold] = {}
        self._cache: dict[tuple[str | None, str | None], tuple[list[str], str | None, str | None] | None] = {}
        self._matches: dict[tuple[str | None, ...], tuple[PlaceMatch | None, list[PlaceIssue]]] = {}

    @property
    def new_households(self) -> list[NewHousehold]:
        return list(self._new.values())

    def building_label(self, building_id: str) -> str:
        b = self._buildings[building_id]
        return b.address or b.name

    # buildings -------------------------------------------------------------------------------
    def _roads_in(self, text: str) -> tuple[list[str], int]:
        """Buildings whose road + house number appear in text, and where the match ends."""
        for match in _HOUSE_NUMBER.finditer(text):
            end = match.end()
            for length in _ROAD_LENGTHS:
                start = match.start() - length
                if start < 0:
                    break
                found = self._by_road.get(text[start:end])
                if found:
                    return found, end
        return [], 0

    def _find_buildings(self, building: str | None, address: str | None) -> tuple[list[str], str | None, str | None]:
        """(candidate building ids, unit text, room text found in the address)."""
        key = (building, address)
        if key in self._cache:
            return self._cache[key]  # type: ignore[return-value]
        unit = room = None
        candidates: list[str] = []
        folded_address = _fold(address) if address else ""
        if building:
            folded = _fold(building)
            candidates = (self._by_name.get(building_key(building)) or self._by_address.get(folded)
                          or self._by_road.get(folded) or self._by_road.get(folded.removesuffix("楼"))
                          or self._roads_in(folded)[0])
            if len(candidates) > 1 and folded_address:
                narrowed = [b for b in candidates if self._mentioned(b, folded_address)]
                candidates = narrowed or candidates
        elif folded_address:
            candidates = self._by_address.get(folded_address, [])
            rest = ""
            if not candidates:
                candidates, end = self._roads_in(folded_address)
                rest = folded_address[end:] if candidates else ""
                if not candidates and (named := _NAMED_BUILDING.search(folded_address)):
                    candidates = self._by_name.get("#" + (_number(named[1]) or ""), [])
                    rest = folded_address[named.end():]
            unit, room = _unit_and_room(rest)
        result = (list(candidates), unit, room)
        self._cache[key] = result
        return result

    def _mentioned(self, building_id: str, folded_address: str) -> bool:
        b = self._buildings[building_id]
        return bool((b.road_key and b.road_key in folded_address) or _fold(b.address) in folded_address)

    # the row ----------------------------------------------------------------------------------
    def match(self, building: str | None, unit: str | None, room: str | None,
              address: str | None) -> tuple[PlaceMatch | None, list[PlaceIssue]]:
        """The row's household (existing or to be created), or the problems that stop it.
        A new household is announced (a warning) on the first row that names it only."""
        key = (building, unit, room, address)
        known = self._matches.get(key)
        if known is None:
            match, issues = self._match(building, unit, room, address)
            self._matches[key] = (match, [i for i in issues if i[1].code != "household_new"])
            return match, issues
        return known[0], list(known[1])

    def _match(self, building: str | None, unit: str | None, room: str | None,
               address: str | None) -> tuple[PlaceMatch | None, list[PlaceIssue]]:
        if not building and not address:
            return None, [("building", CellIssue(
                "place_missing", "请填写楼栋和房号（或住址），居民须登记在本社区的房屋中"))]
        found, address_unit, address_room = self._find_buildings(building, address)
        place_field = "building" if building else "address"
        shown = building or address or ""
        if not found:
            return None, [(place_field, CellIssue(
                "building_unknown",
                f"本社区没有登记楼栋「{shown}」。请先在“楼栋与房屋”中登记该楼栋，或检查名称是否写错"))]
        if len(found) > 1:
            where = "、".join(self.building_label(b) for b in found[:4])
            return None, [(place_field, CellIssue(
                "building_ambiguous", f"本社区有{len(found)}处「{shown}」（{where}），"
                "请在楼栋列写门牌地址（如“湛山三路6号”），或填写住址列"))]
        b = self._buildings[found[0]]
        unit = unit or address_unit
        room = room or address_room
        if room and not unit and (split := _UNIT_ROOM.fullmatch(_fold(room))):
            unit, room = split[1], split[2]  # 「1-502」 in the room column
        units = self._units.get(b.id, {})
        unit_id = None
        if unit:
            unit_id = units.get(unit_key(unit))
            if unit_id is None:
                return None, [("unit", CellIssue(
                    "unit_unknown", f"「{self.building_label(b.id)}」没有登记{unit_key(unit)}单元。"
                    "请检查单元号，或先在“楼栋与房屋”中添加该单元"))]
        elif units:
            return None, [("unit", CellIssue(
                "unit_missing", f"「{self.building_label(b.id)}」分单元登记，请填写单元号"))]
        if not room:
            return None, [("room", CellIssue("room_missing", "请填写房号，例如“502”"))]
        key = (b.id, unit_id, room_key(room))
        existing = self._households.get(key)
        if existing is not None:
            return PlaceMatch(b.id, existing[0], None, existing[1] or b.grid_cell_id), []
        planned = self._new.get(key)
        if planned is not None:
            return PlaceMatch(b.id, None, planned, planned.grid_cell_id), []
        stored_room = _ROOM_SUFFIX.sub("", "".join(unicodedata.normalize("NFKC", room).split())) or room
        if len(stored_room) > ROOM_MAX:
            return None, [("room", CellIssue("room_too_long", f"房号最多{ROOM_MAX}个字，请检查是否填错了列"))]
        planned = NewHousehold(b.id, unit_id, stored_room, b.grid_cell_id)
        self._new[key] = planned
        where = self.building_label(b.id) + (f" {self._unit_numbers[unit_id]}单元" if unit_id else "")
        return PlaceMatch(b.id, None, planned, planned.grid_cell_id), [("room", CellIssue(
            "household_new", f"本社区还没有登记「{where} {stored_room}室」这户，导入时将新建这一户", "warning"))]


def _unit_and_room(rest: str) -> tuple[str | None, str | None]:
    """The unit and room written after the building in an address: 1单元502室, -1-502, 502室."""
    rest = rest.strip("-—,，")
    if not rest:
        return None, None
    unit = None
    if match := _UNIT_IN_TEXT.search(rest):
        unit, rest = match[1], rest[match.end():]
    elif match := _UNIT_ROOM.fullmatch(rest):
        return match[1], match[2]
    rest = rest.strip("-—,，")
    return unit, (rest or None)
