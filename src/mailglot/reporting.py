"""How long-running commands report, for people and for machines.

On a terminal: one live rich display with a bar per stage (counts, rate, time left). In CI
logs and pipes (not a terminal, or `CI` set): a few plain lines per stage (a quarter at a
time, with the rate), so a log shows progress without a line per email. With `--quiet`:
nothing but errors. With `--json`: nothing on stderr but errors mailglot cannot put in the
document, and one JSON document on stdout with the summary and every finding, for scripts.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from mailglot.console import err, interactive
from mailglot.errors import ContentError, Diagnostic, MailglotError

Mode = Literal["bar", "lines", "off"]
F = TypeVar("F", bound=Callable[..., Any])
MILESTONES = (0.25, 0.5, 0.75, 1.0)
MIN_LINES_TOTAL = 8  # fewer items than this finish before a progress line would help


def report_options(command: F) -> F:
    """`--json` and `--quiet`, the same on every command that reports."""
    command = click.option(
        "--quiet",
        "-q",
        is_flag=True,
        help="Print nothing but errors (the exit code says the rest).",
    )(command)
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print one JSON document (summary and every finding) on stdout, nothing else.",
    )(command)


def output_mode(quiet: bool = False, as_json: bool = False) -> Mode:
    if quiet or as_json:
        return "off"
    return "bar" if interactive() else "lines"


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        unit = task.fields.get("unit", "")
        return Text(f"{speed:,.1f} {unit}/s" if speed else "", style="cyan")


class Meter:
    """One stage's progress (emails rendered, screenshots taken). Callbacks take any
    argument, so a meter's `advance` can be handed to the build as it is."""

    def __init__(self, label: str, unit: str, mode: Mode, progress: Progress | None) -> None:
        self.label, self.unit, self.mode, self._progress = label, unit, mode, progress
        self.total = self.done = 0
        self._task: Any = None
        self._started = 0.0
        self._next = 0

    def start(self, total: int, *_: object) -> None:
        self.total, self.done, self._next = total, 0, 0
        self._started = time.perf_counter()
        if self._progress is not None and total:
            self._task = self._progress.add_task(self.label, total=total, unit=self.unit)

    def advance(self, *_: object) -> None:
        self.done += 1
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)
        elif self.mode == "lines" and self.total >= MIN_LINES_TOTAL:
            while self._next < len(MILESTONES) and self.done >= MILESTONES[self._next] * self.total:
                self._next += 1
                err.print(self.line(), markup=False, highlight=False)

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self._started, 1e-6)
        share = self.done / self.total if self.total else 1.0
        return (
            f"mailglot: {self.label.lower()} {self.done}/{self.total} ({share:.0%}), "
            f"{self.done / elapsed:,.1f} {self.unit}/s, {elapsed:.1f} s"
        )


class Meters:
    def __init__(self, mode: Mode, progress: Progress | None) -> None:
        self.mode, self._progress = mode, progress

    def add(self, label: str, unit: str) -> Meter:
        return Meter(label, unit, self.mode, self._progress)


@contextmanager
def meters(mode: Mode, console: Console = err) -> Iterator[Meters]:
    """One live display for every stage of a command (rich allows only one at a time)."""
    if mode != "bar":
        yield Meters(mode, None)
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        yield Meters(mode, progress)


def json_document(
    command: str,
    ok: bool,
    summary: dict[str, Any],
    findings: Iterable[tuple[str | None, Diagnostic]],
    extra: dict[str, Any] | None = None,
) -> str:
    """The `--json` document, the shape `check --json` has too: every finding as in meta.json,
    with the job it was found in (null for the project's own files). `extra`: what a command
    lists besides (the rows of `calendar`), after the keys every document has."""
    return json.dumps(
        {
            "command": command,
            "ok": ok,
            "summary": summary,
            "findings": [{**d.to_dict(), "job": job} for job, d in findings],
            **(extra or {}),
        },
        indent=2,
        ensure_ascii=False,
    )


def print_json(document: str) -> None:
    sys.stdout.write(document + "\n")
    sys.stdout.flush()


@contextmanager
def errors_as_json(command: str, as_json: bool) -> Iterator[None]:
    """With --json, an error that stops the command still ends as a JSON document on stdout
    (with the same exit code), so a script always has something to parse."""
    if not as_json:
        yield
        return
    try:
        yield
    except ContentError as exc:
        found = [(None, d) for d in exc.diagnostics]
        print_json(json_document(command, False, {"error": "content"}, found))
        sys.exit(exc.exit_code)
    except MailglotError as exc:
        print_json(json_document(command, False, {"error": str(exc)}, []))
        sys.exit(exc.exit_code)
