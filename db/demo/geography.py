"""Divisions, grid cells and places (一标三实) around 湛山, 市南区, Qingdao.

Cells tile each community's rectangle: a lattice of shared vertices, nudged at random,
with a shared wiggle point on every inner edge. Shared vertices make neighbouring
polygons meet exactly, so cells never overlap and leave no gaps. Buildings are placed
inside a cell shrunk by a margin, so rounding never pushes one across a boundary.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

from db.demo.clock import DAY, stamp
from db.demo.data import split, table
from db.demo.seeded import IdFactory

Row = dict[str, Any]

STREET_THRESHOLD = 20_000  # above this many residents the demo covers the whole street
RESIDENTS_PER_CELL = 600
PROVINCE, CITY, DISTRICT, STREET = "370000", "370200", "370202", "370202010"
ADDRESS_PREFIX = "山东省青岛市市南区"
VACANCY = 0.08

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–999 in Chinese numerals as used in names: 十二, 二十, 一百零五, 一百一十."""
    if not 0 < n < 1000:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = _DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _DIGITS[rest]
    return head + _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")


@dataclass(frozen=True, slots=True)
class Community:
    code: str
    name: str
    share: float
    west: float
    south: float
    east: float
    north: float
    roads: tuple[str, ...]


@dataclass(slots=True, eq=False)
class Cell:
    id: str
    code: str
    name: str
    kind: str  # basic / exclusive
    community: Community
    polygon: Polygon
    staff_id: str | None = None
    buildings: list[Building] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Building:
    id: str
    cell: Cell
    name: str
    address: str
    road: str
    number: int
    latitude: float
    longitude: float
    households: list[Row] = field(default_factory=list)


def communities() -> list[Community]:
    return [
        Community(r["code"], r["name"], float(r["share"]), float(r["west"]), float(r["south"]),
                  float(r["east"]), float(r["north"]), tuple(split(r["roads"])))
        for r in table("communities.csv")
    ]


def division_rows(now: int, ids: IdFactory) -> list[Row]:
    made = now - 1100 * DAY
    entries = [(PROVINCE, "山东省", "province", None), (CITY, "青岛市", "city", PROVINCE),
               (DISTRICT, "市南区", "district", CITY), (STREET, "湛山街道", "street", DISTRICT)]
    entries += [(c.code, c.name, "community", STREET) for c in communities()]
    return [{**ids.row(made), "code": code, "name": name, "level": level, "parent_code": parent}
            for code, name, level, parent in entries]


def plan_communities(residents: int) -> list[tuple[Community, int]]:
    """Which communities get how many residents: the demo community alone, or the street."""
    all_ = communities()
    if residents <= STREET_THRESHOLD:
        return [(all_[0], residents)]
    plan, left = [], residents
    for i, c in enumerate(all_):
        n = left if i == len(all_) - 1 else round(residents * c.share)
        plan.append((c, n))
        left -= n
    return plan


class GeographyBuilder:
    def __init__(self, rng: random.Random, ids: IdFactory, now: int) -> None:
        self.rng, self.ids, self.now = rng, ids, now
        self.cells: list[Cell] = []
        self.buildings: list[Building] = []
        self.cell_rows: list[Row] = []
        self.building_rows: list[Row] = []
        self.unit_rows: list[Row] = []
        self.household_rows: list[Row] = []
        self._next_number: dict[str, int] = {}

    # ---- grid cells -------------------------------------------------------------------
    def add_cells(self, community: Community, residents: int) -> list[Cell]:
        rng = self.rng
        wanted = max(2, round(residents / RESIDENTS_PER_CELL)) + 1  # +1: a school's 专属网格
        width = (community.east - community.west) * math.cos(math.radians(community.south))
        height = community.north - community.south
        cols = max(1, round(math.sqrt(wanted * width / height)))
        rows = max(2, math.ceil(wanted / cols))
        dx = (community.east - community.west) / cols
        dy = (community.north - community.south) / rows

        def vertex(r: int, c: int) -> tuple[float, float]:
            x, y = community.west + c * dx, community.south + r * dy
            if 0 < c < cols:
                x += rng.uniform(-0.22, 0.22) * dx
            if 0 < r < rows:
                y += rng.uniform(-0.22, 0.22) * dy
            if c == cols:
                x = community.east  # exact, so neighbouring communities meet on one line
            if r == rows:
                y = community.north
            return round(x, 6), round(y, 6)

        grid = [[vertex(r, c) for c in range(cols + 1)] for r in range(rows + 1)]

        def wiggle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
            # a shared point on an inner edge, pushed sideways a little: boundaries look drawn
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            nx, ny = -(b[1] - a[1]), b[0] - a[0]
            k = rng.uniform(-0.08, 0.08)
            return round(mx + k * nx, 6), round(my + k * ny, 6)

        horizontal = {(r, c): wiggle(grid[r][c], grid[r][c + 1])
                      for r in range(1, rows) for c in range(cols)}
        vertical = {(r, c): wiggle(grid[r][c], grid[r + 1][c])
                    for r in range(rows) for c in range(1, cols)}
        made = self.now - 1000 * DAY
        cells = []
        school_number = rows * cols  # the south-east corner cell holds the school
        basic_no = 0
        for number in range(1, rows * cols + 1):
            r = rows - 1 - (number - 1) // cols  # numbered from the north-west, row by row
            c = (number - 1) % cols
            ring = [grid[r][c]]
            if (r, c) in horizontal:
                ring.append(horizontal[(r, c)])
            ring.append(grid[r][c + 1])
            if (r, c + 1) in vertical:
                ring.append(vertical[(r, c + 1)])
            ring.append(grid[r + 1][c + 1])
            if (r + 1, c) in horizontal:
                ring.append(horizontal[(r + 1, c)])
            ring.append(grid[r + 1][c])
            if (r, c) in vertical:
                ring.append(vertical[(r, c)])
            ring.append(ring[0])
            if number == school_number:
                kind, name = "exclusive", f"{community.name}学校专属网格"
            else:
                basic_no += 1
                kind, name = "basic", f"{community.name}第{chinese_number(basic_no)}网格"
            sync = self.ids.row(made)
            cell = Cell(sync["id"], f"{community.code}{number:03d}", name, kind, community, Polygon(ring))
            geojson = json.dumps({"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
                                 separators=(",", ":"))
            self.cell_rows.append({**sync, "code": cell.code, "name": name, "kind": kind,
                                   "community_code": community.code, "geometry_geojson": geojson,
                                   "responsible_staff_id": None})
            cells.append(cell)
        self.cells.extend(cells)
        return cells

    # ---- buildings, units and dwellings -----------------------------------------------
    def _spots(self, cell: Cell, count: int) -> list[tuple[float, float]]:
        """count (lng, lat) points well inside the cell, spread over it."""
        minx, miny, maxx, maxy = cell.polygon.bounds
        inner = cell.polygon.buffer(-0.1 * min(maxx - minx, maxy - miny))
        shapely.prepare(inner)
        k = max(2, math.ceil(math.sqrt(count)))
        while True:
            xs = np.repeat(np.linspace(minx, maxx, k + 2)[1:-1], k)
            ys = np.tile(np.linspace(miny, maxy, k + 2)[1:-1], k)
            xs = xs + np.array([self.rng.uniform(-0.25, 0.25) for _ in range(k * k)]) * (maxx - minx) / (k + 1)
            ys = ys + np.array([self.rng.uniform(-0.25, 0.25) for _ in range(k * k)]) * (maxy - miny) / (k + 1)
            xs, ys = np.round(xs, 6), np.round(ys, 6)
            inside = np.flatnonzero(shapely.contains_xy(inner, xs, ys))
            if len(inside) >= count:
                chosen = sorted(self.rng.sample(range(len(inside)), count))
                return [(float(xs[inside[i]]), float(ys[inside[i]])) for i in chosen]
            k += 1

    def _address(self, cell: Cell, index: int) -> tuple[str, int]:
        roads = cell.community.roads
        road = roads[(hash_index(cell.code) + index) % len(roads)]
        if road not in self._next_number:
            self._next_number[road] = self.rng.randint(0, 30)  # the demo shows a stretch of each road
        number = self._next_number[road] + self.rng.choice((1, 2, 2, 3))
        self._next_number[road] = number
        return road, number

    def _building_spec(self) -> tuple[str, int, int, int, int, tuple[float, float]]:
        """(kind label, built year, floors, units, rooms per floor per unit, area range)."""
        rng = self.rng
        r = rng.random()
        if r < 0.68:  # the 1980s–90s six-storey walk-ups that make up old 市南 communities
            return "walkup", rng.randint(1982, 2002), rng.choice((5, 6, 6, 6, 7)), rng.randint(2, 4), 2, (45, 88)
        if r < 0.9:
            return "midrise", rng.randint(2003, 2014), rng.choice((9, 11, 11, 12)), 2, 2, (75, 125)
        floors, units = rng.randint(18, 26), rng.randint(1, 2)
        return "highrise", rng.randint(2008, 2019), floors, units, rng.choice((3, 4)), (80, 140)

    def add_buildings(self, cell: Cell, families: int) -> list[tuple[Row, Building]]:
        """Residential buildings enough for `families` plus some vacant dwellings; returns
        the dwellings (household rows, occupancy still unset) in a shuffled order."""
        rng, ids = self.rng, self.ids
        if cell.kind == "exclusive":
            self._add_school(cell)
            return []
        need = math.ceil(families / (1 - VACANCY)) if families else 0
        specs = []
        while need > 0:
            _kind, year, floors, units, per_floor, area = self._building_spec()
            per_unit = floors * per_floor
            units = min(units, max(1, math.ceil(need / per_unit)))
            specs.append((year, floors, units, per_floor, area))
            need -= units * per_unit
        dwellings: list[tuple[Row, Building]] = []
        for i, (spot, (year, floors, units, per_floor, area)) in enumerate(
                zip(self._spots(cell, len(specs)), specs, strict=True)):
            made = self.now - int(rng.uniform(700, 950) * DAY)
            made_text = stamp(made)
            road, number = self._address(cell, i)
            b = Building(ids.at(made), cell, f"{number}号楼", f"{ADDRESS_PREFIX}{road}{number}号", road, number,
                         spot[1], spot[0])
            self.building_rows.append(self._building_row(b, made_text, "residential", floors, year))
            for u in range(1, units + 1):
                unit_id = ids.at(made)
                self.unit_rows.append({"id": unit_id, "version": 0, "created_at": made_text, "updated_at": made_text,
                                       "deleted_at": None, "building_id": b.id, "number": str(u)})
                for floor in range(1, floors + 1):
                    for door in range(1, per_floor + 1):
                        row = {"id": ids.at(made), "version": 0, "created_at": made_text, "updated_at": made_text,
                               "deleted_at": None, "building_id": b.id, "unit_id": unit_id,
                               "room": f"{floor}{door:02d}", "occupancy": "vacant",
                               "area_m2": round(rng.uniform(*area), 2), "head_resident_id": None,
                               "grid_cell_id": cell.id}
                        row["_unit"] = str(u)  # for texts; dropped before insert
                        b.households.append(row)
                        dwellings.append((row, b))
            cell.buildings.append(b)
            self.buildings.append(b)
        self.household_rows.extend(row for row, _b in dwellings)
        rng.shuffle(dwellings)
        return dwellings

    def _add_school(self, cell: Cell) -> None:
        made = self.now - 900 * DAY
        for i, ((lng, lat), (name, floors)) in enumerate(
                zip(self._spots(cell, 2), (("教学楼", 4), ("综合楼", 3)), strict=True)):
            road, number = self._address(cell, i)
            b = Building(self.ids.at(made), cell, name, f"{ADDRESS_PREFIX}{road}{number}号", road, number, lat, lng)
            self.building_rows.append(self._building_row(b, stamp(made), "school", floors, 1998))
            cell.buildings.append(b)
            self.buildings.append(b)

    @staticmethod
    def _building_row(b: Building, made: str, kind: str, floors: int, year: int) -> Row:
        return {"id": b.id, "version": 0, "created_at": made, "updated_at": made, "deleted_at": None,
                "community_code": b.cell.community.code, "grid_cell_id": b.cell.id, "name": b.name,
                "address": b.address, "road": b.road, "house_number": str(b.number), "kind": kind,
                "floors": floors, "built_year": year, "latitude": b.latitude, "longitude": b.longitude}


def hash_index(code: str) -> int:
    """A stable small number from a cell code (Python's hash() is salted per process)."""
    return sum(map(ord, code))

