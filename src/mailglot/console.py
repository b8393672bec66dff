"""How the CLI shows things: rich on a terminal, plain lines in CI logs and pipes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


class _Bar:
    def __init__(self, progress: Progress | None, label: str):
        self.progress, self.label, self.task = progress, label, None

    def start(self, total: int) -> None:
        if self.progress is not None:
            self.task = self.progress.add_task(self.label, total=total)

    def advance(self, *_: object) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)


@contextmanager
def progress_bar(label: str) -> Iterator[_Bar]:
    """A bar on a terminal; nothing at all in CI or when piped."""
    if not interactive():
        yield _Bar(None, label)
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        yield _Bar(progress, label)
