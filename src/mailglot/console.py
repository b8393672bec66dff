"""How the CLI shows things: rich on a terminal, plain lines in CI logs and pipes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from rich.console import Console

from mailglot.errors import Diagnostic
from mailglot.findings import Group, group_findings, group_line


def interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


# emoji=False: rich would print `events.yaml:100: ...` as `events.yaml💯 ...`
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def table_console() -> Console:
    """Tables in pipes and CI logs: wide enough that rows are never folded onto two lines."""
    return out if interactive() else Console(highlight=False, width=240, emoji=False)


_STYLE = {"error": "red", "warning": "yellow", "info": "blue"}


def diagnostic_line(d: Diagnostic) -> str:
    label = "" if d.severity == "error" else f"{d.severity}: "
    return f"{d.where}: {label}{d.message}"


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Each finding once, with its severity and check code."""
    print_findings(group_findings((None, d) for d in diagnostics))


def print_findings(groups: Iterable[Group]) -> None:
    """One line per group: the same finding in many jobs is printed once, with a count."""
    for group in groups:
        err.print(group_line(group), style=_STYLE.get(group.finding.severity), markup=False)
