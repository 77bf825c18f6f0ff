"""create_application, when it starts the process's QApplication, moves everything loaded
so far out of the cyclic garbage collector (full collections stay a few ms)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import gc, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from community_app.ui.application import create_application
before = gc.get_freeze_count()
create_application()
print(before, gc.get_freeze_count(), flush=True)
os._exit(0)
"""


def test_starting_the_app_freezes_what_start_up_loaded() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120,
                         check=True).stdout.split()
    before, after = int(out[0]), int(out[1])
    assert before == 0 and after > 50_000  # SQLAlchemy, the models and PySide6 are all loaded by then
