"""House rules checked on every test run: ruff clean, the import contracts of DESIGN.md
(no Qt below ui/, db independent of the app), and the README/CI test command agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_is_clean() -> None:
    result = run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold() -> None:
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    demo = re.search(r"<!-- demo-command -->\n```sh\n(.+)\n```", readme)
    tests = re.search(r"<!-- test-command -->\n```sh\n(.+)\n```", readme)
    assert demo and tests, "README must mark the demo and test commands"
    assert "community-app --demo" in demo.group(1)
    assert "pytest" in tests.group(1)
    assert "README.md" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
