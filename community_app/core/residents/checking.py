"""Checking a resident record before it is saved: clean every field, derive what the ID
number tells (birth date, sex) and what the household tells (grid cell), and say what is
wrong as structured problems. Nothing is written here."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date
from typing import Final

from sqlalchemy.orm import Session

from community_app.core import idnumbers, localtime
from community_app.core.phones import check_phone
from community_app.core.problems import Problem, error, warning
from community_app.core.residents.inputs import (
    ID_TYPE_NAMES,
    RESIDENCE_TYPE_NAMES,
    Checked,
    ResidentInput,
)
from community_app.core.residents.lookups import community_exists, live, unknown_tags
from db.models import Building, GridCell, Household

NAME_MAX: Final = 64
SHORT_MAX: Final = 16  # ethnicity, relation_to_head columns
OLDEST_PLAUSIBLE: Final = 115
_SEX_WORDS: Final = {"M": "M", "F": "F", "男": "M", "女": "F", "1": "M", "2": "F", "MALE": "M", "FEMALE": "F"}
# what import files write in 人员类别 besides our codes
_RESIDENCE_WORDS: Final = {**{v: k for k, v in RESIDENCE_TYPE_NAMES.items()},
                           "户籍人口": "registered", "流动人口": "floating", "境外人员": "overseas"}
_OTHER_DOCUMENT = re.compile(r"[A-Z0-9]{5,18}")


def clean_text(value: str | None) -> str | None:
    """Full-width letters to ASCII, pasted line breaks and double spaces collapsed; "" → None."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", value).split())
    return text or None


def _clean_notes(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def clean_name(value: str | None) -> str:
    # NFKC keeps Chinese characters (and 䶮, 𠮷) as they are; it only folds full-width Latin
    return clean_text(value) or ""


def check_resident(session: Session, data: ResidentInput, *, today: date | None = None) -> Checked:
    """Clean and check a record; errors block saving, warnings do not."""
    today = today or localtime.today()
    problems: list[Problem] = []
    name = clean_name(data.name)
    if not name:
        problems.append(error("required", "请填写姓名。", "name"))
    elif len(name) > NAME_MAX:
        problems.append(error("name.too_long", f"姓名过长（最多{NAME_MAX}个字）；请核对。", "name", limit=NAME_MAX))
    community = known_community = (data.community_code or "").strip()
    if not community:
        problems.append(error("required", "请选择所属社区。", "community_code"))
    elif not community_exists(session, community):
        problems.append(error("community.unknown", f"社区代码{community}不存在；请从列表中选择社区。",
                              "community_code", code=community))
        known_community = ""  # one problem is enough: do not also call the household "another community"
    id_type, id_number, birth, sex = _identity(data, today, problems)
    phone = _phone(data.phone, problems)
    residence = _residence_type(data.residence_type, problems)
    household_id, cell_id = _place(session, data, known_community, problems)
    tags = _tags(session, data.tags, problems)
    ethnicity = _short(data.ethnicity, "ethnicity", "民族", problems)
    relation = _short(data.relation_to_head, "relation_to_head", "与户主关系", problems)
    cleaned = replace(
        data, name=name, community_code=community, sex=sex, id_number=id_number, id_type=id_type,
        birth_date=birth, phone=phone, ethnicity=ethnicity, residence_type=residence,
        household_id=household_id, relation_to_head=relation, grid_cell_id=cell_id,
        notes=_clean_notes(data.notes), tags=tags,
    )
    return Checked(cleaned, tuple(problems))


def _identity(data: ResidentInput, today: date, problems: list[Problem]
              ) -> tuple[str, str | None, date | None, str | None]:
    """id_type, ID number, birth date and sex, checked against each other."""
    id_type = (data.id_type or "resident_id").strip()
    raw_number = data.id_number if data.id_number and data.id_number.strip() else None
    number: str | None = None
    derived_birth: date | None = None
    derived_sex: str | None = None
    if id_type not in ID_TYPE_NAMES:
        problems.append(error("id_type.invalid", "证件类型不正确；请从列表中选择。", "id_type", value=id_type))
    elif id_type == "resident_id":
        if raw_number is None:
            problems.append(warning("id.missing", "未填写身份证号码；建档后请尽快补全。", "id_number"))
        else:
            result = idnumbers.check_id_number(raw_number, today=today)
            problems.extend(result.problems)
            number = result.normalized or idnumbers.clean(raw_number)
            if result.ok:
                derived_birth, derived_sex = result.birth_date, result.sex
    elif id_type == "none":
        if raw_number is not None:
            problems.append(error("id.type_none_with_number",
                                  "证件类型为“无证件”却填写了证件号码；请选择正确的证件类型或清空号码。", "id_number"))
    elif raw_number is not None:
        number = idnumbers.clean(raw_number)
        if not _OTHER_DOCUMENT.fullmatch(number):
            problems.append(error("id.format", f"{ID_TYPE_NAMES[id_type]}号码应为5到18位字母或数字；请对照证件核对。",
                                  "id_number"))
    else:
        problems.append(warning("id.missing", f"未填写{ID_TYPE_NAMES[id_type]}号码；建档后请尽快补全。", "id_number"))
    birth = _birth_date(data.birth_date, derived_birth, today, problems)
    # an ID number with an error would have told the sex: ask to fix the number, not for the sex
    id_broken = any(p.is_error and p.field == "id_number" for p in problems)
    sex = _sex(data.sex, derived_sex, [] if id_broken and not data.sex else problems)
    return id_type, number, birth, sex


def _birth_date(given: date | None, derived: date | None, today: date, problems: list[Problem]) -> date | None:
    if given is None:
        return derived
    if derived is not None and given != derived:
        problems.append(error("birth_date.mismatch",
                              f"出生日期与身份证号码中的出生日期（{derived.isoformat()}）不一致；请核对。",
                              "birth_date", from_id=derived.isoformat()))
    elif given > today:
        problems.append(error("birth_date.future", "出生日期晚于今天；请核对。", "birth_date"))
    elif given < idnumbers.EARLIEST_BIRTH:
        problems.append(error("birth_date.too_early", "出生日期早于1900年；请核对。", "birth_date"))
    elif localtime.age_on(given, today) > OLDEST_PLAUSIBLE:
        problems.append(warning("birth_date.very_old", f"按出生日期计算已超过{OLDEST_PLAUSIBLE}岁；请确认日期无误。",
                                "birth_date"))
    return given


def _sex(given: str | None, derived: str | None, problems: list[Problem]) -> str | None:
    text = (given or "").strip().upper()
    if not text:
        if derived is None:
            problems.append(error("required", "请选择性别（填写身份证号码后可自动识别）。", "sex"))
        return derived
    sex = _SEX_WORDS.get(text)
    if sex is None:
        problems.append(error("sex.invalid", "性别只能是“男”或“女”；请重新选择。", "sex", value=text))
        return derived
    if derived is not None and sex != derived:
        problems.append(error("sex.mismatch", "性别与身份证号码第17位显示的性别不一致；请核对性别或号码。", "sex"))
    return sex


def _phone(raw: str | None, problems: list[Problem]) -> str | None:
    if raw is None or not raw.strip():
        return None
    result = check_phone(raw)
    problems.extend(result.problems)
    return result.normalized if result.normalized else raw.strip()


def _residence_type(value: str, problems: list[Problem]) -> str:
    text = (value or "").strip()
    if text in RESIDENCE_TYPE_NAMES:
        return text
    if text in _RESIDENCE_WORDS:
        return _RESIDENCE_WORDS[text]
    problems.append(error("residence_type.invalid", "人员类别只能是户籍、流动或境外；请重新选择。", "residence_type",
                          value=text))
    return text


def _place(session: Session, data: ResidentInput, community: str, problems: list[Problem]
           ) -> tuple[str | None, str | None]:
    """The household (must exist, in the resident's community) and the grid cell it implies."""
    household_id = (data.household_id or "").strip() or None
    cell_id = (data.grid_cell_id or "").strip() or None
    implied_cell = None
    if household_id is not None:
        household = live(session, Household, household_id)
        building = live(session, Building, household.building_id) if household else None
        if household is None or building is None:
            problems.append(error("household.unknown", "所选住户不存在或已删除；请重新选择房屋。", "household_id"))
        else:
            implied_cell = household.grid_cell_id or building.grid_cell_id
            if community and building.community_code != community:
                problems.append(error("household.other_community",
                                      "所选房屋不属于该居民所在的社区；请重新选择房屋或社区。", "household_id"))
    if cell_id is None:
        return household_id, implied_cell
    if live(session, GridCell, cell_id) is None:
        problems.append(error("grid_cell.unknown", "所选网格不存在或已删除；请重新选择。", "grid_cell_id"))
    elif implied_cell is not None and implied_cell != cell_id:
        problems.append(warning("grid_cell.mismatch", "所选网格与住户所在楼栋的网格不同；请确认是否选对。",
                                "grid_cell_id"))
    return household_id, cell_id


def _tags(session: Session, tags: tuple[str, ...], problems: list[Problem]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(t.strip() for t in tags if t and t.strip()))
    for code in unknown_tags(session, codes):
        problems.append(error("tag.unknown", f"标签“{code}”不存在；请从标签列表中选择。", "tags", code=code))
    return codes


def _short(value: str | None, field: str, label: str, problems: list[Problem]) -> str | None:
    text = clean_text(value)
    if text is not None and len(text) > SHORT_MAX:
        problems.append(error(f"{field}.too_long", f"{label}过长（最多{SHORT_MAX}个字）；请核对。", field,
                              limit=SHORT_MAX))
    return text
