"""`python -m community_app.sync.runner --db PATH`: one sync in its own process, the report
printed as one JSON line (for a background job and the crash tests)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from community_app.sync.engine import SyncEngine
from community_app.sync.http import HttpSettings
from community_app.sync.tokens import FileTokenStore, default_token_store
from db.engine import make_engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m community_app.sync.runner", description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="the local database file")
    parser.add_argument("--token-file", type=Path, help="token file (instead of the OS keyring)")
    parser.add_argument("--read-timeout", type=float, default=30.0)
    parser.add_argument("--batch", type=int, default=500, help="mutations per push")
    parser.add_argument("--page", type=int, default=1000, help="changes per pulled page")
    parser.add_argument("--bulk-min", type=int, default=1000,
                        help="a first sync of this many records or more rebuilds the search index once")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    tokens = FileTokenStore(args.token_file) if args.token_file else default_token_store()
    engine = make_engine(args.db)
    try:
        report = SyncEngine(engine, tokens=tokens, http=HttpSettings(read_timeout=args.read_timeout),
                            batch_size=args.batch, page_size=args.page, first_sync_page_size=args.page,
                            bulk_min=args.bulk_min).run_once()
    finally:
        engine.dispose()
    print(json.dumps({
        "finished": report.finished, "pushed": report.pushed, "applied": report.applied, "merged": report.merged,
        "conflicts": report.conflicts, "rejected": report.rejected, "pulled": report.pulled,
        "problem": report.problem.code if report.problem else None,
    }))
    return 0 if report.finished else 1


if __name__ == "__main__":
    sys.exit(main())
