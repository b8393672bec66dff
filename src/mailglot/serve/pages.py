"""The pages serve adds to a build: the single-email page, and the live script (reloads,
error overlay, stale marks) put into every HTML page it serves. The files on disk are never
changed, so the gallery still works from file://."""

from __future__ import annotations

import re
import secrets
from functools import cache
from importlib import resources

LIVE_SCRIPT_PATH = "/__mailglot/live.js"
_LIVE_TAG = f'<script src="{LIVE_SCRIPT_PATH}"></script>'.encode()
_DARK = re.compile(rb"prefers-color-scheme\s*:\s*dark", re.IGNORECASE)
_LIGHT = re.compile(rb"prefers-color-scheme\s*:\s*light", re.IGNORECASE)


@cache
def _asset(name: str) -> str:
    return resources.files("mailglot.serve").joinpath(name).read_text(encoding="utf-8")


def live_script() -> bytes:
    return _asset("live.js").encode()


def view_page() -> bytes:
    """One page for every job: it reads its job from its own URL (`/<campaign>/<locale>/
    <variant>/`) and asks the server for the rest."""
    return (
        _asset("view.html")
        .replace("/*{{css}}*/", _asset("view.css"))
        .replace("/*{{js}}*/", _asset("view.js").replace("</script", "<\\/script"))
        .encode()
    )


def inject_live(body: bytes, nonce: str | None = None) -> bytes:
    """The page with serve's live script; `nonce`: the one its page's policy allows."""
    tag = _LIVE_TAG if nonce is None else _LIVE_TAG.replace(b"<script ", _nonce(nonce), 1)
    index = body.rfind(b"</body>")
    if index < 0:
        return body + tag
    return body[:index] + tag + body[index:]


def _nonce(nonce: str) -> bytes:
    return f'<script nonce="{nonce}" '.encode()


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def email_policy(nonce: str | None) -> str:
    """The Content-Security-Policy of a job's own HTML file (preview.html opened from the
    gallery, email.html): no script of the email runs, only serve's live script (`nonce`) or
    none at all. The build never writes a script into an email; a merged shard's file could
    carry one, which would run with serve's origin (reading the whole build)."""
    return f"script-src 'nonce-{nonce}'" if nonce else "script-src 'none'"


def dark_preview(body: bytes) -> bytes:
    """The preview as a dark-mode reader sees it: the email's dark-scheme rules always apply
    and its light-only ones never do (an iframe cannot be given its own colour scheme)."""
    return _LIGHT.sub(b"max-width:0px", _DARK.sub(b"min-width:0px", body))
