"""Phone numbers as people and spreadsheets write them."""

from __future__ import annotations

import pytest

from community_app.core.phones import check_phone


@pytest.mark.parametrize("raw", [
    "13812345678",
    " 138 1234 5678 ",
    "138-1234-5678",
    "+86 138 1234 5678",
    "+8613812345678",
    "0086-13812345678",
    "008613812345678",
    "8613812345678",
    "86-138-1234-5678",
    "１３８１２３４５６７８",
    "１３８－１２３４－５６７８",
    "\u200b13812345678",
])
def test_mobile_forms(raw: str) -> None:
    result = check_phone(raw)
    assert (result.normalized, result.kind, result.problems) == ("13812345678", "mobile", ())


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_every_mobile_prefix_13_to_19(prefix: str) -> None:
    assert check_phone(prefix + "912345678").kind == "mobile"


@pytest.mark.parametrize(("raw", "expected"), [
    ("0532-83871234", "0532-83871234"),
    ("053283871234", "0532-83871234"),
    ("0532 8387 1234", "0532-83871234"),
    ("(0532)83871234", "0532-83871234"),
    ("（0532）83871234", "0532-83871234"),
    ("（０５３２）８３８７１２３４", "0532-83871234"),
    ("+86 532 83871234", "0532-83871234"),
    ("+86-532-8387-1234", "0532-83871234"),
    ("0086 532 83871234", "0532-83871234"),
    ("+86 (0532) 83871234", "0532-83871234"),
    ("0535-6123456", "0535-6123456"),  # 4-digit area code, 7-digit number
    ("010-62345678", "010-62345678"),  # 3-digit area codes: 010, 02X
    ("021 6234 5678", "021-62345678"),
    ("0532-83871234-806", "0532-83871234-806"),
    ("0532-83871234转806", "0532-83871234-806"),
    ("0532-83871234 ext. 806", "0532-83871234-806"),
    ("0532 83871234 分机 806", "0532-83871234-806"),
])
def test_landline_forms(raw: str, expected: str) -> None:
    result = check_phone(raw)
    assert (result.normalized, result.kind, result.problems) == (expected, "landline", ())


@pytest.mark.parametrize("raw", ["83871234", "8387123", "8387 1234"])
def test_landline_without_area_code_is_kept_as_given_with_a_warning(raw: str) -> None:
    result = check_phone(raw)
    assert result.normalized == raw.replace(" ", "")  # no guessed 0532
    assert result.kind == "landline"
    assert [(p.code, p.severity) for p in result.problems] == [("phone.no_area_code", "warning")]
    assert result.ok
    assert "区号" in result.problems[0].message


@pytest.mark.parametrize("raw", [
    "12345678901",  # mobiles start 13–19
    "1381234567",  # 10 digits
    "138123456789",  # 12 digits
    "abc",
    "138-1234-567a",
    "020-1234567",  # 3-digit area codes take 8 digits
    "0532-03871234",  # local numbers never start with 0 or 1
    "0532-123456",  # too short
    "011-62345678",  # 01X other than 010 does not exist
    "+1 415 555 1234",  # not a mainland number
    "123456",
    "+86 12345678901",
])
def test_rejected(raw: str) -> None:
    result = check_phone(raw)
    assert result.normalized is None and result.kind is None
    assert [p.code for p in result.problems] == ["phone.invalid"]
    assert result.problems[0].field == "phone"
    assert not result.ok


def test_empty_is_required() -> None:
    assert [p.code for p in check_phone("  ").problems] == ["required"]
