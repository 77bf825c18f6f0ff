"""Household compositions for an old urban Qingdao community: many elderly couples and
people living alone, three-generation families, young renters from elsewhere in Shandong.

Ages are chosen parent-first, so a child is always 20+ years younger than its mother and
a grandchild younger again; relations follow the 户口簿 wording (户主, 配偶, 子女 …).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from db.demo.names import NameGenerator
from db.demo.seeded import Weighted, chance

HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, CHILD_IN_LAW, OTHER = "户主", "配偶", "子女", "父母", "孙子女", "儿媳", "其他"
MAX_AGE = 101


@dataclass(slots=True)
class Member:
    relation: str
    sex: str
    age: int
    surname: str
    status: str = "active"  # active / moved_out / deceased


@dataclass(slots=True)
class Family:
    kind: str
    residence: str  # registered / floating / overseas
    rented: bool
    members: list[Member] = field(default_factory=list)
    left_behind: bool = False  # parents work elsewhere, grandparents look after the children


def _elder(rng: random.Random, low: int = 60) -> int:
    # skewed towards the 60s and 70s with a tail into the 90s
    return min(MAX_AGE, low + int(rng.betavariate(1.5, 3.0) * (MAX_AGE - low)))


def _other(sex: str) -> str:
    return "F" if sex == "M" else "M"


class FamilyMaker:
    def __init__(self, rng: random.Random, names: NameGenerator) -> None:
        self.rng, self.names = rng, names
        kinds: list[tuple[str, float, Callable[[], Family]]] = [
            ("elder_alone", 10, self._elder_alone),
            ("elder_couple", 17, self._elder_couple),
            ("couple_kids", 20, self._couple_kids),
            ("couple_adult_child", 9, self._couple_adult_child),
            ("three_gen_up", 8, self._three_gen_up),
            ("three_gen_down", 7, self._three_gen_down),
            ("left_behind", 1, self._left_behind),
            ("young_couple", 7, self._young_couple),
            ("single_adult", 9, self._single_adult),
            ("single_parent", 3, self._single_parent),
            ("tenants", 3, self._tenants),
            ("floating_family", 3, self._floating_family),
            ("overseas", 0.5, self._overseas),
        ]
        self._kinds = Weighted([k[2] for k in kinds], [k[1] for k in kinds])

    def make(self) -> Family:
        return self._kinds.pick(self.rng)()

    # ---- helpers ----------------------------------------------------------------------
    def _couple(self, fam: Family, head_age: int, head_male: float = 0.85) -> tuple[Member, Member]:
        rng = self.rng
        head_sex = "M" if chance(rng, head_male) else "F"
        head = Member(HEAD, head_sex, head_age, self.names.surname())
        gap = rng.randint(-1, 5)  # husbands are usually a little older
        spouse_age = head_age - gap if head_sex == "M" else head_age + gap
        spouse = Member(SPOUSE, _other(head_sex), max(20, min(MAX_AGE, spouse_age)), self.names.surname())
        fam.members += [head, spouse]
        return head, spouse

    def _kids(self, fam: Family, mother_age: int, surname: str, relation: str = CHILD, most: int = 2,
              min_gap: int = 23, max_gap: int = 36) -> list[Member]:
        rng = self.rng
        kids: list[Member] = []
        age = mother_age - rng.randint(min_gap, max_gap)
        count = 1 if most == 1 or not chance(rng, 0.25) else 2
        for _ in range(count):
            if age < 0:
                break
            kid = Member(relation, rng.choice("MF"), age, surname)
            kids.append(kid)
            age -= rng.randint(2, 8)
        fam.members += kids
        return kids

    @staticmethod
    def _mother_age(a: Member, b: Member) -> int:
        return a.age if a.sex == "F" else b.age

    @staticmethod
    def _father_surname(a: Member, b: Member) -> str:
        return a.surname if a.sex == "M" else b.surname

    # ---- kinds ------------------------------------------------------------------------
    def _elder_alone(self) -> Family:
        fam = Family("elder_alone", "registered", False)
        sex = "F" if chance(self.rng, 0.65) else "M"  # widows outnumber widowers
        fam.members.append(Member(HEAD, sex, _elder(self.rng, 62), self.names.surname()))
        return fam

    def _elder_couple(self) -> Family:
        fam = Family("elder_couple", "registered", False)
        _head, spouse = self._couple(fam, _elder(self.rng, 61))
        if spouse.age >= 72 and chance(self.rng, 0.06):
            spouse.status = "deceased"
        return fam

    def _couple_kids(self) -> Family:
        fam = Family("couple_kids", "registered", chance(self.rng, 0.08))
        a, b = self._couple(fam, self.rng.randint(28, 52))
        self._kids(fam, self._mother_age(a, b), self._father_surname(a, b), max_gap=34)
        return fam

    def _couple_adult_child(self) -> Family:
        fam = Family("couple_adult_child", "registered", False)
        a, b = self._couple(fam, self.rng.randint(50, 68))
        for kid in self._kids(fam, self._mother_age(a, b), self._father_surname(a, b), most=1, min_gap=24,
                              max_gap=32):
            if kid.age >= 22 and chance(self.rng, 0.1):
                kid.status = "moved_out"
        return fam

    def _three_gen_up(self) -> Family:
        rng = self.rng
        fam = Family("three_gen_up", "registered", False)
        a, b = self._couple(fam, rng.randint(34, 52), head_male=0.9)
        self._kids(fam, self._mother_age(a, b), self._father_surname(a, b))
        father_age = min(MAX_AGE, a.age + rng.randint(24, 34))
        elders = [Member(PARENT, "M", father_age, a.surname),
                  Member(PARENT, "F", max(a.age + 20, father_age - rng.randint(0, 4)), self.names.surname())]
        if chance(rng, 0.4):
            elders.pop(rng.randrange(2))  # one parent left
        for e in elders:
            if e.age >= 82 and chance(rng, 0.05):
                e.status = "deceased"
        fam.members += elders
        return fam

    def _three_gen_down(self) -> Family:
        rng = self.rng
        fam = Family("three_gen_down", "registered", False)
        a, b = self._couple(fam, rng.randint(58, 78), head_male=0.9)
        mother = self._mother_age(a, b)
        son = chance(rng, 0.65)
        child = Member(CHILD, "M" if son else "F", mother - rng.randint(24, 32), self._father_surname(a, b))
        in_law = Member(CHILD_IN_LAW if son else "女婿", "F" if son else "M",
                        max(22, child.age + rng.randint(-3, 3)), self.names.surname())
        fam.members += [child, in_law]
        young_mother = child.age if not son else in_law.age
        self._kids(fam, young_mother, child.surname if son else in_law.surname, relation=GRANDCHILD,
                   min_gap=24, max_gap=34)
        return fam

    def _left_behind(self) -> Family:
        rng = self.rng
        fam = Family("left_behind", "registered", False, left_behind=True)
        a, _b = self._couple(fam, rng.randint(58, 72), head_male=0.8)
        surname = a.surname if a.sex == "M" else self.names.surname()
        age = rng.randint(4, 15)
        for _ in range(1 if chance(rng, 0.7) else 2):
            fam.members.append(Member(GRANDCHILD, rng.choice("MF"), age, surname))
            age = max(1, age - rng.randint(2, 5))
        return fam

    def _young_couple(self) -> Family:
        floating = chance(self.rng, 0.25)
        fam = Family("young_couple", "floating" if floating else "registered", floating or chance(self.rng, 0.2))
        self._couple(fam, self.rng.randint(24, 35), head_male=0.7)
        return fam

    def _single_adult(self) -> Family:
        floating = chance(self.rng, 0.4)
        fam = Family("single_adult", "floating" if floating else "registered", floating)
        fam.members.append(Member(HEAD, self.rng.choice("MF"), self.rng.randint(22, 59), self.names.surname()))
        return fam

    def _single_parent(self) -> Family:
        rng = self.rng
        fam = Family("single_parent", "registered", chance(rng, 0.2))
        parent = Member(HEAD, "F" if chance(rng, 0.75) else "M", rng.randint(30, 50), self.names.surname())
        fam.members.append(parent)
        surname = parent.surname if parent.sex == "M" or chance(rng, 0.4) else self.names.surname()
        self._kids(fam, parent.age, surname, most=1, min_gap=24, max_gap=max(24, min(36, parent.age - 1)))
        return fam

    def _tenants(self) -> Family:
        rng = self.rng
        fam = Family("tenants", "floating", True)
        for i in range(rng.randint(2, 3)):
            fam.members.append(Member(HEAD if i == 0 else OTHER, rng.choice("MF"), rng.randint(19, 40),
                                      self.names.surname()))
        return fam

    def _floating_family(self) -> Family:
        fam = Family("floating_family", "floating", True)
        a, b = self._couple(fam, self.rng.randint(26, 42))
        self._kids(fam, self._mother_age(a, b), self._father_surname(a, b), min_gap=22, max_gap=30)
        return fam

    def _overseas(self) -> Family:
        fam = Family("overseas", "overseas", True)
        fam.members.append(Member(HEAD, "?", self.rng.randint(26, 60), ""))  # filled from overseas.csv
        return fam
