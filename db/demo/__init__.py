"""The deterministic demo community: 湛山社区 of 湛山街道, 市南区, Qingdao — or, with many
residents, the whole street — with residents, places, grid cells, staff, requests in every
stage, visits, patrols and notices.

    from db.demo import generate_demo, DemoSummary, DEMO_ACCOUNTS
    summary = generate_demo(Path("demo.sqlite"), residents=3000, seed=20201)

Command line: python -m db.demo --residents 200000 --out street.sqlite

The names are loaded on first use, so the writer process (db.demo.sink) starts light and
`from db.demo import DEMO_ACCOUNTS` (the login screen) imports no numpy, shapely,
SQLAlchemy or argon2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.demo.accounts import DEMO_ACCOUNTS
    from db.demo.generate import DemoSummary, default_request_count, generate_demo

__all__ = ["DEMO_ACCOUNTS", "DemoSummary", "default_request_count", "generate_demo"]


def __getattr__(name: str) -> Any:
    if name == "DEMO_ACCOUNTS":
        from db.demo.accounts import DEMO_ACCOUNTS

        return DEMO_ACCOUNTS
    if name in ("DemoSummary", "default_request_count", "generate_demo"):
        from db.demo import generate

        return getattr(generate, name)
    raise AttributeError(f"module 'db.demo' has no attribute {name!r}")
