"""Where templates run: Jinja's sandbox, files only from templates/, and a time limit.

Templates are copied between projects and edited by many hands, so they get no more power
than a designer needs: no Python internals (`cycler.__init__.__globals__`), no file outside
`templates/` (a symlink that points elsewhere is refused, not followed), no value so large it
takes the machine's memory, and no loop that runs past `render.timeout_s`.
"""

from __future__ import annotations

import ctypes
import operator
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import FileSystemLoader, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from mailglot.containment import resolves_inside

MAX_BUILT = 10_000_000  # characters or items one `*` may build: 10 MB of text is plenty
MAX_EXPONENT = 4096  # 2 ** 4096 is already a 1,233-digit number


class RenderTimeout(Exception):
    """A template ran longer than `render.timeout_s`."""


class BadTemplateFile(TemplateNotFound):
    """A template file that may not or cannot be used: outside templates/ once links are
    followed, or not UTF-8 text. Its message names the file."""


class ContainedLoader(FileSystemLoader):
    """FileSystemLoader already refuses `..`; this also refuses symlinks that lead out."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.root = os.path.realpath(folder)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise BadTemplateFile(
                template,
                f"templates/{template} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
                "save it as UTF-8",
            ) from None
        if not resolves_inside(self.root, filename):
            raise BadTemplateFile(
                template,
                f"templates/{template} leads outside templates/ (a link to "
                f"{os.path.realpath(filename)}); copy the file into templates/ instead",
            )
        return source, filename, uptodate


def _bounded_binop(op: str, left: Any, right: Any) -> Any:
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            if (
                isinstance(seq, (str, list, tuple))
                and isinstance(n, int)
                and len(seq) * n > MAX_BUILT
            ):
                raise SecurityError(
                    f"'*' would build {len(seq) * n:,} items; templates may build at most "
                    f"{MAX_BUILT:,}"
                )
        return operator.mul(left, right)
    if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
        raise SecurityError(f"exponent {right} is too large (at most {MAX_EXPONENT})")
    return operator.pow(left, right)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with '*' and '**' bounded (constant folding skips them too)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return _bounded_binop(operator, left, right)


_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc  # (thread id, exception or NULL)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in this thread once `seconds` have passed.

    A watchdog thread interrupts the rendering thread between two bytecodes, so the same limit
    holds in the serial build, in worker processes and in `serve`'s rebuild thread (a SIGALRM
    timer would only work on the main thread). The interruption is repeated until the block
    is left (code that catches every Exception could swallow one), and the lock makes sure it
    is either delivered inside the block or withdrawn before the block is left.
    """
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    stop = threading.Event()
    state = {"done": False, "fired": False}

    def fire() -> None:
        if stop.wait(seconds):
            return
        while True:
            with lock:
                if state["done"]:
                    return
                state["fired"] = True
                _async_exc(target, ctypes.py_object(RenderTimeout))
            if stop.wait(0.25):
                return

    watchdog = threading.Thread(target=fire, name="mailglot-time-limit", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        stop.set()
        with lock:
            state["done"] = True
            if state["fired"]:
                _async_exc(target, None)  # NULL: withdraw one not delivered yet
