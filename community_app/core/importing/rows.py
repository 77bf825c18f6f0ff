"""Turning one row of the file into a checked resident record, or into the reasons it
cannot be imported.

Cells are cleaned (cells.py), words of the file are mapped to the register's codes
(男 -> M, 流动人口 -> floating, 低保 -> dibao, 本人 -> 户主), the household is found
(places.py), and the record is then checked by the register's own rules
(core.residents.check_resident), so an imported resident obeys exactly what the form
enforces. Duplicates inside the file are refused on their second row.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.importing import cells
from community_app.core.importing.cells import PartialDate
from community_app.core.importing.headers import Layout
from community_app.core.importing.places import PlaceIndex, PlaceMatch, room_key
from community_app.core.importing.reading import RowValues, Value
from community_app.core.importing.report import ERROR, WARNING, RowProblem, make_problem
from community_app.core.problems import Problem
from community_app.core.residents.checking import check_resident
from community_app.core.residents.inputs import ResidentInput
from db.models import SpecialGroupTag

_SEX: Final = {"男": "M", "男性": "M", "m": "M", "male": "M", "1": "M", "女": "F", "女性": "F", "f": "F",
               "female": "F", "2": "F"}


def _words(text: str, code: str | None = None) -> dict[str, str]:
    """「户籍 常住 …」 -> {word: code} (code None: each word maps to itself)."""
    return {word: code or word for word in text.split()}


_RESIDENCE: Final = {
    **_words("户籍 户籍人口 户籍居民 常住 常住人口 本地 本地户籍 registered", "registered"),
    **_words("流动 流动人口 外来 外来人口 暂住 暂住人口 非户籍 寄住 人户分离 floating", "floating"),
    **_words("境外 境外人员 境外人口 外籍 外籍人员 外国人 港澳台 overseas", "overseas"),
}
_RELATION: Final = {
    **_words("本人 户主", "户主"),
    **_words("配偶 妻 妻子 夫 丈夫 爱人 老伴", "配偶"),
    **_words("子 女 儿子 女儿 长子 长女 次子 次女 三子 三女 独子 独女 子女", "子女"),
    **_words("父 母 父亲 母亲 父母", "父母"),
    **_words("孙子 孙女 外孙 外孙女 孙子女", "孙子女"),
    **_words("儿媳 儿媳妇 媳妇", "儿媳"),
}
# the 56 ethnic groups without 族, as files often write them (汉, 回 …)
_ETHNIC: Final = frozenset(_words(
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"))
_TAG_SPLIT: Final = re.compile(r"[、,，;；/|\s]+")
# fields of check_resident's problems -> the file's field they come from
_PROBLEM_FIELD: Final = {"household_id": "building", "grid_cell_id": "building", "community_code": None}
PLACE_FIELDS: Final = ("building", "unit", "room", "address")
# columns whose values repeat (few distinct values; names: 100,000 people have far fewer
# names), whose cleaning is cached
_REPEATING: Final = frozenset(("name", "sex", "ethnicity", "building", "unit", "room", "relation_to_head",
                               "residence_type", "tags"))
# fields an update takes from the file when the cell is filled
_GIVEN: Final = ("name", "id_number", "phone", "birth_date", "ethnicity", "relation_to_head", "notes")


@dataclass(frozen=True)  # not slotted: sent between processes, and slotted dataclasses unpickle slowly
class CheckedRow:
    """A row that can be imported."""

    row: int
    data: ResidentInput  # checked and normalized by check_resident; household and grid cell are in `place`
    place: PlaceMatch
    given: frozenset[str]  # ResidentInput fields the file filled (an update changes only these)


class RowChecker:
    """Checks the data rows of one file for one community. Loads what it needs up front."""

    def __init__(self, session: Session, community_code: str, layout: Layout, epoch: datetime,
                 *, today: date, places: PlaceIndex | None = None) -> None:
        self.session = session
        self.community_code = community_code
        self.epoch = epoch
        self.today = today
        self.columns = layout.mapping()
        self.headers = {c.field: c.header for c in layout.columns if c.field is not None}
        self.places = places if places is not None else PlaceIndex(session, community_code)
        self.fixes: Counter[int] = Counter()
        self._tags: dict[str, str] = {}
        for code, name in session.execute(select(SpecialGroupTag.code, SpecialGroupTag.name)
                                          .where(SpecialGroupTag.deleted_at.is_(None))):
            self._tags[code.lower()] = code
            self._tags[name] = code
        self._tag_names = "、".join(n for n in self._tags if not n.isascii())
        self._seen_ids: dict[str, int] = {}
        self._seen_names: dict[tuple[str, str], int] = {}
        self._indexes = tuple(self.columns.values())
        self._given: dict[tuple[object, ...], frozenset[str]] = {}
        cleaners = {"name": (cells.clean_name, None), "id_number": (cells.clean_id_number, None),
                    "phone": (cells.clean_phone, None), "birth_date": (cells.clean_date, epoch),
                    "building": (cells.clean_place, "楼栋"), "unit": (cells.clean_place, "单元"),
                    "room": (cells.clean_place, "房号"), "notes": (cells.clean_notes, None)}
        self._steps = [(field, index, *cleaners.get(field, (cells.clean_text, None)),
                        {} if field in _REPEATING else None)
                       for field, index in self.columns.items()]

    # helpers ----------------------------------------------------------------------------------
    def is_empty(self, values: RowValues) -> bool:
        """No value in any imported column (a template's 序号 alone does not make a row)."""
        n = len(values)
        for i in self._indexes:
            if i < n:
                v = values[i]
                if v is not None and (not isinstance(v, str) or v.strip()):
                    return False
        return True

    def problem(self, row: int, field: str | None, raw: object, code: str, message: str,
                severity: str = ERROR) -> RowProblem:
        return make_problem(self.headers, row, field, raw, code, message, severity)

    def _cell(self, values: RowValues, field: str) -> Value:
        i = self.columns.get(field)
        return values[i] if i is not None and i < len(values) else None

    def _count_fixes(self, fixes: int) -> None:
        for flag in cells.FIX_NAMES:
            if fixes & flag:
                self.fixes[flag] += 1

    def _clean(self, row: int, values: RowValues, out: list[RowProblem]) -> dict[str, object]:
        """Every imported cell of the row, cleaned; problems of single cells go to `out`."""
        cleaned: dict[str, object] = {}
        n = len(values)
        for field, index, cleaner, extra, cache in self._steps:
            raw = values[index] if index < n else None
            if raw is None:
                continue
            if cache is None:
                value, fixes, issue = cleaner(raw) if extra is None else cleaner(raw, extra)
            else:  # a column of few distinct values (性别, 单元 …): each is cleaned once
                known = cache.get(raw)
                if known is None:
                    known = cache[raw] = cleaner(raw) if extra is None else cleaner(raw, extra)
                value, fixes, issue = known
            if fixes:
                self._count_fixes(fixes)
            if issue is not None:
                out.append(self.problem(row, field, raw, issue.code, issue.message, issue.severity))
            if value is not None:
                cleaned[field] = value
        return cleaned

    def _word(self, row: int, cleaned: dict[str, object], field: str, words: dict[str, str], message: str,
              out: list[RowProblem]) -> str | None:
        text = cleaned.get(field)
        if text is None:
            return None
        found = words.get(str(text).lower())
        if found is None:
            out.append(self.problem(row, field, text, f"{field}.unknown_word", message))
        return found

    # the row ----------------------------------------------------------------------------------
    def check(self, row: int, values: RowValues) -> tuple[CheckedRow | None, list[RowProblem]]:
        """The checked row (None when it has an error) and every problem found in it."""
        out: list[RowProblem] = []
        cleaned = self._clean(row, values, out)
        get = cleaned.get
        sex = self._word(row, cleaned, "sex", _SEX, "性别请填写“男”或“女”", out)
        residence = self._word(row, cleaned, "residence_type", _RESIDENCE, "人员类别请填写“户籍”“流动”或“境外”", out)
        tags = self._tag_codes(row, cleaned, out)
        place = self._place(row, values, cleaned, out)
        ethnicity = get("ethnicity")
        if ethnicity in _ETHNIC:
            ethnicity = f"{ethnicity}族"
        relation = get("relation_to_head")
        if relation is not None:
            relation = _RELATION.get(str(relation), relation)
        birth = get("birth_date")
        data = ResidentInput(
            name=str(get("name", "")), community_code=self.community_code, sex=sex,
            id_number=get("id_number"), birth_date=birth if isinstance(birth, date) else None,  # type: ignore[arg-type]
            phone=get("phone"), ethnicity=ethnicity, residence_type=residence or "registered",  # type: ignore[arg-type]
            relation_to_head=relation, notes=get("notes"), tags=tags,  # type: ignore[arg-type]
        )
        # the household is already checked (PlaceIndex holds only this community's places);
        # leaving it out here spares check_resident a query per row
        checked = check_resident(self.session, data, today=self.today)
        if checked.problems:
            reported = {p.field for p in out if p.severity == ERROR}
            for problem in checked.problems:
                self._add_checked_problem(row, values, problem, reported, out)
        result = checked.data  # without household and grid cell: CheckedRow.place holds them
        if isinstance(birth, PartialDate):
            self._partial_birth(row, values, birth, result.birth_date, out)
        self._duplicates(row, values, result, place, out)
        if place is None or (out and any(p.severity == ERROR for p in out)):
            return None, out
        # which fields the row filled: rows of a file fill the same few sets of them
        key = (tuple(cleaned), sex is not None, residence is not None, bool(tags), isinstance(birth, PartialDate))
        given = self._given.get(key)
        if given is None:
            given = self._given[key] = self._given_fields(cleaned, sex, residence, tags)
        return CheckedRow(row, result, place, given), out

    @staticmethod
    def _given_fields(cleaned: dict[str, object], sex: str | None, residence: str | None,
                      tags: tuple[str, ...]) -> frozenset[str]:
        given = {f for f in _GIVEN if f in cleaned and not isinstance(cleaned[f], PartialDate)}
        if sex is not None:
            given.add("sex")
        if residence is not None:
            given.add("residence_type")
        if tags:
            given.add("tags")
        return frozenset(given | {"household_id"})

    def _add_checked_problem(self, row: int, values: RowValues, problem: Problem, reported: set[str | None],
                             out: list[RowProblem]) -> None:
        field = _PROBLEM_FIELD.get(problem.field or "", problem.field)
        if field in reported:
            return  # the cell's own problem already says what is wrong
        if problem.code == "id.missing" and "id_number" not in self.columns:
            return  # a file without ID numbers: one warning per row would be noise
        raw = self._cell(values, field) if field else None
        out.append(self.problem(row, field, raw, problem.code, problem.message,
                                 WARNING if not problem.is_error else ERROR))

    def _partial_birth(self, row: int, values: RowValues, partial: PartialDate, known: date | None,
                       out: list[RowProblem]) -> None:
        raw = self._cell(values, "birth_date")
        if known is None:
            out.append(self.problem(row, "birth_date", raw, "birth_date.incomplete",
                                     "出生日期只有年份或年月，没有导入；请填写完整的出生日期（如1980-01-01）", WARNING))
        elif not partial.matches(known):
            out.append(self.problem(row, "birth_date", raw, "birth_date.mismatch",
                                     f"出生日期与身份证号码中的出生日期（{known.isoformat()}）不一致；请核对。"))

    def _tag_codes(self, row: int, cleaned: dict[str, object], out: list[RowProblem]) -> tuple[str, ...]:
        text = cleaned.get("tags")
        if not text:
            return ()
        codes: list[str] = []
        for word in _TAG_SPLIT.split(str(text)):
            if not word or word in ("无", "否"):
                continue
            code = self._tags.get(word) or self._tags.get(word.lower())
            if code is None:
                out.append(RowProblem(row, self.headers.get("tags", "标签"), "tags", word, "tag.unknown",
                                      f"标签「{word}」不存在；可用的标签有：{self._tag_names}"))
            elif code not in codes:
                codes.append(code)
        return tuple(codes)

    def _place(self, row: int, values: RowValues, cleaned: dict[str, object],
               out: list[RowProblem]) -> PlaceMatch | None:
        if out and any(p.field in PLACE_FIELDS for p in out):
            return None
        get = cleaned.get
        match, issues = self.places.match(get("building"), get("unit"), get("room"), get("address"))  # type: ignore[arg-type]
        for field, issue in issues:
            if field not in self.columns:  # e.g. the unit is missing in a file without a 单元 column
                field = "address" if "address" in self.columns and "building" not in self.columns else "building"
            raw = self._cell(values, field)
            out.append(self.problem(row, field, raw, issue.code, issue.message, issue.severity))
        return match

    def _duplicates(self, row: int, values: RowValues, data: ResidentInput, place: PlaceMatch | None,
                    out: list[RowProblem]) -> None:
        """The second of two rows for one person is refused. Only rows without other errors
        count: the first row that can be imported is the one kept."""
        if place is None or (out and any(p.severity == ERROR for p in out)):
            return
        if data.id_number:
            key: object = data.id_number
            seen: dict[object, int] = self._seen_ids  # type: ignore[assignment]
            message = "与第{first}行的身份证号相同，同一人只能有一行；请删除重复的行"
            field = "id_number"
        elif self._cell(values, "id_number") is None and data.name:
            key = (data.name, place.household_id or _new_key(place))
            seen = self._seen_names  # type: ignore[assignment]
            message = "与第{first}行的姓名和住址都相同；如果是同一人请删除重复的行，如果是同名的两个人请填写身份证号"
            field = "name"
        else:
            return
        first = seen.setdefault(key, row)
        if first != row:
            out.append(self.problem(row, field, self._cell(values, field), "duplicate_in_file",
                                    message.format(first=first)))


def _new_key(place: PlaceMatch) -> str:
    assert place.new is not None
    return f"new:{place.new.building_id}:{place.new.unit_id}:{room_key(place.new.room)}"
