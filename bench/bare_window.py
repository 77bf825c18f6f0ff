"""Baseline for the start-up benchmark: a bare PySide6 main window, shown and grabbed to a PNG
the same way `community-app --screenshot` does, then exit."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    window.grab().save(sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
