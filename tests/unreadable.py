"""Running mailglot where file permissions apply: as root (CI containers often are), chmod 000
changes nothing, so the command runs in a subprocess without the capabilities that let root
read and write anything (`setpriv`, util-linux); the test is skipped where neither works."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DROP = ("--bounding-set=-dac_override,-dac_read_search",)


def _prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions would not apply")
    return [setpriv, *DROP]


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`mailglot --project PROJECT ARGS` with permissions applying (output: stderr and
    stdout together, as a user sees them). Skips the test when a file made unreadable is
    still read (a sandbox where dropping the capability does nothing)."""
    probe = project / ".probe"
    probe.write_text("x", encoding="utf-8")
    probe.chmod(0)
    try:
        check = subprocess.run(
            [*_prefix(), "cat", str(probe)], capture_output=True, check=False, timeout=30
        )
    finally:
        probe.chmod(0o644)
        probe.unlink()
    if check.returncode == 0:
        pytest.skip("permissions do not apply here (chmod 000 is still readable)")
    return subprocess.run(
        [*_prefix(), sys.executable, "-m", "mailglot", "--project", str(project), *args],
        capture_output=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "COLUMNS": "400", "NO_COLOR": "1"},
    )


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.rstrip() for line in result.stdout.splitlines()]


def run_with(project: Path, rel: str, mode: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`run(project, *args)` with `project/rel` at `mode` meanwhile (0: no permission; 0o644
    on a folder: listed but not looked into), its mode put back afterwards."""
    path = project / rel
    old = path.stat().st_mode & 0o777
    path.chmod(mode)
    try:
        return run(project, *args)
    finally:
        path.chmod(old)
