"""The first page of a broad search, found by walking the listing index
(core.resident_walk), must be exactly the start of the full result, which comes from the FTS
index: same residents, same order, either direction, for every kind of word."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from community_app.core import resident_query, resident_walk
from community_app.core.resident_query import ResidentFilter, find_residents
from db.engine import make_engine
from db.search_keys import derived_columns
from tests.core.search_demo import COMMUNITY, TODAY


@pytest.fixture
def every_word_broad(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 3,000 residents no word is broad enough for the walks: lower the thresholds
    (the walks' results do not depend on them, only whether they are tried)."""
    monkeypatch.setattr(resident_query, "BROAD_MATCHES", 1)
    monkeypatch.setattr(resident_walk, "SHORT_WALK_ROWS", 50)


def _session(path: Path) -> Iterator[Session]:
    engine = make_engine(path)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture
def session(search_demo_path: Path) -> Iterator[Session]:
    yield from _session(search_demo_path)


def _page_and_all(session: Session, text: str, *, limit: int, descending: bool) -> tuple[list[int], list[int]]:
    f = ResidentFilter(community_code=COMMUNITY, text=text)
    page = find_residents(session, f, limit=limit, descending=descending, today=TODAY)
    everyone = find_residents(session, f, descending=descending, today=TODAY)  # the FTS path, no limit
    return page, everyone


def _common_words(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    surname = conn.execute("SELECT substr(name, 1, 1) AS c FROM resident GROUP BY c "
                           "ORDER BY count(*) DESC").fetchone()[0]
    given = conn.execute("SELECT substr(name, 2, 1) AS c FROM resident WHERE length(name) = 3 "
                         "GROUP BY c ORDER BY count(*) DESC").fetchone()[0]
    two = conn.execute("SELECT substr(name, 1, 2) AS c FROM resident GROUP BY c ORDER BY count(*) DESC").fetchone()[0]
    conn.close()
    return [surname, given, two, f"{surname} {given}"]


@pytest.mark.usefixtures("every_word_broad")
@pytest.mark.parametrize("short_walk_rows", [50, 100_000])
def test_the_first_page_is_the_start_of_the_whole_result(session: Session, search_demo_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         short_walk_rows: int) -> None:
    monkeypatch.setattr(resident_walk, "SHORT_WALK_ROWS", short_walk_rows)
    words = [*_common_words(search_demo_path), "l", "li", "zhang", "wang", "sun", "liu", "chen", "zs", "x", "8", "13",
             "02", "1234", "湛山", "王 l", "张 8", "wang 8", "zhangw", "xiuying", "zz9", "阿"]
    for text in words:
        for descending in (False, True):
            for limit in (1, 7, 60):
                page, everyone = _page_and_all(session, text, limit=limit, descending=descending)
                assert page == everyone[:limit], (text, descending, limit)


@pytest.mark.usefixtures("every_word_broad")
def test_one_character_page_matches_plain_sql_over_the_names(session: Session, search_demo_path: Path) -> None:
    surname = _common_words(search_demo_path)[0]
    conn = sqlite3.connect(search_demo_path)
    expected = [r[0] for r in conn.execute(
        "SELECT rowid FROM resident WHERE community_code = ? AND status = 'active' AND deleted_at IS NULL "
        "AND instr(name, ?) > 0 ORDER BY search_sort, rowid LIMIT 60", (COMMUNITY, surname))]
    conn.close()
    page = find_residents(session, ResidentFilter(community_code=COMMUNITY, text=surname), limit=60, today=TODAY)
    assert len(expected) == 60 and page == expected


LATER = ("李王", "阿王五", "王")  # 王 later in the name (and a lone 王)
NOT_FIRST = ("Anna王", "·王明", "〇王六", "\ue816王七")  # names that do not start with a Chinese character


def _with_names(search_demo_path: Path, path: Path, names: tuple[str, ...]) -> Path:
    shutil.copy(search_demo_path, path)
    conn = sqlite3.connect(path)
    columns = [c[1] for c in conn.execute("PRAGMA table_info(resident)")]
    source = conn.execute("SELECT rowid FROM resident WHERE community_code = ? AND status = 'active' LIMIT 1",
                          (COMMUNITY,)).fetchone()[0]
    for name in names:
        values = {"id": str(uuid.uuid4()), "name": name, "id_number": None, "phone": None,
                  **derived_columns(name, None, None)}
        select = ", ".join("?" if c in values else c for c in columns)
        conn.execute(f"INSERT INTO resident ({', '.join(columns)}) SELECT {select} FROM resident WHERE rowid = ?",
                     [*(values[c] for c in columns if c in values), source])
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def later_path(search_demo_path: Path, tmp_path: Path) -> Path:
    return _with_names(search_demo_path, tmp_path / "later.sqlite", LATER)


@pytest.fixture
def odd_path(search_demo_path: Path, tmp_path: Path) -> Path:
    return _with_names(search_demo_path, tmp_path / "odd.sqlite", LATER + NOT_FIRST)


def _expected_wang(conn: sqlite3.Connection, limit: int) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT rowid FROM resident WHERE community_code = ? AND status = 'active' AND deleted_at IS NULL "
        "AND instr(name, '王') > 0 ORDER BY search_sort, rowid LIMIT ?", (COMMUNITY, limit))]


@pytest.mark.usefixtures("every_word_broad")
@pytest.mark.parametrize("which", ["later", "odd"])
def test_names_with_the_word_elsewhere_keep_their_place(which: str, later_path: Path, odd_path: Path) -> None:
    path = later_path if which == "later" else odd_path
    conn = sqlite3.connect(path)
    for session in _session(path):
        for descending in (False, True):
            for limit in (3, 20, 60):
                for word in ("王", "wang", "wangwu"):
                    page, everyone = _page_and_all(session, word, limit=limit, descending=descending)
                    assert page == everyone[:limit], (word, descending, limit)
        page = find_residents(session, ResidentFilter(community_code=COMMUNITY, text="王"), limit=60, today=TODAY)
        assert page == _expected_wang(conn, 60)
        names = {r.name for r in resident_query.resident_rows(session, page[:10])}
        assert "阿王五" in names  # sorts under a, before any wang
        if which == "odd":
            assert "Anna王" in names
    conn.close()


@pytest.mark.parametrize("which", ["demo", "later", "odd"])
def test_surname_page_answers_only_when_names_start_as_indexed(which: str, search_demo_path: Path, later_path: Path,
                                                               odd_path: Path) -> None:
    path = {"demo": search_demo_path, "later": later_path, "odd": odd_path}[which]
    conn = sqlite3.connect(path)
    clauses = [resident_walk._IN_LISTING, resident_walk.exact_condition("han", "王")[0]]
    for limit in (5, 60):
        page = resident_walk.surname_page(conn, COMMUNITY, "active", clauses, [COMMUNITY, "active", "王"], "王",
                                          limit=limit, descending=False)
        if which == "odd":  # Anna王 is indexed under 王 but sorts under a: the walk cannot be trusted
            assert page is None
        else:
            assert page == _expected_wang(conn, limit)
    conn.close()


@pytest.mark.parametrize("which", ["demo", "later", "odd"])
def test_pinyin_page_answers_only_when_names_start_as_indexed(which: str, search_demo_path: Path, later_path: Path,
                                                              odd_path: Path) -> None:
    path = {"demo": search_demo_path, "later": later_path, "odd": odd_path}[which]
    conn = sqlite3.connect(path)
    for session in _session(path):
        for letters in ("wang", "zhang", "liu"):
            clauses = [resident_walk._IN_LISTING, resident_walk.exact_condition("letters", letters)[0]]
            params = [COMMUNITY, "active", *resident_walk.exact_condition("letters", letters)[1]]
            for descending in (False, True):
                page = resident_walk.pinyin_page(conn, COMMUNITY, "active", clauses, params, letters, limit=25,
                                                 descending=descending)
                if which == "odd" and letters == "wang":  # Anna王 sorts under a
                    assert page is None
                    continue
                everyone = find_residents(session, ResidentFilter(community_code=COMMUNITY, text=letters),
                                          descending=descending, today=TODAY)
                assert page is not None and page == everyone[:25], (letters, descending)
    conn.close()


def test_long_pinyin_counted_by_its_start_then_exactly(session: Session, search_demo_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """zhang is first counted as zhan* (FTS5's prefix indexes stop at 4 letters); when no walk
    answers, it is counted exactly and may turn out narrow: the page must not change."""
    conn = sqlite3.connect(search_demo_path)
    count = {p: conn.execute("SELECT count(*) FROM resident_fts WHERE resident_fts MATCH ?",
                             (f"search_names : {p}*",)).fetchone()[0] for p in ("zhan", "zhang")}
    conn.close()
    assert count["zhan"] > count["zhang"] > 0
    monkeypatch.setattr(resident_query, "BROAD_MATCHES", count["zhang"] + 1)  # zhan* broad, zhang* not
    monkeypatch.setattr(resident_walk, "SHORT_WALK_ROWS", 5)
    for first_characters in (8, 0):  # the pinyin walk answers, or nothing does
        monkeypatch.setattr(resident_walk, "FIRST_CHARACTERS_MAX", first_characters)
        for descending in (False, True):
            page, everyone = _page_and_all(session, "zhang", limit=30, descending=descending)
            assert page == everyone[:30] and len(page) == 30
