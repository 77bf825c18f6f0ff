"""`community-app --demo --screenshot FILE.png` works headless and writes 1440×900."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from community_app import paths


def run_app(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, paths.HOME_ENV: str(tmp_path / "home")}
    env.pop("QT_QPA_PLATFORM", None)  # the app must choose offscreen by itself
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "community_app.app", *args], env=env,
                          capture_output=True, text=True, timeout=180)


def test_dashboard_screenshot(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    result = run_app(tmp_path, "--demo", "--db", str(demo_db), "--screenshot", str(target))
    assert result.returncode == 0, result.stdout + result.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1440, 900)
    header = QColor(image.pixel(700, 5))
    assert header.blue() > 120 and header.red() < 60  # the blue header is drawn, not a blank image
    log = (tmp_path / "home" / "logs" / paths.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "screenshot of dashboard saved" in log


@pytest.mark.parametrize("page", ["login"])
def test_login_screenshot(demo_db: Path, tmp_path: Path, page: str) -> None:
    target = tmp_path / "login.png"
    result = run_app(tmp_path, "--demo", "--db", str(demo_db), "--screenshot", str(target), "--page", page)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not QImage(str(target)).isNull()


def test_screenshot_needs_demo_mode(tmp_path: Path) -> None:
    result = run_app(tmp_path, "--db", str(tmp_path / "x.sqlite"), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "--demo" in result.stdout
    assert not (tmp_path / "x.png").exists()


def test_page_choices_match_the_pages() -> None:
    from community_app.app import PAGE_CHOICES
    from community_app.ui.screenshot import page_names

    assert set(PAGE_CHOICES) == set(page_names())


def test_dashboard_is_usable_before_sqlalchemy_loads(demo_db: Path, tmp_path: Path) -> None:
    """With COMMUNITY_APP_MARK_USABLE=1 the app says `usable` when the window has been rendered
    with the numbers of the day (what the start-up bench times) — signed in through the real
    login, before SQLAlchemy, the models, QtCharts or the login dialog (which a screenshot does not
    show) were loaded, in the shipped fonts (read on a thread); it then finishes the page."""
    driver = """
import sys
from PySide6.QtWidgets import QApplication
from community_app.ui import fonts, screenshot

mark = screenshot._mark_usable

def checked(window):
    unwanted = ("sqlalchemy", "db.models", "PySide6.QtCharts", "community_app.ui.login_dialog")
    loaded = [m for m in unwanted if m in sys.modules]
    cards = window.dashboard.cards
    print("at-usable", cards["residents"].value_label.text(), "loaded:", ",".join(loaded) or "-", flush=True)
    print("fonts", QApplication.font().families()[:2] == fonts.register_fonts().families, flush=True)
    print("switch", sys.getswitchinterval(), flush=True)
    mark(window)

screenshot._mark_usable = checked
from community_app.app import main
sys.exit(main(sys.argv[1:]))
"""
    env = {**os.environ, paths.HOME_ENV: str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "COMMUNITY_APP_MARK_USABLE": "1"}
    target = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-c", driver, "--demo", "--db", str(demo_db), "--screenshot", str(target)],
                            env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    at_usable = next(line for line in lines if line.startswith("at-usable"))
    _, residents, _, loaded = at_usable.split()
    assert residents not in ("—", "0")  # the numbers are on the cards
    assert loaded == "-"
    assert lines[lines.index(at_usable) + 1:lines.index(at_usable) + 4] == ["fonts True", "switch 0.001", "usable"]
    assert not QImage(str(target)).isNull()  # and the whole page (indicators too) was still captured
