"""Chinese personal names: surnames by real frequency (with Jiaodong ones such as 于 姜 曲 逄),
given names typical of the person's birth era, and the occasional rare character."""

from __future__ import annotations

import random
from dataclasses import dataclass

from db.demo.data import document, table
from db.demo.seeded import Weighted, chance

# Characters outside the common sets that must survive storage and display (CJK Ext A/B).
RARE_GIVEN_NAMES: tuple[tuple[str, str], ...] = (("䶮", "M"), ("𠮷祥", "M"), ("𠮷", "F"))


@dataclass(frozen=True, slots=True)
class _Pool:
    names: list[str]
    first: list[str]
    second: list[str]
    chars: list[str]


@dataclass(frozen=True, slots=True)
class _Era:
    start: int
    end: int
    single: float
    pools: dict[str, _Pool]


class NameGenerator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        rows = table("surnames.csv")
        self._surnames = Weighted([r["surname"] for r in rows], [float(r["weight"]) for r in rows])
        self._eras = [
            _Era(
                start=int(e["from"]),
                end=int(e["to"]),
                single=float(e["single"]),
                pools={sex: _Pool(e[sex]["names"], e[sex]["first"], e[sex]["second"], e[sex]["chars"])
                       for sex in ("M", "F")},
            )
            for e in document("given_names.json")["eras"]
        ]

    def surname(self) -> str:
        return self._surnames.pick(self.rng)

    def given(self, sex: str, birth_year: int) -> str:
        era = next((e for e in self._eras if e.start <= birth_year <= e.end), self._eras[-1])
        pool = era.pools[sex]
        rng = self.rng
        if chance(rng, 0.45):
            return rng.choice(pool.names)
        if chance(rng, era.single):
            return rng.choice(pool.chars)
        first, second = rng.choice(pool.first), rng.choice(pool.second)
        if first == second:  # 叠字 only when the pool says so ('婷婷' is in names)
            second = rng.choice(pool.second)
        return first + second

    def full(self, sex: str, birth_year: int, surname: str | None = None) -> tuple[str, str]:
        """(surname, given name)."""
        return surname or self.surname(), self.given(sex, birth_year)
