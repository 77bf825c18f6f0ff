"""Residents (一人一档): names, GB 11643 ID numbers, phones, and their place in a dwelling."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from db.demo.clock import DAY, HOUR, day_of, local_date, stamp
from db.demo.data import document, table
from db.demo.families import HEAD, Family, Member
from db.demo.geography import Building, Cell
from db.demo.idnumbers import IdNumberMaker
from db.demo.names import RARE_GIVEN_NAMES, NameGenerator
from db.demo.seeded import IdFactory, Weighted, chance
from db.search_keys import derived_columns

Row = dict[str, Any]

MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "173", "176", "177", "178", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "198", "199")
ETHNICITIES = Weighted(["汉族", "满族", "回族", "朝鲜族", "蒙古族", "壮族", "土家族"],
                       [983, 5, 4, 4, 2, 1, 1])


@dataclass(slots=True, eq=False)
class Person:
    """A resident row plus what the later generators need to know about the person."""

    row: Row
    created: int  # the row's created_at (db.demo.clock microseconds)
    age: int
    surname: str
    cell: Cell
    building: Building
    household: Row
    family: Family
    member: Member
    tags: list[str] = field(default_factory=list)
    tagged_at: dict[str, int] = field(default_factory=dict)  # tag code → when it was given

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def active(self) -> bool:
        return bool(self.row["status"] == "active")


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random) -> str:
    return f"0532-8{rng.randrange(10**7):07d}"  # Qingdao: 8-digit numbers starting with 8


class Regions:
    """Birthplace codes for ID numbers, honouring codes that were retired or introduced."""

    def __init__(self) -> None:
        rows = table("region_codes.csv")
        self._by_group = {
            g: Weighted([r for r in rows if r["group"] == g], [float(r["weight"]) for r in rows if r["group"] == g])
            for g in ("qingdao", "shandong", "other")
        }

    def pick(self, rng: random.Random, group: str, birth_year: int) -> str:
        row = self._by_group[group].pick(rng)
        since, until = row["issued_from"], row["issued_until"]
        if (since and birth_year < int(since)) or (until and birth_year > int(until)):
            return row["replaced_by"]  # e.g. 即墨市 370282 became 即墨区 370215 in 2017
        return row["code"]


class PeopleBuilder:
    def __init__(self, rng: random.Random, ids: IdFactory, names: NameGenerator, now: int) -> None:
        self.rng, self.ids, self.names, self.now = rng, ids, names, now
        self.today = local_date(now)  # ages as a grid worker in Qingdao counts them
        self._birth_bounds: dict[int, tuple[int, int]] = {}
        self._births: dict[int, tuple[date, str, int]] = {}  # ordinal → date, ISO text, noon UTC
        self.regions = Regions()
        self.overseas = table("overseas.csv")
        self.moved_to = document("texts.json")["moved_out_to"]
        self.people: list[Person] = []
        self._id_numbers: set[str] = set()
        self._id_maker = IdNumberMaker()

    def _birth(self, age: int) -> tuple[date, str, int]:
        """A birth date with age_on(birth, today) == age: the date, as text, and its noon
        (UTC, as clock microseconds)."""
        bounds = self._birth_bounds.get(age)
        if bounds is None:
            latest = _years_before(self.today, age)
            earliest = _years_before(self.today, age + 1) + timedelta(days=1)
            bounds = self._birth_bounds[age] = (earliest.toordinal(), (latest - earliest).days + 1)
        ordinal = bounds[0] + self.rng.randrange(bounds[1])
        birth = self._births.get(ordinal)
        if birth is None:
            d = date.fromordinal(ordinal)
            birth = self._births[ordinal] = (d, d.isoformat(), day_of(d) * DAY + 12 * HOUR)
        return birth

    def _id_number(self, region_group: str, birth: date, sex: str) -> str:
        while True:
            region = self.regions.pick(self.rng, region_group, birth.year)
            seq = self.rng.randrange(500) * 2 + (1 if sex == "M" else 0)
            number = self._id_maker.make(region, birth, seq)
            if number not in self._id_numbers:
                self._id_numbers.add(number)
                return number

    def _region_group(self, family: Family, age: int) -> str:
        rng = self.rng
        if family.residence == "floating":
            return "shandong" if chance(rng, 0.82) else "other"
        if age >= 25 and chance(rng, 0.1):
            return "shandong"  # came for work or study and settled (落户)
        return "qingdao"

    def _phone(self, age: int, shared_landline: list[str]) -> str | None:
        rng = self.rng
        if age < 12:
            return None
        if age < 18:
            return mobile(rng) if chance(rng, 0.5) else None
        if age < 70:
            return mobile(rng) if chance(rng, 0.97) else None
        r = rng.random()
        if r < (0.6 if age < 85 else 0.3):
            return mobile(rng)
        if r < 0.9:
            if not shared_landline:
                shared_landline.append(landline(rng))
            return shared_landline[0]  # an elderly couple shares the home phone
        return None

    def settle(self, family: Family, dwelling: Row, building: Building) -> None:
        """Create the family's residents in the dwelling and fill the dwelling's row."""
        rng = self.rng
        cell = building.cell
        shared_landline: list[str] = []
        overseas = self.overseas[rng.randrange(len(self.overseas))] if family.residence == "overseas" else None
        dwelling["occupancy"] = "rented" if family.rented else "owner"
        now = self.now
        for m in family.members:
            birth, birth_text, born = self._birth(m.age)
            if overseas is not None:
                m.sex = overseas["sex"]
                name = overseas["name"]
                digits = int(overseas["passport_digits"])
                id_number = overseas["passport_prefix"] + f"{rng.randrange(10**digits):0{digits}d}"
                id_type, ethnicity, notes = "passport", None, f"国籍：{overseas['nationality']}"
            else:
                name = m.surname + self.names.given(m.sex, birth.year)
                id_number = self._id_number(self._region_group(family, m.age), birth, m.sex)
                id_type, ethnicity, notes = "resident_id", ETHNICITIES.pick(rng), None
            phone = self._phone(m.age, shared_landline)
            created = max(now - int(rng.uniform(200, 1000) * DAY), born + 40 * DAY)
            if m.status == "active":
                updated = stamp(created + int((now - created) * rng.random()))
            else:
                updated = stamp(created + int((now - created) * rng.uniform(0.3, 0.95)))
                when = updated[:7]  # 2026-03
                moved = f"已迁出至{rng.choice(self.moved_to)}（{when}）"
                notes = f"已故（{when}）" if m.status == "deceased" else moved
            row = {"id": self.ids.at(created), "version": 0, "created_at": stamp(created), "updated_at": updated,
                   "deleted_at": None, "name": name, "sex": m.sex, "id_number": id_number, "id_type": id_type,
                   "birth_date": birth_text, "phone": phone, "ethnicity": ethnicity,
                   "residence_type": family.residence, "household_id": dwelling["id"],
                   "relation_to_head": m.relation, "status": m.status, "grid_cell_id": cell.id,
                   "community_code": cell.community.code, "notes": notes,
                   **derived_columns(name, id_number, phone)}
            if m.relation == HEAD:
                dwelling["head_resident_id"] = row["id"]
            self.people.append(Person(row, created, m.age, m.surname, cell, building, dwelling, family, m))

    def add_rare_names(self) -> None:
        """Make sure some names carry characters outside the BMP/basic CJK block, which
        break naive storage, fonts and search: 䶮 (U+4DAE), 𠮷 (U+20BB7), 堃 喆 昇."""
        wanted = list(RARE_GIVEN_NAMES) + [(c, "M") for c in "堃喆昇"]
        taken: set[int] = set()
        for given, sex in wanted:
            if any(given in p.row["name"] for p in self.people):
                continue
            fits = [i for i, p in enumerate(self.people)
                    if i not in taken and p.row["id_type"] == "resident_id" and p.member.sex == sex
                    and 18 <= p.age <= 45]
            if given == "䶮":  # as in 刘䶮, founder of the Southern Han
                fits = [i for i in fits if self.people[i].surname == "刘"] or fits
            if not fits:
                continue
            i = fits[self.rng.randrange(len(fits))]
            taken.add(i)
            row = self.people[i].row
            row["name"] = self.people[i].surname + given
            row.update(derived_columns(row["name"], row["id_number"], row["phone"]))
