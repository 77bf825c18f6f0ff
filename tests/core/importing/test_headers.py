"""Finding the header and recognising the usual Chinese column names."""

from __future__ import annotations

import pytest

from community_app.core.importing.headers import Column, Layout, detect_layout, recognise_header
from community_app.core.importing.reading import MergedRange


@pytest.mark.parametrize(("text", "field"), [
    ("姓名", "name"), ("居民姓名", "name"), (" 姓 名 ", "name"), ("姓名*", "name"), ("姓名（必填）", "name"),
    ("性别", "sex"),
    ("身份证号", "id_number"), ("公民身份号码", "id_number"), ("证件号码", "id_number"),
    ("身份证号码(18位)", "id_number"),
    ("联系电话", "phone"), ("手机", "phone"), ("手机号码", "phone"), ("电话", "phone"), ("本人联系电话", "phone"),
    ("住址", "address"), ("地址", "address"), ("现住址", "address"), ("现居住地址", "address"),
    ("楼栋", "building"), ("楼号", "building"), ("单元", "unit"), ("单元号", "unit"),
    ("房号", "room"), ("门牌号", "room"), ("室", "room"),
    ("与户主关系", "relation_to_head"), ("人员类别", "residence_type"), ("户籍类型", "residence_type"),
    ("标签", "tags"), ("特殊人群", "tags"), ("出生日期", "birth_date"), ("出生年月", "birth_date"),
    ("民族", "ethnicity"), ("备注", "notes"),
    # not the resident's own data, or derived: not imported
    ("户主姓名", None), ("户主身份证号", None), ("监护人电话", None), ("紧急联系人电话", None), ("户籍地址", None),
    ("序号", None), ("年龄", None), ("", None), (None, None),
])
def test_recognise_header(text: str | None, field: str | None) -> None:
    assert recognise_header(text) == field


def _rows(*rows: list[object]) -> list[tuple[int, tuple[object, ...]]]:
    return [(i + 1, tuple(r)) for i, r in enumerate(rows)]


def test_header_below_a_title() -> None:
    head = _rows(["湛山社区居民花名册"], ["填表日期：2026年11月"], [], ["序号", "姓名", "性别", "身份证号", "备注"],
                 [1, "张三", "男", "370202…", None])
    layout = detect_layout(head)
    assert (layout.header_first_row, layout.header_last_row, layout.data_first_row) == (4, 4, 5)
    assert [c.field for c in layout.columns] == [None, "name", "sex", "id_number", "notes"]


def test_two_row_header_with_merged_cells() -> None:
    head = _rows(["登记表", None, None, None, None, None],
                 ["姓名", "身份证号", "住址", None, None, "人员类别"],
                 [None, None, "楼栋", "单元", "房号", None],
                 ["张三", "370202…", "1号楼", "1", "101", "户籍"])
    merges = [MergedRange(1, 1, 1, 6), MergedRange(2, 1, 3, 1), MergedRange(2, 2, 3, 2), MergedRange(2, 3, 2, 5),
              MergedRange(2, 6, 3, 6)]
    layout = detect_layout(head, merges)
    assert (layout.header_first_row, layout.header_last_row) == (2, 3)
    assert [(c.header, c.field) for c in layout.columns] == [
        ("姓名", "name"), ("身份证号", "id_number"), ("住址 / 楼栋", "building"), ("住址 / 单元", "unit"),
        ("住址 / 房号", "room"), ("人员类别", "residence_type")]


def test_two_row_header_without_merge_information() -> None:
    # a CSV saved from such a form: the group's text only in its first cell, the rest empty
    head = _rows(["姓名", "身份证号", "住址", None, None, "人员类别"],
                 [None, None, "楼栋", "单元", "房号", None],
                 ["张三", "370202…", "1号楼", "1", "101", "户籍"])
    layout = detect_layout(head)
    assert (layout.header_first_row, layout.header_last_row) == (1, 2)
    assert [c.field for c in layout.columns] == ["name", "id_number", "building", "unit", "room", "residence_type"]


def test_a_data_row_is_not_taken_for_a_second_header_row() -> None:
    layout = detect_layout(_rows(["姓名", "性别", "楼栋", "房号"], ["张三", "男", "1号楼", "101"]))
    assert (layout.header_first_row, layout.header_last_row) == (1, 1)


def test_no_header_found_leaves_every_column_to_the_user() -> None:
    layout = detect_layout(_rows(["张三", "男", "1号楼"], ["李四", "女", "2号楼"]))
    assert layout.header_first_row == 1 and all(c.field is None for c in layout.columns)
    assert "请指定哪一列是「姓名」。" in layout.problems()


def test_the_first_of_two_columns_for_a_field_is_suggested() -> None:
    layout = detect_layout(_rows(["姓名", "手机", "电话", "楼栋"]))
    assert [c.field for c in layout.columns] == ["name", "phone", None, "building"]


def test_mapping_problems() -> None:
    layout = Layout(1, 1, (Column(0, "姓名", "name"), Column(1, "电话", "phone"), Column(2, "手机", "phone")))
    problems = layout.problems()
    assert problems[0] == "「联系电话」对应了两列（B列和C列），请只保留一列。"
    assert any("楼栋" in p for p in problems)
    fixed = layout.with_fields(["name", None, "address"])
    assert fixed.problems() == [] and fixed.mapping() == {"name": 0, "address": 2}
