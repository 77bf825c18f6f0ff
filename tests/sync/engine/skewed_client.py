"""A client process whose clock is wrong: `python -m tests.sync.engine.skewed_client SHIFT_SECONDS
DB TOKEN_FILE ACTION_JSON`. The system clock is an outside thing; this shifts what the process
reads of it (datetime.now/utcnow, time.time/time_ns) before any app module is imported, as a
badly set PC would, then does one action and syncs.

ACTION_JSON: {"add": {"name": …, "community_code": …, …}} | {"update": {"id": …, "values": {…}}} | {}
Prints {"report": {...}, "ids": [...]} as one JSON line.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
import time as _time

SHIFT = float(sys.argv[1])


class _ShiftedDatetime(_dt.datetime):
    @classmethod
    def now(cls, tz: _dt.tzinfo | None = None) -> _ShiftedDatetime:
        return super().now(tz) + _dt.timedelta(seconds=SHIFT)

    @classmethod
    def utcnow(cls) -> _ShiftedDatetime:
        return super().now(_dt.UTC).replace(tzinfo=None) + _dt.timedelta(seconds=SHIFT)


_dt.datetime = _ShiftedDatetime  # type: ignore[misc]
_real_time, _real_time_ns = _time.time, _time.time_ns
_time.time = lambda: _real_time() + SHIFT  # type: ignore[assignment]
_time.time_ns = lambda: _real_time_ns() + int(SHIFT * 1e9)  # type: ignore[assignment]


def main() -> None:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from community_app.core import changes
    from community_app.sync.engine import SyncEngine
    from community_app.sync.tokens import FileTokenStore
    from db.engine import make_engine
    from db.models import Resident

    db, token_file, action = Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
    engine = make_engine(db)
    ids: list[str] = []
    with Session(engine) as s, s.begin():
        if "add" in action:
            ids.append(changes.insert(s, Resident(**action["add"])).id)
        if "update" in action:
            changes.update(s, s.get_one(Resident, action["update"]["id"]), **action["update"]["values"])
    report = SyncEngine(engine, tokens=FileTokenStore(token_file)).run_once()
    engine.dispose()
    print(json.dumps({"report": {"finished": report.finished, "applied": report.applied, "merged": report.merged,
                                 "conflicts": report.conflicts}, "ids": ids}))


if __name__ == "__main__":
    main()
