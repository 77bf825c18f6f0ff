"""Logging to a rotating file in the platform's log folder.

What may be logged: ids, counts, file paths, error types and tracebacks. Never names,
ID numbers, phone numbers, usernames typed at login or passwords — callers pass ids.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from community_app import paths

MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"

_handler: logging.Handler | None = None


def setup_logging(level: int = logging.INFO, log_file: Path | None = None) -> Path:
    """Send the root logger to a rotating UTF-8 file; returns the file's path. Idempotent."""
    global _handler
    target = log_file or paths.log_file()
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    _handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    _handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(_handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its INFO lines repeat at every start
    return target


def shutdown_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
