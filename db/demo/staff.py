"""Roles and staff accounts: the four demo logins, plus more grid workers at street scale
(one for every few cells, as a real 街道 has) who share the demo password."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from db.demo.appdata import ADMIN, DEFAULT_ROLES, GRID_WORKER, SUPERVISOR, hash_password
from db.demo.geography import Cell
from db.demo.names import NameGenerator
from db.demo.people import mobile
from db.demo.seeded import IdFactory

Row = dict[str, Any]

DEMO_PASSWORD = "demo1234"
# (username, display name, role code)
DEMO_STAFF: tuple[tuple[str, str, str], ...] = (
    ("wangli", "王丽", GRID_WORKER),
    ("zhaoqiang", "赵强", GRID_WORKER),
    ("chenjing", "陈静", SUPERVISOR),
    ("admin", "刘晓东", ADMIN),
)
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    (username, DEMO_PASSWORD, DEFAULT_ROLES[role][0]) for username, _name, role in DEMO_STAFF
]
CELLS_PER_EXTRA_WORKER = 4


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    username: str
    name: str
    role: str


def role_rows(now: datetime, ids: IdFactory) -> list[Row]:
    made = now - timedelta(days=1000)
    return [{"id": ids.at(made), "version": 0, "created_at": made, "updated_at": made, "deleted_at": None,
             "code": code, "name": name, "permissions": list(perms)}
            for code, (name, perms) in DEFAULT_ROLES.items()]


class StaffBuilder:
    def __init__(self, rng: random.Random, ids: IdFactory, names: NameGenerator, now: datetime,
                 home: str) -> None:
        self.rng, self.ids, self.names, self.now, self.home = rng, ids, names, now, home
        self.rows: list[Row] = []
        self.members: list[StaffMember] = []
        self._hash = hash_password(DEMO_PASSWORD)  # argon2 is slow on purpose: hash once

    def _add(self, username: str, name: str, role: str, community: str | None) -> StaffMember:
        made = self.now - timedelta(days=self.rng.uniform(700, 900))
        member = StaffMember(self.ids.at(made), username, name, role)
        last_login = self.now - timedelta(hours=self.rng.uniform(2, 72))
        self.rows.append({"id": member.id, "version": 0, "created_at": made, "updated_at": last_login,
                          "deleted_at": None, "username": username, "display_name": name,
                          "password_hash": self._hash, "role_code": role, "community_code": community,
                          "phone": mobile(self.rng), "active": True, "last_login_at": last_login})
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
