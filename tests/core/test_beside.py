"""core.beside.Beside: one call on a thread of its own, its answer or its error collected later."""

from __future__ import annotations

import threading

import pytest

from community_app.core.beside import Beside


def test_the_call_runs_on_another_thread_and_its_value_comes_back() -> None:
    caller = threading.get_ident()
    pending = Beside(lambda: threading.get_ident(), "probe")
    assert pending.result() != caller
    assert pending.name == "probe" and pending.daemon


def test_the_call_starts_at_once_and_runs_while_the_caller_goes_on() -> None:
    started, go_on = threading.Event(), threading.Event()

    def call() -> str:
        started.set()
        assert go_on.wait(5)
        return "done"

    pending = Beside(call, "waiting")
    assert started.wait(5)  # begun before result() was asked for
    assert pending.is_alive()
    go_on.set()
    assert pending.result() == "done"


def test_an_error_is_raised_in_the_caller_not_lost() -> None:
    def fail() -> None:
        raise LookupError("no such user")

    pending = Beside(fail, "failing")
    with pytest.raises(LookupError, match="no such user"):
        pending.result()


def test_none_is_a_value_like_any_other() -> None:
    assert Beside(lambda: None, "none").result() is None
