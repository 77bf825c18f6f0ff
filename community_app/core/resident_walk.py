"""The first page of a broad search in name order, without sorting every match.

`ix_resident_listing` holds a community's residents of one status in name (pinyin) order.
For a word that matches thousands of residents (王, l, 8), walking it with
`rowid IN (SELECT rowid FROM resident_fts …)` first builds an index of every match (18,000
to 63,000 rowids) and then tests everyone listed before the page's last match — ~34,000
residents for 王 (wang sorts late): 15–30 ms. The same page comes cheaper, tried in order:

1. a short walk: test each resident in list order with a per-row condition that is exactly
   the FTS match (`exact_condition`), over the first SHORT_WALK_ROWS of the list only. A
   dense word (l, li, 8, chen) has its page long before that.
2. a surname (王, 张三): names starting with 王 are together in the list ("wang …"); the
   others holding 王 are few and the FTS index finds them (`"王" NOT ^"王"`). Merged.
3. a surname's pinyin (sun, wang, zhang): names whose key starts with the letters are
   together; the characters those names start with (孙) tell the FTS index which matches
   lie elsewhere (`sun* NOT ^"孙"`). Merged.
4. a walk with a prefilter, for words of characters: a match's name holds each character,
   and the name is the tail of `search_sort`, in the index entry itself: ~0.1 µs per
   resident without reading the table row.
None of them applies (a pinyin in the middle of the list, initials): the caller uses the FTS
index. 2 and 3 rest on "a name sorts under its first character": checked by counting (see
`_indexed_first_is_written_first`); names such as "Anna王" send the search on to the next way.

The per-row conditions read the same derived text the FTS table indexes (db.search_keys):
space-separated tokens, each a single name character or a run of [0-9a-z]. So a phrase of
characters is a substring "王 秀", and a prefix of a token is " zhang" after a leading space.
Every way gives exactly the rows and order of the FTS query (tests/core/test_resident_walk.py).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from typing import Any

SHORT_WALK_ROWS = 1000  # residents tested per row before the short walk gives up (≈1.3 ms)
ELSEWHERE_MAX = 2000  # a surname page looks up this many residents at most (≈1 µs each)
FIRST_CHARACTERS_MAX = 8  # characters a pinyin's names may start with (zhang: 张 章 彰 …)
FTS_PREFIX_MAX = 4  # the longest prefix index of resident_fts (db.search_index: prefix='1 2 3 4')

_LISTING = "resident r INDEXED BY ix_resident_listing"
_IN_LISTING = "r.deleted_at IS NULL AND r.community_code = ? AND r.status = ?"


def exact_condition(kind: str, text: str) -> tuple[str, list[Any]]:
    """A per-row SQL condition on resident `r` true exactly when the FTS expression that
    core.resident_query makes for this word matches the row (kind: han, letters, digits)."""
    if kind == "han":  # a phrase of name characters: consecutive single-character tokens
        return "instr(r.search_names, ?) > 0", [" ".join(text)]
    if kind == "letters":  # a prefix of any token (full pinyin or initials from any syllable on)
        return "instr(' ' || r.search_names, ?) > 0", [" " + text]
    reversed_ = " " + text[::-1]
    if len(text) < 3:  # one or two digits: the end of a number only
        return "instr(' ' || r.search_numbers, ?) > 0", [reversed_]
    return ("(instr(' ' || r.search_numbers, ?) > 0 OR instr(' ' || r.search_numbers, ?) > 0)",
            [" " + text, reversed_])


def sort_prefilter(kind: str, text: str) -> tuple[str, list[Any]] | None:
    """A condition on the index entry alone that every row matching a word of characters
    meets: each character is in the name, which `search_sort` ends with (None for other words)."""
    if kind != "han":
        return None
    chars = list(dict.fromkeys(text))
    # a row without a sort key is let through to the exact test rather than trusted to have none
    return ("(r.search_sort IS NULL OR (" + " AND ".join(["instr(r.search_sort, ?) > 0"] * len(chars)) + "))",
            chars)


def has_unsorted(raw: sqlite3.Connection, community_code: str, status: str) -> bool:
    """Whether some listed resident has no sort key (the walks below assume none has)."""
    row = raw.execute(f"SELECT 1 FROM {_LISTING} WHERE {_IN_LISTING} AND r.search_sort IS NULL LIMIT 1",
                      (community_code, status)).fetchone()
    return row is not None


def _listing_key_at(raw: sqlite3.Connection, community_code: str, status: str, position: int,
                    descending: bool) -> str | None:
    direction = "DESC" if descending else "ASC"
    row = raw.execute(f"SELECT r.search_sort FROM {_LISTING} WHERE {_IN_LISTING} "
                      f"ORDER BY r.search_sort {direction} LIMIT 1 OFFSET ?",
                      (community_code, status, position)).fetchone()
    return None if row is None else row[0]


def _walk(raw: sqlite3.Connection, clauses: Sequence[str], params: Sequence[Any], *, limit: int,
          descending: bool) -> list[int]:
    # the order find_residents gives: namesakes by rowid, either way
    sql = (f"SELECT r.rowid FROM {_LISTING} WHERE {' AND '.join(clauses)} "
           f"ORDER BY r.search_sort {'DESC' if descending else 'ASC'}, r.rowid LIMIT ?")
    return [rowid for (rowid,) in raw.execute(sql, (*params, limit))]


def first_page(raw: sqlite3.Connection, community_code: str, status: str, clauses: Sequence[str],
               params: Sequence[Any], prefilters: Sequence[tuple[str, list[Any]]], *, limit: int,
               descending: bool, surname: str | None = None, pinyin: str | None = None) -> list[int] | None:
    """The first `limit` rowids in name order of the residents meeting `clauses` (which must
    include the community and status and test the search words per row, see exact_condition),
    or None when neither walk is cheap and the caller should use the FTS index."""
    if has_unsorted(raw, community_code, status):
        return None
    bound = _listing_key_at(raw, community_code, status, SHORT_WALK_ROWS, descending)
    if bound is None:  # a short list: walking all of it is the short walk
        return _walk(raw, [*prefilter_clauses(prefilters), *clauses],
                     [*prefilter_params(prefilters), *params], limit=limit, descending=descending)
    # every resident before the bound is tested: if the page is full, nothing later can come before it
    near = ["r.search_sort >= ?" if descending else "r.search_sort <= ?"]
    page = _walk(raw, [*near, *prefilter_clauses(prefilters), *clauses],
                 [bound, *prefilter_params(prefilters), *params], limit=limit, descending=descending)
    if len(page) >= limit:
        return page
    if surname is not None:
        by_surname = surname_page(raw, community_code, status, clauses, params, surname, limit=limit,
                                  descending=descending)
        if by_surname is not None:
            return by_surname
    if pinyin is not None:
        by_pinyin = pinyin_page(raw, community_code, status, clauses, params, pinyin, limit=limit,
                                descending=descending)
        if by_pinyin is not None:
            return by_pinyin
    if not prefilters:
        return None
    return _walk(raw, [*prefilter_clauses(prefilters), *clauses], [*prefilter_params(prefilters), *params],
                 limit=limit, descending=descending)


def _fts_count(raw: sqlite3.Connection, expression: str) -> int:
    return int(raw.execute("SELECT count(*) FROM resident_fts WHERE resident_fts MATCH ?", (expression,)).fetchone()[0])


_WRITTEN_FIRST = "FROM resident INDEXED BY ix_resident_name_birth WHERE name >= ? AND name < ?"


def _indexed_first_is_written_first(raw: sqlite3.Connection, char: str) -> int | None:
    """How many residents' names start with this character, if every name whose first indexed
    character it is also is written starting with it (not "Anna王", "·王", "〇王": those sort
    elsewhere); else None. Both counts cover all rows (the FTS index keeps tombstoned ones)."""
    at_start = _fts_count(raw, f'search_names : ^"{char}"')
    written = raw.execute(f"SELECT count(*) {_WRITTEN_FIRST}", (char, chr(ord(char) + 1))).fetchone()[0]
    return at_start if at_start == written else None


def _merged(raw: sqlite3.Connection, clauses: Sequence[str], params: Sequence[Any], *, low: str, high: str,
            elsewhere: str | None, limit: int, descending: bool) -> list[int]:
    """The first rows of: the stretch [low, high) of the list, and the FTS matches of `elsewhere`."""
    direction = "DESC" if descending else "ASC"
    where = " AND ".join(clauses)
    parts = raw.execute(
        f"SELECT r.rowid, r.search_sort FROM {_LISTING} WHERE r.search_sort >= ? AND r.search_sort < ? "
        f"AND {where} ORDER BY r.search_sort {direction}, r.rowid LIMIT ?", (low, high, *params, limit)).fetchall()
    if elsewhere is not None:
        parts += raw.execute(
            f"SELECT r.rowid, r.search_sort FROM resident r NOT INDEXED WHERE r.rowid IN "
            f"(SELECT rowid FROM resident_fts WHERE resident_fts MATCH ?) AND {where} "
            f"ORDER BY r.search_sort {direction}, r.rowid LIMIT ?", (elsewhere, *params, limit)).fetchall()
    merged = dict(parts)
    order = sorted(merged.items(), key=lambda item: (item[1], -item[0] if descending else item[0]), reverse=descending)
    return [rowid for rowid, _key in order[:limit]]


def surname_page(raw: sqlite3.Connection, community_code: str, status: str, clauses: Sequence[str],
                 params: Sequence[Any], word: str, *, limit: int, descending: bool) -> list[int] | None:
    """The page for a word of characters most residents have at the start of their name (王,
    张三), or None. Those residents are together in the list: a name starting with 王 sorts
    as "wang …". The others — 王 later in the name — are found through the FTS index
    (`NOT ^"王"`, few for a surname). The two lists are merged."""
    first = word[0]
    first_count = _indexed_first_is_written_first(raw, first)
    if first_count is None:
        return None
    sample = raw.execute(f"SELECT search_sort {_WRITTEN_FIRST} LIMIT 1", (first, chr(ord(first) + 1))).fetchone()
    if sample is not None and sample[0] is None:
        return None
    phrase = '"' + " ".join(word) + '"'
    at_start = first_count if len(word) == 1 else _fts_count(raw, f"search_names : ^{phrase}")
    elsewhere = _fts_count(raw, f"search_names : {phrase}") - at_start
    if elsewhere > ELSEWHERE_MAX:
        return None
    # how a name starting with the character sorts: the first syllable of any such name's key
    # (db.search_keys.sort_key would say the same, but loading pypinyin takes ~0.5 s and 50 MB)
    reading = re.split("[ \t]", sample[0], maxsplit=1)[0] if sample else "\x00"
    return _merged(raw, clauses, params, low=reading + "\t", high=reading + "!",
                   elsewhere=f"search_names : {phrase} NOT search_names : ^{phrase}" if elsewhere else None,
                   limit=limit, descending=descending)


def pinyin_page(raw: sqlite3.Connection, community_code: str, status: str, clauses: Sequence[str],
                params: Sequence[Any], letters: str, *, limit: int, descending: bool) -> list[int] | None:
    """The page for pinyin most matching residents' names start with (sun, wang, zhang), or None.
    Names whose key starts with the letters are together in the list (孙… under "sun …"); the
    characters those names start with (孙) tell the FTS index which matches lie elsewhere:
    `sun* NOT ^孙` (孙 later in a name, initials …), few for a surname's pinyin."""
    low, high = letters, letters[:-1] + chr(ord(letters[-1]) + 1)
    firsts = [c for (c,) in raw.execute(
        f"SELECT DISTINCT substr(r.search_sort, instr(r.search_sort, char(9)) + 1, 1) FROM {_LISTING} "
        f"WHERE {_IN_LISTING} AND r.search_sort >= ? AND r.search_sort < ? LIMIT ?",
        (community_code, status, low, high, FIRST_CHARACTERS_MAX + 1))]
    if not firsts or len(firsts) > FIRST_CHARACTERS_MAX or any(c in '"\\' for c in firsts):
        return None
    counts = [_indexed_first_is_written_first(raw, c) for c in firsts]
    if any(n is None for n in counts):
        return None
    # a longer prefix than FTS5's prefix indexes is slow to look up: ask for its start, test per row
    prefix = letters[:FTS_PREFIX_MAX]
    elsewhere = _fts_count(raw, f"search_names : {prefix}*") - sum(n or 0 for n in counts)
    if elsewhere > ELSEWHERE_MAX:
        return None
    starts = " OR ".join(f'^"{c}"' for c in firsts)
    return _merged(raw, clauses, params, low=low, high=high,
                   elsewhere=f"search_names : {prefix}* NOT search_names : ({starts})" if elsewhere else None,
                   limit=limit, descending=descending)


def prefilter_clauses(prefilters: Sequence[tuple[str, list[Any]]]) -> list[str]:
    return [sql for sql, _values in prefilters]


def prefilter_params(prefilters: Sequence[tuple[str, list[Any]]]) -> list[Any]:
    return [v for _sql, values in prefilters for v in values]
