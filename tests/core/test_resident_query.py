"""Resident search, filters and sorting on the 3,000-resident demo, checked against plain
SQL and Python over the same rows (never against the code under test)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin
from sqlalchemy.orm import Session

from community_app.core.localtime import age_on
from community_app.core.resident_query import (
    ResidentFilter,
    count_residents,
    find_residents,
    parse_terms,
    resident_rows,
)
from db.engine import make_engine
from tests.core.search_demo import TODAY


@pytest.fixture
def session(search_demo_path: Path) -> Iterator[Session]:
    engine = make_engine(search_demo_path)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture(scope="module")
def people(search_demo_path: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(search_demo_path)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT rowid AS rowid, * FROM resident").fetchall()
    conn.close()
    return rows


def ids_of(session: Session, text: str, **kw: object) -> set[int]:
    return set(find_residents(session, ResidentFilter(text=text, status=None, **kw), today=TODAY))  # type: ignore[arg-type]


def test_one_and_two_characters_find_names_containing_them(session: Session, people: list[sqlite3.Row]) -> None:
    surname = people[0]["name"][0]
    assert ids_of(session, surname) >= {p["rowid"] for p in people if p["name"].startswith(surname)}
    assert ids_of(session, surname) == {p["rowid"] for p in people if surname in p["name"]}
    two = people[10]["name"][-2:] if len(people[10]["name"]) == 3 else people[10]["name"]
    assert ids_of(session, two) == {p["rowid"] for p in people if two in p["name"]}
    assert people[10]["rowid"] in ids_of(session, two)


def test_pinyin_and_initials(session: Session, people: list[sqlite3.Row]) -> None:
    person = next(p for p in people if len(p["name"]) == 3 and p["name"][0] not in "单曾解区仇朴查盖乐")
    syllables = lazy_pinyin(person["name"], style=Style.NORMAL)
    full, initials = "".join(syllables), "".join(s[0] for s in syllables)
    assert person["rowid"] in ids_of(session, full)
    assert person["rowid"] in ids_of(session, initials)
    assert person["rowid"] in ids_of(session, "".join(syllables[1:]))  # the given name alone
    expected = {p["rowid"] for p in people
                if "".join(s[0] for s in lazy_pinyin(p["name"], style=Style.NORMAL)).startswith(initials)}
    assert expected <= ids_of(session, initials)
    assert ids_of(session, "qqqzzz") == set()


def test_id_and_phone_by_tail_or_head(session: Session, people: list[sqlite3.Row]) -> None:
    person = next(p for p in people if p["id_number"] and p["phone"] and p["phone"].startswith("1"))
    tail = person["id_number"][-6:]
    ending = {p["rowid"] for p in people if (p["id_number"] or "").lower().endswith(tail.lower())}
    assert ids_of(session, tail) >= ending
    assert person["rowid"] in ids_of(session, person["id_number"])
    assert person["rowid"] in ids_of(session, person["phone"][-4:])
    assert person["rowid"] in ids_of(session, person["phone"])
    last4 = person["phone"][-4:]
    assert ids_of(session, last4) >= {p["rowid"] for p in people if (p["phone"] or "").endswith(last4)}
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in person["phone"])  # １３８…
    assert person["rowid"] in ids_of(session, full_width)


def test_address_finds_the_residents_of_a_building(session: Session, search_demo_path: Path) -> None:
    conn = sqlite3.connect(search_demo_path)
    address, building_id = conn.execute(
        "SELECT address, id FROM building WHERE kind = 'residential' LIMIT 1").fetchone()
    living = {r[0] for r in conn.execute(
        "SELECT r.rowid FROM resident r JOIN household h ON h.id = r.household_id WHERE h.building_id = ?",
        (building_id,))}
    conn.close()
    assert living and living <= ids_of(session, address.replace("山东省青岛市市南区", ""))


def test_words_must_all_match_and_syntax_is_harmless(session: Session, people: list[sqlite3.Row]) -> None:
    person = people[5]
    both = ids_of(session, f"{person['name'][0]} {person['phone'][-4:]}")
    assert person["rowid"] in both
    assert both <= ids_of(session, person["name"][0])
    for nasty in ['"', "AND OR NOT", "*", "王\" OR \"", "(", "NEAR(", "'; DROP TABLE resident; --"]:
        find_residents(session, ResidentFilter(text=nasty), today=TODAY)  # no FTS5 syntax error
    assert parse_terms("  ") == []


def test_filters_and_counts(session: Session, people: list[sqlite3.Row], search_demo_path: Path) -> None:
    conn = sqlite3.connect(search_demo_path)
    cell = conn.execute("SELECT grid_cell_id FROM resident GROUP BY grid_cell_id LIMIT 1").fetchone()[0]
    tagged = {r[0] for r in conn.execute(
        "SELECT r.rowid FROM resident r JOIN resident_tag t ON t.resident_id = r.id "
        "WHERE t.tag_code = 'elderly_alone' AND r.status = 'active'")}
    conn.close()
    f = ResidentFilter(grid_cell_id=cell)
    expected = {p["rowid"] for p in people if p["grid_cell_id"] == cell and p["status"] == "active"}
    assert set(find_residents(session, f, today=TODAY)) == expected
    assert count_residents(session, f, today=TODAY) == len(expected)
    assert set(find_residents(session, ResidentFilter(tag_code="elderly_alone"), today=TODAY)) == tagged
    band = {p["rowid"] for p in people if p["birth_date"] and p["status"] == "active"
            and 60 <= age_on(date.fromisoformat(p["birth_date"]), TODAY) <= 69}
    assert set(find_residents(session, ResidentFilter(age_min=60, age_max=69), today=TODAY)) == band
    floating = {p["rowid"] for p in people if p["residence_type"] == "floating" and p["status"] == "moved_out"}
    got = find_residents(session, ResidentFilter(residence_type="floating", status="moved_out"), today=TODAY)
    assert set(got) == floating


def test_sorting_pages_and_rows(session: Session, people: list[sqlite3.Row]) -> None:
    by_name = find_residents(session, ResidentFilter(), today=TODAY)
    names = [lazy_pinyin(p["name"], style=Style.NORMAL) for p in
             sorted((p for p in people if p["status"] == "active"), key=lambda p: by_name.index(p["rowid"]))]
    assert names[:50] == sorted(names[:50])  # pinyin order: 阿 before 王 before 张
    assert find_residents(session, ResidentFilter(), limit=20, offset=40, today=TODAY) == by_name[40:60]
    oldest_first = find_residents(session, ResidentFilter(), sort="age", descending=True, today=TODAY)
    rows = resident_rows(session, oldest_first[:30], today=TODAY)
    ages = [r.age for r in rows]
    assert ages == sorted(ages, reverse=True) and [r.rowid for r in rows] == oldest_first[:30]
    for r in rows:
        source = next(p for p in people if p["rowid"] == r.rowid)
        assert r.name == source["name"]
        assert source["id_number"] not in r.id_number_masked and r.id_number_masked[:3] == source["id_number"][:3]
        if source["phone"]:
            assert "****" in r.phone_masked and r.phone_masked[-4:] == source["phone"][-4:]
        else:
            assert r.phone_masked == ""
        assert r.address and "室" in r.address
    by_address = find_residents(session, ResidentFilter(), sort="address", today=TODAY)
    assert sorted(by_address) == sorted(by_name)


def test_an_address_with_numbers_finds_that_building(session: Session, search_demo_path: Path) -> None:
    conn = sqlite3.connect(search_demo_path)
    road, number, _building_id = conn.execute(
        "SELECT road, house_number, id FROM building WHERE kind = 'residential' ORDER BY address LIMIT 1").fetchone()
    living = {r[0] for r in conn.execute(
        "SELECT r.rowid FROM resident r JOIN household h ON h.id = r.household_id "
        "JOIN building b ON b.id = h.building_id WHERE instr(b.address, ?) > 0 OR instr(b.name, ?) > 0",
        (f"{road}{number}号", f"{road}{number}号"))}
    conn.close()
    found = ids_of(session, f"{road}{number}号")
    assert found == living and found
    assert ids_of(session, "999号楼") == set()
