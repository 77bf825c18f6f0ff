"""Cold start to a usable dashboard, against a bare PySide6 window start.

Both sides are whole processes started in turns (each round: the 3k database, a bare window, the
200k database, a bare window); each is timed from its start to the
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


def bench_startup(databases: dict[str, Path], repeat: int = 7) -> tuple[list[BenchResult], dict[str, float]]:
    """Per database (label → file): [start → usable (target), start → whole run incl. indicators
    (info)]; and each one's median start → usable.

    Every round starts each database once, each followed by a bare window: the databases and the
    baseline are measured side by side, so that a busy spell of the machine hits them alike (the
    200k-vs-3k figure compares two of our own medians measured in the same rounds)."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _env(home)
        env["COMMUNITY_APP_MARK_USABLE"] = "1"
        bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py"), str(home / "bare.png")]
        commands = {label: [sys.executable, "-m", "community_app.app", "--demo", "--db", str(path),
                            "--screenshot", str(home / "ours.png")] for label, path in databases.items()}
        for command in (*commands.values(), bare_cmd):  # warm the OS file cache and the bytecode cache, once
            _run(command, env)
        ours = {label: Runs() for label in databases}
        bare = {label: Runs() for label in databases}
        for _ in range(repeat):
            for label, command in commands.items():
                _run(command, env, ours[label])
                _run(bare_cmd, env, bare[label])
    med = statistics.median
    results: list[BenchResult] = []
    for label in databases:
        mine, base = ours[label], bare[label]
        # CPU time barely depends on how busy the machine is, wall time does: both are shown
        cpu = f"CPU {med(mine.cpu):.2f} s vs {med(base.cpu):.2f} s (whole runs)"
        results.append(BenchResult(f"start → dashboard usable ({label})", med(mine.usable), med(base.usable),
                                   "bare PySide6 window rendered", limit=2.5))
        results.append(BenchResult(f"start → indicators too, exit ({label})", med(mine.whole), med(base.whole),
                                   "bare PySide6 window start to exit", note=cpu))
    return results, {label: med(ours[label].usable) for label in databases}
