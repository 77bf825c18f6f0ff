"""Fixtures for the import tests: places to import into, users, and messy workbooks and
CSV files built here with openpyxl (no binary files in the repository).

Builds on tests/core/conftest.py's `community` (湛山社区: 1号楼 at 湛山三路1号 with rooms
101/102/201/202 and no units; residents without ID numbers; tags 独居老人, 低保, 优抚对象).
`places` adds 湛山三路2号 (2号楼, units 1 and 2) and 湛山四路2号 (also 2号楼), so 「2号楼」
alone is ambiguous, and a resident of another community.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.idnumbers import check_digit
from db.models import Building, Division, GridCell, Household, Resident, StaffUser, Unit

COMMUNITY = "370202010004"
OTHER_COMMUNITY = "370202010001"


def id_number(birth: date, sequence: int, region: str = "370202") -> str:
    """A valid 18-digit ID number (odd sequence: male)."""
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + check_digit(body)


def bad_checksum(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


# the people of the messy workbook
WANG = id_number(date(1950, 3, 15), 22)  # 王秀兰, female
ZHANG = id_number(date(1980, 1, 1), 123)  # male
ZHAO = id_number(date(1975, 6, 1), 44)  # 赵敏, female
SUN = id_number(date(1990, 2, 2), 11)  # male
OUTSIDER = id_number(date(1966, 6, 6), 67)  # a man who lives in another community


@dataclass(frozen=True)
class Places:
    san_2: str  # 湛山三路2号 (2号楼), units 1 and 2
    si_2: str  # 湛山四路2号 (also 2号楼)
    unit_1: str
    unit_2: str
    room_1_101: str
    room_1_102: str
    room_2_201: str
    cell_a: str
    one: str  # 1号楼, 湛山三路1号, no units
    one_101: str
    one_102: str


@pytest.fixture
def places(community: Session) -> Places:
    s = community
    cell_a = s.scalars(select(GridCell).where(GridCell.code == "A")).one()
    cell_b = s.scalars(select(GridCell).where(GridCell.code == "B")).one()
    san = Building(community_code=COMMUNITY, grid_cell_id=cell_a.id, name="2号楼",
                   address="山东省青岛市市南区湛山三路2号", road="湛山三路", house_number="2",
                   latitude=36.066, longitude=120.386)
    si = Building(community_code=COMMUNITY, grid_cell_id=cell_b.id, name="2号楼",
                  address="山东省青岛市市南区湛山四路2号", road="湛山四路", house_number="2",
                  latitude=36.067, longitude=120.387)
    s.add_all([san, si])
    s.flush()
    u1, u2, u_si = Unit(building_id=san.id, number="1"), Unit(building_id=san.id, number="2"), Unit(
        building_id=si.id, number="1")
    s.add_all([u1, u2, u_si])
    s.flush()
    h101 = Household(building_id=san.id, unit_id=u1.id, room="101", grid_cell_id=cell_a.id)
    h102 = Household(building_id=san.id, unit_id=u1.id, room="102", grid_cell_id=cell_a.id)
    h201 = Household(building_id=san.id, unit_id=u2.id, room="201", grid_cell_id=cell_a.id)
    h_si = Household(building_id=si.id, unit_id=u_si.id, room="101", grid_cell_id=cell_b.id)
    s.add_all([h101, h102, h201, h_si])
    s.add(Division(code=OTHER_COMMUNITY, name="秀湛路社区", level="community", parent_code="370202010"))
    s.flush()
    s.add(Resident(name="外社区", sex="M", id_number=OUTSIDER, community_code=OTHER_COMMUNITY,
                   residence_type="registered"))
    one = s.scalars(select(Building).where(Building.name == "1号楼")).one()
    rooms = {h.room: h.id for h in s.scalars(select(Household).where(Household.building_id == one.id))}
    s.commit()
    return Places(san.id, si.id, u1.id, u2.id, h101.id, h102.id, h201.id, cell_a.id, one.id, rooms["101"],
                  rooms["102"])


def _user(session: Session, username: str) -> CurrentUser:
    staff = session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
    role_name, permissions = roles.DEFAULT_ROLES[staff.role_code]
    return CurrentUser(staff.id, staff.username, staff.display_name, staff.role_code, role_name,
                       frozenset(permissions), staff.community_code)


@pytest.fixture
def supervisor(community: Session) -> CurrentUser:
    return _user(community, "chen")


@pytest.fixture
def worker(community: Session) -> CurrentUser:
    return _user(community, "wang")


# files ---------------------------------------------------------------------------------------
def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, merges: Iterable[str] = (), sheet: str = "居民信息",
               text_columns: str = "") -> Path:
    """A workbook with these rows (None = empty cell) and merged ranges; columns listed in
    text_columns (letters) get Excel's text format."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for letter in text_columns:
        for cell in ws[letter]:
            cell.number_format = "@"
    for block in merges:
        ws.merge_cells(block)
    wb.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


HEADER_TOP = ["序号", "姓名", "性别", "身份证号码", "联系电话", "住址", None, None, "与户主关系", "人员类别",
              "特殊人群", "出生日期", "备注"]
HEADER_SUB = [None, None, None, None, None, "楼栋", "单元", "房号", None, None, None, None, None]
# merged like a real form: the title across, 住址 over its three parts, every other header down two rows
MERGES = ["A1:M1", "F3:H3", *(f"{c}3:{c}4" for c in "ABCDEIJKLM")]
EMPTY = [None] * 13


def messy_rows(*, as_csv: bool = False) -> list[list[Any]]:
    """The deliberately messy register (see EXPECTED_PROBLEMS). In the CSV variant every
    value is text, the way Excel saves a CSV (a damaged ID number is already text there)."""
    def num(value: Any, text: str) -> Any:
        return text if as_csv else value

    rows: list[list[Any]] = [
        ["湛山社区居民信息登记表", *[None] * 12],
        ["填报单位：湛山社区居委会　　填报日期：2026年11月", *[None] * 12],
        HEADER_TOP,
        HEADER_SUB,
        # 5: valid, the head of a household, a special-group tag, a real date cell
        [1, "王秀兰", "女", WANG, "13812345678", "湛山三路2号", "1", "101", "户主", "户籍", "独居老人",
         num(datetime(1950, 3, 15), "1950/3/15"), None],
        # 6–8: ID numbers Excel turned into numbers
        [2, "张伟", "男", num(float(ZHANG), "3.70202198001011E+17"), "13800000001", "湛山三路2号", "1", "102", "户主",
         "户籍", None, None, None],
        [3, "张伟", "男", "3.70202E+17", "13800000001", "湛山三路2号", "1", "102", "户主", "户籍", None, None, None],
        [4, "张伟", "男", ZHANG + ".0", "13800000001", "湛山三路2号", "1", "102", "户主", "户籍", None, None, None],
        # 9: a typing error in the ID number
        [5, "孙强", "男", bad_checksum(SUN), "13800000002", "湛山三路2号", "2", "201", "户主", "流动", None, None,
         None],
        # 10: full-width digits, stray spaces and a line break: cleaned silently
        [6, " 赵  敏\n", "女", ZHAO.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}), "138 0000 1111",
         "湛山三路2号", "1", "102", "户主", "户籍", None, None, None],
        EMPTY,
        EMPTY,
        # 13: the same person as row 5 again
        [7, "王秀兰", "女", WANG, "13812345678", "湛山三路2号", "1", "101", "户主", "户籍", None, None, None],
        # 14: a building the register does not have
        [8, "钱多", "男", id_number(date(1985, 5, 5), 55), None, "99号楼", "1", "101", None, "户籍", None, None, None],
        # 15: 2号楼 stands on two roads
        [9, "周全", "男", id_number(date(1986, 6, 6), 67), None, "2号楼", "1", "101", None, "户籍", None, None, None],
        # 16–17: a room not registered yet in a known building and unit: the household is created
        [10, "吴芳", "女", id_number(date(1991, 1, 1), 2), None, "湛山三路2号", "2", "202", "户主", "户籍", None, None,
         None],
        [11, "郑义", "男", id_number(date(1990, 1, 1), 1), None, "湛山三路2号", "2", "202室", "配偶", "户籍", None,
         None, None],
        # 18: no ID number; the birth date is an Excel serial number
        [12, "李娜", "女", None, None, "湛山三路1号", None, "102", "子女", "户籍", None, num(29221, "29221"), None],
        # 19: the birth date disagrees with the ID number
        [13, "冯梅", "女", id_number(date(1970, 7, 7), 8), None, "湛山三路2号", "1", "101", "子女", "户籍", None,
         "1980年1月1日", None],
        # 20: a landline that lost its leading 0 in a number cell
        [14, "陈涛", "男", id_number(date(1960, 1, 1), 13), num(53288886666, "53288886666"), "湛山三路2号", "2", "201",
         "子女", "户籍", None, None, None],
        # 21: a tag the register does not know
        [15, "褚红", "女", id_number(date(1955, 5, 5), 24), None, "湛山三路2号", "2", "201", "配偶", "户籍", "低保户",
         None, None],
        # 22: 女 with a man's ID number
        [16, "卫东", "女", id_number(date(1965, 5, 5), 35), None, "湛山三路2号", "2", "201", "子女", "户籍", None, None,
         None],
        # 23: registered in another community
        [17, "外社区", "男", OUTSIDER, None, "湛山三路2号", "2", "201", "其他", "户籍", None, None, None],
        # 24: already in the register (no ID number): found by name in its household, updated
        [18, "李明", "女", None, "13900000003", "湛山三路1号", None, "101", None, None, "优抚对象", None, None],
        # 25: 1-102 in the room column means unit 1, room 102
        [19, "蒋勇", "男", id_number(date(1988, 8, 8), 99), None, "湛山三路2号", None, "1-102", "子女", "户籍", None,
         None, None],
    ]
    return rows


# (row, field, code, severity) the messy workbook must produce, no more and no less
EXPECTED_PROBLEMS = [
    (6, "id_number", "id_number_excel_damaged", "error"),
    (7, "id_number", "id_number_excel_damaged", "error"),
    (8, "id_number", "id_number_excel_damaged", "error"),
    (9, "id_number", "id.checksum", "error"),
    (13, "id_number", "duplicate_in_file", "error"),
    (14, "building", "building_unknown", "error"),
    (15, "building", "building_ambiguous", "error"),
    (16, "room", "household_new", "warning"),
    (18, "id_number", "id.missing", "warning"),
    (19, "birth_date", "birth_date.mismatch", "error"),
    (20, "phone", "phone_zero_lost", "error"),
    (21, "tags", "tag.unknown", "error"),
    (22, "sex", "sex.mismatch", "error"),
    (23, "id_number", "resident_other_community", "error"),
    (24, "id_number", "id.missing", "warning"),
]
VALID_ROWS = [5, 10, 16, 17, 18, 24, 25]


@pytest.fixture
def messy_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "湛山社区居民登记表.xlsx", messy_rows(), merges=MERGES)


@pytest.fixture
def messy_gbk_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "居民登记表.csv", messy_rows(as_csv=True), encoding="gbk")


def dump(db_file: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table (the full-text index's too) and the schema, to tell "as before"."""
    conn = sqlite3.connect(db_file)
    try:
        out: dict[str, list[tuple[Any, ...]]] = {
            "sqlite_master": sorted(conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall(),
                                    key=repr)}
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            out[name] = sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        return out
    finally:
        conn.close()


def db_file(session: Session) -> Path:
    database = session.get_bind().url.database
    assert database
    return Path(database)


REFUSED_NAME = "爆炸"


def refuse_resident_named(session: Session, name: str = REFUSED_NAME) -> None:
    """A trigger that makes the database refuse one resident mid-import ("disk on fire")."""
    with session.get_bind().connect() as conn:
        conn.exec_driver_sql(f"CREATE TRIGGER boom BEFORE INSERT ON resident WHEN NEW.name = '{name}' "
                             "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
        conn.commit()
