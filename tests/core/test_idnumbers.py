"""GB 11643 ID numbers: what a grid worker types (or Excel mangles) and what the check says."""

from __future__ import annotations

import random
from datetime import date

import pytest

from community_app.core import regions
from community_app.core.idnumbers import check_id_number

TODAY = date(2026, 11, 24)


def mod11_2(body: str) -> str:
    """ISO 7064 MOD 11-2 in its recursive form, independent of the weight table in the code."""
    p = 0
    for ch in body:
        p = (p + int(ch)) * 2 % 11
    r = (12 - p) % 11
    return "X" if r == 10 else str(r)


def make(region: str, birth: str, seq: str) -> str:
    body = region + birth + seq
    return body + mod11_2(body)


def codes(number: str) -> list[str]:
    return [p.code for p in check_id_number(number, today=TODAY).problems]


def test_reference_check_digit_matches_a_published_number() -> None:
    # the sample number printed in GB 11643-1999
    assert mod11_2("11010519491231002") == "X"


def test_valid_number_gives_birth_date_sex_and_region() -> None:
    number = make("370202", "19850615", "123")
    result = check_id_number(number, today=TODAY)
    assert result.ok and result.problems == ()
    assert result.normalized == number
    assert result.birth_date == date(1985, 6, 15)
    assert result.sex == "M"  # 3 is odd
    assert result.region_code == "370202"
    assert result.region_name == "山东省青岛市市南区"
    assert check_id_number(make("370212", "19600101", "084"), today=TODAY).sex == "F"


def test_bad_checksum_is_an_error() -> None:
    number = make("370202", "19850615", "123")
    wrong = number[:17] + ("1" if number[17] != "1" else "2")
    result = check_id_number(wrong, today=TODAY)
    assert not result.ok
    assert [p.code for p in result.problems] == ["id.checksum"]
    assert result.problems[0].field == "id_number"
    assert "核对" in result.problems[0].message
    # two digits swapped, the commonest typing mistake, is caught too
    swapped = number[:8] + number[9] + number[8] + number[10:]
    assert "id.checksum" in codes(swapped)


def test_lowercase_x_is_accepted_and_stored_uppercase() -> None:
    rng = random.Random(7)
    while True:
        number = make("370203", f"19{rng.randrange(40, 99)}0{rng.randrange(1, 10)}1{rng.randrange(0, 9)}",
                      f"{rng.randrange(1000):03d}")
        if number.endswith("X"):
            break
    result = check_id_number(number.lower(), today=TODAY)
    assert result.ok, result.problems
    assert result.normalized == number


def test_fifteen_digit_number_is_upgraded() -> None:
    result = check_id_number("370202850615123", today=TODAY)
    assert result.ok
    assert result.normalized == "37020219850615123" + mod11_2("37020219850615123")
    assert result.birth_date == date(1985, 6, 15)
    assert result.sex == "M"
    assert [(p.code, p.severity) for p in result.problems] == [("id.upgraded", "warning")]
    assert result.upgraded


def test_fifteen_digit_number_with_impossible_date() -> None:
    assert codes("370202850230124") == ["id.upgraded", "id.birth_date_invalid"]


def test_impossible_birth_date_is_an_error() -> None:
    result = check_id_number(make("370202", "19990230", "123"), today=TODAY)
    assert [p.code for p in result.problems] == ["id.birth_date_invalid"]
    assert "1999-02-30" in result.problems[0].message
    assert result.birth_date is None and not result.ok
    assert codes(make("370202", "19991301", "123")) == ["id.birth_date_invalid"]
    assert codes(make("370202", "20000229", "123")) == []  # 2000 was a leap year


def test_future_birth_date_is_an_error_but_today_is_fine() -> None:
    assert codes(make("370202", "20261125", "123")) == ["id.birth_date_future"]
    assert codes(make("370202", "20261124", "123")) == []


def test_birth_before_1900_is_an_error() -> None:
    assert codes(make("370202", "18991231", "123")) == ["id.birth_date_too_early"]


def test_unknown_county_in_a_known_province_is_only_a_warning() -> None:
    result = check_id_number(make("110105", "19700101", "123"), today=TODAY)
    assert result.ok
    assert [(p.code, p.severity) for p in result.problems] == [("id.region_unknown", "warning")]
    assert result.region_name == "北京市"
    shandong = check_id_number(make("370299", "19700101", "123"), today=TODAY)
    assert shandong.ok and shandong.region_name == "山东省青岛市"


@pytest.mark.parametrize(("old", "old_name", "new"), [
    ("370282", "即墨市", "370215"),
    ("370284", "胶南市", "370211"),
    ("370205", "四方区", "370203"),
    ("370206", "沧口区", "370213"),
])
def test_retired_qingdao_codes_warn_and_name_the_new_code(old: str, old_name: str, new: str) -> None:
    result = check_id_number(make(old, "19800101", "123"), today=TODAY)
    assert result.ok
    assert [(p.code, p.severity) for p in result.problems] == [("id.region_retired", "warning")]
    assert old_name in (result.region_name or "")
    assert new in result.problems[0].message
    assert result.problems[0].param("replaced_by") == new


def test_current_qingdao_codes_have_no_warning() -> None:
    for code in ("370215", "370281", "370211", "370203"):
        assert codes(make(code, "19800101", "123")) == [], code


def test_invalid_province_is_an_error() -> None:
    assert codes(make("990101", "19800101", "123")) == ["id.region_invalid"]
    assert codes(make("000000", "19800101", "123")) == ["id.region_invalid"]


def test_every_province_has_a_name() -> None:
    assert len(regions.PROVINCES) == 34
    for prefix, name in regions.PROVINCES.items():
        result = check_id_number(make(prefix + "0101", "19800101", "123"), today=TODAY)
        assert result.ok, prefix
        assert (result.region_name or "").startswith(name)


def test_residence_permit_codes_are_known() -> None:
    assert codes(make("830000", "19900101", "123")) == []


def test_full_width_digits_spaces_and_line_breaks_are_cleaned() -> None:
    number = make("370202", "19850615", "128")
    typed = " " + number[:6].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "\u3000" + number[6:14] \
        + "\n" + number[14:] + "\r\n"
    result = check_id_number(typed, today=TODAY)
    assert result.ok and result.normalized == number


def test_full_width_x() -> None:
    body = "11010519491231002"
    assert check_id_number(body + "Ｘ", today=TODAY).normalized == body + "X"
    assert check_id_number(body + "ｘ", today=TODAY).normalized == body + "X"


@pytest.mark.parametrize("damaged", ["3.70202E+17", "3.70202199001011E+17", "370202199001011000.0"])
def test_excel_numbers_are_reported_as_such(damaged: str) -> None:
    result = check_id_number(damaged, today=TODAY)
    assert [p.code for p in result.problems] == ["id.excel_number"]
    assert "Excel" in result.problems[0].message
    assert result.normalized is None


def test_number_cut_to_fifteen_significant_digits_by_excel() -> None:
    number = make("370202", "19900101", "123")
    truncated = number[:15] + "000"
    assert truncated != number
    assert codes(truncated) == ["id.excel_truncated"]


@pytest.mark.parametrize(("raw", "code"), [
    ("", "required"),
    ("   ", "required"),
    ("37020219850615", "id.length"),
    ("3702021985061512345", "id.length"),
    ("37020A198506151234", "id.characters"),
    ("37020219850615123Y", "id.characters"),
    ("37020285061512X", "id.characters"),  # 15-digit numbers have no check character
])
def test_malformed_numbers(raw: str, code: str) -> None:
    result = check_id_number(raw, today=TODAY)
    assert [p.code for p in result.problems] == [code]
    assert not result.ok


def test_never_raises_on_arbitrary_input() -> None:
    rng = random.Random(11)
    alphabet = "0123456789Xx -.E+０Ｘ\n"
    for _ in range(3000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.choice((0, 5, 15, 17, 18, 19, 25))))
        result = check_id_number(raw, today=TODAY)
        assert result.ok or any(p.is_error for p in result.problems)
