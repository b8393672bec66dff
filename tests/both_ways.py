"""For the tests that hold a shared or remembered path to the plain one it stands for: what
the pipeline hands a step, job by job, and a compile's outcome (its HTML or its error), to
compare both ways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render import pipeline
from mailglot.render.pipeline import Renderer
from tests.conftest import TODAY


def step_inputs(root: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> list[str]:
    """The document each job of the project at `root` hands `pipeline.<step>` (its first
    argument: the MJML to `compile_variant`, the compiled HTML to `inline_css`), in job order,
    the step run as it is."""
    seen: list[str] = []
    real = getattr(pipeline, step)

    def noted(document: str, *rest: Any) -> Any:
        seen.append(document)
        return real(document, *rest)

    with monkeypatch.context() as m:
        m.setattr(pipeline, step, noted)
        project = load_project(root)
        renderer = Renderer(project)
        for job in plan_jobs(project, Selection(), TODAY).jobs:
            renderer.render(job)
    return seen


def outcome(compile_: Callable[[str], str], source: str) -> tuple[str, str]:
    """("html", the HTML) or the error's type and message: the same both ways."""
    try:
        return "html", compile_(source)
    except BaseException as exc:  # MRML's panics are BaseExceptions
        if isinstance(exc, KeyboardInterrupt):
            raise
        return type(exc).__name__, str(exc)
