"""The gallery on localhost, rebuilt and reloaded as the project's files change.

A plain threaded HTTP server serves build/; HTML pages get a few lines of script that listen
on a server-sent-events stream and reload after each rebuild. The files on disk stay exactly
what `mailglot build` writes, so the gallery still works from file:// too.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

RELOAD_PATH = "/__mailglot/events"
RELOAD_SCRIPT = (
    "<script>/* mailglot serve: reload after each rebuild */"
    f"new EventSource('{RELOAD_PATH}').onmessage=function(){{location.reload()}};</script>"
).encode()
WATCHED = ("mailglot.yaml", "templates", "campaigns", "locales", "calendars")


class Reloads:
    """Rebuild generations; each waiting browser is told when a new one is done."""

    def __init__(self) -> None:
        self.generation = 0
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.generation += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.generation != seen, timeout=timeout)
            return self.generation


class Handler(http.server.SimpleHTTPRequestHandler):
    reloads: Reloads
    stopping: threading.Event

    def log_message(self, format: str, *args: object) -> None:  # quiet: no line per request
        pass

    def do_GET(self) -> None:
        if self.path == RELOAD_PATH:
            self._events()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes()
            body = (
                body.replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
                if b"</body>" in body
                else body + RELOAD_SCRIPT
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.reloads.generation
        with contextlib.suppress(OSError):
            while not self.stopping.is_set():
                now = self.reloads.wait(seen, timeout=1.0)
                if now != seen:
                    self.wfile.write(f"data: {now}\n\n".encode())
                    self.wfile.flush()
                    seen = now


def make_server(
    build_dir: Path, port: int, reloads: Reloads, stopping: threading.Event
) -> http.server.ThreadingHTTPServer:
    handler = type("MailglotHandler", (Handler,), {"reloads": reloads, "stopping": stopping})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), partial(handler, directory=str(build_dir))
    )
    server.daemon_threads = True
    return server


def watch(root: Path, stopping: threading.Event) -> Iterator[set[str]]:
    """Project files that changed, a batch at a time (build/ and editor droppings ignored)."""
    from watchfiles import watch as watch_files

    paths = [root / p for p in WATCHED if (root / p).exists()]
    for changes in watch_files(*paths, stop_event=stopping, debounce=200, rust_timeout=500):
        changed = {Path(p).relative_to(root).as_posix() for _, p in changes}
        changed = {c for c in changed if not c.endswith(("~", ".swp", ".tmp"))}
        if changed:
            yield changed


def serve_forever(
    root: Path,
    port: int,
    rebuild: Callable[[set[str]], None],
    on_ready: Callable[[int], None],
    stopping: threading.Event,
) -> None:
    reloads = Reloads()
    server = make_server(root / "build", port, reloads, stopping)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    on_ready(server.server_address[1])
    try:
        for changed in watch(root, stopping):
            rebuild(changed)
            reloads.bump()
    finally:
        server.shutdown()
        server.server_close()
