"""Baseline for the start-up benchmark: a bare PySide6 main window, shown and rendered the way
`community-app --screenshot` renders the dashboard when its numbers are shown (it then prints
`usable`, as ours does), then saved to a PNG; exit."""

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
    image = window.grab()
    print("usable", flush=True)
    image.save(sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
