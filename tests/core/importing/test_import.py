"""The import end to end: the messy register gives exactly the expected report and rows,
both modes, re-importing, and a cancel or crash leaving the database as it was."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.auth import CurrentUser
from community_app.core.importing import ALL_OR_NOTHING, VALID_ONLY, analyse, run_import
from community_app.core.importing.cells import FIX_DATE_SERIAL, FIX_FULLWIDTH, FIX_SPACES
from db import derived, visit_watch
from db.models import Household, OutboxEntry, Resident, ResidentTag
from tests.core.importing.conftest import (
    COMMUNITY,
    EXPECTED_PROBLEMS,
    REFUSED_NAME,
    VALID_ROWS,
    WANG,
    ZHAO,
    Places,
    db_file,
    dump,
    id_number,
    refuse_resident_named,
    write_xlsx,
)

TODAY = date(2026, 11, 24)


def _import(session: Session, user: CurrentUser, path: Path, mode: str = VALID_ONLY, **kwargs: object):
    layout = analyse(path).layout
    return run_import(session, user, path, layout, mode=mode, today=TODAY, **kwargs)  # type: ignore[arg-type]


def _residents(session: Session) -> dict[str, Resident]:
    return {r.name: r for r in session.scalars(select(Resident).where(Resident.community_code == COMMUNITY))}


def test_messy_workbook_gives_exactly_the_expected_report(community: Session, places: Places,
                                                         supervisor: CurrentUser, messy_xlsx: Path) -> None:
    report = _import(community, supervisor, messy_xlsx)

    found = [(p.row, p.field, p.code, p.severity) for p in report.problems]
    assert found == EXPECTED_PROBLEMS
    assert (report.rows_total, report.empty_rows, report.rows_valid, report.rows_invalid) == (19, 2, 7, 12)
    assert (report.created, report.updated, report.unchanged, report.households_created) == (6, 1, 0, 1)
    assert report.committed and not report.cancelled
    # cleaned silently and counted: the full-width ID number; the name's and phone's spaces; the serial date
    assert report.fixes == {FIX_FULLWIDTH: 1, FIX_SPACES: 2, FIX_DATE_SERIAL: 1}
    by_row = {p.row: p for p in report.problems}
    assert by_row[6].column == "身份证号码"
    assert by_row[6].message == "身份证号被Excel转换成了数字/科学计数法，后几位已丢失，请把该列设为文本格式后重新填写"
    assert by_row[6].value == "3.7*************E+17"  # masked even when damaged
    assert by_row[14].column == "住址 / 楼栋" and "99号楼" in by_row[14].message
    assert by_row[15].message.startswith("本社区有2处「2号楼」")
    assert by_row[13].message.startswith("与第5行的身份证号相同")
    assert by_row[9].value == "370***********0110"  # the ID number as typed, masked


def test_messy_workbook_stores_exactly_the_valid_rows(community: Session, places: Places,
                                                     supervisor: CurrentUser, messy_xlsx: Path) -> None:
    before = community.scalar(select(func.count()).select_from(Resident))
    _import(community, supervisor, messy_xlsx)
    community.expire_all()

    people = _residents(community)
    assert community.scalar(select(func.count()).select_from(Resident)) == before + 6
    wang = people["王秀兰"]
    assert (wang.id_number, wang.sex, wang.birth_date, wang.phone) == (WANG, "F", date(1950, 3, 15), "13812345678")
    assert (wang.household_id, wang.grid_cell_id, wang.relation_to_head) == (places.room_1_101, places.cell_a, "户主")
    assert community.get(Household, places.room_1_101).head_resident_id == wang.id  # type: ignore[union-attr]
    assert [t.tag_code for t in community.scalars(select(ResidentTag).where(ResidentTag.resident_id == wang.id))] \
        == ["elderly_alone"]
    zhao = people["赵敏"]  # cleaned: no spaces, half-width ID, phone without spaces
    assert (zhao.id_number, zhao.phone, zhao.household_id) == (ZHAO, "13800001111", places.room_1_102)
    li_na = people["李娜"]
    assert (li_na.id_number, li_na.birth_date, li_na.sex, li_na.household_id) == (
        None, date(1980, 1, 1), "F", places.one_102)
    assert people["蒋勇"].household_id == places.room_1_102  # 1-102
    new_home = people["吴芳"].household_id
    assert new_home not in (places.room_1_101, places.room_1_102, places.room_2_201)
    assert people["郑义"].household_id == new_home
    room = community.get(Household, new_home)
    assert room is not None and (room.building_id, room.unit_id, room.room) == (places.san_2, places.unit_2, "202")
    assert people["李明"].phone == "13900000003"  # updated, not duplicated
    assert len([r for r in people.values() if r.name == "李明"]) == 1
    for name in ("张伟", "孙强", "钱多", "周全", "冯梅", "陈涛", "褚红", "卫东"):
        assert name not in people
    # every new row is queued for the city, in the same transaction
    queued = {e.row_id for e in community.scalars(select(OutboxEntry).where(OutboxEntry.table_name == "resident"))}
    assert {people[n].id for n in ("王秀兰", "赵敏", "李娜", "蒋勇", "吴芳", "郑义", "李明")} <= queued
    # the derived tables, whose triggers the load went without, are made again and kept again
    raw = sqlite3.connect(db_file(community))
    watched = sorted(raw.execute(f"SELECT * FROM {visit_watch.TABLE}"))
    assert wang.id in {row[0] for row in watched}  # 独居老人 has a visit rule
    for table in derived.TABLES:
        assert sorted(raw.execute(f"SELECT * FROM {table.TABLE}")) == sorted(raw.execute(table.EXPECTED_SQL))
    triggers = {name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert triggers >= derived.TRIGGER_NAMES
    raw.close()


def test_gbk_csv_gives_the_same_report(community: Session, places: Places, supervisor: CurrentUser,
                                       messy_gbk_csv: Path) -> None:
    analysis = analyse(messy_gbk_csv)
    assert analysis.kind == "csv" and analysis.encoding == "gb18030"
    report = _import(community, supervisor, messy_gbk_csv)
    assert [(p.row, p.field, p.code, p.severity) for p in report.problems] == EXPECTED_PROBLEMS
    assert (report.created, report.updated, report.households_created) == (6, 1, 1)


def test_all_or_nothing_writes_nothing_when_a_row_is_wrong(community: Session, places: Places,
                                                           supervisor: CurrentUser, messy_xlsx: Path) -> None:
    before = dump(db_file(community))
    report = _import(community, supervisor, messy_xlsx, mode=ALL_OR_NOTHING)
    assert not report.committed
    assert report.created == report.updated == report.households_created == 0
    assert [(p.row, p.code) for p in report.problems] == [(r, c) for r, _f, c, _s in EXPECTED_PROBLEMS]
    assert "没有导入任何数据" in report.summary()
    assert dump(db_file(community)) == before


def test_all_or_nothing_imports_a_clean_file(community: Session, places: Places, supervisor: CurrentUser,
                                             tmp_path: Path) -> None:
    rows = [["姓名", "性别", "身份证号", "楼栋", "单元", "房号"],
            ["甲", "男", id_number(date(1980, 1, 1), 1), "湛山三路2号", "1", "101"],
            ["乙", "女", id_number(date(1981, 1, 1), 2), "湛山三路2号", "1", "102"]]
    report = _import(community, supervisor, write_xlsx(tmp_path / "clean.xlsx", rows), mode=ALL_OR_NOTHING)
    assert report.committed and report.created == 2 and not report.problems


def test_reimporting_updates_instead_of_duplicating(community: Session, places: Places, supervisor: CurrentUser,
                                                    messy_xlsx: Path, tmp_path: Path) -> None:
    _import(community, supervisor, messy_xlsx)
    count = community.scalar(select(func.count()).select_from(Resident))
    queued = community.scalar(select(func.count()).select_from(OutboxEntry))

    again = _import(community, supervisor, messy_xlsx)
    assert again.created == 0 and again.updated == 0 and again.households_created == 0
    assert again.unchanged == len(VALID_ROWS)
    assert community.scalar(select(func.count()).select_from(Resident)) == count
    assert community.scalar(select(func.count()).select_from(OutboxEntry)) == queued  # unchanged: nothing queued

    # one changed phone: one update, and only the phone goes to the city
    rows = [["姓名", "性别", "身份证号", "联系电话", "楼栋", "单元", "房号"],
            ["王秀兰", "女", WANG, "13912345678", "湛山三路2号", "1", "101"]]
    changed = _import(community, supervisor, write_xlsx(tmp_path / "changed.xlsx", rows))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 0)
    entries = community.scalars(select(OutboxEntry).where(OutboxEntry.seq > queued)).all()
    assert [(e.table_name, e.op, e.changes) for e in entries] == [("resident", "update", {"phone": "13912345678"})]


def test_cancel_leaves_the_database_as_before(community: Session, places: Places, supervisor: CurrentUser,
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from community_app.core.importing import run

    monkeypatch.setattr(run, "CANCEL_EVERY", 5)
    monkeypatch.setattr(run, "WRITE_BATCH", 3)  # residents are written while the file is still read
    path = write_xlsx(tmp_path / "many.xlsx", _many_rows(40))
    before = dump(db_file(community))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= 4  # after 20 rows, some of them written

    report = _import(community, supervisor, path, cancelled=cancelled)
    assert report.cancelled and not report.committed and report.created == 0
    assert "导入已取消" in report.summary()
    assert dump(db_file(community)) == before


def test_a_crash_while_writing_leaves_the_database_as_before(community: Session, places: Places,
                                                             supervisor: CurrentUser, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from community_app.core.importing import run

    monkeypatch.setattr(run, "WRITE_BATCH", 4)
    rows = _many_rows(30)
    rows[25][0] = REFUSED_NAME  # the database refuses this one, after twenty-odd rows are written
    path = write_xlsx(tmp_path / "crash.xlsx", rows)
    refuse_resident_named(community)
    before = dump(db_file(community))
    with pytest.raises(Exception, match="disk on fire"):
        _import(community, supervisor, path)
    assert dump(db_file(community)) == before  # the search index's trigger is back too


def test_a_failing_progress_report_leaves_the_database_as_before(community: Session, places: Places,
                                                                supervisor: CurrentUser, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from community_app.core.importing import run

    monkeypatch.setattr(run, "CANCEL_EVERY", 5)
    monkeypatch.setattr(run, "WRITE_BATCH", 3)
    path = write_xlsx(tmp_path / "many.xlsx", _many_rows(40))
    before = dump(db_file(community))

    def progress(done: int, _total: int) -> None:
        if done >= 25:
            raise RuntimeError("the window went away")

    with pytest.raises(RuntimeError):
        _import(community, supervisor, path, progress=progress)
    assert dump(db_file(community)) == before


def test_the_search_index_finds_imported_residents(community: Session, places: Places, supervisor: CurrentUser,
                                                   messy_xlsx: Path) -> None:
    _import(community, supervisor, messy_xlsx)
    conn = community.connection()
    hits = conn.exec_driver_sql(
        "SELECT r.name FROM resident_fts JOIN resident r ON r.rowid = resident_fts.rowid "
        "WHERE resident_fts MATCH ?", ('"赵 敏"',)).all()
    assert [h[0] for h in hits] == ["赵敏"]
    by_digits = conn.exec_driver_sql(
        "SELECT r.name FROM resident_fts JOIN resident r ON r.rowid = resident_fts.rowid "
        "WHERE resident_fts MATCH ?", ("search_numbers:" + WANG[::-1][:6] + "*",)).all()
    assert [h[0] for h in by_digits] == ["王秀兰"]
    trigger = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'resident_fts_ai'").scalar()
    assert trigger == 1


def test_a_user_without_the_right_to_edit_cannot_import(community: Session, places: Places, messy_xlsx: Path,
                                                        supervisor: CurrentUser) -> None:
    from dataclasses import replace

    viewer = replace(supervisor, permissions=frozenset({"resident.view"}))
    with pytest.raises(PermissionError):
        _import(community, viewer, messy_xlsx)


def test_the_child_process_checks_rows_exactly_as_here(community: Session, places: Places, messy_xlsx: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from community_app.core.importing import stream

    layout = analyse(messy_xlsx).layout
    with stream.checked_rows(community, messy_xlsx, layout, COMMUNITY, today=TODAY) as here:
        assert type(here).__name__ == "_HereRows"  # a small file is checked in this process
        expected = list(here)
        fixes = here.fixes
    monkeypatch.setattr(stream, "MIN_BYTES", 0)
    with stream.checked_rows(community, messy_xlsx, layout, COMMUNITY, today=TODAY) as child:
        assert type(child).__name__ == "_ChildRows"
        assert list(child) == expected
        assert child.fixes == fixes and child.sheet == "居民信息"


def test_an_import_through_the_child_process(community: Session, places: Places, supervisor: CurrentUser,
                                             messy_xlsx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from community_app.core.importing import stream

    monkeypatch.setattr(stream, "MIN_BYTES", 0)
    report = _import(community, supervisor, messy_xlsx)
    assert [(p.row, p.field, p.code, p.severity) for p in report.problems] == EXPECTED_PROBLEMS
    assert (report.created, report.updated, report.households_created) == (6, 1, 1)
    assert report.fixes == {FIX_FULLWIDTH: 1, FIX_SPACES: 2, FIX_DATE_SERIAL: 1}


def _many_rows(count: int) -> list[list[object]]:
    rows: list[list[object]] = [["姓名", "性别", "身份证号", "楼栋", "单元", "房号"]]
    for i in range(count):
        rows.append([f"居民{i}", "男", id_number(date(1980, 1, 1 + i % 28), 2 * i + 1),
                     "湛山三路2号", "1", "101"])
    return rows
