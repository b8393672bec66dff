"""The build, as a table of contents: load -> plan -> render and check -> screenshots -> manifest
-> gallery. Each step lives in its own module; this one only wires them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailglot.baseline import attach_review
from mailglot.errors import Diagnostic
from mailglot.gallery import write_gallery
from mailglot.manifest import write_manifest
from mailglot.output import BUILD_DIR, build_lock, prune
from mailglot.plan import Plan, Selection, plan_jobs
from mailglot.project.loader import Project, load_project
from mailglot.runner import JobResult, run_jobs
from mailglot.shots import ShotsReport, shoot_built

if TYPE_CHECKING:
    from mailglot.render.pipeline import Renderer


@dataclass(frozen=True)
class BuildOptions:
    selection: Selection = field(default_factory=Selection)
    workers: int | None = None
    screenshots: bool = True
    strict: bool = False
    year: int | None = None
    today: date | None = None


@dataclass
class BuildReport:
    project: Project
    plan: Plan
    results: list[JobResult]
    manifest: dict[str, Any]
    strict: bool = False
    extra: list[Diagnostic] = field(default_factory=list)
    shots: ShotsReport | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding once, campaign errors first (a locale's catalog problems show in all of
        its jobs but are reported once)."""
        seen: dict[Diagnostic, None] = {}
        for problems in self.plan.failed.values():
            seen.update(dict.fromkeys(problems))
        for r in self.results:
            seen.update(dict.fromkeys(r.findings))
        seen.update(dict.fromkeys(self.extra))
        return list(seen)

    def is_error(self, d: Diagnostic) -> bool:
        return d.severity == "error" or (self.strict and d.code == "l10n.missing")

    @property
    def ok(self) -> bool:
        return not any(self.is_error(d) for d in self.diagnostics)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


Progress = Callable[[JobResult], None]


def build(
    start: Path,
    options: BuildOptions = BuildOptions(),
    on_planned: Callable[[int], None] = lambda n: None,
    on_result: Progress = lambda r: None,
    on_shots_planned: Callable[[int], None] = lambda n: None,
    on_shot: Callable[[object], None] = lambda o: None,
) -> BuildReport:
    project = load_project(start)
    plan = plan_jobs(project, options.selection, options.today or date.today(), options.year)
    on_planned(len(plan.jobs))
    out = project.root / BUILD_DIR
    with build_lock(out):
        results = run_jobs(lambda: _renderer(project), out, plan.jobs, options.workers, on_result)
        if options.selection.everything:
            prune(out, {job.id for job in plan.jobs}, set(plan.failed))
        extra: list[Diagnostic] = []
        shots = None
        if options.screenshots:
            shots = shoot_built(project, out, results, on_shots_planned, on_shot)
            extra += shots.diagnostics
        attach_review(project, out, results)
        manifest = write_manifest(
            out, plan, results, extra, partial=not options.selection.everything
        )
        write_gallery(project, out, manifest)
    return BuildReport(project, plan, results, manifest, options.strict, extra, shots)


def _renderer(project: Project) -> Renderer:
    """Imported on demand: a no-op rebuild never loads premailer, lxml or html2text."""
    from mailglot.render.pipeline import Renderer

    return Renderer(project)
