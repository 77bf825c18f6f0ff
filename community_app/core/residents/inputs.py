"""What a resident record is made of when it is typed, imported or checked, and the code
tables with their display names (codes are stored; names are shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from community_app.core.problems import Problem

# id_type codes: 居民身份证 / 护照 / 港澳居民来往内地通行证 / 台湾居民来往大陆通行证 / 外国人永久居留身份证 / 无
ID_TYPE_NAMES: Final[dict[str, str]] = {
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macao_pass": "港澳居民来往内地通行证",
    "taiwan_pass": "台湾居民来往大陆通行证",
    "foreign_permanent": "外国人永久居留身份证",
    "none": "无证件",
}
RESIDENCE_TYPE_NAMES: Final[dict[str, str]] = {"registered": "户籍", "floating": "流动", "overseas": "境外"}
STATUS_NAMES: Final[dict[str, str]] = {"active": "在册", "moved_out": "已迁出", "deceased": "已故"}
SEX_NAMES: Final[dict[str, str]] = {"M": "男", "F": "女"}
HEAD_RELATION: Final = "户主"

ACTIVE: Final = "active"
MOVED_OUT: Final = "moved_out"
DECEASED: Final = "deceased"


@dataclass(frozen=True)
class ResidentInput:
    name: str
    community_code: str
    sex: str | None = None  # derived from the ID number when missing
    id_number: str | None = None
    id_type: str = "resident_id"  # see ID_TYPE_NAMES
    birth_date: date | None = None  # derived from the ID number when missing; must agree when both given
    phone: str | None = None
    ethnicity: str | None = None
    residence_type: str = "registered"  # registered 户籍 / floating 流动 / overseas 境外
    household_id: str | None = None
    relation_to_head: str | None = None
    grid_cell_id: str | None = None  # derived from the household (or its building) when missing
    notes: str | None = None
    tags: tuple[str, ...] = ()  # special_group_tag codes


@dataclass(frozen=True)
class Checked:
    data: ResidentInput  # normalized: ID upgraded, phone normalized, derived fields filled
    problems: tuple[Problem, ...]  # errors and warnings

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


@dataclass(frozen=True)
class DuplicateHint:
    resident_id: str
    name: str
    reason: str  # "same_id_number" | "same_name_birth_building"
    message: str  # Chinese; names the existing record (masked ID) and where it lives
