"""The demo logins, shown on the login screen in demo mode.

Kept apart from the generator so the login screen can import them without pulling in
numpy, shapely, SQLAlchemy or argon2 (tests/db/test_demo.py checks): only the standard
library and the app's role names (db.demo.appdata, itself light).
"""

from __future__ import annotations

from db.demo.appdata import ADMIN, DEFAULT_ROLES, GRID_WORKER, SUPERVISOR

DEMO_PASSWORD = "demo1234"
# (username, display name, role code)
DEMO_STAFF: tuple[tuple[str, str, str], ...] = (
    ("wangli", "王丽", GRID_WORKER),
    ("zhaoqiang", "赵强", GRID_WORKER),
    ("chenjing", "陈静", SUPERVISOR),
    ("admin", "刘晓东", ADMIN),
)
# (username, password, role display name)
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    (username, DEMO_PASSWORD, DEFAULT_ROLES[role][0]) for username, _name, role in DEMO_STAFF
]
