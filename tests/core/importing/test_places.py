"""Finding a row's household among the community's places."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from community_app.core.importing.places import PlaceIndex, building_key, chinese_number, room_key, unit_key
from tests.core.importing.conftest import COMMUNITY, Places


def test_keys() -> None:
    assert {building_key(t) for t in ("12号楼", "12栋", "12 号楼", "十二号楼", "12", "１２号楼", "12#")} == {"#12"}
    assert building_key("综合楼") == "综合楼"
    assert {unit_key(t) for t in ("1", "1单元", "01", "一单元")} == {"1"}
    assert {room_key(t) for t in ("502", "502室", "0502", "５０２")} == {"502"}
    assert (chinese_number("十二"), chinese_number("一百零五"), chinese_number("二十"), chinese_number("甲")) == (
        12, 105, 20, None)


@pytest.fixture
def index(community: Session, places: Places) -> PlaceIndex:
    return PlaceIndex(community, COMMUNITY)


@pytest.mark.parametrize(("building", "unit", "room", "address"), [
    ("湛山三路2号", "1", "101", None),  # road and house number
    ("山东省青岛市市南区湛山三路2号", "1单元", "101室", None),  # the standard address
    ("2号楼", "1", "101", "青岛市市南区湛山三路2号"),  # the name, told apart by the address
    (None, None, None, "山东省青岛市市南区湛山三路2号1单元101室"),  # everything in the address
    (None, None, None, "湛山三路2号 1单元 101"),
    (None, None, None, "湛山三路2号-1-101"),
    ("湛山三路2号", None, "1-101", None),  # unit and room in the room column
])
def test_existing_household_is_found(index: PlaceIndex, places: Places, building: str | None, unit: str | None,
                                     room: str | None, address: str | None) -> None:
    match, issues = index.match(building, unit, room, address)
    assert issues == []
    assert match is not None and match.household_id == places.room_1_101 and match.grid_cell_id == places.cell_a


def test_a_building_without_units(index: PlaceIndex, places: Places) -> None:
    match, issues = index.match("1号楼", None, "102", None)
    assert issues == [] and match is not None and match.household_id == places.one_102


@pytest.mark.parametrize(("building", "unit", "room", "address", "field", "code"), [
    ("99号楼", "1", "101", None, "building", "building_unknown"),
    ("2号楼", "1", "101", None, "building", "building_ambiguous"),
    ("湛山三路2号", "5", "101", None, "unit", "unit_unknown"),
    ("湛山三路2号", None, "101", None, "unit", "unit_missing"),  # this building is divided into units
    ("湛山三路2号", "1", None, None, "room", "room_missing"),
    (None, None, None, None, "building", "place_missing"),
    (None, None, None, "青岛市某某路8号", "address", "building_unknown"),
])
def test_places_that_cannot_be_found(index: PlaceIndex, building: str | None, unit: str | None, room: str | None,
                                     address: str | None, field: str, code: str) -> None:
    match, issues = index.match(building, unit, room, address)
    assert match is None
    assert [(f, i.code, i.severity) for f, i in issues] == [(field, code, "error")]


def test_an_unknown_room_of_a_known_unit_becomes_one_new_household(index: PlaceIndex, places: Places) -> None:
    first, issues = index.match("湛山三路2号", "2", "202", None)
    assert first is not None and first.household_id is None and first.new is not None
    assert (first.new.building_id, first.new.unit_id, first.new.room, first.new.grid_cell_id) == (
        places.san_2, places.unit_2, "202", places.cell_a)
    assert [(f, i.code, i.severity) for f, i in issues] == [("room", "household_new", "warning")]
    assert "湛山三路2号 2单元 202室" in issues[0][1].message
    again, issues = index.match("湛山三路2号", "2", "202室", None)
    assert issues == [] and again is not None and again.new == first.new
    assert index.new_households == [first.new]
