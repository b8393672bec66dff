"""The background half of a serve rebuild: a plain `mailglot build` in its own process.

A separate process because the next save usually makes a running build moot: it is stopped
whole (its worker processes and Chromium are in its process group) and started again, and
incremental builds make the restart cheap. It also keeps whatever a broken input does to a
build (a crash, a runaway template) away from the server. It runs at a lower CPU priority
(its workers and Chromium too): on a laptop's few cores, the email on screen, re-rendered by
serve itself at the next save, and the browser showing it come first.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

POLL_S = 0.4
NICENESS = 10  # added to serve's: the background build yields the CPU to serve and the browser
PR_SET_PDEATHSIG = 1
# resolved before any fork: the child may only make the one prctl call
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def _die_with(serve_pid: int) -> None:
    """In the build's process, before it runs: a lower priority, and a SIGTERM when serve
    goes, however it goes (the build's own workers die with the build)."""
    os.nice(NICENESS)
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != serve_pid:  # serve is already gone
        os._exit(1)


@dataclass(frozen=True)
class Finished:
    exit_code: int
    stdout: str
    stderr: str


class Background:
    """At most one background build at a time. `on_tick` runs every POLL_S while it works
    (to follow its progress on disk), `on_done` once when it ends by itself."""

    def __init__(
        self,
        on_tick: Callable[[], None],
        on_done: Callable[[Finished], None],
    ) -> None:
        self._on_tick, self._on_done = on_tick, on_done
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._run = 0

    @property
    def running(self) -> bool:
        with self._lock:
            return self._proc is not None

    def start(self, argv: Sequence[str], cwd: Path) -> None:
        self.cancel()
        # files, not pipes: a chatty build never blocks on a full pipe; _follow closes them
        out = tempfile.TemporaryFile()  # noqa: SIM115
        err = tempfile.TemporaryFile()  # noqa: SIM115
        proc = subprocess.Popen(
            list(argv), cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            start_new_session=True, preexec_fn=functools.partial(_die_with, os.getpid()),
        )  # fmt: skip
        with self._lock:
            self._run += 1
            self._proc, run = proc, self._run
        threading.Thread(
            target=self._follow, args=(proc, run, out, err), daemon=True, name="mailglot-build"
        ).start()

    def cancel(self) -> None:
        """Stop the running build and everything it started; wait until it is gone (so the
        build lock is free again)."""
        with self._lock:
            proc, self._proc = self._proc, None
            self._run += 1
        if proc is None or proc.poll() is not None:
            return
        for sig, grace in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=grace)
                return

    def _follow(
        self, proc: subprocess.Popen[bytes], run: int, out: IO[bytes], err: IO[bytes]
    ) -> None:
        while True:
            try:
                proc.wait(timeout=POLL_S)
                break
            except subprocess.TimeoutExpired:
                if self._current(run):
                    self._on_tick()
        with self._lock:
            mine = self._run == run
            if mine:
                self._proc = None
        finished = Finished(proc.returncode, _read(out), _read(err))
        if mine:
            self._on_done(finished)

    def _current(self, run: int) -> bool:
        with self._lock:
            return self._run == run


def _read(handle: IO[bytes]) -> str:
    with handle:
        handle.seek(0)
        return handle.read().decode("utf-8", "replace")
