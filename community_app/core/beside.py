"""Run one call on a thread of its own while the caller goes on, and collect its answer later.

For work that releases the GIL (SQLite, libsodium, Qt's font loading) and that the caller needs a
moment afterwards, in the same function: no event loop, no pool. The caller's thread gets the
answer, or the exception, from result().
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Beside(threading.Thread, Generic[T]):
    """Starts at once; result() waits for the call and returns its value or raises its error."""

    def __init__(self, call: Callable[[], T], name: str) -> None:
        super().__init__(name=name, daemon=True)
        self._call = call
        self._value: T | None = None
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self._value = self._call()
        except BaseException as exc:  # handed to the caller's thread by result()
            self._error = exc

    def result(self) -> T:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when no error was raised
