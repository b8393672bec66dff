"""`mailglot serve`: the gallery and a live page per email on localhost, rebuilt as files
change, the email on screen first.

Layout: `server` answers HTTP (contained in build/), `events` carries what pages are told,
`session` is the rebuild loop, `jobs` is its one link to the build pipeline, `background`
runs the full build in its own process, `pages` holds the single-email page and the live
script.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from watchfiles import watch as watch_files

from mailglot.serve.events import Hub
from mailglot.serve.server import Site, make_server, run_in_thread
from mailglot.serve.session import LoopOptions, Session

WATCHED = ("mailglot.yaml", "templates", "campaigns", "locales", "calendars")
_EDITOR_DROPPINGS = ("~", ".swp", ".swx", ".tmp", ".part", "4913")
STEP_MS = 10

__all__ = ["WATCHED", "Hub", "LoopOptions", "serve_forever", "watch"]


def watch(root: Path, stopping: threading.Event) -> Iterator[set[str]]:
    """Project files that changed, a batch at a time. A batch ends once a whole `step` passes
    without a new change, so a save is seen STEP_MS to twice that after the editor's last
    write (the default 50 ms would be a third of the budget); an editor's save (temporary
    file, rename, backup) takes well under that, so it still comes as one batch. `debounce`
    only caps a batch that never settles."""
    paths = [root / p for p in WATCHED if (root / p).exists()]
    for changes in watch_files(
        *paths, stop_event=stopping, step=STEP_MS, debounce=1600, rust_timeout=500
    ):
        changed = {Path(p).relative_to(root).as_posix() for _, p in changes}
        changed = {c for c in changed if not c.endswith(_EDITOR_DROPPINGS)}
        if changed:
            yield changed


def serve_forever(
    root: Path,
    port: int,
    options: LoopOptions,
    log: Callable[[str], None],
    on_ready: Callable[[int], None],
    stopping: threading.Event,
    status: dict[str, object] | None = None,
) -> None:
    """Serve until `stopping` is set (or KeyboardInterrupt); `status` seeds what pages are
    told about the project (sender, screen widths)."""
    hub = Hub()
    hub.set_status(busy=True, **(status or {}))  # the first build starts right away
    server = make_server(Site(root / "build", root / "templates" / "assets", hub, stopping), port)
    stop_server = run_in_thread(server)
    session = Session(root, hub, options, log)
    try:
        on_ready(server.server_address[1])
        session.start()
        for changed in watch(root, stopping):
            session.changed(changed)
    finally:
        session.stop()
        stopping.set()
        stop_server()
