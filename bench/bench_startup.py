"""Cold start to the dashboard shown with its numbers, against a bare PySide6 window start.

Both sides are whole processes (interpreter start, imports, window, grab to PNG, exit), run
alternately. Ours logs in as the demo supervisor and waits for the dashboard numbers
(`community-app --demo --db FILE --screenshot PNG`).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.results import BenchResult, interleaved_medians

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


def _run(args: list[str], env: dict[str, str], cpu: list[float] | None = None) -> None:
    """Run a process to its end; with cpu, append the CPU seconds it used (all its threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    if cpu is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def bench_startup(db_path: Path, label: str, repeat: int = 5) -> tuple[BenchResult, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _env(home)
        ours_cmd = [sys.executable, "-m", "community_app.app", "--demo", "--db", str(db_path),
                    "--screenshot", str(home / "ours.png")]
        bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py"), str(home / "bare.png")]
        _run(ours_cmd, env)  # warm the OS file cache and the bytecode cache for both, once
        _run(bare_cmd, env)
        ours_cpu: list[float] = []
        bare_cpu: list[float] = []
        ours, bare = interleaved_medians(lambda: _run(ours_cmd, env, ours_cpu), lambda: _run(bare_cmd, env, bare_cpu),
                                         repeat)
    # CPU time barely depends on how busy the machine is, wall time does: both are shown
    cpu = f"CPU {statistics.median(ours_cpu):.2f} s vs {statistics.median(bare_cpu):.2f} s"
    result = BenchResult(f"start → dashboard shown ({label})", ours, bare, "bare PySide6 window start",
                         limit=2.5, note=cpu)
    return result, ours, bare
