"""Search keys of a resident: what the full-text index (resident_fts, FTS5) is built from.

Two derived columns of `resident`, kept local (never synced: every device derives them
from the name, ID number and phone it holds):

- search_names: the name's characters one by one ("王 秀 英"), so an FTS5 phrase query
  finds any run of characters, even one or two (FTS5's trigram tokenizer needs three);
  then the full pinyin from each syllable on ("wangxiuying xiuying ying") and the
  initials likewise ("wxy xy y"), so prefix queries find "wangx", "xiuy", "zs", "xy".
  A surname read otherwise than its character usually is (单 shan, 曾 zeng) adds that
  reading; "ü" is written both "v" and "u" (吕 lv / lu).
- search_numbers: the ID number and the phone's digits, forwards and backwards, so a
  prefix query on the reversed form finds a number by its last digits.
- search_sort: the name in pinyin, so lists sort the way Chinese readers expect.

pypinyin is imported on first use (its dictionaries take a moment to load); the
characters' readings are cached, since names repeat characters endlessly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

SEARCH_COLUMNS = ("search_names", "search_numbers", "search_sort")
_NON_DIGIT = re.compile(r"[^0-9xX]")
_WORD = re.compile(r"[0-9a-z]+")
# surnames read otherwise than the character's usual reading (单 shan, not dan)
SURNAME_READINGS = {"单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
                    "盖": "ge", "乐": "yue", "缪": "miao", "尉": "yu", "覃": "qin", "翟": "zhai", "召": "shao",
                    "秘": "bi", "冼": "xian", "种": "chong", "繁": "po", "折": "she", "员": "yun", "粘": "nian"}
# rare characters pypinyin has no reading for
EXTRA_READINGS = {"𠮷": "ji"}


def _is_han(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo"


@cache
def _reading(ch: str) -> str | None:
    """The usual toneless pinyin of one character (ü written v), None if it has none."""
    if ch in EXTRA_READINGS:
        return EXTRA_READINGS[ch]
    from pypinyin import Style, lazy_pinyin

    reading = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return reading[0] if reading and reading[0].isascii() and reading[0].isalpha() else None


def _chains(syllables: list[str]) -> list[str]:
    """Full pinyin and initials from each syllable on: wangxiuying xiuying ying wxy xy y."""
    full = ["".join(syllables[i:]) for i in range(len(syllables))]
    initials = ["".join(s[0] for s in syllables[i:]) for i in range(len(syllables))]
    return full + initials


def name_keys(name: str) -> str:
    """search_names for a name (see the module docstring)."""
    name = unicodedata.normalize("NFKC", name).strip().lower()
    han = [ch for ch in name if _is_han(ch)]
    words = _WORD.findall(name)  # Latin-letter names (境外人员) as words
    syllables = [r for r in map(_reading, han) if r]
    tokens: list[str] = []
    if syllables:
        tokens += _chains(syllables)
        if "v" in "".join(syllables):  # 吕 lv is typed lu too
            tokens += _chains([s.replace("v", "u") for s in syllables])[:1]
        surname = SURNAME_READINGS.get(han[0])
        if surname and _reading(han[0]) == syllables[0] and surname != syllables[0]:
            tokens += _chains([surname, *syllables[1:]])[:: len(syllables)]  # full and initials
    # the characters stay in order, repeats included: phrase queries match on positions
    return " ".join(han + list(dict.fromkeys(words + tokens)))


def number_keys(*numbers: str | None) -> str:
    """search_numbers: each number's digits (and X) forwards and backwards."""
    tokens: list[str] = []
    for number in numbers:
        if not number:
            continue
        digits = _NON_DIGIT.sub("", unicodedata.normalize("NFKC", number)).lower()
        if digits:
            tokens += [digits, digits[::-1]]
    return " ".join(dict.fromkeys(tokens))


def sort_key(name: str) -> str:
    """search_sort: names in pinyin order, as Chinese lists are sorted (李明 before 林芳:
    syllables are spaced, and a space sorts before any letter); the name itself breaks ties."""
    name = unicodedata.normalize("NFKC", name).strip()
    spelled = [_reading(ch) or ch for ch in name.lower() if not ch.isspace()]
    if spelled and SURNAME_READINGS.get(name[0]) and _is_han(name[0]):
        spelled[0] = SURNAME_READINGS[name[0]]
    return " ".join(spelled) + "\t" + name  # a tab sorts before the space: 毕宇 before 毕宇婷


def derived_columns(name: str, id_number: str | None, phone: str | None) -> dict[str, str | None]:
    """The search columns for a resident row with these values."""
    return {"search_names": name_keys(name) or None, "search_numbers": number_keys(id_number, phone) or None,
            "search_sort": sort_key(name)}
