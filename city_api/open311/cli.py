"""`city-api open311-key add|list|revoke`: api_keys for outside systems that POST Open311 requests.
city_api.cli calls add_commands(sub, _db_arg, _session) to register them."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from city_api.open311.keys import issue_api_key, list_api_keys, revoke_api_key


def _add(args: argparse.Namespace) -> int:
    with args.open311_session(args.db) as session:
        key_id, key = issue_api_key(session, args.name)
        session.commit()
    print(f"已为“{args.name}”签发 Open311 api_key（只显示这一次，请妥善转交）：\n{key}\n编号：{key_id}")
    return 0


def _list(args: argparse.Namespace) -> int:
    with args.open311_session(args.db) as session:
        keys = list_api_keys(session)
    if not keys:
        print("还没有签发任何 Open311 api_key。")
    for k in keys:
        state = f"已停用 {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "有效"
        used = f"{k.last_used_at:%Y-%m-%d %H:%M} UTC" if k.last_used_at else "从未使用"
        print(f"{k.id}  {k.name}  {state}  最近使用：{used}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    with args.open311_session(args.db) as session:
        found = revoke_api_key(session, args.id)
        session.commit()
    if not found:
        print(f"没有编号为 {args.id} 的 api_key；请用 `city-api open311-key list` 查看。")
        return 2
    print(f"api_key {args.id} 已停用：用它提交的诉求会被拒绝（403）。")
    return 0


def add_commands(sub: Any, db_arg: Callable[[argparse.ArgumentParser], None],
                 session_factory: Callable[[str], Any]) -> None:
    """Register `open311-key` on city-api's subparsers; session_factory(url) opens a write session
    on an upgraded database."""
    parser = sub.add_parser("open311-key", help="manage Open311 api_keys (add / list / revoke)")
    actions = parser.add_subparsers(dest="open311_action", required=True)
    p = actions.add_parser("add", help="issue a key for a system (printed once)")
    db_arg(p)
    p.add_argument("--name", required=True, help="the system that will use it, e.g. 12345热线平台")
    p.set_defaults(func=_add, open311_session=session_factory)
    p = actions.add_parser("list", help="list keys (never the keys themselves)")
    db_arg(p)
    p.set_defaults(func=_list, open311_session=session_factory)
    p = actions.add_parser("revoke", help="stop a key")
    db_arg(p)
    p.add_argument("--id", required=True)
    p.set_defaults(func=_revoke, open311_session=session_factory)
