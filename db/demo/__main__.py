"""python -m db.demo --residents N --out FILE [--seed N] [--now ISO] [--requests N] [--force]"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from db.demo.generate import generate_demo


def _now(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2026-11-24T10:00:00+08:00")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.demo", description="Write a demo community database.")
    parser.add_argument("--out", type=Path, required=True, help="the SQLite file to create")
    parser.add_argument("--residents", type=int, default=3000,
                        help="number of residents (above 20000 the whole 湛山街道 is generated)")
    parser.add_argument("--seed", type=int, default=20201)
    parser.add_argument("--now", type=_now, default=None, help="the demo's 'now' (ISO 8601 with zone)")
    parser.add_argument("--requests", type=int, default=None, help="number of service requests")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    args = parser.parse_args(argv)
    out: Path = args.out
    if out.exists():
        if not args.force:
            print(f"error: {out} already exists; not overwriting it. Use --force to replace it.",
                  file=sys.stderr)
            return 2
        for victim in (out, Path(f"{out}-wal"), Path(f"{out}-shm")):
            victim.unlink(missing_ok=True)
    last = [-1]

    def progress(label: str, fraction: float) -> None:
        step = int(fraction * 20)
        if step != last[0]:
            last[0] = step
            print(f"{fraction:4.0%}  {label}", file=sys.stderr)

    s = generate_demo(out, residents=args.residents, seed=args.seed, now=args.now, progress=progress,
                      requests=args.requests)
    print(f"wrote {s.path} in {s.seconds:.1f} s: {s.residents} residents, {s.households} households, "
          f"{s.buildings} buildings, {s.grid_cells} grid cells, {s.staff} staff, {s.requests} requests "
          f"({s.request_events} events), {s.visits} visits, {s.patrol_rounds} patrol rounds, "
          f"{s.resident_tags} tags, {s.notices} notices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
