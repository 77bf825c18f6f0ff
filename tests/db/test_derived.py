"""db.derived (the visit watch, the resident tally): each table its triggers keep must always hold
what its defining query gives, whatever is written to residents, tags, visits and visit rules, and
however the file was made."""

from __future__ import annotations

import random
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from db import derived, resident_tally, visit_watch
from db.migrate import open_database

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from db.demo import generate_demo

    path = tmp_path_factory.mktemp("watch") / "demo.sqlite"
    generate_demo(path, residents=400, seed=7, now=NOW)
    return path


@pytest.fixture()
def conn(demo_file: Path, tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    connection = sqlite3.connect(path, isolation_level=None)
    yield connection
    connection.close()


def held(conn: sqlite3.Connection, table: ModuleType = visit_watch) -> list[tuple[object, ...]]:
    return sorted(conn.execute(f"SELECT * FROM {table.TABLE}").fetchall())


def expected(conn: sqlite3.Connection, table: ModuleType = visit_watch) -> list[tuple[object, ...]]:
    return sorted(conn.execute(table.EXPECTED_SQL).fetchall())


def all_kept(conn: sqlite3.Connection) -> bool:
    return all(held(conn, table) == expected(conn, table) for table in derived.TABLES)


def test_the_demo_generator_fills_the_derived_tables_after_its_load(conn: sqlite3.Connection) -> None:
    rows = held(conn)
    assert len(rows) > 20 and all(row[3] > 0 for row in rows)
    tally = held(conn, resident_tally)
    assert sum(row[3] for row in tally) == conn.execute(
        "SELECT count(*) FROM resident WHERE status = 'active' AND deleted_at IS NULL").fetchone()[0] > 300
    assert all_kept(conn)


def test_upgrading_an_older_database_makes_and_fills_the_derived_tables(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(demo_file, path)
    with sqlite3.connect(path) as old:  # as a file of revision 0008 was
        for table in derived.TABLES:
            derived.drop(old, table)
        old.execute("UPDATE alembic_version SET version_num = '0008'")
    old.close()
    result = open_database(path)
    assert result.upgraded_from == "0008"
    result.engine.dispose()
    with sqlite3.connect(path) as upgraded:
        assert all_kept(upgraded) and held(upgraded) and held(upgraded, resident_tally)
        names = {r[0] for r in upgraded.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert names >= derived.TRIGGER_NAMES
    upgraded.close()


# writes of every kind the app, an import or a sync can make -----------------------------------

def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _clone(conn: sqlite3.Connection, table: str, row_id: object, **changes: object) -> str | None:
    """A copy of a row under a new id, with some columns changed (none when there is no row to copy)."""
    if row_id is None:
        return None
    new_id = str(uuid.UUID(int=random.getrandbits(128)))
    columns = _columns(conn, table)
    values = dict(zip(columns, conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone(), strict=True))
    values.update(changes, id=new_id)
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                 [values[c] for c in columns])
    return new_id


def _any(conn: sqlite3.Connection, rng: random.Random, sql: str) -> object:
    rows = conn.execute(sql).fetchall()
    return rng.choice(rows)[0] if rows else None


def _stamp(rng: random.Random) -> str:
    return (NOW - timedelta(days=rng.randint(0, 200), minutes=rng.randint(0, 1440))).strftime("%Y-%m-%d %H:%M:%S.%f")


def _operations(conn: sqlite3.Connection, rng: random.Random) -> list[Callable[[], None]]:
    def resident() -> object:
        return _any(conn, rng, "SELECT id FROM resident")

    def tagged_resident() -> object:
        return _any(conn, rng, "SELECT resident_id FROM resident_tag")

    # mostly rows that matter to the watch: the visits of watched residents, their latest above all
    def visit() -> object:
        return _any(conn, rng, rng.choice([
            "SELECT id FROM visit",
            f"SELECT v.id FROM visit v JOIN {visit_watch.TABLE} w ON w.resident_id = v.resident_id",
            f"SELECT v.id FROM visit v JOIN {visit_watch.TABLE} w ON w.resident_id = v.resident_id"
            " AND v.visited_at = w.last_visit_at"]))

    def tag() -> object:
        return _any(conn, rng, rng.choice([
            "SELECT id FROM resident_tag",
            "SELECT rt.id FROM resident_tag rt JOIN visit_rule vr ON vr.tag_code = rt.tag_code"]))

    def rule() -> object:
        return _any(conn, rng, "SELECT id FROM visit_rule")

    tag_codes = [c for (c,) in conn.execute("SELECT code FROM special_group_tag")] or ["elderly_alone"]
    communities = [c for (c,) in conn.execute("SELECT DISTINCT community_code FROM resident")] + ["370202010099"]
    cells = [c for (c,) in conn.execute("SELECT id FROM grid_cell")] + [None]
    households = [h for (h,) in conn.execute("SELECT id FROM household")] + [None]

    def new_visit() -> None:
        _clone(conn, "visit", visit(), resident_id=tagged_resident(), visited_at=_stamp(rng), deleted_at=None)

    return [
        new_visit,
        lambda: conn.execute("UPDATE visit SET deleted_at = ? WHERE id = ?", (_stamp(rng), visit())),
        lambda: conn.execute("UPDATE visit SET deleted_at = NULL WHERE id = ?", (visit(),)),
        lambda: conn.execute("UPDATE visit SET visited_at = ? WHERE id = ?", (_stamp(rng), visit())),
        lambda: conn.execute("UPDATE visit SET resident_id = ? WHERE id = ?", (tagged_resident(), visit())),
        lambda: conn.execute("DELETE FROM visit WHERE id = ?", (visit(),)),
        lambda: _clone(conn, "resident_tag", tag(), resident_id=resident(), tag_code=rng.choice(tag_codes),
                       deleted_at=None),
        lambda: conn.execute("UPDATE resident_tag SET deleted_at = ? WHERE id = ?", (_stamp(rng), tag())),
        lambda: conn.execute("UPDATE resident_tag SET deleted_at = NULL WHERE id = ?", (tag(),)),
        lambda: conn.execute("UPDATE resident_tag SET tag_code = ? WHERE id = ?", (rng.choice(tag_codes), tag())),
        lambda: conn.execute("UPDATE resident_tag SET resident_id = ? WHERE id = ?", (resident(), tag())),
        lambda: conn.execute("DELETE FROM resident_tag WHERE id = ?", (tag(),)),
        lambda: conn.execute("UPDATE resident SET status = ? WHERE id = ?",
                             (rng.choice(["active", "moved", "deceased"]), tagged_resident())),
        lambda: conn.execute("UPDATE resident SET deleted_at = ? WHERE id = ?", (_stamp(rng), tagged_resident())),
        lambda: conn.execute("UPDATE resident SET deleted_at = NULL WHERE id = ?", (tagged_resident(),)),
        lambda: conn.execute("UPDATE resident SET community_code = ? WHERE id = ?",
                             (rng.choice(communities), tagged_resident())),
        lambda: conn.execute("UPDATE resident SET grid_cell_id = ? WHERE id = ?",
                             (rng.choice(cells), tagged_resident())),
        lambda: conn.execute("DELETE FROM resident WHERE id = ?", (tagged_resident(),)),
        lambda: conn.execute("UPDATE resident SET household_id = ? WHERE id = ?", (rng.choice(households), resident())),
        lambda: conn.execute("UPDATE resident SET status = ?, grid_cell_id = ? WHERE id = ?",
                             (rng.choice(["active", "moved"]), rng.choice(cells), resident())),
        lambda: _clone(conn, "resident", resident(), status=rng.choice(["active", "active", "moved"]),
                       household_id=rng.choice(households), grid_cell_id=rng.choice(cells),
                       id_number=None, deleted_at=None),
        lambda: conn.execute("UPDATE visit_rule SET active = 1 - active WHERE id = ?", (rule(),)),
        lambda: conn.execute("UPDATE visit_rule SET interval_days = ? WHERE id = ?",
                             (rng.choice([7, 14, 30, 90]), rule())),
        lambda: conn.execute("UPDATE visit_rule SET deleted_at = CASE WHEN deleted_at IS NULL THEN ? END WHERE id = ?",
                             (_stamp(rng), rule())),
        lambda: _clone(conn, "visit_rule", rule(), tag_code=rng.choice(tag_codes),
                       interval_days=rng.choice([3, 60]), deleted_at=None, active=1),
        lambda: conn.execute("DELETE FROM visit_rule WHERE id = ?", (rule(),)),
    ]


def test_every_kind_of_write_keeps_the_watch_equal_to_its_query(conn: sqlite3.Connection) -> None:
    """Seeded random writes (300), each checked: visits new, moved, re-dated, tombstoned and
    deleted; tags likewise; residents new, moving out, dying, deleted, changing community, cell or
    household; visit rules switched off, re-timed, added and deleted."""
    rng = random.Random(2026)
    random.seed(2026)
    operations = _operations(conn, rng)
    used = set()
    for step in range(300):
        index = rng.randrange(len(operations))
        try:
            operations[index]()
            used.add(index)
        except sqlite3.IntegrityError:  # a write the schema refuses (a second rule for a tag…) changes nothing
            pass
        assert all_kept(conn), f"step {step}: operation {index}"
    assert used == set(range(len(operations)))
    assert held(conn) and held(conn, resident_tally)  # the writes did not simply empty them


def test_a_resident_whose_tags_came_first_is_watched(conn: sqlite3.Connection) -> None:
    """A sync page may bring a resident's tags before the resident (no foreign keys in force)."""
    tagged = conn.execute(f"SELECT resident_id FROM {visit_watch.TABLE} LIMIT 1").fetchone()[0]
    columns = _columns(conn, "resident")
    row = conn.execute("SELECT * FROM resident WHERE id = ?", (tagged,)).fetchone()
    tags = conn.execute("SELECT * FROM resident_tag WHERE resident_id = ?", (tagged,)).fetchall()
    conn.execute("DELETE FROM resident WHERE id = ?", (tagged,))
    assert tagged not in {r[0] for r in held(conn)}
    conn.execute("DELETE FROM resident_tag WHERE resident_id = ?", (tagged,))
    tag_columns = _columns(conn, "resident_tag")
    for values in tags:
        conn.execute(f"INSERT INTO resident_tag ({', '.join(tag_columns)}) VALUES ({', '.join('?' * len(values))})",
                     values)
    conn.execute(f"INSERT INTO resident ({', '.join(columns)}) VALUES ({', '.join('?' * len(row))})", row)
    assert tagged in {r[0] for r in held(conn)}
    assert all_kept(conn)


def test_rebuild_makes_stale_tables_right(conn: sqlite3.Connection) -> None:
    conn.execute(f"UPDATE {visit_watch.TABLE} SET interval_days = 999, last_visit_at = NULL")
    conn.execute(f"UPDATE {resident_tally.TABLE} SET residents = residents + 1")
    assert not all_kept(conn)
    derived.rebuild(conn)
    assert all_kept(conn)


def test_the_tally_is_made_from_one_index_alone(conn: sqlite3.Connection) -> None:
    """After every bulk load the tally is made again: from ix_resident_active_community only
    (≈0.1 s at a street's size; through the resident table it took 0.8 s)."""
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + resident_tally.EXPECTED_SQL)]
    assert plan == ["SCAN resident USING COVERING INDEX ix_resident_active_community"], plan
