"""Cleaning cells and recognising Excel's damage."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from community_app.core.importing.cells import (
    FIX_DATE_SERIAL,
    FIX_FULLWIDTH,
    FIX_NUMBER,
    FIX_SPACES,
    ID_DAMAGED,
    PartialDate,
    clean_date,
    clean_id_number,
    clean_name,
    clean_notes,
    clean_phone,
    clean_place,
    clean_text,
)

ID = "370202195003150224"


@pytest.mark.parametrize("raw", [
    3.70202195003150e17,  # a float: Excel's number cell
    370202195003150000,  # an int with Excel's 15 significant digits
    "3.70202E+17", "3.70202195003150E+17", "3.7e17",  # scientific notation saved as text (CSV)
    "370202195003150224.0", "37020219500315.0224",  # went through a float
])
def test_id_numbers_excel_damaged_are_refused(raw: object) -> None:
    value, _fixes, issue = clean_id_number(raw)  # type: ignore[arg-type]
    assert value is None
    assert issue is not None and issue.code == "id_number_excel_damaged" and issue.message == ID_DAMAGED


@pytest.mark.parametrize(("raw", "expected", "fixes"), [
    (ID, ID, 0),
    (370202195003150224, ID, 0),  # an int written exactly by another program: all 18 digits are there
    (370202800101123, "370202800101123", 0),  # a 15-digit legacy number fits in a number cell
    ("３７０２０２１９５００３１５０２２４", ID, FIX_FULLWIDTH),
    (" 370202 19500315 0224\n", ID, FIX_SPACES),
    ("'370202195003150224", ID, FIX_SPACES),  # the apostrophe that kept Excel from a number
    ("37020219550505024x", "37020219550505024x", 0),  # lowercase x is for check_id_number to accept
    (None, None, 0),
])
def test_id_numbers_cleaned(raw: object, expected: str | None, fixes: int) -> None:
    assert clean_id_number(raw) == (expected, fixes, None)  # type: ignore[arg-type]


def test_an_id_number_cell_holding_a_date_is_refused() -> None:
    _value, _fixes, issue = clean_id_number(datetime(2020, 1, 1))
    assert issue is not None and issue.code == "id_number_not_text"


@pytest.mark.parametrize(("raw", "expected", "fixes", "code"), [
    ("13812345678", "13812345678", 0, None),
    (13812345678, "13812345678", 0, None),
    (13812345678.0, "13812345678", FIX_NUMBER, None),
    ("13812345678.0", "13812345678", FIX_NUMBER, None),
    ("138 1234 5678", "13812345678", FIX_SPACES, None),
    ("１３８１２３４５６７８", "13812345678", FIX_FULLWIDTH, None),
    ("0532-83871234", "0532-83871234", 0, None),
    ("13812345678/13912345678", "13812345678", 0, "phone_several"),
    (53283871234, None, 0, "phone_zero_lost"),  # 0532 8387 1234 in a number cell
    ("53283871234", None, 0, "phone_zero_lost"),  # … and saved as CSV
    ("1.38123E+10", None, 0, "phone_excel_damaged"),
    (1.5, None, 0, "phone_excel_damaged"),
])
def test_phones(raw: object, expected: str | None, fixes: int, code: str | None) -> None:
    value, found_fixes, issue = clean_phone(raw)  # type: ignore[arg-type]
    assert (value, found_fixes, issue.code if issue else None) == (expected, fixes, code)
    if code == "phone_several":
        assert issue is not None and issue.severity == "warning"


@pytest.mark.parametrize(("raw", "expected", "fixes"), [
    (datetime(1980, 1, 1), date(1980, 1, 1), 0),
    (date(1980, 1, 1), date(1980, 1, 1), 0),
    (29221, date(1980, 1, 1), FIX_DATE_SERIAL),  # an Excel serial number
    (29221.0, date(1980, 1, 1), FIX_DATE_SERIAL),
    ("29221", date(1980, 1, 1), FIX_DATE_SERIAL),  # … saved as CSV
    (19800101, date(1980, 1, 1), FIX_DATE_SERIAL),
    ("19800101", date(1980, 1, 1), FIX_DATE_SERIAL),
    ("1980-01-01", date(1980, 1, 1), 0),
    ("1980/1/1", date(1980, 1, 1), 0),
    ("1980.1.1", date(1980, 1, 1), 0),
    ("1980年1月1日", date(1980, 1, 1), 0),
    ("1980-01-01 00:00:00", date(1980, 1, 1), 0),
    ("１９８０－０１－０１", date(1980, 1, 1), FIX_FULLWIDTH),
    ("13/2/1980", date(1980, 2, 13), 0),  # US order, but only one reading is a date
    ("1980年1月", PartialDate(1980, 1), 0),
    ("1980", PartialDate(1980), 0),
])
def test_dates(raw: object, expected: object, fixes: int) -> None:
    assert clean_date(raw, CALENDAR_WINDOWS_1900) == (expected, fixes, None)  # type: ignore[arg-type]


def test_serial_dates_follow_the_workbooks_date_system() -> None:
    assert clean_date(27759, CALENDAR_MAC_1904)[0] == date(1980, 1, 1)


@pytest.mark.parametrize(("raw", "code"), [
    ("1980-02-30", "date_impossible"), ("1/2/1980", "date_ambiguous"), ("明年", "date_invalid"),
    (True, "date_invalid"), (99999999, "date_invalid"),
])
def test_bad_dates(raw: object, code: str) -> None:
    value, _fixes, issue = clean_date(raw, CALENDAR_WINDOWS_1900)  # type: ignore[arg-type]
    assert value is None and issue is not None and issue.code == code


def test_text_is_trimmed_and_squeezed() -> None:
    assert clean_text("  汉族 ") == ("汉族", FIX_SPACES, None)
    assert clean_text("户\n籍") == ("户 籍", FIX_SPACES, None)
    assert clean_text("\u3000户籍") == ("户籍", FIX_FULLWIDTH | FIX_SPACES, None)
    assert clean_text("户籍\u200b") == ("户籍", FIX_SPACES, None)  # a zero-width space pasted from the web
    assert clean_text(5) == ("5", 0, None)
    assert clean_name(" 张  三\n") == ("张三", FIX_SPACES, None)
    assert clean_name("John  Smith") == ("John Smith", FIX_SPACES, None)  # Latin names keep one space
    assert clean_notes(" 第一行\r\n第二行 ") == ("第一行\n第二行", FIX_SPACES, None)


def test_a_room_number_turned_into_a_date_is_refused() -> None:
    assert clean_place("1-502", "房号") == ("1-502", 0, None)
    assert clean_place(502, "房号") == ("502", 0, None)
    value, _fixes, issue = clean_place(datetime(2026, 1, 5), "房号")
    assert value is None and issue is not None and issue.code == "place_excel_date"
    assert issue.message.startswith("房号被Excel转换成了日期")
