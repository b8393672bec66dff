"""The Node reference toolchain (mjml 5 + juice + html-to-text) as a warm process for scripts.

Used by scripts/fidelity.py and scripts/bench_peer.py only: mailglot and its tests never need
Node. The first use runs `npm install` here (scripts/peers/package.json, node_modules is
git-ignored).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PEERS = Path(__file__).resolve().parent


class PeerUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class PeerResult:
    html: str
    compiled: str
    text: str
    errors: tuple[str, ...]
    ms: dict[str, float]


def ensure_installed() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise PeerUnavailable("node and npm are needed to compare with the Node toolchain")
    if not (PEERS / "node_modules" / "mjml").is_dir():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=PEERS,
            check=True,
        )


def versions() -> dict[str, str]:
    out = {}
    for name in ("mjml", "juice", "html-to-text"):
        meta = json.loads((PEERS / "node_modules" / name / "package.json").read_text())
        out[name] = meta["version"]
    out["node"] = subprocess.run(
        ["node", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return out


class NodePeer:
    """One `node peer.js` process; requests are answered in order, one JSON line each."""

    def __init__(self) -> None:
        ensure_installed()
        self._proc = subprocess.Popen(
            ["node", str(PEERS / "peer.js")],
            cwd=PEERS,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self._next = 0

    def run(
        self, mjml: str, *, keep_html: bool = True, out: str = "", subject: str = ""
    ) -> PeerResult:
        """Compile, inline and make the text; with `out`, also write the four files there."""
        self._next += 1
        request: dict[str, Any] = {"id": self._next, "mjml": mjml, "compiled": keep_html}
        if not keep_html:
            request["html"] = False
        if out:
            request["out"], request["subject"] = out, subject
        assert self._proc.stdin and self._proc.stdout
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        answer = json.loads(self._proc.stdout.readline())
        if "error" in answer:
            raise PeerUnavailable(f"Node mjml failed: {answer['error']}")
        return PeerResult(
            html=answer.get("html") or "",
            compiled=answer.get("compiled") or "",
            text=answer.get("text") or "",
            errors=tuple(answer.get("errors", ())),
            ms=answer["ms"],
        )

    def close(self) -> None:
        if self._proc.stdin:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()  # our own child, stuck: do not leave it behind
            self._proc.wait()

    def __enter__(self) -> NodePeer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
