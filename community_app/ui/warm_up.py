"""Load, on a thread, what the start leaves out: SQLAlchemy and the models (≈0.7 s of CPU),
the indicators and numpy. The sign-in and the dashboard's numbers of the day need none of
them; everything after does. Started while the login dialog waits for the password, or when
the dashboard has its numbers, so the first page the user opens is as quick as later ones."""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from db.database import Database

log = logging.getLogger(__name__)
_started = threading.Event()
_done = threading.Event()
POLL_MS = 50
# what the start leaves out: numpy (the bulk deadline functions), the indicators, SQLAlchemy's models
LOADS = ("numpy", "community_app.core.kpis", "db.models")


def warm_up(database: Database | None = None) -> None:
    """Start the loading thread once per process; with a database, make its engine too."""
    if _started.is_set():
        return
    _started.set()

    def load() -> None:
        try:
            for name in LOADS:
                importlib.import_module(name)
            if database is not None:
                database.engine  # noqa: B018  (made now, not when a page first asks)
            if gc.get_freeze_count():
                # the start froze what it had loaded (ui.application.create_application); what
                # loads here lives as long too: out of the collector, full collections stay short
                gc.freeze()
        except Exception:  # whoever needs them imports them again and reports a real failure
            log.warning("loading ahead failed", exc_info=True)
        finally:
            _done.set()

    threading.Thread(target=load, name="warm-up", daemon=True).start()


def is_warm() -> bool:
    """The loading is done — or it never started and what it loads is loaded already."""
    return _done.is_set() or (not _started.is_set() and all(name in sys.modules for name in LOADS))


def when_warm(context: QObject, callback: Callable[[], None], database: Database | None = None) -> None:
    """Call back (in the GUI thread) once the loading is done, so that what comes next does not
    import SQLAlchemy on the GUI thread and freeze the window; not if context is gone by then.
    At once when there is nothing to wait for."""
    if is_warm():
        callback()
        return
    warm_up(database)

    def check() -> None:
        if is_warm():
            callback()
        else:
            QTimer.singleShot(POLL_MS, context, check)

    check()
