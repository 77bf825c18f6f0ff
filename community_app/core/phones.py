"""Mainland phone numbers: mobiles (1[3-9] + 9 digits) and landlines (area code + 7/8 digits,
optional extension), written however people and spreadsheets write them.

Stored forms: "13812345678" and "0532-83871234" (or "0532-83871234-806" with an extension).
A landline typed without its area code is kept as typed, with a warning: guessing 0532
would be wrong for anyone who gave a number from another city.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from community_app.core.problems import Problem, error, warning

FIELD: Final = "phone"
MOBILE = re.compile(r"1[3-9]\d{9}")
_EXTENSION = re.compile(r"(?:转|分机|EXT\.?|X|#)\s*(\d{1,6})$")
_ALLOWED = re.compile(r"[\d\s\-.()+]*")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class PhoneCheck:
    normalized: str | None  # "13812345678" / "0532-83871234" / "0532-83871234-806"
    kind: str | None  # "mobile" | "landline"
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _invalid() -> PhoneCheck:
    return PhoneCheck(None, None, (error(
        "phone.invalid",
        "电话号码格式不对：手机号应为1开头的11位数字，固定电话应为区号加7到8位号码（如0532-83871234）；请核对后重新输入。",
        FIELD),))


def _area_split(digits: str) -> tuple[str, str] | None:
    """Split a national number that starts with 0 into area code and subscriber number."""
    if len(digits) < 3 or digits[0] != "0":
        return None
    # 010 and 02X are the 3-digit area codes (Beijing, Shanghai, Guangzhou …); all others have 4
    area_len = 3 if digits[1] in "12" else 4
    area, local = digits[:area_len], digits[area_len:]
    if digits[1] == "1" and area != "010":
        return None
    if not (7 if area_len == 4 else 8) <= len(local) <= 8 or local[0] in "01":
        return None
    return area, local


def _landline(groups: list[str], extension: str | None) -> PhoneCheck | None:
    digits = "".join(groups)
    split = _area_split(digits)
    if split is None and extension is None and len(groups) > 1 and len(groups[-1]) <= 5:
        # "0532-83871234-806": the last dash group is an extension
        split = _area_split("".join(groups[:-1]))
        extension = groups[-1] if split else None
    if split is None:
        return None
    number = f"{split[0]}-{split[1]}" + (f"-{extension}" if extension else "")
    return PhoneCheck(number, "landline", ())


def check_phone(raw: str) -> PhoneCheck:
    """Check and normalize a phone number; problems are returned, never raised."""
    text = unicodedata.normalize("NFKC", raw or "").translate(_INVISIBLE).strip().upper()
    text = text.replace("(", " ").replace(")", " ")
    if not text:
        return PhoneCheck(None, None, (error("required", "请填写联系电话。", FIELD),))
    extension = None
    match = _EXTENSION.search(text)
    if match:
        extension, text = match.group(1), text[:match.start()]
    if not _ALLOWED.fullmatch(text):
        return _invalid()
    international = text.lstrip().startswith("+")
    groups = re.findall(r"\d+", text)
    digits = "".join(groups)
    # country code: +86 / 0086 / 86 (86 alone only in front of a mobile, where it cannot be a local number)
    if international or digits.startswith("0086"):
        if international and not digits.startswith("86"):
            return _invalid()  # a foreign number
        rest = _drop_prefix(groups, 4 if digits.startswith("0086") else 2)
        national = "".join(rest)
        if MOBILE.fullmatch(national) and extension is None:
            return PhoneCheck(national, "mobile", ())
        if rest and not national.startswith("0"):
            rest[0] = "0" + rest[0]  # the area code drops its 0 after the country code: +86 532 8387 1234
        return _landline(rest, extension) or _invalid()
    if len(digits) == 13 and digits.startswith("86") and MOBILE.fullmatch(digits[2:]):
        return PhoneCheck(digits[2:], "mobile", ())
    if MOBILE.fullmatch(digits) and extension is None:
        return PhoneCheck(digits, "mobile", ())
    if digits.startswith("0"):
        return _landline(groups, extension) or _invalid()
    if 7 <= len(digits) <= 8 and digits[0] not in "01":
        local = digits + (f"-{extension}" if extension else "")
        return PhoneCheck(local, "landline", (warning(
            "phone.no_area_code", "固定电话没有区号，已按填写的号码保存；请补上区号（青岛为0532），以免拨打时出错。",
            FIELD),))
    if len(digits) == 11 and digits.startswith("1"):
        return PhoneCheck(None, None, (error(
            "phone.invalid", "手机号码第二位应为3至9；请核对后重新输入。", FIELD),))
    return _invalid()


def _drop_prefix(groups: list[str], count: int) -> list[str]:
    """The digit groups after the first `count` digits (the country code), groups kept intact."""
    rest: list[str] = []
    for g in groups:
        if count >= len(g):
            count -= len(g)
            continue
        rest.append(g[count:])
        count = 0
    return rest
