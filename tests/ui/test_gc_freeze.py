"""create_application, when it starts the process's QApplication, moves everything loaded
so far out of the cyclic garbage collector (full collections stay a few ms); what loads
after the dashboard (SQLAlchemy, the models: ui.warm_up) is frozen in its turn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


MAIN_SCRIPT = """
import gc, sys
import community_app.ui.application as application
seen = {}
real_create = application.create_application
def create():
    seen["during imports"] = gc.isenabled()
    app = real_create()
    seen["frozen"] = gc.get_freeze_count()
    return app
application.create_application = create
real_run = application.run
def run(options, log_file, **kw):
    status = real_run(options, log_file, **kw)
    seen["after start"] = gc.isenabled()
    return status
application.run = run
from community_app.app import main
main(["--demo", "--db", sys.argv[1], "--screenshot", sys.argv[2]])
print(seen["during imports"], seen["frozen"], seen["after start"], gc.isenabled(), flush=True)
"""


def test_the_collector_rests_during_the_start_imports_and_runs_again_after(tmp_path: Path) -> None:
    """main() turns the cyclic collector off for the imports of the start (it found nothing to
    free and took ≈15 ms) and back on once create_application has frozen what they made."""
    folder = tmp_path
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(folder), XDG_DATA_HOME=str(folder / "data"),
               XDG_CONFIG_HOME=str(folder / "config"), XDG_STATE_HOME=str(folder / "state"))
    out = subprocess.run([sys.executable, "-c", MAIN_SCRIPT, str(folder / "demo.sqlite"), str(folder / "shot.png")],
                         capture_output=True, text=True, env=env, timeout=300, check=True).stdout.split()
    assert out[0] == "False" and int(out[1]) > 20_000
    assert out[2] == "True" and out[3] == "True"
