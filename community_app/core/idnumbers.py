"""Citizen ID numbers (公民身份号码, GB 11643-1999): clean up what people and Excel type,
upgrade 15-digit legacy numbers, and check the number without ever raising.

Layout of the 18 characters: region code (6, GB/T 2260) + birth date (8, YYYYMMDD) +
sequence (3, odd for men, even for women) + ISO 7064 MOD 11-2 check character ('X' = 10).
A 15-digit number (issued until 1999) is region + YYMMDD (born 19YY) + sequence.

python-stdnum's cn.ric raises KeyError for counties it does not know, and ID numbers carry
retired codes for life, so region problems here are warnings (see community_app.core.regions).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from operator import mul
from typing import Final

from community_app.core import localtime, regions
from community_app.core.problems import Problem, error, warning

FIELD: Final = "id_number"
EARLIEST_BIRTH: Final = date(1900, 1, 1)
_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(17-i) mod 11
_CHECK: Final = "10X98765432"  # check character by weighted sum mod 11
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # zero-width chars pasted from web/Word
_EXCEL_NUMBER = re.compile(r"\d+(\.\d+)?[eE][+-]?\d+|\d{15,18}\.\d+")  # 3.70202E+17, 370202199001011000.0


@dataclass(frozen=True)
class IdNumberCheck:
    normalized: str | None  # 18 characters, uppercase X; a 15-digit number upgraded
    birth_date: date | None
    sex: str | None  # "M" (odd sequence digit) / "F"
    region_code: str | None  # first 6 digits
    region_name: str | None  # e.g. "山东省青岛市市南区" when known
    problems: tuple[Problem, ...]  # errors and warnings

    @property
    def ok(self) -> bool:
        """No error-severity problems (warnings such as an unknown county are fine)."""
        return not any(p.is_error for p in self.problems)

    @property
    def upgraded(self) -> bool:
        return any(p.code == "id.upgraded" for p in self.problems)


def check_digit(first17: str) -> str:
    """The 18th character for 17 digits."""
    return _CHECK[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def clean(raw: str) -> str:
    """Full-width to ASCII, no spaces or line breaks, uppercase; nothing else is changed."""
    text = unicodedata.normalize("NFKC", raw).translate(_INVISIBLE)
    text = "".join(text.split()).upper()
    return text[1:] if text.startswith("'") else text  # Excel's "store as text" apostrophe in a CSV


def normalize(raw: str | None) -> str | None:
    """The stored form of an ID number when it is well-formed enough to compare, else None.
    Used to find a resident by ID without caring about checksums."""
    if not raw:
        return None
    result = check_id_number(raw)
    return result.normalized


def _empty(problems: list[Problem], *, normalized: str | None = None) -> IdNumberCheck:
    return IdNumberCheck(normalized, None, None, None, None, tuple(problems))


def check_id_number(raw: str, *, today: date | None = None) -> IdNumberCheck:
    """Check and normalize an ID number; problems are returned, never raised."""
    text = clean(raw or "")
    if not text:
        return _empty([error("required", "请填写身份证号码。", FIELD)])
    if _EXCEL_NUMBER.fullmatch(text):
        return _empty([error(
            "id.excel_number",
            "身份证号码被 Excel 存成了数字（如 3.70202E+17），后几位已经丢失；"
            "请把这一列设为“文本”格式，再对照证件重新录入完整号码。", FIELD)])
    if len(text) not in (15, 18):
        return _empty([error("id.length", f"身份证号码应为18位（旧证为15位），现在是{len(text)}位；请对照证件核对。",
                             FIELD, length=len(text))])
    digits_end = 17 if len(text) == 18 else 15
    if not text[:digits_end].isdigit() or not (len(text) == 15 or text[17].isdigit() or text[17] == "X"):
        return _empty([error("id.characters",
                             "身份证号码只能由数字组成，18位号码的最后一位可以是X；请检查是否混入了字母或符号。",
                             FIELD)])
    problems: list[Problem] = []
    if len(text) == 15:
        number = text[:6] + "19" + text[6:] + check_digit(text[:6] + "19" + text[6:])
        problems.append(warning(
            "id.upgraded", f"15位旧身份证号码已自动升级为18位（出生年份补全为19{text[6:8]}年，并补上校验位）。", FIELD))
    else:
        number = text
        expected = check_digit(number[:17])
        if expected != number[17]:
            problems.append(_checksum_problem(number, expected))
    birth = _birth_date(number, today or localtime.today(), problems)
    region_code = number[:6]
    region_name = _check_region(region_code, problems)
    sex = "M" if int(number[16]) % 2 else "F"
    return IdNumberCheck(number, birth, sex, region_code, region_name, tuple(problems))


def _checksum_problem(number: str, expected: str) -> Problem:
    if number.endswith("000"):
        # Excel keeps 15 significant digits: a number typed into a numeric cell ends in 000
        return error("id.excel_truncated",
                     "身份证号码末尾变成了000，多半是 Excel 把号码当作数字保存而丢失了末几位；"
                     "请把这一列设为“文本”格式，再对照证件重新录入。", FIELD, expected=expected)
    return error("id.checksum", "身份证号码校验不通过，号码中可能有输错或颠倒的数字；请对照证件逐位核对。",
                 FIELD, expected=expected, actual=number[17])


def _birth_date(number: str, today: date, problems: list[Problem]) -> date | None:
    y, m, d = number[6:10], number[10:12], number[12:14]
    try:
        birth = date(int(y), int(m), int(d))
    except ValueError:
        problems.append(error("id.birth_date_invalid", f"身份证号码中的出生日期 {y}-{m}-{d} 不存在；请核对第7至14位。",
                              FIELD, date=f"{y}-{m}-{d}"))
        return None
    if birth > today:
        problems.append(error("id.birth_date_future",
                              f"身份证号码中的出生日期 {birth.isoformat()} 晚于今天；请核对第7至14位。",
                              FIELD, date=birth.isoformat()))
        return None
    if birth < EARLIEST_BIRTH:
        problems.append(error("id.birth_date_too_early",
                              f"身份证号码中的出生日期 {birth.isoformat()} 早于1900年；请核对第7至14位。",
                              FIELD, date=birth.isoformat()))
        return None
    return birth


def _check_region(code: str, problems: list[Problem]) -> str | None:
    region = regions.lookup(code)
    if region is None:
        problems.append(error("id.region_invalid",
                              f"身份证号码前两位“{code[:2]}”不是有效的省级行政区划代码；请核对前6位。",
                              FIELD, code=code))
        return None
    if region.retired:
        new_name = regions.name_of(region.replaced_by or "") or ""
        replaced = f"，现为{region.replaced_by}（{new_name}）" if region.replaced_by else ""
        problems.append(warning(
            "id.region_retired",
            f"地区码{code}（{region.name}）已于{region.retired_in}年撤销{replaced}；身份证号码终身不变，无需修改。",
            FIELD, code=code, retired_in=region.retired_in, replaced_by=region.replaced_by or ""))
    elif region.known_to != regions.COUNTY:
        problems.append(warning(
            "id.region_unknown",
            f"地区码{code}不在本机的行政区划表中（只知道属于{region.name}），号码其余部分有效；证件无误即可保存。",
            FIELD, code=code))
    return region.name

