"""Cold start to the dashboard shown with its numbers, against a bare PySide6 window start.

Both sides are whole processes (interpreter start, imports, window, grab to PNG, exit), run
alternately. Ours logs in as the demo supervisor and waits for the dashboard numbers
(`community-app --demo --db FILE --screenshot PNG`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.results import BenchResult, interleaved_medians

ROOT = Path(__file__).resolve().parent.parent


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # a private home keeps platform folders (settings, logs) away from the user's
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)


def bench_startup(db_path: Path, label: str, repeat: int = 5) -> tuple[BenchResult, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _env(home)
        ours_cmd = [sys.executable, "-m", "community_app.app", "--demo", "--db", str(db_path),
                    "--screenshot", str(home / "ours.png")]
        bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py"), str(home / "bare.png")]
        _run(ours_cmd, env)  # warm the OS file cache for both, once
        _run(bare_cmd, env)
        ours, bare = interleaved_medians(lambda: _run(ours_cmd, env), lambda: _run(bare_cmd, env), repeat)
    result = BenchResult(f"start → dashboard shown ({label})", ours, bare, "bare PySide6 window start",
                         limit=2.5)
    return result, ours, bare
