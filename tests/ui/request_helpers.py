"""Shared by the request page, request detail and request form tests: demo users, demo
requests with the properties a test needs, plain SQL on the file, and a photo to attach."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QWidget

from community_app.core.auth import CurrentUser, login
from community_app.ui.db_startup import OpenedDatabase

PASSWORD = "demo1234"


def sign_in(demo: OpenedDatabase, username: str) -> CurrentUser:
    with demo.session_factory() as session:
        return login(session, username, PASSWORD)


def db(demo: OpenedDatabase, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(demo.path) as conn:
        return conn.execute(sql, args).fetchall()


def staff_id(demo: OpenedDatabase, username: str) -> str:
    return db(demo, "SELECT id FROM staff_user WHERE username = ?", username)[0][0]


def stage_of(demo: OpenedDatabase, request_id: str) -> str:
    return db(demo, "SELECT stage FROM service_request WHERE id = ?", request_id)[0][0]


def events(demo: OpenedDatabase, request_id: str) -> list[tuple[str, str | None, str | None]]:
    """(action, from_stage, to_stage) of the request's timeline, oldest first."""
    return [tuple(r) for r in db(demo, "SELECT action, from_stage, to_stage FROM request_event WHERE request_id = ? "
                                       "ORDER BY at, id", request_id)]


def photo(folder: Path, name: str = "photo.png", colour: str = "#1F5FBF") -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path = folder / name
    assert image.save(str(path))
    return path


def visible_texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))
