"""`mailglot serve --port P` on a port it cannot use: one line saying why, exit 2."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest


def test_a_port_in_use_is_named(tmp_path: Path, cli) -> None:
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli(project, "serve", "--port", str(port), "--no-screenshots")
    assert result.exit_code == 2
    assert result.output == f"mailglot: port {port} is in use: pick another with --port, or 0\n"


def _unprivileged_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_unprivileged_port_start").read_text())
    except (OSError, ValueError):
        return 1024


def _as_nobody() -> list[str]:
    """The prefix that runs a command as an ordinary user (root may use any port)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv to run as an ordinary user")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.skipif(
    sys.platform != "linux" or _unprivileged_start() <= 80,
    reason="needs Linux with ports below 1024 reserved",
)
def test_a_reserved_port_is_named_not_a_traceback(cli) -> None:
    """Port 80 as an ordinary user ended in a PermissionError traceback (only 'in use' was
    caught). Run as nobody when the suite runs as root, who may use any port."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)  # readable by the user the server runs as
        project = Path(folder) / "p"
        assert cli(Path(folder), "init", str(project)).exit_code == 0
        serve = [sys.executable, "-m", "mailglot", "--project", str(project), "serve"]
        result = subprocess.run(
            [*_as_nobody(), *serve, "--port", "80"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")},
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "mailglot: port 80 is reserved for the administrator (ports below 1024): pick another "
        "with --port, e.g. 8000, or 0\n"
    )
