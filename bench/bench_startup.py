"""Cold start to a usable dashboard, against a bare PySide6 window start.

Both sides are whole processes started alternately; each is timed from its start to the
line `usable` on its stdout: ours (`community-app --demo --db FILE --screenshot PNG` with
COMMUNITY_APP_MARK_USABLE=1) signs in as the demo supervisor through the real login and
prints it when the window has been rendered with the dashboard's numbers of the day; the
bare window prints it when it has been rendered. Each process then runs to its end — ours
waits for the supervisor's indicators and charts, which load after the numbers of the day —
and that whole run is shown as a second, informational line.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.results import BenchResult

ROOT = Path(__file__).resolve().parent.parent
PYCACHE = ROOT / "bench" / ".cache" / "pycache"  # bytecode kept out of the source tree


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed app runs from compiled bytecode (pip writes it; Python caches it after the first
    # start). Without this, a PYTHONDONTWRITEBYTECODE=1 shell made every measured start compile
    # our sources again (≈0.3 s) while the baseline's PySide6 had its .pyc files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    # a private home keeps platform folders (settings, logs) away from the user's
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
    return env


@dataclass
class Runs:
    usable: list[float] = field(default_factory=list)  # start → `usable` on stdout
    whole: list[float] = field(default_factory=list)  # start → exit
    cpu: list[float] = field(default_factory=list)  # CPU seconds of the whole run (all threads)


def _run(args: list[str], env: dict[str, str], runs: Runs | None = None) -> None:
    """Run a process to its end, timing the `usable` line it prints."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    usable = None
    for line in proc.stdout:
        if usable is None and line.strip() == "usable":
            usable = time.perf_counter() - start
    if proc.wait(timeout=300) != 0 or usable is None:
        seen = 'seen' if usable else 'missing'
        raise RuntimeError(f"{args[1:3]} failed (exit {proc.returncode}, usable line {seen})")
    whole = time.perf_counter() - start
    if runs is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.usable.append(usable)
        runs.whole.append(whole)
        runs.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def bench_startup(db_path: Path, label: str, repeat: int = 5) -> tuple[list[BenchResult], float, float]:
    """[start → usable (target), start → whole run incl. indicators (info)], ours and bare usable medians."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _env(home)
        env["COMMUNITY_APP_MARK_USABLE"] = "1"
        ours_cmd = [sys.executable, "-m", "community_app.app", "--demo", "--db", str(db_path),
                    "--screenshot", str(home / "ours.png")]
        bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py"), str(home / "bare.png")]
        _run(ours_cmd, env)  # warm the OS file cache and the bytecode cache for both, once
        _run(bare_cmd, env)
        ours, bare = Runs(), Runs()
        for _ in range(repeat):  # alternately, so that machine noise hits both alike
            _run(ours_cmd, env, ours)
            _run(bare_cmd, env, bare)
    med = statistics.median
    # CPU time barely depends on how busy the machine is, wall time does: both are shown
    cpu = f"CPU {med(ours.cpu):.2f} s vs {med(bare.cpu):.2f} s (whole runs)"
    usable = BenchResult(f"start → dashboard usable ({label})", med(ours.usable), med(bare.usable),
                         "bare PySide6 window rendered", limit=2.5)
    whole = BenchResult(f"start → indicators too, exit ({label})", med(ours.whole), med(bare.whole),
                        "bare PySide6 window start to exit", note=cpu)
    return [usable, whole], med(ours.usable), med(bare.usable)
