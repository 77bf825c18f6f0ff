"""Fault injection for the crash tests: a real client process kills itself (SIGKILL, as a power
cut or a task-manager kill would) at a named point of a sync.

COMMUNITY_SYNC_CRASH_AT = before_send | after_server_commit | mid_batch | saving_cursor
COMMUNITY_SYNC_CRASH_SKIP = n   — pass the point n times first (so a test can die at later batches)

Unset (always, outside tests) it costs one dictionary lookup per point.
"""

from __future__ import annotations

import os
import signal

ENV_POINT = "COMMUNITY_SYNC_CRASH_AT"
ENV_SKIP = "COMMUNITY_SYNC_CRASH_SKIP"
POINTS = ("before_send", "after_server_commit", "mid_batch", "saving_cursor")
_passed: dict[str, int] = {}


def crash_point(name: str) -> None:
    if os.environ.get(ENV_POINT) != name:
        return
    seen = _passed.get(name, 0)
    _passed[name] = seen + 1
    if seen >= int(os.environ.get(ENV_SKIP, "0")):
        os.kill(os.getpid(), signal.SIGKILL)
