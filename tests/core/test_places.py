"""Grid cells, buildings, units and households: what is stored, what is queued for the
city, what is refused and why, and who may do what."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import places
from community_app.core.cell_assignment import buildings_outside_cells
from community_app.core.geo import distance_m, wgs84_to_gcj02
from community_app.core.place_rules import PlaceError
from community_app.core.places import BuildingInput, GridCellInput, HouseholdInput
from db.models import Building, GridCell, Household, Resident, StaffUser
from tests.core.conftest import COMMUNITY
from tests.core.places_helpers import SQUARE_A, admin, geojson, outbox, square_cells, user


def building_input(**changes: object) -> BuildingInput:
    values: dict[str, object] = {"name": "8号楼", "address": "山东省青岛市市南区湛山三路8号", "latitude": 36.062,
                                 "longitude": 120.395, "road": "湛山三路", "house_number": "8", "floors": 6,
                                 "built_year": 1995}
    values.update(changes)
    return BuildingInput(**values)  # type: ignore[arg-type]


def codes(exc: pytest.ExceptionInfo[PlaceError]) -> list[tuple[str, str | None]]:
    return [(p.code, p.field) for p in exc.value.problems]


# ---- lists -----------------------------------------------------------------------------------
def test_cells_list_their_worker_and_counts(community: Session) -> None:
    cells = places.list_grid_cells(community, COMMUNITY)
    assert [(c.code, c.name, c.responsible_name, c.building_count, c.resident_count) for c in cells] == [
        ("A", "第一网格", "王丽", 1, 3),  # the building and 3 active residents
        ("B", "第二网格", "赵强", 0, 1),  # households of the same building, one resident died
    ]
    assert places.list_grid_cells(community, "370202010999") == []


def test_buildings_units_and_households_are_listed_with_counts(community: Session) -> None:
    cell_a = places.list_grid_cells(community, COMMUNITY)[0]
    [row] = places.list_buildings(community, COMMUNITY, grid_cell_id=cell_a.id)
    assert (row.name, row.address, row.household_count, row.resident_count, row.outside) == (
        "1号楼", "湛山三路1号", 4, 4, False)
    households = places.list_households(community, row.id)
    assert [(h.room, h.resident_count) for h in households] == [("101", 2), ("102", 1), ("201", 1), ("202", 0)]
    assert places.list_units(community, row.id) == []


def test_workers_are_active_grid_workers_of_the_community(community: Session) -> None:
    assert [w.display_name for w in places.list_workers(community, COMMUNITY)] == ["王丽", "赵强"]


# ---- buildings -------------------------------------------------------------------------------
def test_a_new_building_gets_its_cell_from_its_point_and_is_queued(community: Session) -> None:
    _a, b = square_cells(community)
    chen = user(community, "chen")
    before = len(outbox(community))
    row = places.create_building(community, chen, building_input())
    community.commit()
    assert row.grid_cell_id == b.id and not row.outside
    stored = community.get(Building, row.id)
    assert stored is not None and stored.community_code == COMMUNITY and stored.floors == 6
    [entry] = outbox(community)[before:]
    assert (entry.table_name, entry.op, entry.changes["name"], entry.changes["grid_cell_id"]) == (
        "building", "insert", "8号楼", b.id)


def test_a_building_outside_every_cell_is_kept_and_flagged(community: Session) -> None:
    square_cells(community)
    row = places.create_building(community, user(community, "wang"),
                                 building_input(name="海边小屋", latitude=36.05, longitude=120.385))
    community.commit()
    assert row.outside and row.grid_cell_id is None
    [flagged] = places.list_buildings(community, COMMUNITY, outside_only=True)
    assert flagged.id == row.id and flagged.outside
    [outside] = buildings_outside_cells(community, COMMUNITY)
    assert outside.name == "海边小屋" and outside.nearest_cell_code == "A"
    assert outside.distance_m == pytest.approx(1110, rel=0.01)  # 0.01° of latitude south of A


def test_gcj02_coordinates_are_stored_as_wgs84(community: Session) -> None:
    square_cells(community)
    wgs = (120.395, 36.062)
    gcj_lng, gcj_lat = wgs84_to_gcj02(*wgs)
    row = places.create_building(community, user(community, "wang"),
                                 building_input(longitude=gcj_lng, latitude=gcj_lat, coordinates="gcj02"))
    assert distance_m(row.longitude, row.latitude, *wgs) < 0.01


@pytest.mark.parametrize(("changes", "expected"), [
    ({"name": "  ", "address": ""}, [("building_name_required", "name"), ("address_required", "address")]),
    ({"latitude": 120.395, "longitude": 36.062}, [("lat_lng_swapped", "latitude")]),
    ({"latitude": 48.85, "longitude": 2.35}, [("outside_china", "latitude")]),
    ({"latitude": None}, [("coordinates_required", "latitude")]),
    ({"floors": 0, "built_year": 1200}, [("floors_range", "floors"), ("built_year_range", "built_year")]),
    ({"kind": "castle"}, [("building_kind_unknown", "kind")]),
    ({"name": "楼" * 65}, [("building_name_too_long", "name")]),
])
def test_bad_building_input_is_refused_with_the_field_and_nothing_is_written(
        community: Session, changes: dict[str, object], expected: list[tuple[str, str]]) -> None:
    wang = user(community, "wang")
    before = len(outbox(community))
    with pytest.raises(PlaceError) as refused:
        places.create_building(community, wang, building_input(**changes))
    assert codes(refused) == expected
    assert len(outbox(community)) == before
    assert community.scalar(select(Building).where(Building.name == "8号楼")) is None


def test_swapped_coordinates_say_so_in_chinese(community: Session) -> None:
    with pytest.raises(PlaceError) as refused:
        places.create_building(community, user(community, "wang"), building_input(latitude=120.395, longitude=36.062))
    assert "经纬度好像填反了" in str(refused.value) and "120.395" in str(refused.value)


def test_the_same_building_is_not_registered_twice(community: Session) -> None:
    wang = user(community, "wang")
    places.create_building(community, wang, building_input())
    with pytest.raises(PlaceError) as refused:
        places.create_building(community, wang, building_input(floors=7))
    assert codes(refused) == [("duplicate_building", "address")]


def test_moving_a_building_moves_its_households_and_residents_to_the_new_cell(community: Session) -> None:
    a, b = square_cells(community)
    building = community.scalars(select(Building)).one()
    households = community.scalars(select(Household)).all()
    for h in households:  # test setup: the fixture splits them between A and B
        h.grid_cell_id = a.id
    community.commit()
    before = len(outbox(community))
    row = places.update_building(community, user(community, "chen"),
                                 building.id, building_input(name="1号楼", address="湛山三路1号", longitude=120.395))
    community.commit()
    assert row.grid_cell_id == b.id
    assert {h.grid_cell_id for h in community.scalars(select(Household))} == {b.id}
    assert {r.grid_cell_id for r in community.scalars(select(Resident))} == {b.id}
    entries = outbox(community)[before:]
    assert sorted({e.table_name for e in entries}) == ["building", "household", "resident"]
    assert sum(e.table_name == "household" for e in entries) == 4
    assert sum(e.table_name == "resident" for e in entries) == 3  # the two in B's households were there already
    assert [c.building_count for c in places.list_grid_cells(community, COMMUNITY)] == [0, 1]


# ---- units and households ------------------------------------------------------------------
def test_units_are_unique_per_building(community: Session) -> None:
    wang = user(community, "wang")
    building = community.scalars(select(Building)).one()
    unit = places.create_unit(community, wang, building.id, " 1 ")
    places.create_unit(community, wang, building.id, "2")
    assert unit.number == "1"
    with pytest.raises(PlaceError) as refused:
        places.create_unit(community, wang, building.id, "2")
    assert codes(refused) == [("duplicate_unit", "number")]
    assert places.update_unit(community, wang, unit.id, "3").number == "3"
    assert [u.number for u in places.list_units(community, building.id)] == ["2", "3"]
    assert [e.op for e in outbox(community, "unit")] == ["insert", "insert", "update"]


def test_households_in_units_sort_naturally_and_refuse_duplicates(community: Session) -> None:
    wang = user(community, "wang")
    building = community.scalars(select(Building)).one()
    unit = places.create_unit(community, wang, building.id, "1")
    for room in ("1001", "502", "商铺1"):
        places.create_household(community, wang, building.id, HouseholdInput(room=room, unit_id=unit.id,
                                                                             occupancy="rented", area_m2=72.5))
    rooms = [(h.unit_number, h.room) for h in places.list_households(community, building.id, unit_id=unit.id)]
    assert rooms == [("1", "502"), ("1", "1001"), ("1", "商铺1")]
    with pytest.raises(PlaceError) as refused:
        places.create_household(community, wang, building.id, HouseholdInput(room="502", unit_id=unit.id))
    assert codes(refused) == [("duplicate_room_in_unit", "room")]
    assert "1 单元已有 502 室" in str(refused.value)
    # the same room number without a unit is another dwelling
    places.create_household(community, wang, building.id, HouseholdInput(room="502"))
    new = community.scalars(select(Household).where(Household.room == "1001")).one()
    assert new.grid_cell_id == building.grid_cell_id and new.area_m2 == 72.5


@pytest.mark.parametrize(("data", "expected"), [
    (HouseholdInput(room=""), [("room_required", "room")]),
    (HouseholdInput(room="101", occupancy="palace"), [("occupancy_unknown", "occupancy")]),
    (HouseholdInput(room="909", area_m2=0), [("area_range", "area_m2")]),
    (HouseholdInput(room="101"), [("duplicate_room", "room")]),
])
def test_bad_household_input_is_refused(community: Session, data: HouseholdInput,
                                        expected: list[tuple[str, str]]) -> None:
    building = community.scalars(select(Building)).one()
    with pytest.raises(PlaceError) as refused:
        places.create_household(community, user(community, "wang"), building.id, data)
    assert codes(refused) == expected


def test_a_unit_of_another_building_is_refused(community: Session) -> None:
    wang = user(community, "wang")
    mine = community.scalars(select(Building)).one()
    other = places.create_building(community, wang, building_input())
    foreign_unit = places.create_unit(community, wang, other.id, "1")
    with pytest.raises(PlaceError) as refused:
        places.create_household(community, wang, mine.id, HouseholdInput(room="301", unit_id=foreign_unit.id))
    assert codes(refused) == [("unit_elsewhere", "unit_id")]


def test_editing_a_household_queues_only_what_changed(community: Session) -> None:
    household = community.scalars(select(Household).where(Household.room == "101")).one()
    row = places.update_household(community, user(community, "wang"), household.id,
                                  HouseholdInput(room="101", occupancy="rented", area_m2=66.0))
    assert (row.occupancy, row.area_m2) == ("rented", 66.0)
    [entry] = outbox(community, "household")
    assert entry.changes == {"occupancy": "rented", "area_m2": 66.0}


# ---- residents -------------------------------------------------------------------------------
def test_assigning_a_resident_moves_household_and_cell_and_the_head_follows(community: Session) -> None:
    _a, b = square_cells(community)
    wang = user(community, "wang")
    li = community.scalars(select(Resident).where(Resident.name == "李秀英")).one()
    old = community.get(Household, li.household_id)
    assert old is not None
    old.head_resident_id = li.id
    community.commit()
    target = community.scalars(select(Household).where(Household.room == "201")).one()
    assert target.grid_cell_id == b.id
    row = places.assign_resident_to_household(community, wang, li.id, target.id, relation_to_head="户主")
    community.commit()
    assert (li.household_id, li.grid_cell_id, li.relation_to_head) == (target.id, b.id, "户主")
    assert target.head_resident_id == li.id and old.head_resident_id is None
    assert (row.head_name, row.resident_count) == ("李秀英", 2)
    resident_changes = [e.changes for e in outbox(community, "resident")]
    assert resident_changes == [{"household_id": target.id, "grid_cell_id": b.id, "relation_to_head": "户主"}]


def test_a_deceased_resident_cannot_join_a_household(community: Session) -> None:
    zhou = community.scalars(select(Resident).where(Resident.status == "deceased")).one()
    target = community.scalars(select(Household).where(Household.room == "101")).one()
    with pytest.raises(PlaceError) as refused:
        places.assign_resident_to_household(community, user(community, "wang"), zhou.id, target.id)
    assert codes(refused) == [("resident_not_active", None)]


# ---- grid cells and workers --------------------------------------------------------------------
def test_a_supervisor_assigns_a_worker_to_a_cell(community: Session) -> None:
    a = community.scalars(select(GridCell).where(GridCell.code == "A")).one()
    zhao = community.scalars(select(StaffUser).where(StaffUser.username == "zhao")).one()
    row = places.assign_worker(community, user(community, "chen"), a.id, zhao.id)
    community.commit()
    assert row.responsible_name == "赵强" and a.responsible_staff_id == zhao.id
    assert [e.changes for e in outbox(community, "grid_cell")] == [{"responsible_staff_id": zhao.id}]
    assert places.assign_worker(community, user(community, "chen"), a.id, None).responsible_name is None


def test_an_administrator_may_assign_workers_but_not_edit_buildings(community: Session) -> None:
    root = admin(community)
    a = community.scalars(select(GridCell).where(GridCell.code == "A")).one()
    zhao = community.scalars(select(StaffUser).where(StaffUser.username == "zhao")).one()
    assert places.assign_worker(community, root, a.id, zhao.id).responsible_staff_id == zhao.id
    with pytest.raises(PlaceError) as refused:
        places.create_building(community, root, building_input())
    assert codes(refused) == [("not_permitted", None)]


def test_a_grid_worker_cannot_pick_cells_or_change_them(community: Session) -> None:
    wang = user(community, "wang")
    a = community.scalars(select(GridCell).where(GridCell.code == "A")).one()
    with pytest.raises(PlaceError) as refused:
        places.assign_worker(community, wang, a.id, wang.id)
    assert codes(refused) == [("not_permitted_grid", None)]
    assert "社区负责人或系统管理员" in str(refused.value)
    with pytest.raises(PlaceError):
        places.update_grid_cell(community, wang, a.id, GridCellInput("A", "我的网格"))
    assert outbox(community, "grid_cell") == []


@pytest.mark.parametrize("username", ["chen", "old"])
def test_only_active_grid_workers_can_be_responsible(community: Session, username: str) -> None:
    a = community.scalars(select(GridCell).where(GridCell.code == "A")).one()
    staff = community.scalars(select(StaffUser).where(StaffUser.username == username)).one()
    with pytest.raises(PlaceError) as refused:
        places.assign_worker(community, user(community, "chen"), a.id, staff.id)
    assert codes(refused) == [("worker_not_eligible", "staff")]
    assert staff.display_name in str(refused.value)


def test_nobody_edits_another_communitys_places(community: Session) -> None:
    stranger = dataclasses.replace(user(community, "chen"), community_code="370202010001")  # another office
    building = community.scalars(select(Building)).one()
    with pytest.raises(PlaceError) as refused:
        places.create_unit(community, stranger, building.id, "9")
    assert codes(refused) == [("other_community", None)]


def test_grid_cells_are_created_and_renamed_with_unique_codes(community: Session) -> None:
    chen = user(community, "chen")
    row = places.create_grid_cell(community, chen, GridCellInput("C", "第三网格", "exclusive"), geojson(SQUARE_A))
    assert (row.code, row.kind, row.building_count) == ("C", "exclusive", 0)
    with pytest.raises(PlaceError) as refused:
        places.create_grid_cell(community, chen, GridCellInput("A", "重复"), geojson(SQUARE_A))
    assert codes(refused) == [("duplicate_cell_code", "code")]
    renamed = places.update_grid_cell(community, chen, row.id, GridCellInput("C", "学校专属网格", "exclusive"))
    assert renamed.name == "学校专属网格"
    assert [e.op for e in outbox(community, "grid_cell")] == ["insert", "update"]
