"""Checks on a job's output: plain functions with one signature, in a registry.

A check takes the rendered job and yields (severity, message); adding one is one small
function here or in a sibling module that calls `register`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailglot.errors import Diagnostic, Severity

if TYPE_CHECKING:
    from mailglot.project.loader import Project


@dataclass(frozen=True)
class Output:
    path: str  # e.g. build/winback/fr_FR/a/email.html
    html: str
    text: str
    meta: dict[str, object]
    max_html_bytes: int
    address: str
    unsubscribe_tag: str | None  # the merge tag the unsubscribe link must point at
    subject_columns: int = 45


Check = Callable[[Output], Iterator[tuple[Severity, str]]]
CHECKS: dict[str, Check] = {}


def register(code: str) -> Callable[[Check], Check]:
    def deco(fn: Check) -> Check:
        CHECKS[code] = fn
        return fn

    return deco


def run_checks(output: Output, disabled: list[str]) -> list[Diagnostic]:
    from mailglot.checks import content  # noqa: F401  (registers the built-in checks)

    out = []
    for code, fn in CHECKS.items():
        if code in disabled:
            continue
        for severity, message in fn(output):
            out.append(Diagnostic(output.path, None, code, severity, message))
    return out


def check_output(
    project: Project, job_path: str, market: str, html: str, text: str, meta: dict[str, object]
) -> list[Diagnostic]:
    """Every output check on one job's delivered HTML and text, minus those the project silences.

    Shared by the build and `mailglot check`, so both report the same findings."""
    from mailglot.render.merge import merge_tag

    settings = project.settings
    unsubscribe = (
        merge_tag(settings.merge_tags, "unsubscribe_url")
        if "unsubscribe_url" in settings.recipient
        else None
    )
    output = Output(
        f"{job_path}/email.html",
        html,
        text,
        meta,
        settings.checks.max_html_bytes,
        project.markets[market].address,
        unsubscribe,
        settings.checks.subject_columns,
    )
    return run_checks(output, settings.checks.disable)
