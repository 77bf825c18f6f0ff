"""create_application, when it starts the process's QApplication, moves everything loaded
so far out of the cyclic garbage collector (full collections stay a few ms); what loads
after the dashboard (SQLAlchemy, the models: ui.warm_up) is frozen in its turn."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import gc, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from community_app.ui.application import create_application
from community_app.ui import warm_up
before = gc.get_freeze_count()
create_application()
started = gc.get_freeze_count()
warm_up.warm_up()
deadline = time.monotonic() + 60
while not warm_up._done.is_set() and time.monotonic() < deadline:
    time.sleep(0.05)
print(before, started, gc.get_freeze_count(), "sqlalchemy.orm" in sys.modules, flush=True)
os._exit(0)
"""


def test_starting_the_app_freezes_what_start_up_loaded_and_what_loads_after() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120,
                         check=True).stdout.split()
    before, started, warmed, orm = int(out[0]), int(out[1]), int(out[2]), out[3]
    assert before == 0 and started > 20_000  # PySide6 and the start's own modules
    assert orm == "True" and warmed > started + 30_000  # SQLAlchemy and the models, frozen after loading
