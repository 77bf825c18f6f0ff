"""Entry point of the desktop app: `community-app [--demo] [--db PATH] [--lang zh_CN|en]
[--screenshot FILE.png [--page NAME]]`."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from community_app import __version__

log = logging.getLogger("community_app")

LANGUAGE_CHOICES = ("zh_CN", "en")
SWITCH_INTERVAL_S = 0.001
# screenshot.page_names(), listed again so parsing the arguments imports no Qt (a test ties them)
PAGE_CHOICES = ("dashboard", "residents", "requests", "visits", "patrols", "places", "map", "reports", "sync", "login")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="community-app",
        description="智慧社区网格化管理平台 — community grid management desktop app",
    )
    parser.add_argument("--demo", action="store_true",
                        help="use the demo community (created once in the data folder); show demo accounts")
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help="database file to open (default: in the data folder)")
    parser.add_argument("--lang", choices=LANGUAGE_CHOICES, help="user interface language (default: zh_CN)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="sign in as the demo supervisor, save a 1440x900 screenshot and exit")
    parser.add_argument("--page", choices=PAGE_CHOICES, default="dashboard",
                        help="page to capture with --screenshot (default: dashboard)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def _needs_offscreen() -> bool:
    """A screenshot must work on a server with no display (CI, containers)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith(("win", "darwin")):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _import_data_layer() -> None:
    """Import the core the start needs before PySide6: once loaded, PySide6's import hook reads
    the source of every module imported after it (to look for `from __feature__ import`).
    The start signs in and counts the dashboard in plain SQL; SQLAlchemy, the models and numpy
    load later, on a thread (community_app.ui.warm_up)."""
    import nacl.bindings  # noqa: F401  # sign-in (core.passwords imports it at its first check)

    import community_app.core.auth
    import community_app.core.dashboard
    import community_app.core.deadlines  # noqa: F401
    import db.database
    import db.migrate  # noqa: F401


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.screenshot is not None and _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # The start's imports make ~100,000 objects that live as long as the process: the cyclic
    # collector walked them ~60 times (≈15 ms) before the window was up and found nothing to free.
    # It stays off until the QApplication exists: create_application freezes what the start made
    # (so the collector never walks it again), then run() turns the collector back on.
    collecting = gc.isenabled()
    gc.disable()
    # Threads that come back from SQLite, libsodium or Qt (the sign-in, the counting, the warm-up)
    # wait for the GIL until the thread holding it is made to let go: after 5 ms by default, which
    # a sign-in of a dozen such returns paid a dozen times while the GUI thread loaded the window.
    # 1 ms keeps that wait short, and the GUI thread's own waits behind the warm-up's imports too.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        return _start(args, resume_gc=collecting)
    finally:
        if collecting:
            gc.enable()


def _start(args: argparse.Namespace, *, resume_gc: bool) -> int:
    from community_app.logging_setup import setup_logging, shutdown_logging

    log_file = setup_logging()
    log.info("community-app %s starting (demo=%s, screenshot=%s)", __version__, args.demo,
             args.screenshot is not None)
    _import_data_layer()
    # Qt is imported only now, so --help and --version answer instantly
    from community_app.ui.application import LaunchOptions, run

    options = LaunchOptions(
        demo=args.demo,
        db_path=args.db.expanduser().resolve() if args.db else None,
        language=args.lang,
        screenshot=args.screenshot.expanduser().resolve() if args.screenshot else None,
        page=args.page,
    )
    try:
        return run(options, log_file, resume_gc=resume_gc)
    except Exception:
        log.critical("start-up failed", exc_info=True)
        raise
    finally:
        log.info("community-app exiting")
        shutdown_logging()


if __name__ == "__main__":
    sys.exit(main())
