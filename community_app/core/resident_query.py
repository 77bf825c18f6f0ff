"""Finding residents: search as you type, filters and sorting, all in SQL.

The residents page keeps only the ordered rowids of a query and fetches the rows it shows
(`resident_rows`), so a street's 200,000 residents cost a list of integers. The first page
of a query is asked for on its own (limit=…): it comes back in milliseconds however many
residents match, and the full id list follows in the background.

Text search (see db.search_keys for what is indexed):
- Chinese characters: a phrase in the name's characters (王, 王秀, 秀英 …), or a match in a
  building's address or name (湛山三路), which brings in everyone living there;
- characters with digits (5号楼, 湛山三路12号): an address only;
- Latin letters: a prefix of the full pinyin or the initials from any syllable on
  (zhangsan, zs, xiuying);
- digits (and X): a prefix or a suffix of the ID number or the phone (1234 → …1234);
  one or two digits only as a suffix.
Several words separated by spaces must all match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from community_app.core.localtime import age_on
from community_app.core.localtime import today as local_today
from community_app.core.masking import mask_id_number, mask_phone
from community_app.core.resident_walk import FTS_PREFIX_MAX, exact_condition, first_page, sort_prefilter

SORTS = ("name", "age", "address", "grid", "status")
STATUSES = ("active", "moved_out", "deceased")
RESIDENCE_TYPES = ("registered", "floating", "overseas")
MAX_TERMS = 6



@dataclass(frozen=True)
class ResidentFilter:
    """What the residents page shows. None means "any"."""

    community_code: str | None = None
    text: str = ""
    grid_cell_id: str | None = None
    building_id: str | None = None
    tag_code: str | None = None
    age_min: int | None = None  # completed years, inclusive
    age_max: int | None = None  # inclusive
    residence_type: str | None = None
    status: str | None = "active"


@dataclass(frozen=True)
class ResidentRow:
    """One line of the residents table: personal data already masked."""

    rowid: int
    id: str
    name: str
    sex: str
    age: int | None
    id_number_masked: str
    phone_masked: str
    address: str
    grid_name: str
    tags: str  # tag names joined by '、'
    status: str
    residence_type: str


@dataclass(frozen=True)
class _Term:
    kind: str  # "han" | "letters" | "digits" | "place" (characters and digits: an address)
    text: str


def parse_terms(text: str) -> list[_Term]:
    """The words of a search text, each as characters, letters or digits. Full-width
    characters are folded (ＡＢ１２ → ab12); punctuation is ignored, so a query can never
    be FTS5 syntax."""
    text = unicodedata.normalize("NFKC", text).lower()
    terms: list[_Term] = []
    for word in text.split():
        if re.search(r"\d", word) and any(unicodedata.category(ch) == "Lo" for ch in word):
            terms.append(_Term("place", word))  # 5号楼, 湛山三路12号: an address, as typed
            continue
        for match in re.finditer(r"[0-9]+x?|[a-z]+|[^\x00-\x7f]+", word):
            part = match.group()
            kind = "digits" if part[0].isdigit() else "letters" if part[0].isascii() else "han"
            if kind == "han":
                part = "".join(ch for ch in part if unicodedata.category(ch) == "Lo")
                if not part:
                    continue
            terms.append(_Term(kind, part))
    return terms[:MAX_TERMS]


def _fts_expression(term: _Term) -> str:
    if term.kind == "han":
        return 'search_names : "' + " ".join(term.text) + '"'
    if term.kind == "letters":
        return f"search_names : {term.text}*"
    if len(term.text) < 3:  # one or two digits: the end of a number (a prefix that short finds everyone)
        return f"search_numbers : {term.text[::-1]}*"
    return f"search_numbers : ({term.text}* OR {term.text[::-1]}*)"


@dataclass(frozen=True)
class _Search:
    term: _Term
    buildings: tuple[str, ...]  # whose address or name contains the word


def _searches(session: Session, f: ResidentFilter) -> list[_Search]:
    return [_Search(t, tuple(_buildings_matching(session, t, f.community_code)) if t.kind in ("han", "place")
                    else ()) for t in parse_terms(f.text)]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _where(f: ResidentFilter, searches: list[_Search], today: date, *, per_row: bool = False,
           walking: bool = False) -> tuple[list[str], list[Any]]:
    """The WHERE clauses of a filter. per_row: test search words on each row (resident_walk's
    exact conditions) instead of looking them up in the FTS index. walking: the listing index
    is walked with the FTS matches as a set: a long pinyin prefix is looked up by its first
    FTS_PREFIX_MAX letters and tested per row (FTS5 has prefix indexes up to 4 characters; a
    longer broad prefix, zhang*, merges thousands of distinct words: ~8 ms more)."""
    clauses = ["r.deleted_at IS NULL"]
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        params.extend(values)

    if f.community_code is not None:
        add("r.community_code = ?", f.community_code)
    if f.status is not None:
        add("r.status = ?", f.status)
    if f.residence_type is not None:
        add("r.residence_type = ?", f.residence_type)
    if f.grid_cell_id is not None:
        add("r.grid_cell_id = ?", f.grid_cell_id)
    if f.building_id is not None:
        add("r.household_id IN (SELECT id FROM household WHERE building_id = ? AND deleted_at IS NULL)",
            f.building_id)
    if f.tag_code is not None:
        add("r.id IN (SELECT resident_id FROM resident_tag WHERE tag_code = ? AND deleted_at IS NULL)", f.tag_code)
    if f.age_min is not None:  # born on or before this day
        add("r.birth_date <= ?", _years_before(today, f.age_min).isoformat())
    if f.age_max is not None:  # born after this day
        add("r.birth_date > ?", _years_before(today, f.age_max + 1).isoformat())
    for search in searches:
        if search.term.kind == "place":
            text_sql, text_values = "", []
        elif per_row:
            text_sql, text_values = exact_condition(search.term.kind, search.term.text)
        elif walking and _long_pinyin(search.term):
            exact_sql, exact_values = exact_condition(search.term.kind, search.term.text)
            text_sql = f"(r.rowid IN (SELECT rowid FROM resident_fts WHERE resident_fts MATCH ?) AND {exact_sql})"
            text_values = [_fts_expression(_Term("letters", search.term.text[:FTS_PREFIX_MAX])), *exact_values]
        else:
            text_sql = "r.rowid IN (SELECT rowid FROM resident_fts WHERE resident_fts MATCH ?)"
            text_values = [_fts_expression(search.term)]
        if search.term.kind == "place":  # only an address: the residents of those buildings
            marks = ", ".join("?" * len(search.buildings))
            add(f"r.household_id IN (SELECT id FROM household WHERE building_id IN ({marks}))" if marks else "0",
                *search.buildings)
        elif search.buildings:  # an address word: everyone living there counts as a match too
            marks = ", ".join("?" * len(search.buildings))
            add(f"({text_sql} OR r.household_id IN (SELECT id FROM household WHERE building_id IN ({marks})))",
                *text_values, *search.buildings)
        else:
            add(text_sql, *text_values)
    return clauses, params


def _buildings_matching(session: Session, term: _Term, community_code: str | None) -> list[str]:
    """Buildings whose address or name contains the word (a community has a few hundred:
    a scan is cheaper than keeping another index)."""
    sql = "SELECT id FROM building WHERE deleted_at IS NULL AND (instr(address, ?) > 0 OR instr(name, ?) > 0)"
    params: list[Any] = [term.text, term.text]
    if community_code is not None:
        sql += " AND community_code = ?"
        params.append(community_code)
    return [row[0] for row in session.connection().exec_driver_sql(sql, tuple(params))]


_ORDER = {
    "name": ("", "r.search_sort {d}"),
    "age": ("", "r.birth_date {r}, r.search_sort"),  # older first when descending
    "grid": ("LEFT JOIN grid_cell g ON g.id = r.grid_cell_id", "g.code {d}, r.search_sort"),
    "status": ("", "r.status {d}, r.search_sort"),
    "address": ("LEFT JOIN household h ON h.id = r.household_id LEFT JOIN building b ON b.id = h.building_id "
                "LEFT JOIN unit u ON u.id = h.unit_id",
                "b.address {d}, length(u.number) {d}, u.number {d}, length(h.room) {d}, h.room {d}, r.search_sort"),
}


# A search word matching at least this many residents makes a page cheaper to find by
# walking the listing index in name order than by sorting every match.
BROAD_MATCHES = 5000
# ID and phone tails are spread evenly through the name order (names cluster: 王 under w),
# so a few thousand matches are already met early in the walk (13: 3,500 matches, page
# found after ~3,500 residents: 2 ms, against 6–9 ms for sorting them all)
BROAD_DIGIT_MATCHES = 1000
BROAD_BUILDINGS = 10  # an address word matching this many buildings brings in thousands of residents


def _long_pinyin(term: _Term) -> bool:
    return term.kind == "letters" and len(term.text) > FTS_PREFIX_MAX


def _is_broad(session: Session, f: ResidentFilter, searches: list[_Search], *, exact: bool = True) -> bool:
    """True when the first page is best found in index order: a plain listing (community
    and status only) and search words that each match many residents (王, w, 湛山 …).
    Counting stops at BROAD_MATCHES, so asking costs a few milliseconds — except for pinyin
    longer than FTS5's prefix indexes (zhang: ~5 ms); exact=False counts its first letters
    instead (more matches: "perhaps broad")."""
    narrowing = (f.grid_cell_id, f.building_id, f.tag_code, f.age_min, f.age_max, f.residence_type)
    if not searches or f.community_code is None or f.status is None or any(v is not None for v in narrowing):
        return False
    conn = session.connection()
    sql = "SELECT count(*) FROM (SELECT 1 FROM resident_fts WHERE resident_fts MATCH ? LIMIT ?)"

    def broad(s: _Search) -> bool:
        if len(s.buildings) >= BROAD_BUILDINGS:
            return True
        if s.term.kind == "place":
            return False
        least = BROAD_DIGIT_MATCHES if s.term.kind == "digits" else BROAD_MATCHES
        term = s.term if exact or not _long_pinyin(s.term) else _Term("letters", s.term.text[:FTS_PREFIX_MAX])
        return int(conn.exec_driver_sql(sql, (_fts_expression(term), least)).scalar_one()) >= least

    return all(broad(s) for s in searches)


def _walked_first_page(raw: Any, f: ResidentFilter, searches: list[_Search], day: date, *, limit: int,
                       descending: bool) -> list[int] | None:
    """A broad search's first page in name order from core.resident_walk, or None."""
    if f.community_code is None or f.status is None:  # (_is_broad asks for both)
        return None
    clauses, params = _where(f, searches, day, per_row=True)
    prefilters = [p for s in searches if not s.buildings and (p := sort_prefilter(s.term.kind, s.term.text))]
    surname = next((s.term.text for s in searches if s.term.kind == "han" and not s.buildings), None)
    pinyin = next((s.term.text for s in searches if s.term.kind == "letters"), None)
    return first_page(raw, f.community_code, f.status, clauses, params, prefilters, limit=limit,
                      descending=descending, surname=surname, pinyin=pinyin)


def find_residents(session: Session, f: ResidentFilter, *, sort: str = "name", descending: bool = False,
                   limit: int | None = None, offset: int = 0, today: date | None = None) -> list[int]:
    """Rowids of the matching residents in display order (all of them, or one page)."""
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}; one of {SORTS}")
    searches = _searches(session, f)
    day = today or local_today()
    raw = session.connection().connection.driver_connection
    # SQLite cannot know how many residents a search word matches; for a page of a broad
    # match, walking the listing index beats sorting tens of thousands of matches
    broad = limit is not None and sort == "name" and _is_broad(session, f, searches, exact=offset > 0)
    if broad and offset == 0 and limit is not None:
        page = _walked_first_page(raw, f, searches, day, limit=limit, descending=descending)
        if page is not None:
            return page  # exact whether the words were broad or not
        if any(_long_pinyin(s.term) for s in searches):  # perhaps broad: count them
            broad = _is_broad(session, f, searches)
    clauses, params = _where(f, searches, day, walking=broad)
    join, order = _ORDER[sort]
    direction, reverse = ("DESC", "ASC") if descending else ("ASC", "DESC")
    hint = "INDEXED BY ix_resident_listing" if broad else ""
    sql = (f"SELECT r.rowid FROM resident r {hint} {join} WHERE {' AND '.join(clauses)} "
           f"ORDER BY {order.format(d=direction, r=reverse)}, r.rowid")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    # straight from the DB-API cursor, a row at a time: a whole register (60,000 ids) costs half
    # the time of SQLAlchemy's fetchall, and no 60,000 row objects alive at once, over which the
    # garbage collector ran ~170 times (a full collection among them, on the GUI's time)
    return [rowid for (rowid,) in raw.execute(sql, tuple(params))]  # type: ignore[union-attr]


def count_residents(session: Session, f: ResidentFilter, *, today: date | None = None) -> int:
    clauses, params = _where(f, _searches(session, f), today or local_today())
    sql = f"SELECT count(*) FROM resident r WHERE {' AND '.join(clauses)}"
    return int(session.connection().exec_driver_sql(sql, tuple(params)).scalar_one())


_ROWS_SQL = """
SELECT r.rowid, r.id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.status, r.residence_type,
       b.address, u.number, h.room, g.name,
       (SELECT group_concat(t.name, '、') FROM resident_tag rt JOIN special_group_tag t ON t.code = rt.tag_code
        WHERE rt.resident_id = r.id AND rt.deleted_at IS NULL)
FROM resident r
LEFT JOIN household h ON h.id = r.household_id
LEFT JOIN building b ON b.id = h.building_id
LEFT JOIN unit u ON u.id = h.unit_id
LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
WHERE r.rowid IN ({marks})
"""


_REGION_PREFIX = re.compile(r"^(?:[^省]{2,8}?(?:省|自治区))?[^市]{2,10}?市[^区县]{1,10}?[区县]")


def local_address(address: str) -> str:
    """The address without its province, city and district (山东省青岛市市南区湛山三路5号 →
    湛山三路5号): inside one community's register they are the same for everyone."""
    short = _REGION_PREFIX.sub("", address, count=1)
    return short or address


def address_text(building_address: str | None, unit: str | None, room: str | None, *, full: bool = False) -> str:
    """湛山三路5号 2单元 301室 — the way a grid worker writes an address (full=True keeps
    the province, city and district)."""
    parts = [(building_address if full else local_address(building_address or "")) or ""]
    if unit:
        parts.append(f"{unit}单元")
    if room:
        parts.append(f"{room}室")
    return " ".join(p for p in parts if p)


def resident_rows(session: Session, rowids: Sequence[int], *, today: date | None = None) -> list[ResidentRow]:
    """The rows for these rowids, in the same order (missing ones are left out)."""
    if not rowids:
        return []
    day = today or local_today()
    out: dict[int, ResidentRow] = {}
    conn = session.connection()
    for start in range(0, len(rowids), 500):  # SQLite's parameter limit
        chunk = list(rowids[start:start + 500])
        sql = _ROWS_SQL.format(marks=", ".join("?" * len(chunk)))
        for (rowid, rid, name, sex, birth, id_number, phone, status, residence, address, unit, room, grid,
             tags) in conn.exec_driver_sql(sql, tuple(chunk)):
            born = date.fromisoformat(birth) if birth else None
            out[rowid] = ResidentRow(
                rowid=rowid, id=rid, name=name, sex=sex, age=age_on(born, day) if born else None,
                id_number_masked=mask_id_number(id_number), phone_masked=mask_phone(phone),
                address=address_text(address, unit, room), grid_name=grid or "", tags=tags or "",
                status=status, residence_type=residence)
    return [out[r] for r in rowids if r in out]


@dataclass(frozen=True)
class FilterChoices:
    """What the residents page's filters offer, for one community."""

    grid_cells: tuple[tuple[str, str], ...]  # (id, name)
    buildings: tuple[tuple[str, str, str | None], ...]  # (id, address, grid cell id)
    tags: tuple[tuple[str, str], ...]  # (code, name)


def filter_choices(session: Session, community_code: str | None) -> FilterChoices:
    conn = session.connection()
    where, params = ("AND community_code = ?", (community_code,)) if community_code else ("", ())
    cells = conn.exec_driver_sql(
        f"SELECT id, name FROM grid_cell WHERE deleted_at IS NULL {where} ORDER BY code", params).fetchall()
    buildings = conn.exec_driver_sql(
        f"SELECT id, address, grid_cell_id FROM building WHERE deleted_at IS NULL {where} "
        "ORDER BY road, length(house_number), house_number, name", params).fetchall()
    tags = conn.exec_driver_sql(
        "SELECT code, name FROM special_group_tag WHERE deleted_at IS NULL ORDER BY rowid").fetchall()
    return FilterChoices(tuple((c[0], c[1]) for c in cells), tuple((b[0], b[1], b[2]) for b in buildings),
                         tuple((t[0], t[1]) for t in tags))


def resident_ids(session: Session, rowids: Sequence[int]) -> list[str]:
    """The resident ids of these rowids, in the same order (an export takes ids)."""
    found: dict[int, str] = {}
    conn = session.connection()
    for start in range(0, len(rowids), 500):
        chunk = tuple(rowids[start:start + 500])
        sql = f"SELECT rowid, id FROM resident WHERE rowid IN ({', '.join('?' * len(chunk))})"
        found.update(conn.exec_driver_sql(sql, chunk).fetchall())
    return [found[r] for r in rowids if r in found]
