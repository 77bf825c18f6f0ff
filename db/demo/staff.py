"""Roles and staff accounts: the four demo logins, plus more grid workers at street scale
(one for every few cells, as a real 街道 has) who share the demo password."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from community_app.core.passwords import hash_password
from db.demo.accounts import DEMO_PASSWORD, DEMO_STAFF
from db.demo.appdata import DEFAULT_ROLES, GRID_WORKER
from db.demo.clock import DAY, HOUR
from db.demo.geography import Cell
from db.demo.names import NameGenerator
from db.demo.people import mobile
from db.demo.seeded import IdFactory
from db.demo.writer import to_json

Row = dict[str, Any]

CELLS_PER_EXTRA_WORKER = 4
SALT_BYTES = 16  # argon2-cffi's default salt length


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    username: str
    name: str
    role: str


def password_hash(password: str, rng: random.Random) -> str:
    """The app's own argon2id hash, with a salt from the seeded stream: the same seed gives
    the same file."""
    return hash_password(password, salt=rng.randbytes(SALT_BYTES))


def role_rows(now: int, ids: IdFactory) -> list[Row]:
    made = now - 1000 * DAY
    return [{**ids.row(made), "code": code, "name": name, "permissions": to_json(list(perms))}
            for code, (name, perms) in DEFAULT_ROLES.items()]


class StaffBuilder:
    def __init__(self, rng: random.Random, ids: IdFactory, names: NameGenerator, now: int, home: str) -> None:
        self.rng, self.ids, self.names, self.now, self.home = rng, ids, names, now, home
        self.rows: list[Row] = []
        self.members: list[StaffMember] = []
        # argon2 is slow on purpose: one hash (one salt) for everyone sharing the demo password
        self._hash = password_hash(DEMO_PASSWORD, rng)

    def _add(self, username: str, name: str, role: str, community: str | None) -> StaffMember:
        made = self.now - int(self.rng.uniform(700, 900) * DAY)
        last_login = self.now - int(self.rng.uniform(2, 72) * HOUR)
        sync = self.ids.row(made, last_login)
        row = {**sync, "username": username, "display_name": name, "password_hash": self._hash,
               "role_code": role, "community_code": community, "phone": mobile(self.rng), "active": True}
        member = StaffMember(row["id"], username, name, role)
        self.rows.append(row)
        self.members.append(member)
        return member

    def build(self, cells: list[Cell]) -> None:
        """Create the staff and make each cell's responsible worker.

        In the demo community the two demo workers split the cells in half; elsewhere in
        the street every few cells get a worker of their own."""
        demo = {u: self._add(u, n, r, self.home) for u, n, r in DEMO_STAFF}
        home_cells = [c for c in cells if c.community.code == self.home]
        half = (len(home_cells) + 1) // 2
        for i, cell in enumerate(home_cells):
            cell.staff_id = demo["wangli" if i < half else "zhaoqiang"].id
        others = [c for c in cells if c.community.code != self.home]
        worker: StaffMember | None = None
        for i, cell in enumerate(others):
            if i % CELLS_PER_EXTRA_WORKER == 0:
                sex = self.rng.choice("MF")
                surname, given = self.names.full(sex, self.rng.randint(1975, 1998))
                worker = self._add(f"gw{len(self.members) - len(DEMO_STAFF) + 1:03d}", surname + given,
                                   GRID_WORKER, cell.community.code)
            assert worker is not None
            cell.staff_id = worker.id

    def by_id(self) -> dict[str, StaffMember]:
        return {m.id: m for m in self.members}

    def first(self, role: str) -> StaffMember:
        return next(m for m in self.members if m.role == role)
