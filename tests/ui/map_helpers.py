"""Helpers for tests that drive the map in a real QtWebEngine."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from community_app.ui.map_view import MapView

LOAD_MS = 30_000


@pytest.fixture(autouse=True)
def delete_views() -> Iterator[None]:
    """pytest-qt closes test widgets with deleteLater; delete them now, so no web page
    outlives the test (Qt warns when the web profile goes before its pages)."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_js(qtbot: QtBot, view: MapView, script: str) -> Any:
    """The value of the script's last expression, passed through JSON (Qt's own conversion
    of JS arrays and objects is lossy)."""
    box: list[str] = []
    view.page().runJavaScript(f"JSON.stringify(eval({json.dumps(script)}))", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return json.loads(box[0]) if box[0] else None


def load_map(qtbot: QtBot, view: MapView, html: Path, tile_url: str | None = None) -> list[int]:
    """Show the map file; return map_ready's (polygons, markers) once it has loaded and drawn."""
    finished: list[bool] = []
    view.loadFinished.connect(finished.append)
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS) as ready:
        view.show_map(html, tile_url)
    qtbot.waitUntil(lambda: bool(finished), timeout=LOAD_MS)
    assert finished == [True]
    return list(ready.args)
