"""mailglot run as a process of its own ends with `os._exit` once its command is over (cli.py):
what it printed must still all arrive, and its exit status be the command's, as `sys.exit`
gave them. Each case runs `python -m mailglot` in a subprocess, output piped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mailglot import __version__


def mailglot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailglot", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )


def test_version_is_printed_whole_with_status_0() -> None:
    done = mailglot("--version")
    assert (done.returncode, done.stdout) == (0, f"mailglot, version {__version__}\n")


def test_a_usage_error_keeps_its_status_and_message(tmp_path: Path) -> None:
    done = mailglot("--project", str(tmp_path), "build")
    assert done.returncode == 2
    assert done.stderr == (
        f"mailglot: no mailglot.yaml in {tmp_path} or any folder above it; run `mailglot init "
        "DIR` to start a project\n"
    )


def test_a_long_json_report_arrives_whole_and_a_build_says_its_summary(
    tmp_path: Path, example: Path
) -> None:
    status = mailglot("--project", str(example), "l10n-status", "--json")
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["command"] == "l10n-status"
    built = mailglot(
        "--project", str(example), "build", "--no-screenshots", "--campaign", "winback"
    )
    assert built.returncode == 0, built.stderr
    assert built.stderr.splitlines()[-1].startswith("mailglot: ")
    assert "0 error(s)" in built.stderr.splitlines()[-1]
    assert json.loads((example / "build/manifest.json").read_text(encoding="utf-8"))["jobs"]
