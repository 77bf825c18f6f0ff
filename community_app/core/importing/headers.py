"""Finding the header row(s) of a register sheet and what each column holds.

Real sheets have a title or two above the header ("湛山社区居民信息登记表", "填表日期…"),
sometimes a two-row header whose first row groups columns with merged cells
(「住址」 over 楼栋 / 单元 / 房号, 「姓名」 merged down over both rows), and the usual
Chinese header words in many variants (身份证号, 公民身份号码, 证件号码 …). The result is a
suggestion: the import wizard shows it and the user can change every column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from openpyxl.utils.cell import get_column_letter

from community_app.core.importing.reading import MergedRange, RowValues

# field code -> the label shown in the wizard and the report
FIELD_LABELS: Final[dict[str, str]] = {
    "name": "姓名",
    "sex": "性别",
    "id_number": "身份证号",
    "phone": "联系电话",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "address": "住址",
    "building": "楼栋",
    "unit": "单元",
    "room": "房号",
    "relation_to_head": "与户主关系",
    "residence_type": "人员类别",
    "tags": "标签",
    "notes": "备注",
}
FIELDS: Final = tuple(FIELD_LABELS)

# exact header words (after normalize_header) -> field
_EXACT: Final[dict[str, str]] = {
    word: field
    for field, words in {
        "name": "姓名 名字 居民姓名 人员姓名 本人姓名 户籍人员姓名",
        "sex": "性别",
        "id_number": "身份证号 身份证号码 身份证 公民身份号码 公民身份证号 公民身份证号码 证件号码 证件号 "
                     "居民身份证号码 居民身份证号 身份证件号码 身份号码 证件编号",
        "phone": "联系电话 电话 手机 手机号 手机号码 联系方式 电话号码 移动电话 本人电话 本人联系电话 联系手机",
        "birth_date": "出生日期 出生年月日 生日 出生年月",
        "ethnicity": "民族",
        "address": "住址 地址 现住址 居住地址 家庭住址 现居住地址 详细地址 现住地址 居住地 现居住地 实际居住地址",
        "building": "楼栋 楼号 楼栋号 楼座 栋 楼 幢 楼栋名称 所在楼栋 栋号 幢号",
        "unit": "单元 单元号",
        "room": "房号 门牌号 室 房间号 户号 房屋号 门牌 室号 房间",
        "relation_to_head": "与户主关系 与户主的关系 户主关系 家庭关系 关系",
        "residence_type": "人员类别 户籍类型 人口类型 人员类型 居住类型 户籍性质 人口类别 人口性质 人员属性 户籍类别",
        "tags": "标签 特殊人群 人员标签 特殊群体 重点人群 特殊人群类别 特殊群体类别 人群类别",
        "notes": "备注 说明 备注信息",
    }.items()
    for word in words.split()
}
# a header mentioning another person is never the resident's own field (户主姓名, 监护人电话)
_OTHER_PERSON: Final = ("户主姓名", "户主身份", "户主电话", "户主证件", "监护人", "联系人", "紧急", "父亲", "母亲",
                        "配偶姓名", "配偶身份", "代办人", "房东", "房主")
# (word contained, field), first match wins
_CONTAINS: Final = (
    ("身份证", "id_number"), ("身份号码", "id_number"), ("证件号", "id_number"),
    ("姓名", "name"), ("手机", "phone"), ("电话", "phone"), ("出生", "birth_date"), ("性别", "sex"),
    ("民族", "ethnicity"), ("单元", "unit"), ("楼栋", "building"), ("楼号", "building"), ("房号", "room"),
    ("门牌", "room"), ("户主关系", "relation_to_head"), ("特殊人群", "tags"), ("特殊群体", "tags"),
    ("标签", "tags"), ("现住", "address"), ("居住地", "address"), ("住址", "address"), ("备注", "notes"),
)
_BRACKETS = re.compile(r"[(\[【〔（][^)\]】〕）]*[)\]】〕）]")
_NOISE = re.compile(r"[\s*＊:：#№.、]+")
HEAD_ROWS: Final = 30  # the header is looked for in this many rows at the top
MIN_RECOGNISED: Final = 2


def normalize_header(text: object) -> str:
    """「 身份证号码（必填）* 」 -> 「身份证号码」: width-folded, without notes in brackets,
    stars, colons and spaces."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return _NOISE.sub("", _BRACKETS.sub("", folded)).lower()


def recognise_header(text: object) -> str | None:
    """The field a header names, or None (序号, 年龄, 户主姓名 … are not imported)."""
    key = normalize_header(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    if any(word in key for word in _OTHER_PERSON) or key.startswith("户籍地"):
        return None  # 户籍地址 is where the residence is registered, not where they live
    for word, field in _CONTAINS:
        if word in key:
            return field
    if key.endswith(("类别", "类型", "性质")) and key.startswith(("人员", "人口", "户籍", "居住")):
        return "residence_type"
    return None


@dataclass(frozen=True, slots=True)
class Column:
    index: int  # 0-based position in the row
    header: str  # the header as the file writes it ("住址 / 楼栋" for a two-row header)
    field: str | None  # what it is imported as; None = not imported

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the header is and what each column is imported as."""

    header_first_row: int  # Excel row numbers
    header_last_row: int
    columns: tuple[Column, ...]

    @property
    def data_first_row(self) -> int:
        return self.header_last_row + 1

    def mapping(self) -> dict[str, int]:
        """field -> column index, for the columns that are imported."""
        return {c.field: c.index for c in self.columns if c.field is not None}

    def with_fields(self, fields: Sequence[str | None]) -> Layout:
        """The same layout with the user's choice of field for every column."""
        return replace(self, columns=tuple(replace(c, field=f) for c, f in zip(self.columns, fields, strict=True)))

    def problems(self) -> list[str]:
        """What stops an import with this mapping (Chinese sentences); empty when it can run."""
        out: list[str] = []
        used: dict[str, Column] = {}
        for column in self.columns:
            if column.field is None:
                continue
            if column.field in used:
                out.append(f"「{FIELD_LABELS[column.field]}」对应了两列（{used[column.field].letter}列和"
                           f"{column.letter}列），请只保留一列。")
            used.setdefault(column.field, column)
        if "name" not in used:
            out.append("请指定哪一列是「姓名」。")
        if "building" not in used and "address" not in used:
            out.append("请指定「楼栋」列（以及「单元」「房号」列），或包含楼栋和房号的「住址」列。")
        return out


def _text(value: object) -> str:
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def _grid(head: Sequence[tuple[int, RowValues]], merges: Sequence[MergedRange]) -> tuple[list[int], list[list[str]]]:
    """The head rows as text, every cell of a merged block carrying the block's text."""
    numbers = [n for n, _ in head]
    position = {n: i for i, n in enumerate(numbers)}
    merges = [m for m in merges if m.min_row in position]
    width = max([len(values) for _, values in head] + [m.max_col for m in merges], default=0)
    grid = [[_text(values[i]) if i < len(values) else "" for i in range(width)] for _, values in head]
    for m in merges:
        text = grid[position[m.min_row]][m.min_col - 1]
        for row in range(m.min_row, m.max_row + 1):
            if row in position:
                for col in range(m.min_col - 1, m.max_col):
                    grid[position[row]][col] = text
    return numbers, grid


def _columns(top: list[str], bottom: list[str] | None) -> list[Column]:
    columns = []
    seen: set[str] = set()
    for i, upper in enumerate(top):
        lower = bottom[i] if bottom is not None else ""
        if not lower or lower == upper:  # one-row header, or a cell merged down over both rows
            header, field = upper, recognise_header(upper)
        elif not upper:
            header, field = lower, recognise_header(lower)
        else:  # a group above a sub-header: 住址 / 楼栋
            header = f"{upper} / {lower}"
            field = recognise_header(lower) or recognise_header(upper) or recognise_header(upper + lower)
        if field in seen:  # the first column wins (手机 before 电话); the user can change it
            field = None
        if field is not None:
            seen.add(field)
        columns.append(Column(i, header, field))
    while columns and not columns[-1].header and columns[-1].field is None:
        columns.pop()
    return columns


def _score(columns: list[Column]) -> int:
    return sum(1 for c in columns if c.field is not None)


def detect_layout(head: Sequence[tuple[int, RowValues]], merges: Sequence[MergedRange] = ()) -> Layout:
    """The header among the first rows: the row naming most known fields, joined with the
    row below (or above) when that is the other half of a two-row header. With no row that
    names at least two fields, the first non-empty row is the header and nothing is mapped."""
    head = list(head[:HEAD_ROWS])
    numbers, grid = _grid(head, merges)
    best, best_columns = -1, []
    for i, row in enumerate(grid):
        columns = _columns(row, None)
        if _score(columns) > _score(best_columns):
            best, best_columns = i, columns
    if best < 0 or _score(best_columns) < MIN_RECOGNISED:
        first = next((i for i, row in enumerate(grid) if any(row)), None)
        if first is None:
            return Layout(1, 1 if not numbers else numbers[0], ())
        columns = [Column(c.index, c.header, None) for c in _columns(grid[first], None)]
        return Layout(numbers[first], numbers[first], tuple(columns))
    first = last = best
    columns = best_columns
    for upper, lower in ((best, best + 1), (best - 1, best)):
        if upper < 0 or lower >= len(grid):
            continue
        joined = _columns(grid[upper], grid[lower])
        other = lower if upper == best else upper
        # the other half of a two-row header adds fields, or (merged down) names fields itself;
        # a data row below the header does neither
        if _score(joined) > _score(columns) or (
            _score(joined) == _score(columns) and _score(_columns(grid[other], None)) >= MIN_RECOGNISED
        ):
            first, last, columns = upper, lower, joined
            break
    return Layout(numbers[first], numbers[last], tuple(columns))
