"""Shared by every test package. Qt runs headless; nothing here needs a QApplication."""

from __future__ import annotations

import os

# must be set before any QApplication exists (pytest-qt creates it lazily)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # QtWebEngine refuses to run as root otherwise
