"""The demo generator: deterministic, and believable down to check digits and timelines.

One 3000-resident demo is generated per module (about a second) and read back with plain
SQL, so every assertion is about what is stored.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sqlite3
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
import shapely
from shapely.geometry import Point, shape
from sqlalchemy import JSON, Date, create_engine, insert, select
from sqlalchemy.orm import Session

from community_app.core.localtime import SHANGHAI
from community_app.core.passwords import password_needs_rehash, verify_password
from community_app.core.roles import DEFAULT_ROLES, GRID_WORKER
from community_app.core.stages import ALL_STAGES, CLOSED, MERGED, OPEN_STAGES, REVIEWED
from db.demo import DEMO_ACCOUNTS, generate, generate_demo
from db.demo import __main__ as cli
from db.demo.clock import micros
from db.demo.writer import to_json, write_tables
from db.engine import make_engine
from db.migrate import create_database, open_database
from db.models import Resident, UTCDateTime

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 in Qingdao
TODAY = date(2026, 11, 24)  # the China date ages are counted on
DEMO_COMMUNITY = "370202010004"


def age(birth: date, today: date = TODAY) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def gb11643_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 written out from the standard, independent of db.demo.idnumbers."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return "0123456789X"[(12 - total % 11) % 11]


def rows(db: Path, sql: str, *args: Any) -> list[sqlite3.Row]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, args).fetchall()


def table_digest(db: Path, table: str, skip: tuple[str, ...] = ()) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in skip]
        quoted = ", ".join(f'"{c}"' for c in cols)
        data = conn.execute(f"SELECT {quoted} FROM {table} ORDER BY id").fetchall()
    return hashlib.sha256(repr(data).encode()).hexdigest()


SYNCED_TABLES = ("division", "role", "staff_user", "grid_cell", "building", "unit", "household", "resident",
                 "special_group_tag", "resident_tag", "visit_rule", "category", "service_request",
                 "request_event", "visit", "patrol_plan", "patrol_round", "patrol_round_item", "notice")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    seen: list[tuple[str, float]] = []
    summary = generate_demo(path, residents=3000, seed=20201, now=NOW, progress=lambda s, f: seen.append((s, f)))
    assert summary.residents == 3000 and summary.requests == 375
    assert seen[0][1] == 0.0 and seen[-1][1] == 1.0
    assert [f for _s, f in seen] == sorted(f for _s, f in seen)
    return path


# ---- determinism and the file itself ------------------------------------------------------


def test_same_seed_and_now_give_the_same_rows(demo: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite"
    generate_demo(again, residents=3000, seed=20201, now=NOW)
    for table in SYNCED_TABLES:  # password salts too come from the seed
        assert table_digest(demo, table) == table_digest(again, table), table


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    one, other = tmp_path / "one.sqlite", tmp_path / "other.sqlite"
    generate_demo(one, residents=300, seed=7, now=NOW)
    generate_demo(other, residents=300, seed=8, now=NOW)
    assert table_digest(one, "resident") != table_digest(other, "resident")
    names = {r["name"] for r in rows(one, "SELECT name FROM resident")}
    assert len(names & {r["name"] for r in rows(other, "SELECT name FROM resident")}) < len(names) / 2


def test_file_opens_in_the_app_at_head_and_is_sound(demo: Path) -> None:
    result = open_database(demo)
    try:
        assert not result.created and result.upgraded_from is None
        with result.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            indexes = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'")}
            assert {"ix_resident_name_birth", "ix_service_request_stage_due"} <= indexes  # rebuilt after load
    finally:
        result.engine.dispose()


def test_ids_are_uuid7_stamped_with_the_row_time_and_nothing_is_synced_yet(demo: Path) -> None:
    for table in SYNCED_TABLES:
        assert rows(demo, f"SELECT count(*) FROM {table} WHERE version != 0")[0][0] == 0, table
        assert rows(demo, f"SELECT count(*) FROM {table} WHERE updated_at < created_at")[0][0] == 0, table
    for r in rows(demo, "SELECT id, created_at FROM resident LIMIT 200"):
        u = uuid.UUID(r["id"])
        assert u.version == 7
        created = datetime.fromisoformat(r["created_at"]).replace(tzinfo=UTC)
        assert u.int >> 80 == int(created.timestamp() * 1000)


def test_datetimes_read_back_aware_utc_and_rare_characters_survive(demo: Path) -> None:
    engine = make_engine(demo)
    try:
        with Session(engine) as s:
            names = s.scalars(select(Resident.name).where(Resident.name.contains("䶮"))).all()
            assert names and all("\u4dae" in n for n in names)
            ji = s.scalars(select(Resident).where(Resident.name.contains("𠮷"))).all()
            assert ji and all(chr(0x20BB7) in r.name for r in ji)
            assert ji[0].created_at.tzinfo is UTC and ji[0].created_at <= NOW
        for ch in "堃喆昇":
            assert rows(demo, "SELECT count(*) FROM resident WHERE name LIKE ?", f"%{ch}%")[0][0] >= 1
        raw = rows(demo, "SELECT CAST(name AS BLOB) AS b FROM resident WHERE name LIKE '%𠮷%'")
        assert b"\xf0\xa0\xae\xb7" in raw[0]["b"]  # stored as 4-byte UTF-8, not as a surrogate pair
    finally:
        engine.dispose()


# ---- places ---------------------------------------------------------------------------


def test_divisions_are_the_real_codes_of_zhanshan(demo: Path) -> None:
    got = {r["code"]: (r["name"], r["parent_code"]) for r in rows(demo, "SELECT * FROM division")}
    assert got["370200"] == ("青岛市", "370000")
    assert got["370202"] == ("市南区", "370200")
    assert got["370202010"] == ("湛山街道", "370202")
    assert got[DEMO_COMMUNITY] == ("湛山社区", "370202010")
    assert {"370202010001", "370202010003", "370202010005"} <= got.keys()


def test_grid_cells_are_valid_non_overlapping_polygons_around_zhanshan(demo: Path) -> None:
    cells = rows(demo, "SELECT * FROM grid_cell ORDER BY code")
    assert 5 <= len(cells) <= 8
    polygons = []
    for c in cells:
        assert re.fullmatch(DEMO_COMMUNITY + r"\d{3}", c["code"])
        geo = json.loads(c["geometry_geojson"])
        assert geo["type"] == "Polygon"
        ring = geo["coordinates"][0]
        assert ring[0] == ring[-1] and len(ring) >= 5
        for lng, lat in ring:  # [lng, lat] order, in the 湛山 area
            assert 120.37 <= lng <= 120.41 and 36.05 <= lat <= 36.075
        poly = shape(geo)
        assert poly.is_valid and poly.area > 0
        polygons.append(poly)
    for i, a in enumerate(polygons):
        for b in polygons[i + 1:]:
            assert a.intersection(b).area < 1e-12
    assert sum(c["kind"] == "exclusive" for c in cells) == 1
    assert cells[0]["name"] == "湛山社区第一网格"
    temple = Point(120.3925, 36.0617)  # 湛山寺 lies inside the community's cells
    assert shapely.union_all(polygons).buffer(1e-4).contains(temple)


def test_buildings_and_requests_lie_inside_their_grid_cell(demo: Path) -> None:
    cells = {r["id"]: shape(json.loads(r["geometry_geojson"])) for r in rows(demo, "SELECT * FROM grid_cell")}
    buildings = rows(demo, "SELECT * FROM building")
    assert len(buildings) >= 20
    for b in buildings:
        assert cells[b["grid_cell_id"]].contains(Point(b["longitude"], b["latitude"])), b["address"]
        assert b["address"] == f"山东省青岛市市南区{b['road']}{b['house_number']}号"
        assert b["road"] in {"湛山二路", "湛山三路", "湛山四路", "湛山五路", "湛山六路", "湛山七路", "湛山九路"}
    for r in rows(demo, "SELECT latitude, longitude, grid_cell_id FROM service_request"):
        assert cells[r["grid_cell_id"]].contains(Point(r["longitude"], r["latitude"]))


def test_households_have_one_head_and_believable_ages(demo: Path) -> None:
    people = rows(demo, "SELECT * FROM resident")
    by_household: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for p in people:
        by_household[p["household_id"]].append(p)
    households = {h["id"]: h for h in rows(demo, "SELECT * FROM household")}
    for hid, h in households.items():
        members = by_household.get(hid, [])
        assert (h["occupancy"] == "vacant") == (not members)
        if not members:
            continue
        heads = [m for m in members if m["relation_to_head"] == "户主"]
        assert len(heads) == 1 and heads[0]["status"] == "active" and h["head_resident_id"] == heads[0]["id"]
        head_birth = date.fromisoformat(heads[0]["birth_date"])
        for m in members:
            birth = date.fromisoformat(m["birth_date"])
            gap = age(head_birth, birth) if birth > head_birth else -age(birth, head_birth)
            if m["relation_to_head"] == "子女":
                assert gap >= 18, (m["name"], heads[0]["name"])
            elif m["relation_to_head"] == "孙子女":
                assert gap >= 36
            elif m["relation_to_head"] == "父母":
                assert gap <= -19
            elif m["relation_to_head"] == "配偶":
                assert m["sex"] != heads[0]["sex"]
    ages = [age(date.fromisoformat(p["birth_date"])) for p in people]
    assert 0.25 <= sum(a >= 60 for a in ages) / len(ages) <= 0.45  # an old 市南 community
    assert max(ages) <= 105 and min(ages) >= 0
    assert Counter(p["status"] for p in people)["active"] > 0.97 * len(people)
    kinds = Counter(p["residence_type"] for p in people)
    assert kinds["registered"] > kinds["floating"] > kinds["overseas"] > 0


def test_id_numbers_are_valid_and_match_birth_date_and_sex(demo: Path) -> None:
    people = rows(demo, "SELECT * FROM resident")
    numbers = [p["id_number"] for p in people]
    assert len(set(numbers)) == len(numbers)
    regions = Counter()
    for p in people:
        n = p["id_number"]
        if p["id_type"] == "passport":
            assert p["residence_type"] == "overseas" and not re.fullmatch(r"\d{17}[\dX]", n)
            continue
        assert re.fullmatch(r"\d{17}[\dX]", n), n
        assert gb11643_check(n[:17]) == n[17], n
        assert n[6:14] == p["birth_date"].replace("-", "")
        assert p["sex"] == ("M" if int(n[16]) % 2 else "F")
        regions[n[:6]] += 1
        if n.startswith("370282"):
            assert int(p["birth_date"][:4]) < 2017  # 即墨市 became 即墨区 (370215) in 2017
        if n.startswith("370215"):
            assert int(p["birth_date"][:4]) >= 2017
        if p["residence_type"] == "floating":
            assert not n.startswith("3702")
    qingdao = sum(c for r, c in regions.items() if r.startswith("3702"))
    assert qingdao > 0.8 * sum(regions.values())
    assert regions["370282"] > 0 and regions["370202"] == max(regions.values())


def test_phones_are_mainland_mobiles_or_qingdao_landlines(demo: Path) -> None:
    phones = [r["phone"] for r in rows(demo, "SELECT phone FROM resident")]
    present = [p for p in phones if p]
    assert all(re.fullmatch(r"1[3-9]\d{9}|0532-8\d{7}", p) for p in present)
    assert any(p.startswith("0532-") for p in present) and len(present) < len(phones)


def test_special_group_tags_follow_their_rules(demo: Path) -> None:
    people = {p["id"]: p for p in rows(demo, "SELECT * FROM resident")}
    active_in: Counter[str] = Counter(p["household_id"] for p in people.values() if p["status"] == "active")
    tags: dict[str, set[str]] = defaultdict(set)
    for t in rows(demo, "SELECT * FROM resident_tag"):
        tags[t["tag_code"]].add(t["resident_id"])
    for code in ("elderly_alone", "empty_nest", "aged_80", "disabled", "dibao", "left_behind_child"):
        assert tags[code], code
    for rid in tags["elderly_alone"]:
        p = people[rid]
        assert age(date.fromisoformat(p["birth_date"])) >= 60 and active_in[p["household_id"]] == 1
    for rid in tags["left_behind_child"]:
        p = people[rid]
        assert age(date.fromisoformat(p["birth_date"])) < 16 and p["relation_to_head"] == "孙子女"
    for rid in tags["aged_80"]:
        assert age(date.fromisoformat(people[rid]["birth_date"])) >= 80
    for rid in tags["empty_nest"]:
        assert age(date.fromisoformat(people[rid]["birth_date"])) >= 60
    assert not tags["dibao"] & tags["tekun"]
    assert all(people[rid]["status"] == "active" for ids in tags.values() for rid in ids)
    assert len(tags["elderly_alone"]) < len(people) * 0.08
    rules = {r["tag_code"]: r["interval_days"] for r in rows(demo, "SELECT * FROM visit_rule")}
    assert rules == {"elderly_alone": 7, "disabled": 30, "tekun": 30, "dibao": 90, "left_behind_child": 30}


# ---- staff and work -------------------------------------------------------------------


def test_demo_accounts_log_in_with_their_roles(demo: Path) -> None:
    staff = {r["username"]: r for r in rows(demo, "SELECT * FROM staff_user")}
    assert [a[0] for a in DEMO_ACCOUNTS] == ["wangli", "zhaoqiang", "chenjing", "admin"]
    for username, password, role_name in DEMO_ACCOUNTS:
        row = staff[username]
        assert verify_password(row["password_hash"], password)
        assert not password_needs_rehash(row["password_hash"])  # the app's own argon2id parameters
        assert DEFAULT_ROLES[row["role_code"]][0] == role_name
    assert not verify_password(staff["admin"]["password_hash"], DEMO_ACCOUNTS[-1][1] + "x")
    cells = rows(demo, "SELECT responsible_staff_id FROM grid_cell")
    load = Counter(c["responsible_staff_id"] for c in cells)
    assert sorted(load.values()) == [3, 3]  # each demo grid worker has half the cells
    assert {staff[u]["id"] for u in ("wangli", "zhaoqiang")} == set(load)
    assert all(staff[u]["role_code"] == GRID_WORKER for u in ("wangli", "zhaoqiang"))


def test_requests_cover_every_stage_and_channel(demo: Path) -> None:
    reqs = rows(demo, "SELECT * FROM service_request")
    assert set(ALL_STAGES) <= {r["stage"] for r in reqs}
    assert {r["channel"] for r in reqs} == {"walk_in", "phone", "patrol", "visit", "kiosk", "hotline_12345"}
    tickets = [r["ticket_no"] for r in reqs]
    assert len(set(tickets)) == len(tickets) and all(re.fullmatch(r"ZS\d{12}", t) for t in tickets)
    categories = {c["code"]: c for c in rows(demo, "SELECT * FROM category")}
    assert all(categories[r["category_code"]]["parent_code"] for r in reqs)  # always a 小类
    assert any(categories[r["category_code"]]["group"] == "service" for r in reqs)
    open_overdue = [r for r in reqs if r["stage"] in ("reported", "accepted", "dispatched", "in_progress")
                    and r["due_at"] < "2026-11-24 02:00"]
    assert open_overdue
    assert any(r["rework_count"] > 0 for r in reqs)
    reported = [r["reported_at"] for r in reqs]
    assert min(reported) >= "2026-04-01" and max(reported) < "2026-11-24 02:00"  # visits go back furthest


def test_request_timelines_are_consistent(demo: Path) -> None:
    reqs = {r["id"]: r for r in rows(demo, "SELECT * FROM service_request")}
    events: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for e in rows(demo, "SELECT * FROM request_event ORDER BY at"):
        events[e["request_id"]].append(e)
    staff = {r["id"] for r in rows(demo, "SELECT id FROM staff_user")}
    for rid, r in reqs.items():
        timeline = events[rid]
        assert timeline[0]["action"] == "report" and timeline[0]["at"] == r["reported_at"]
        times = [e["at"] for e in timeline]
        assert times == sorted(times) and len(set(times)) == len(times)
        moves = [e for e in timeline if e["to_stage"]]
        for before, after in itertools.pairwise(moves):
            assert after["from_stage"] == before["to_stage"]
        assert moves[-1]["to_stage"] == r["stage"]
        assert all(e["actor_id"] in staff for e in timeline[1:])
        assert r["rework_count"] == sum(e["action"] == "return" for e in timeline)
        assert (r["closed_at"] is not None) == (r["stage"] in (CLOSED, REVIEWED))
        assert (r["satisfaction"] is not None) == (r["stage"] == REVIEWED)
        if r["closed_at"]:
            assert r["closed_on_time"] == int(r["closed_at"] <= r["due_at"])
        assert r["due_at"] > r["reported_at"] and r["updated_at"] == times[-1]
        if r["stage"] == MERGED:
            target = reqs[r["merged_into_id"]]
            assert target["reported_at"] < r["reported_at"] and target["category_code"] == r["category_code"]
            assert target["ticket_no"] in timeline[-1]["note"]
        else:
            assert r["merged_into_id"] is None


def test_visits_and_patrols_are_linked_to_their_requests(demo: Path) -> None:
    reqs = {r["id"]: r for r in rows(demo, "SELECT * FROM service_request")}
    cell_worker = {c["id"]: c["responsible_staff_id"] for c in rows(demo, "SELECT * FROM grid_cell")}
    residents = {r["id"]: r for r in rows(demo, "SELECT * FROM resident")}
    visits = rows(demo, "SELECT * FROM visit")
    assert len(visits) > 500
    assert {v["outcome"] for v in visits} == {"ok", "concern", "not_home"}
    for v in visits:
        assert v["staff_id"] == cell_worker[residents[v["resident_id"]]["grid_cell_id"]]
        assert v["visited_at"] < "2026-11-24 02:00"
        if v["needs_followup"]:
            req = reqs[v["followup_request_id"]]
            assert req["channel"] == "visit" and req["visit_id"] == v["id"]
            assert req["reporter_resident_id"] == v["resident_id"]
    assert sum(v["needs_followup"] for v in visits) == sum(r["channel"] == "visit" for r in reqs.values())
    items = rows(demo, "SELECT * FROM patrol_round_item WHERE request_id IS NOT NULL")
    assert items and all(reqs[i["request_id"]]["channel"] == "patrol" and i["result"] == "problem" for i in items)
    plans = rows(demo, "SELECT * FROM patrol_plan")
    assert all(p["frequency_days"] == 7 and 4 <= len(json.loads(p["checklist"])) <= 6 for p in plans)
    known = {"消防通道是否畅通", "井盖是否完好", "有无乱堆乱放", "有无暴露垃圾", "路灯及楼道灯是否正常",
             "有无非法小广告", "有无占道经营", "绿化带是否完好", "楼道有无电动车充电", "健身器材是否安全",
             "道路有无破损", "有无私搭乱建"}
    assert {i for p in plans for i in json.loads(p["checklist"])} <= known
    notices = rows(demo, "SELECT * FROM notice")
    assert 5 <= len(notices) <= 12 and any("诈骗" in n["title"] for n in notices)


# ---- the writer and the command line --------------------------------------------------


def _as_python(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    """A generator row as the Python values an app would give Core: the stored text of
    timestamps, dates and JSON parsed back, so Core's own type processors write them."""
    out = {}
    for key, value in row.items():
        col_type = table.c[key].type
        if value is not None and isinstance(col_type, UTCDateTime):
            value = datetime.fromisoformat(value).replace(tzinfo=UTC)
        elif value is not None and isinstance(col_type, Date):
            value = date.fromisoformat(value)
        elif isinstance(col_type, JSON):
            value = json.loads(value)
        out[key] = value
    return out


def test_bulk_writer_stores_exactly_what_core_insert_stores(tmp_path: Path) -> None:
    tables: list[tuple[Any, list[Any], tuple[str, ...] | None]] = []

    def keep(table: Any, data: list[Any], columns: tuple[str, ...] | None = None, last: bool = True) -> None:
        tables.append((table, list(data), columns))

    generate._build(300, 5, micros(NOW), None, lambda _label, _f: None, keep)
    fast, core = tmp_path / "fast.sqlite", tmp_path / "core.sqlite"
    create_database(fast).dispose()
    write_tables(fast, tables)
    create_database(core).dispose()
    engine = create_engine(f"sqlite:///{core}", json_serializer=to_json)  # Core, TypeDecorators and all
    expected: dict[str, int] = Counter()
    try:
        with engine.begin() as conn:
            for table, data, columns in tables:
                dicts = [dict(zip(columns, r, strict=True)) if columns else r for r in data]
                values = [_as_python(table, {k: v for k, v in r.items() if not k.startswith("_")}) for r in dicts]
                conn.execute(insert(table), values)
                expected[table.name] += len(values)
    finally:
        engine.dispose()
    assert {"service_request", "request_event", "resident", "visit", "resident_tag"} <= set(expected)
    for name, count in expected.items():
        a = rows(fast, f"SELECT * FROM {name} ORDER BY id")
        assert len(a) == count > 0
        assert [tuple(r) for r in a] == [tuple(r) for r in rows(core, f"SELECT * FROM {name} ORDER BY id")]


def test_writer_process_gives_the_same_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "here.sqlite"
    generate_demo(here, residents=400, seed=3, now=NOW)
    monkeypatch.setattr(generate, "WRITER_PROCESS_FROM", 0)
    there = tmp_path / "there.sqlite"
    generate_demo(there, residents=400, seed=3, now=NOW)
    for table in ("resident", "service_request", "request_event", "visit", "patrol_plan"):
        assert table_digest(here, table) == table_digest(there, table), table


def test_street_scale_spreads_over_the_four_communities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generate, "STREET_THRESHOLD", 1000)
    monkeypatch.setattr("db.demo.geography.STREET_THRESHOLD", 1000)
    path = tmp_path / "street.sqlite"
    s = generate_demo(path, residents=4000, seed=1, now=NOW, requests=500)
    assert s.requests == 500
    per_community = Counter(r["community_code"] for r in rows(path, "SELECT community_code FROM resident"))
    assert set(per_community) == {"370202010001", "370202010003", "370202010004", "370202010005"}
    polygons = [shape(json.loads(r["geometry_geojson"])) for r in rows(path, "SELECT * FROM grid_cell")]
    tree = shapely.STRtree(polygons)
    for i, poly in enumerate(polygons):
        for j in tree.query(poly):
            if j != i:
                assert poly.intersection(polygons[j]).area < 1e-12


@pytest.fixture
def existing(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "keep.sqlite"
    path.write_bytes(b"precious")
    yield path


def test_cli_refuses_to_overwrite_without_force(existing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--residents", "50", "--out", str(existing)]) == 2
    assert existing.read_bytes() == b"precious"
    assert "already exists" in capsys.readouterr().err
    with pytest.raises(FileExistsError):
        generate_demo(existing, residents=50, now=NOW)
    assert existing.read_bytes() == b"precious"


def test_cli_writes_and_with_force_replaces(existing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--residents", "120", "--out", str(existing), "--force", "--seed", "9",
                     "--now", "2026-11-24T10:00:00+08:00"]) == 0
    assert "120 residents" in capsys.readouterr().out
    assert rows(existing, "SELECT count(*) FROM resident")[0][0] == 120
    assert not existing.with_name(existing.name + ".partial").exists()


# ---- deadlines, 延期 and 督办 on the app's calendar; visits that keep to the rules ---------------


def _at(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_due_times_are_the_apps_working_hours_deadlines(demo: Path) -> None:
    """Every deadline is what core.deadlines sets when a request is logged (08:30–12:00,
    13:30–17:30, Chinese holidays off and make-up days on), and moves only by an extension."""
    from community_app.core.deadlines import due_at_for
    from community_app.core.work_calendar import add_working_time

    categories = {c["code"]: c for c in rows(demo, "SELECT * FROM category")}

    class Limit:
        def __init__(self, row: sqlite3.Row) -> None:
            self.time_limit, self.time_limit_unit = row["time_limit"], row["time_limit_unit"]

    events: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for e in rows(demo, "SELECT * FROM request_event ORDER BY at"):
        events[e["request_id"]].append(e)
    moved = 0
    for r in rows(demo, "SELECT * FROM service_request"):
        original = due_at_for(Limit(categories[r["category_code"]]), _at(r["reported_at"]))  # type: ignore[arg-type]
        assert _at(r["due_at_original"]) == original
        granted = [e for e in events[r["id"]] if e["action"] == "approve_extension"]
        if granted:
            moved += 1
            hours, pause = granted[0]["extension_hours"], r["paused_seconds"]
            assert _at(r["due_at"]) == add_working_time(original, timedelta(seconds=pause, hours=hours))
        else:
            assert r["due_at"] == r["due_at_original"] and r["paused_seconds"] == 0
    assert moved >= 3
    # the calendar's own hours: a deadline in working hours always falls inside office hours
    for r in rows(demo, "SELECT r.due_at FROM service_request r JOIN category c ON c.code = r.category_code "
                        "WHERE c.time_limit_unit = 'work_hours'"):
        local = _at(r["due_at"]).astimezone(SHANGHAI)  # type: ignore[union-attr]
        hours = local.hour + local.minute / 60 + (local.second + local.microsecond / 1e6) / 3600
        assert 8.5 < hours <= 12 or 13.5 < hours <= 17.5, local


def test_extensions_and_escalations_follow_the_workflow(demo: Path) -> None:
    events: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for e in rows(demo, "SELECT * FROM request_event ORDER BY at"):
        events[e["request_id"]].append(e)
    staff = {s["id"]: s["role_code"] for s in rows(demo, "SELECT id, role_code FROM staff_user")}
    asked = approved = escalated = 0
    for r in rows(demo, "SELECT * FROM service_request"):
        timeline = events[r["id"]]
        actions = [e["action"] for e in timeline]
        assert r["escalation_count"] == actions.count("escalate")
        for i, e in enumerate(timeline):
            stage_now = next((x["to_stage"] for x in reversed(timeline[:i]) if x["to_stage"]), None)
            if e["action"] == "escalate":
                escalated += 1
                assert stage_now in OPEN_STAGES and e["note"] and staff[e["actor_id"]] == "supervisor"
                assert e["from_stage"] is None and e["to_stage"] is None
            elif e["action"] == "request_extension":
                asked += 1
                assert stage_now in ("dispatched", "in_progress") and e["actor_id"] == r["assignee_id"]
                assert 1 <= e["extension_hours"] <= 240 and e["note"]
            elif e["action"] == "approve_extension":
                approved += 1
                assert timeline[i - 1]["action"] == "request_extension"
                assert e["extension_hours"] == timeline[i - 1]["extension_hours"]
                assert staff[e["actor_id"]] == "supervisor"
        if actions and actions[-1] == "request_extension":  # still waiting: the clock stands still
            assert r["pending_action"] == "extension" and r["paused_since"] == timeline[-1]["at"]
            assert r["extension_hours_requested"] == timeline[-1]["extension_hours"]
        else:
            assert r["pending_action"] is None and r["paused_since"] is None
    assert escalated >= 5 and approved >= 3 and asked >= approved


def test_open_requests_are_mostly_in_time(demo: Path) -> None:
    """A believable office: most open requests on time, some due soon, a few overdue."""
    from community_app.core.deadlines import deadline_status

    states = Counter(
        deadline_status(_at(r["due_at"]), _at(r["paused_since"]), r["paused_seconds"], r["stage"], NOW).state
        for r in rows(demo, f"SELECT * FROM service_request WHERE stage IN {tuple(OPEN_STAGES)!r}"))
    total = sum(states.values())
    assert total >= 5
    assert 1 <= states["overdue"] <= total * 0.4, states
    assert states["on_time"] + states["due_soon"] + states["paused"] > states["overdue"], states


def test_visits_keep_to_the_rules(demo: Path) -> None:
    """Residents under a visit rule are visited from the day they were tagged; only the
    recently tagged may not be visited yet, and most are within their interval today."""
    tagged = rows(demo, """
        SELECT r.id, MIN(vr.interval_days) AS days, MIN(rt.created_at) AS tagged,
               (SELECT MIN(visited_at) FROM visit v WHERE v.resident_id = r.id) AS first,
               (SELECT MAX(visited_at) FROM visit v WHERE v.resident_id = r.id) AS last
        FROM resident r JOIN resident_tag rt ON rt.resident_id = r.id
        JOIN visit_rule vr ON vr.tag_code = rt.tag_code
        WHERE r.status = 'active' GROUP BY r.id""")
    today = NOW.astimezone(SHANGHAI).date()
    within = 0
    for p in tagged:
        if p["last"] is None:  # never visited: tagged in the last weeks only
            assert (NOW - _at(p["tagged"])).days <= 40, p["tagged"]  # type: ignore[operator]
            continue
        assert p["first"] > p["tagged"]
        last_day = _at(p["last"]).astimezone(SHANGHAI).date()  # type: ignore[union-attr]
        within += (today - last_day).days < p["days"]
    assert 0.8 <= within / len(tagged) <= 0.97
    days = [_at(v["visited_at"]).astimezone(SHANGHAI).date() for v in rows(demo, "SELECT visited_at FROM visit")]
    workdays = sum(chinese_calendar.is_workday(d) for d in days)
    assert workdays / len(days) > 0.97  # visits are made on working days (a long holiday's duty calls aside)


def test_demo_working_time_is_the_calendars() -> None:
    """db.demo.worktime answers same-day steps itself (it runs millions of times): the answers
    must be the calendar's, across office hours, the lunch break, weekends and holidays."""
    import random

    from community_app.core.work_calendar import DEFAULT_CALENDAR
    from db.demo import worktime
    from db.demo.clock import DAY, HOUR, MINUTE

    rng = random.Random(5)
    start = micros(datetime(2025, 9, 20, tzinfo=UTC))  # 国庆 and 调休 Saturdays of 2025 and 2026 in range
    for _ in range(20_000):
        t = start + int(rng.random() * 420 * DAY)
        d = int(rng.choice([rng.uniform(0, 0.5), rng.uniform(0, 8), rng.uniform(0, 80)]) * HOUR)
        if rng.random() < 0.05:
            d = rng.choice([0, 1, 30 * MINUTE, int(3.5 * HOUR), 4 * HOUR])
        assert worktime.add_work_time(t, d) == DEFAULT_CALENDAR.add_working_micros(t, d), (t, d)
        assert worktime.opening(t) == DEFAULT_CALENDAR.add_working_micros(t, 1) - 1, t
