"""The HTTP side of `mailglot serve`: build/ on loopback, read-only, and never a byte from
outside it.

Requests are mapped to files by hand instead of through `SimpleHTTPRequestHandler`, whose
`translate_path` drops `..` quietly and follows any symlink: here a NUL or a `..` segment is
a 400, a path whose real location (symlinks followed) leaves build/ is a 403, dotfiles (the
build lock, temporary files) are a 404, and folders are never listed. The one other folder
served is `templates/assets/`, read-only and contained the same way, because every
preview.html points its images there (`../../../../templates/assets/`).
"""

from __future__ import annotations

import contextlib
import errno
import http.server
import json
import mimetypes
import os
import posixpath
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from mailglot.containment import resolves_inside
from mailglot.errors import UsageError
from mailglot.serve.events import Hub
from mailglot.serve.pages import (
    LIVE_SCRIPT_PATH,
    dark_preview,
    email_policy,
    inject_live,
    live_script,
    new_nonce,
    view_page,
)

PREFIX = "/__mailglot/"
EVENTS = PREFIX + "events"
STATUS = PREFIX + "status"
JOB = PREFIX + "job"
SHOWN = PREFIX + "shown"  # a page wrote the email it was sent into its frame
ASSETS = "/templates/assets/"
KEEPALIVE_S = 15.0


class Refused(Exception):
    """A request that names no servable file; carries the HTTP status and a short reason."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Site:
    """What the handler serves from: build/, the project's assets, the event hub."""

    build_dir: Path
    assets_dir: Path
    hub: Hub
    stopping: threading.Event


def resolve(site: Site, raw_path: str) -> Path:
    """The real file (or folder) a URL path names, or Refused. Pure path logic plus one
    realpath: containment is decided after following every symlink."""
    path = unquote(raw_path, errors="surrogateescape")
    if "\x00" in path:
        raise Refused(400, "NUL in path")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if ".." in parts or any("\\" in p for p in parts):
        raise Refused(400, "path traversal")
    if any(p.startswith(".") for p in parts):
        raise Refused(404, "not found")
    base = site.build_dir
    if path.startswith(ASSETS):
        base, parts = site.assets_dir, parts[2:]
        project = os.path.realpath(site.assets_dir.parents[1])  # templates/assets/ -> the root
        if not resolves_inside(project, base):  # templates/ or assets/ a link elsewhere
            raise Refused(403, "templates/assets/ leads outside the project")
    real_base = os.path.realpath(base)
    real = os.path.realpath(os.path.join(real_base, *parts))
    if real != real_base and not real.startswith(real_base + os.sep):
        raise Refused(403, "outside the served folder")
    if not os.path.exists(real):
        raise Refused(404, "not found")
    if path.rsplit("/", 1)[-1] in ("", ".") and not os.path.isdir(real):
        raise Refused(404, "not found")  # meta.json/ names a folder, and there is none
    return Path(real)


def job_info(site: Site, job_id: str) -> dict[str, Any]:
    """What the single-email page shows besides the email: its meta, and the locales and
    variants it can switch to (folders that hold a meta.json, contained like any request)."""
    parts = job_id.split("/")
    if len(parts) != 3 or not all(parts):
        raise Refused(400, "expected ?id=<campaign>/<locale>/<variant>")
    folder = resolve(site, "/" + job_id + "/")
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        raise Refused(404, "no meta.json for this job") from None
    if not isinstance(meta, dict):
        raise Refused(404, "meta.json is not a job's")
    campaign, locale, variant = parts
    status = site.hub.status()
    return {
        "id": job_id,
        "subject": meta.get("subject_preview") or meta.get("subject"),
        "preheader": meta.get("preheader_preview") or meta.get("preheader"),
        "preview_body": _preview_body(meta),
        "send_at": meta.get("send_at"),
        "lang": meta.get("lang"),
        "dir": meta.get("dir"),
        "sender": status.get("sender", ""),
        "screens": status.get("screens", {}),
        "locales": _jobs_beside(site, f"/{campaign}/", f"/{variant}/meta.json"),
        "variants": _jobs_beside(site, f"/{campaign}/{locale}/", "/meta.json"),
    }


def _preview_body(meta: dict[str, Any]) -> str:
    """The body's words an inbox shows after the preheader (meta.json `inbox_preview`, which
    older builds do not have)."""
    inbox = meta.get("inbox_preview")
    body = inbox.get("body") if isinstance(inbox, dict) else None
    return body if isinstance(body, str) else ""


def _jobs_beside(site: Site, parent: str, marker: str) -> list[str]:
    folder = resolve(site, parent)
    names = []
    for child in sorted(os.listdir(folder)):
        with contextlib.suppress(Refused):
            if resolve(site, parent + child + marker).is_file():
                names.append(child)
    return names


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site
    server_version = "mailglot-serve"

    def log_message(self, format: str, *args: object) -> None:  # no line per request
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        try:
            self._check_host()
            url = urlsplit(self.path)
            if url.path == EVENTS:
                self._events(parse_qs(url.query).get("job", [""])[0])
            elif url.path == STATUS:
                self._send(
                    200, "application/json", json.dumps(self.site.hub.status()).encode(), head
                )
            elif url.path == JOB:
                info = job_info(self.site, parse_qs(url.query).get("id", [""])[0])
                self._send(200, "application/json", json.dumps(info).encode(), head)
            elif url.path == SHOWN:
                self.site.hub.served(parse_qs(url.query).get("job", [""])[0])
                self._send(204, "text/plain; charset=utf-8", b"", head)
            elif url.path == LIVE_SCRIPT_PATH:
                self._send(200, "text/javascript; charset=utf-8", live_script(), head)
            elif url.path.startswith(PREFIX):
                raise Refused(404, "not found")
            else:
                self._file(url.path, parse_qs(url.query), head)
        except Refused as exc:
            self._send(exc.status, "text/plain; charset=utf-8", f"{exc}\n".encode(), head)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _check_host(self) -> None:
        """A page on another site that rebinds its name to 127.0.0.1 must not read the build."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in ("127.0.0.1", "localhost", "::1", ""):
            raise Refused(421, "serve answers on 127.0.0.1 and localhost only")

    def _file(self, url_path: str, query: dict[str, list[str]], head: bool) -> None:
        path = resolve(self.site, url_path)
        if path.is_dir():
            if not url_path.endswith("/"):
                self._redirect(url_path + "/")
                return
            if (path / "meta.json").is_file():  # a job's folder: the single-email page
                self._send(200, "text/html; charset=utf-8", view_page(), head)
                return
            path = resolve(self.site, url_path + "index.html")
        if not path.is_file():
            raise Refused(404, "not found")
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        policy = None
        if path.suffix == ".html":
            nonce = None if "embed" in query else new_nonce()
            if (path.parent / "meta.json").is_file():  # an email: its scripts never run
                policy = email_policy(nonce)
            if "dark" in query:
                body = dark_preview(body)
            if nonce is not None:
                body = inject_live(body, nonce if policy else None)
            kind = "text/html; charset=utf-8"
        elif kind.startswith("text/") or path.suffix in (".js", ".json"):
            kind += "; charset=utf-8"
        self._send(200, kind, body, head, policy)
        parts = [unquote(p) for p in url_path.split("/") if p]
        if len(parts) == 4 and parts[3] == "preview.html" and not head:
            self.site.hub.served("/".join(parts[:3]))

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", posixpath.normpath(location) + "/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(
        self, status: int, kind: str, body: bytes, head: bool, policy: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if policy is not None:
            self.send_header("Content-Security-Policy", policy)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, job: str) -> None:
        """Server-sent events: every status change and every re-rendered job, as JSON."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        hub = self.site.hub
        with hub.viewing(job), contextlib.suppress(OSError):
            seen = hub.generation
            self._write_event(json.dumps({"type": "status", **hub.status()}))
            while not self.site.stopping.is_set():
                events, now = hub.wait(seen, timeout=KEEPALIVE_S)
                if now == seen:
                    self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
                for event in events:
                    self._write_event(json.dumps(event))
                seen = now

    def _write_event(self, data: str) -> None:
        self.wfile.write(f"data: {data}\n\n".encode())
        self.wfile.flush()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that goes away mid-answer is normal; nothing to print."""


def make_server(site: Site, port: int) -> Server:
    """The server on 127.0.0.1:`port`, or a UsageError saying why that port cannot be used."""
    handler = type("MailglotHandler", (Handler,), {"site": site})
    try:
        return Server(("127.0.0.1", port), handler)
    except OSError as exc:
        raise UsageError(_port_problem(port, exc)) from None


def _port_problem(port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is in use: pick another with --port, or 0"
    if exc.errno == errno.EACCES:
        return (
            f"port {port} is reserved for the administrator (ports below 1024): pick another "
            "with --port, e.g. 8000, or 0"
        )
    return f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}"


def run_in_thread(server: Server) -> Callable[[], None]:
    """Start serving; returns the function that stops it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="mailglot-http")
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return stop
