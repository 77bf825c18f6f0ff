"""Cleaning cell values and recognising what Excel did to them.

Harmless mess is cleaned silently and counted as a fix: full-width digits and letters
(３７０２…), ideographic and non-breaking spaces, stray spaces and line breaks, a leading
apostrophe, a number that went through a float (13812345678.0), a date stored as a serial
number. Damage is reported, never imported as a wrong value: an ID number Excel turned into
a number has lost its last digits (Excel keeps 15 significant digits), a landline turned
into a number has lost its leading 0, a room number like 1-502 may have become a date.

Every cleaner returns (value, fixes, issue): the cleaned value (None when empty or
damaged), a bit set of FIX_* flags, and a CellIssue or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from openpyxl.utils.datetime import from_excel

from community_app.core.importing.reading import Value

FIX_FULLWIDTH: Final = 1  # full-width digits, letters or spaces
FIX_SPACES: Final = 2  # stray spaces, line breaks, a leading apostrophe
FIX_DATE_SERIAL: Final = 4  # a date stored as an Excel serial number or as digits
FIX_NUMBER: Final = 8  # a number written as 13812345678.0
FIX_NAMES: Final[dict[int, str]] = {
    FIX_FULLWIDTH: "全角字符改为半角",
    FIX_SPACES: "去掉多余的空格、换行或撇号",
    FIX_DATE_SERIAL: "数字形式的日期转换为日期",
    FIX_NUMBER: "去掉数字末尾的“.0”",
}

ID_DAMAGED: Final = "身份证号被Excel转换成了数字/科学计数法，后几位已丢失，请把该列设为文本格式后重新填写"
PHONE_DAMAGED: Final = "电话号码被Excel转换成了数字/科学计数法，号码已不完整，请把该列设为文本格式后重新填写"
PHONE_ZERO_LOST: Final = "电话号码被Excel转换成了数字，开头的0已丢失，请把该列设为文本格式后重新填写"


@dataclass(frozen=True, slots=True)
class CellIssue:
    code: str
    message: str
    severity: str = "error"


Cleaned = tuple[object, int, CellIssue | None]

# full-width ASCII -> ASCII; ideographic / no-break spaces -> space; zero-width characters dropped
_WIDTH: Final[dict[int, int | None]] = {0xFF01 + i: 0x21 + i for i in range(94)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2007: 0x20, 0x202F: 0x20})
_INVISIBLE: Final[dict[int, int | None]] = {c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}
_TABLE: Final = str.maketrans({**_WIDTH, **_INVISIBLE})
_INVISIBLE_TABLE: Final = str.maketrans(_INVISIBLE)
_SCIENTIFIC: Final = re.compile(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+")
_DECIMAL: Final = re.compile(r"\d+\.\d*")
_CJK_GAP: Final = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_PHONE_SPLIT: Final = re.compile(r"[/,，;；、|]+|\s+")


def _fold(text: str) -> tuple[str, int]:
    """Width-fold and drop invisible characters; the flags say what changed."""
    if text.isascii():
        return text, 0
    folded = text.translate(_TABLE)
    if folded == text:
        return text, 0
    widthless = text.translate(_INVISIBLE_TABLE)
    return folded, (FIX_FULLWIDTH if widthless != folded else 0) | (FIX_SPACES if widthless != text else 0)


def _squeeze(text: str) -> tuple[str, int]:
    """Trim and collapse runs of whitespace (line breaks included) to one space."""
    squeezed = " ".join(text.split())
    return squeezed, (FIX_SPACES if squeezed != text else 0)


def _number_text(value: int | float) -> tuple[str, int]:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), 0
    return str(value), 0


def clean_text(value: Value) -> Cleaned:
    """Free text (民族, 备注, 与户主关系 …)."""
    if type(value) is str:
        folded, fixes = _fold(value)
        if " " not in folded and folded.isprintable() and folded:  # nothing to squeeze
            return folded, fixes, None
        text, more = _squeeze(folded)
        return text or None, fixes | more, None
    if value is None:
        return None, 0, None
    if isinstance(value, bool):
        return ("是" if value else "否"), 0, None
    if isinstance(value, int | float):
        return _number_text(value)[0], 0, None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" "), 0, None
    return str(value), 0, None


def clean_notes(value: Value) -> Cleaned:
    """备注: line breaks are kept (notes have lines); only the ends are trimmed."""
    if type(value) is not str:
        return clean_text(value)
    folded, fixes = _fold(value.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in folded.strip().split("\n"))
    return text or None, fixes | (FIX_SPACES if text != folded else 0), None


def clean_name(value: Value) -> Cleaned:
    """A name: as clean_text, and no spaces between Chinese characters (「张 三」 -> 「张三」)."""
    text, fixes, issue = clean_text(value)
    if isinstance(text, str) and " " in text:
        joined = _CJK_GAP.sub("", text)
        if joined != text:
            return joined, fixes | FIX_SPACES, issue
    return text, fixes, issue


def clean_id_number(value: Value) -> Cleaned:
    """The ID number as text for check_id_number, or an issue when Excel damaged it.

    A float never survives (18 digits do not fit in a double). An int may have been written
    exactly by another program: accepted when it is 15 digits (legacy) or 18 digits that do
    not end in 000 (Excel's 15 significant digits leave 000 at the end); the checksum is
    checked afterwards like any other ID number.
    """
    if type(value) is str and len(value) == 18 and value[:17].isdigit() and value.isascii():
        return value, 0, None  # the usual case, already clean
    if value is None:
        return None, 0, None
    damaged = CellIssue("id_number_excel_damaged", ID_DAMAGED)
    if isinstance(value, bool | datetime | date):
        return None, 0, CellIssue("id_number_not_text", "身份证号格式不对，请填写18位身份证号码")
    if isinstance(value, float):
        return None, 0, damaged
    if isinstance(value, int):
        digits = str(value)
        if len(digits) == 15 or (len(digits) == 18 and not digits.endswith("000")):
            return digits, 0, None
        return None, 0, damaged if len(digits) >= 15 else None
    text, fixes = _fold(str(value))
    compact = "".join(text.split())
    if compact != text:
        fixes |= FIX_SPACES
    if compact.startswith("'"):  # typed to keep Excel from making it a number; Excel hides it
        compact = compact[1:]
        fixes |= FIX_SPACES
    if not compact:
        return None, fixes, None
    if _SCIENTIFIC.fullmatch(compact) or _DECIMAL.fullmatch(compact):
        return None, fixes, damaged
    return compact, fixes, None


def clean_phone(value: Value) -> Cleaned:
    """The phone number as text for check_phone. A second number in the same cell is dropped
    with a warning; damage by Excel is an error."""
    if type(value) is str and value.isdigit() and value.isascii() and value[0] == "1":
        return value, 0, None  # the usual case: a mobile number, already clean
    if value is None:
        return None, 0, None
    if isinstance(value, bool | datetime | date):
        return None, 0, CellIssue("phone_not_text", "电话号码格式不对，请填写手机号或带区号的固定电话")
    fixes = 0
    if isinstance(value, float):
        if not value.is_integer() or value >= 1e15:
            return None, 0, CellIssue("phone_excel_damaged", PHONE_DAMAGED)
        value, fixes = int(value), FIX_NUMBER
    if isinstance(value, int):
        digits = str(value)
        if not digits.startswith("1") and 9 <= len(digits) <= 11:  # 0532 8888 6666 lost its 0
            return None, fixes, CellIssue("phone_zero_lost", PHONE_ZERO_LOST)
        return digits, fixes, None
    text, fixes = _fold(str(value))
    text = text.strip()
    if text.startswith("'"):
        text, fixes = text[1:].strip(), fixes | FIX_SPACES
    if not text:
        return None, fixes, None
    if _SCIENTIFIC.fullmatch(text):
        return None, fixes, CellIssue("phone_excel_damaged", PHONE_DAMAGED)
    if _DECIMAL.fullmatch(text):
        whole, _, rest = text.partition(".")
        if rest.strip("0"):
            return None, fixes, CellIssue("phone_excel_damaged", PHONE_DAMAGED)
        text, fixes = whole, fixes | FIX_NUMBER
    if text.isdigit() and text[0] not in "01" and 9 <= len(text) <= 11:
        return None, fixes, CellIssue("phone_zero_lost", PHONE_ZERO_LOST)  # saved from a number cell
    pieces = [p for p in _PHONE_SPLIT.split(text) if p]
    if len(pieces) > 1 and all(sum(ch.isdigit() for ch in p) >= 7 for p in pieces):
        return pieces[0], fixes, CellIssue("phone_several", "一个单元格里有多个电话号码，只导入了第一个", "warning")
    compact = "".join(pieces)
    return compact, fixes | (FIX_SPACES if compact != text else 0), None


# dates ------------------------------------------------------------------------------------
_DATE_FULL: Final = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_DATE_COMPACT: Final = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_MONTH: Final = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?|(\d{4})(\d{2})")
_DATE_YEAR: Final = re.compile(r"(\d{4})\s*年?")
_DATE_US: Final = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SERIAL_TEXT: Final = re.compile(r"\d{5}(?:\.\d+)?")
FIRST_YEAR, LAST_YEAR = 1880, 2100
_LAST_SERIAL: Final = 73051  # 2100-01-01 in the 1900 date system


@dataclass(frozen=True, slots=True)
class PartialDate:
    """Only a year, or a year and a month (出生年月 columns often have no day)."""

    year: int
    month: int | None = None

    def matches(self, full: date) -> bool:
        return full.year == self.year and (self.month is None or full.month == self.month)


def _bad_date(text: str) -> CellIssue:
    return CellIssue("date_invalid", f"日期「{text}」无法识别，请写成 1980-01-01 这样的格式")


def _make_date(y: int, m: int, d: int, text: str) -> Cleaned:
    try:
        found = date(y, m, d)
    except ValueError:
        return None, 0, CellIssue("date_impossible", f"日期「{text}」不存在，请检查年月日")
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        return None, 0, _bad_date(text)
    return found, 0, None


def _from_serial(serial: float, epoch: datetime) -> Cleaned:
    return from_excel(int(serial), epoch).date(), FIX_DATE_SERIAL, None


def clean_date(value: Value, epoch: datetime) -> Cleaned:
    """A date from a datetime cell, an Excel serial number (in the workbook's date system)
    or text in the usual forms (1980-01-01, 1980/1/1, 1980.1.1, 1980年1月1日, 19800101).
    A year or year-month alone gives a PartialDate."""
    if value is None:
        return None, 0, None
    if isinstance(value, datetime):
        return value.date(), 0, None
    if isinstance(value, date):
        return value, 0, None
    if isinstance(value, bool):
        return None, 0, _bad_date(str(value))
    if isinstance(value, int | float):
        whole = float(value).is_integer()
        if whole and FIRST_YEAR <= value <= LAST_YEAR:
            return PartialDate(int(value)), 0, None
        if whole and 18_800_101 <= value <= 21_001_231:
            text = str(int(value))
            found, _, issue = _make_date(int(text[:4]), int(text[4:6]), int(text[6:]), text)
            return found, FIX_DATE_SERIAL if issue is None else 0, issue
        if 1 <= value < _LAST_SERIAL:
            return _from_serial(value, epoch)
        return None, 0, _bad_date(_number_text(value)[0])
    text, fixes = _fold(str(value))
    text = text.strip()
    if not text:
        return None, fixes, None
    if match := _DATE_FULL.fullmatch(text):
        found, more, issue = _make_date(int(match[1]), int(match[2]), int(match[3]), text)
        return found, fixes | more, issue
    if match := _DATE_COMPACT.fullmatch(text):
        found, _, issue = _make_date(int(match[1]), int(match[2]), int(match[3]), text)
        return found, fixes | (FIX_DATE_SERIAL if issue is None else 0), issue
    if match := _DATE_US.fullmatch(text):  # Excel with US settings: month/day/year
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first > 12 >= second:
            first, second = second, first
        elif first != second and second <= 12:
            return None, fixes, CellIssue("date_ambiguous", f"日期「{text}」分不清月和日，请写成 1980-01-01 这样的格式")
        return _make_date(year, first, second, text)
    if match := _DATE_MONTH.fullmatch(text):
        year, month = (int(match[1]), int(match[2])) if match[1] else (int(match[3]), int(match[4]))
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return PartialDate(year, month), fixes, None
    if (match := _DATE_YEAR.fullmatch(text)) and FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        return PartialDate(int(match[1])), fixes, None
    if _SERIAL_TEXT.fullmatch(text) and 1 <= float(text) < _LAST_SERIAL:
        found, more, issue = _from_serial(float(text), epoch)
        return found, fixes | more, issue
    return None, fixes, _bad_date(text)


def clean_place(value: Value, label: str) -> Cleaned:
    """楼栋 / 单元 / 房号 as text. A date there is Excel's doing: 「1-5」 typed into a General
    cell becomes 1月5日, and what was meant can no longer be told."""
    if type(value) is str and value.isprintable() and " " not in value:
        text, fixes = _fold(value)
        if " " not in text:
            return text, fixes, None
    if value is None:
        return None, 0, None
    if isinstance(value, datetime | date):
        return None, 0, CellIssue(
            "place_excel_date", f"{label}被Excel转换成了日期，原来的内容已无法确定，请把该列设为文本格式后重新填写"
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value)[0], 0, None
    text, fixes = _fold(str(value))
    compact = "".join(text.split())
    return compact or None, fixes | (FIX_SPACES if compact != text else 0), None
