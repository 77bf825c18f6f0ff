"""Resident ID numbers (GB 11643-1999): the ISO 7064 MOD 11-2 check digit, and making one.

Kept minimal on purpose: full validation (15-digit upgrade, region lookup, warnings on
retired codes) belongs to community_app.core.
"""

from __future__ import annotations

from datetime import date
from operator import mul

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(17-i) mod 11
_CHECK = "10X98765432"  # indexed by the weighted sum mod 11


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits ('X' stands for 10)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    return _CHECK[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def make_id_number(region: str, birth: date, sequence: int) -> str:
    """region: 6-digit code; sequence: 0–999, odd for men and even for women."""
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence out of range: {sequence}")
    body = f"{region}{birth.year:04d}{birth.month:02d}{birth.day:02d}{sequence:03d}"
    return body + check_digit(body)


class IdNumberMaker:
    """make_id_number for millions of calls: the weighted sums of region and birth date
    are cached, so only the sequence digits are summed each time."""

    def __init__(self) -> None:
        self._regions: dict[str, int] = {}
        self._births: dict[date, tuple[str, int]] = {}
        self._seqs = [(f"{n:03d}", sum(map(mul, map(int, f"{n:03d}"), _WEIGHTS[14:]))) for n in range(1000)]

    def make(self, region: str, birth: date, sequence: int) -> str:
        r = self._regions.get(region)
        if r is None:
            r = self._regions[region] = sum(map(mul, map(int, region), _WEIGHTS[:6]))
        b = self._births.get(birth)
        if b is None:
            text = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"
            b = self._births[birth] = (text, sum(map(mul, map(int, text), _WEIGHTS[6:14])))
        seq_text, seq_sum = self._seqs[sequence]
        return region + b[0] + seq_text + _CHECK[(r + b[1] + seq_sum) % 11]


def is_valid(id_number: str) -> bool:
    """Length, digits, check digit (lowercase x accepted) and a real birth date."""
    if len(id_number) != 18 or not id_number[:17].isdigit():
        return False
    if check_digit(id_number[:17]) != id_number[17].upper():
        return False
    try:
        birth_date(id_number)
    except ValueError:
        return False
    return True


def birth_date(id_number: str) -> date:
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def sex(id_number: str) -> str:
    """'M' or 'F' from the parity of the 17th digit."""
    return "M" if int(id_number[16]) % 2 else "F"
