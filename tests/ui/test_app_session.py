"""A whole session through the real entry point, in a fresh process: start with --demo,
sign in, see the dashboard, sign out, close the login dialog; the app exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from community_app import paths

# Drives the app like a user: a timer polls for the dialog or window it expects next.
DRIVER = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import event
app = QApplication(sys.argv[:1])
from community_app.app import main
from community_app.ui.application import demo_accounts
from community_app.ui.login_dialog import LoginDialog
from community_app.ui.main_window import MainWindow

username, password = next((u, p) for u, p, role in demo_accounts() if role == "社区负责人")
state = {"step": "login"}

def poll():
    modal = QApplication.activeModalWidget()
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if state["step"] == "login" and isinstance(modal, LoginDialog):
        print("LOGIN-DIALOG", modal.demo_table is not None, flush=True)
        modal.username_edit.setText(username)
        modal.password_edit.setText(password)
        modal.login_button.click()
        state["step"] = "dashboard"
    elif state["step"] == "dashboard" and windows and windows[0].dashboard.counts is not None:
        print("DASHBOARD", windows[0].dashboard.cards["residents"].value_label.text(), flush=True)
        # report the statement that closes the database at the end
        event.listen(windows[0].session_factory.engine, "before_cursor_execute", on_sql)
        windows[0].logout_button.click()
        state["step"] = "logged-out"
    elif state["step"] == "logged-out" and isinstance(modal, LoginDialog):
        print("LOGIN-AGAIN", flush=True)
        modal.reject()
        state["step"] = "done"
    QTimer.singleShot(50, poll)

def on_sql(_conn, _cursor, statement, *_args):
    if statement.startswith("PRAGMA optimize"):
        print("CLOSING-WITH", statement, flush=True)

QTimer.singleShot(50, poll)
sys.exit(main(sys.argv[1:]))
"""


def test_sign_in_dashboard_sign_out_and_quit(demo_db: Path, tmp_path: Path) -> None:
    env = {**os.environ, paths.HOME_ENV: str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", DRIVER, "--demo", "--db", str(demo_db)], env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "LOGIN-DIALOG True"  # demo mode shows the demo accounts
    assert lines[1].startswith("DASHBOARD ") and lines[1] != "DASHBOARD —"
    assert lines[2] == "LOGIN-AGAIN"
    # quitting from the login dialog closed the database with PRAGMA optimize (db.engine.close_engine),
    # which keeps the query planner's statistics current
    assert lines[3:] == ["CLOSING-WITH PRAGMA optimize"]
    assert (tmp_path / "home" / "config" / paths.SETTINGS_FILE_NAME).exists()  # geometry saved on close
