"""`city-api`: serve the API, manage communities and devices, seed from a device database."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from city_api.database import DEFAULT_URL

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

OPENAPI_PATH = Path(__file__).parent / "openapi.json"
WORKER_HEALTHCHECK_S = 60


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=os.environ.get("CITY_API_DB_URL", DEFAULT_URL),
                        help="database URL: sqlite:///city.sqlite or postgresql+psycopg://user:pw@host/db")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from city_api.app import ENV_DB_URL, create_app
    from city_api.database import upgrade

    upgrade(args.db)
    log_level = "info" if args.access_log else "warning"
    if args.workers > 1:
        os.environ[ENV_DB_URL] = args.db  # each worker process builds its app from the environment
        # uvicorn kills a worker that misses a 5 s health ping; a worker busy on a loaded machine is
        # not hung, and killing it drops every connection it holds
        uvicorn.run("city_api.app:app_from_env", factory=True, host=args.host, port=args.port,
                    workers=args.workers, access_log=args.access_log, log_level=log_level,
                    timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)
    else:
        uvicorn.run(create_app(args.db), host=args.host, port=args.port, access_log=args.access_log,
                    log_level=log_level)
    return 0


def _session(url: str) -> Session:
    """A write session on the upgraded database at url."""
    from city_api.database import make_engine, make_sessionmakers, upgrade

    upgrade(url)
    return make_sessionmakers(make_engine(url))[1]()


def _add_community(args: argparse.Namespace) -> int:
    from city_api.enrolment import ensure_community

    with _session(args.db) as session:
        ensure_community(session, args.code, args.name, args.district, args.street)
        session.commit()
    print(f"社区 {args.code} {args.name} 已就绪")
    return 0


def _enroll(args: argparse.Namespace) -> int:
    from city_api.enrolment import issue_code

    with _session(args.db) as session:
        try:
            code = issue_code(session, args.community, args.role, timedelta(hours=args.ttl_hours), args.name)
        except LookupError:
            print(f"没有社区 {args.community}。请先运行 city-api add-community。", file=sys.stderr)
            return 2
        session.commit()
    print(code)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from city_api.enrolment import revoke_device

    with _session(args.db) as session:
        try:
            revoke_device(session, args.device)
        except LookupError:
            print(f"没有设备 {args.device}", file=sys.stderr)
            return 2
        session.commit()
    print(f"设备 {args.device} 已停用")
    return 0


def _seed(args: argparse.Namespace) -> int:
    from city_api.database import upgrade
    from city_api.seed import seed_from_sqlite

    upgrade(args.db)
    start = time.perf_counter()
    counts = seed_from_sqlite(args.db, Path(args.from_sqlite), args.community)
    print(f"{sum(counts.values())} records in {time.perf_counter() - start:.1f} s: "
          + ", ".join(f"{t} {n}" for t, n in counts.items() if n))
    return 0


def openapi_text() -> str:
    from city_api.app import create_app

    # the spec does not depend on the database; an in-memory URL opens nothing until a request
    spec = create_app("sqlite://").openapi()
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _openapi(args: argparse.Namespace) -> int:
    Path(args.out).write_text(openapi_text(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from city_api.database import upgrade

    upgrade(args.db)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="city-api", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="upgrade the schema and serve the API")
    _db_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8300)
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    p.add_argument("--access-log", action="store_true")
    p.set_defaults(func=_serve)

    p = sub.add_parser("add-community", help="create (or rename) a community")
    _db_arg(p)
    p.add_argument("--code", required=True, help="12-digit statistical code")
    p.add_argument("--name", required=True)
    p.add_argument("--district", help="6-digit district code (default: from the code)")
    p.add_argument("--street", help="street code (default: from the code)")
    p.set_defaults(func=_add_community)

    p = sub.add_parser("enroll", help="print a one-time enrolment code for a new device")
    _db_arg(p)
    p.add_argument("--community", required=True)
    p.add_argument("--role", choices=["office", "kiosk"], required=True)
    p.add_argument("--name", help="suggested device name")
    p.add_argument("--ttl-hours", type=float, default=72)
    p.set_defaults(func=_enroll)

    p = sub.add_parser("revoke", help="stop a device (its token answers 401)")
    _db_arg(p)
    p.add_argument("--device", required=True)
    p.set_defaults(func=_revoke)

    p = sub.add_parser("seed", help="load a device database's synced rows into a community")
    _db_arg(p)
    p.add_argument("--from-sqlite", required=True, help="device database file (e.g. the demo)")
    p.add_argument("--community", required=True)
    p.set_defaults(func=_seed)

    p = sub.add_parser("openapi", help="write the OpenAPI spec")
    p.add_argument("--out", default=str(OPENAPI_PATH))
    p.set_defaults(func=_openapi)

    p = sub.add_parser("upgrade", help="upgrade the schema to the newest migration")
    _db_arg(p)
    p.set_defaults(func=_upgrade)

    try:  # Open311's api_key commands (city_api.open311, another module's job) when it is there
        from city_api.open311.cli import add_commands
    except ModuleNotFoundError:
        return parser
    add_commands(sub, _db_arg, _session)  # city-api open311-key add|list|revoke
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
