"""Seeded randomness and deterministic uuid7 ids for the demo generator.

Every part of the generator draws from its own named stream, so adding rows to one
table does not reshuffle another; ids come from a stream too (never os.urandom), which
is what makes the same seed and `now` give byte-for-byte the same database.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, Generic, TypeVar

from db.demo.clock import stamp

T = TypeVar("T")

# time_hi-time_mid-version+rand_a-variant+rand_b: the canonical 8-4-4-4-12 hex layout
_FORMAT = "%08x-%04x-7%03x-%04x-%012x"


class DemoRandom(random.Random):
    """random.Random with fast integer picks: Python 3.11 draws them bit by bit in pure
    Python, which is a good part of generating a street. int(random() * n) is biased by
    at most n / 2**53, which demo data can live with."""

    def _randbelow(self, n: int) -> int:  # used by shuffle() and sample()
        return int(self.random() * n)

    def choice(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if step != 1:
            raise ValueError("only step 1")
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


def stream(seed: int, name: str) -> random.Random:
    """An independent generator for one part of the demo (str seeds hash with sha512: stable)."""
    return DemoRandom(f"community-demo:{seed}:{name}")


class IdFactory:
    """uuid7 strings (RFC 9562) whose time is the row's own timestamp and whose rest is seeded."""

    def __init__(self, rng: random.Random) -> None:
        self._bits = rng.getrandbits

    def at(self, when: int) -> str:
        """An id for a row stamped `when` (microseconds since the epoch, db.demo.clock)."""
        ms = when // 1000
        r = self._bits(74)  # 12 bits rand_a, 62 bits rand_b
        return _FORMAT % (ms >> 16 & 0xFFFF_FFFF, ms & 0xFFFF, r >> 62, 0x8000 | (r >> 48 & 0x3FFF),
                          r & 0xFFFF_FFFF_FFFF)

    def row(self, created: int, updated: int | None = None) -> dict[str, Any]:
        """The sync columns of a row made at `created`: a new id, version 0 (never synced),
        the times as stored, no tombstone."""
        text = stamp(created)
        return {"id": self.at(created), "version": 0, "created_at": text,
                "updated_at": text if updated is None else stamp(updated), "deleted_at": None}


class Weighted(Generic[T]):
    """Weighted choice with precomputed cumulative weights (random.choices rebuilds them per call)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if not items or len(items) != len(weights):
            raise ValueError("need as many weights as items, and at least one")
        self.items = list(items)
        self._cum = list(accumulate(weights))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self._cum, rng.random() * self._total)]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p
