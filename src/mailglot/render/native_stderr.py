"""Rust's panic message kept off the terminal when the panic is a job's failure.

A panic in a Rust library (MRML's parser has a known one) reaches Python as PyO3's
`PanicException`, which mailglot turns into that job's failure or retries around. But Rust's
panic hook has already written "thread '<unnamed>' panicked at ..." (and a backtrace, with
`RUST_BACKTRACE`) straight to file descriptor 2, where a user reads it as mailglot crashing on
their template. No Python API silences the hook, so during a native call the descriptor
points at a private spool file: what lands there is passed on to the real standard error when
the call ends normally, and dropped when it ends in a panic, whose message the job's finding
gives in mailglot's words. The descriptor is borrowed per call, not once per process, because
whoever owns it may point it elsewhere in between (a test runner capturing output does). A
call costs five system calls, a few microseconds, against a compile's milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_LOCK = threading.Lock()  # one borrower of descriptor 2 at a time (serve renders in threads)
_spool: int | None = None  # this process's spool file (unlinked), opened on first use


def native_panic(exc: BaseException) -> bool:
    """A Rust library's panic (MRML's, css-inline's) reaches Python as PyO3's
    `PanicException`, a BaseException that `except Exception` lets through and that cannot
    even be pickled back from a worker: a job's failure like any other, not the build's."""
    return type(exc).__name__ == "PanicException"


def without_panic_message(call: Callable[[], T]) -> T:
    """`call()`, with what native code writes to standard error meanwhile passed on, unless
    the call ends in a native panic: then its message is dropped and the panic raised."""
    with _LOCK:
        try:
            saved = os.dup(2)
        except OSError:  # no standard error at all: nothing to keep clean
            return call()
        spool = _spool_fd()
        panicked = False
        try:
            os.dup2(spool, 2)
            return call()
        except BaseException as exc:
            panicked = native_panic(exc)
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            _empty(spool, pass_on=not panicked)


def _spool_fd() -> int:
    global _spool
    if _spool is None:
        handle, path = tempfile.mkstemp(prefix="mailglot-stderr-")
        os.unlink(path)
        _spool = handle
    return _spool


def _empty(spool: int, pass_on: bool) -> None:
    """Rewind the spool; what was written to it goes to standard error if `pass_on`."""
    written = os.lseek(spool, 0, os.SEEK_CUR)
    if not written:
        return
    os.lseek(spool, 0, os.SEEK_SET)
    data = b""
    while len(data) < written:
        chunk = os.read(spool, written - len(data))
        if not chunk:
            break
        data += chunk
    os.lseek(spool, 0, os.SEEK_SET)
    os.ftruncate(spool, 0)
    if pass_on:
        with contextlib.suppress(OSError):
            while data:
                data = data[os.write(2, data) :]


def _forget_spool() -> None:
    """A forked worker gets its own spool (and lock): an inherited descriptor shares its offset with
    the parent's, so two processes would read and rewind each other's output."""
    global _spool, _LOCK
    if _spool is not None:
        with contextlib.suppress(OSError):
            os.close(_spool)
    _spool = None
    _LOCK = threading.Lock()  # a thread of the parent may have held it at the fork


os.register_at_fork(after_in_child=_forget_spool)
