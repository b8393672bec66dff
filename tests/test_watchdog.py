"""render/watchdog.py: one thread per process enforces every render's time limit, with the
earliest deadline first, and a forked worker gets a watchdog of its own."""

from __future__ import annotations

import os
import threading
import time

import pytest

from mailglot.render.watchdog import RenderTimeout, time_limit


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _watchdogs() -> int:
    return sum(t.name == "mailglot-time-limit" for t in threading.enumerate())


def test_one_thread_for_many_renders():
    for _ in range(200):
        with time_limit(5):
            pass
    assert _watchdogs() == 1


def test_a_later_limit_does_not_delay_an_earlier_one():
    """A long limit registered first (the watchdog sleeps towards it) must not keep a short
    one on another thread from firing on time."""
    outcome: dict[str, float | str] = {}

    def long_render() -> None:
        try:
            with time_limit(30):
                _spin(1.0)
            outcome["long"] = "finished"
        except RenderTimeout:
            outcome["long"] = "interrupted"

    thread = threading.Thread(target=long_render)
    thread.start()
    time.sleep(0.05)
    started = time.monotonic()
    with pytest.raises(RenderTimeout), time_limit(0.2):
        _spin(5)
    outcome["short"] = time.monotonic() - started
    thread.join(5)
    assert outcome["long"] == "finished"
    assert outcome["short"] < 1.5


def test_each_render_gets_its_own_time():
    """The deadline counts from the render's own start, not from an earlier render's."""
    for _ in range(4):
        with time_limit(0.3):
            _spin(0.2)  # 0.8 s in all: only a limit shared across renders would fire


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")
def test_a_forked_child_has_a_working_watchdog():
    with time_limit(5):  # the parent's watchdog thread exists before the fork
        pass
    pid = os.fork()
    if pid == 0:  # the child: exit 0 only if its own limit fires
        try:
            with time_limit(0.2):
                _spin(3)
            os._exit(1)
        except RenderTimeout:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
