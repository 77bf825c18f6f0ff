"""Masks show no more than the rules allow (ID 3 + 4, phone 3 + 4), whatever comes in."""

from __future__ import annotations

import pytest

from community_app.core.masking import mask_id_number, mask_phone, mask_text


def test_id_number_mask() -> None:
    assert mask_id_number("370202198506151234") == "370***********1234"
    assert mask_id_number("37020219850615123X") == "370***********123X"
    assert mask_id_number("370202850615123") == "370********5123"
    assert mask_id_number("E12345678") == "E12**5678"  # a passport


@pytest.mark.parametrize(("value", "masked"), [(None, ""), ("", ""), ("1234567", "*******"), ("12", "**")])
def test_id_number_mask_of_short_values_hides_everything(value: str | None, masked: str) -> None:
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(("value", "masked"), [
    ("13812345678", "138****5678"),
    ("0532-83871234", "0532-****1234"),
    ("0532-83871234-806", "0532-****1234"),
    ("010-62345678", "010-****5678"),
    ("0535-6123456", "0535-****3456"),
    ("83871234", "****1234"),
    ("8387123", "****7123"),
    ("12345", "****45"),
    ("123", "***"),
    (None, ""),
    ("", ""),
])
def test_phone_mask(value: str | None, masked: str) -> None:
    assert mask_phone(value) == masked


def test_masks_keep_length_so_columns_line_up() -> None:
    assert len(mask_id_number("370202198506151234")) == 18
    assert len(mask_phone("13812345678")) == 11


@pytest.mark.parametrize(("value", "masked"), [
    (None, ""), ("", ""), ("张", "*"), ("张三", "**"), ("张三丰", "***"), ("欧阳娜娜", "欧**娜"),
    ("湛山三路1号101室", "湛山******1室"),
])
def test_text_mask(value: str | None, masked: str) -> None:
    assert mask_text(value) == masked
