"""What serve asks of the build pipeline: render a few chosen jobs now, and say which jobs
a full build would redo. The only module of serve that knows the pipeline's records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mailglot.containment import link_out
from mailglot.errors import Diagnostic
from mailglot.i18n.catalogs import catalog_files
from mailglot.output import build_lock
from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import MARKETS_FILE, SETTINGS_FILE, Project, load_project
from mailglot.publish import publish_results
from mailglot.render.pipeline import Renderer
from mailglot.runner import run_jobs

Located = tuple[Diagnostic, str]  # a diagnostic and the job id or "campaign/" it concerns


class Warm:
    """What serve keeps from one save to the next: the last renderer (compiled templates, each
    locale's environment) and the digests of the files those depend on. A save that leaves
    mailglot.yaml and the markets alone keeps the compiled templates and every locale whose
    catalogs it did not touch: re-rendering one email then costs about one render."""

    SHARED = (SETTINGS_FILE, MARKETS_FILE)

    def __init__(self) -> None:
        self._renderer: Renderer | None = None
        self._digests: dict[str, str] = {}

    def renderer(self, project: Project) -> Renderer:
        root = project.root
        digests = {rel: _digest(root, root / rel) for rel in self.SHARED}
        source = project.settings.source_locale
        for locale in project.settings.all_locales():
            files = catalog_files(root, locale, source)
            digests[locale] = "".join(_digest(root, f) for f in files)
        renderer = Renderer(project)
        previous, self._renderer = self._renderer, renderer
        if previous is not None and all(digests[r] == self._digests.get(r) for r in self.SHARED):
            same = [
                loc
                for loc in project.settings.all_locales()
                if digests[loc] == self._digests.get(loc)
            ]
            renderer.carry_over(previous, same)
        self._digests = digests
        return renderer


def _digest(root: Path, path: Path) -> str:
    target = link_out(root, path)
    if target is not None:  # never read (the render reports it)
        return f"outside the project: {target}"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


@dataclass(frozen=True)
class Rendered:
    project: Project
    built: list[str] = field(default_factory=list)
    errors: list[Located] = field(default_factory=list)


@dataclass(frozen=True)
class Stale:
    jobs: dict[str, tuple[Path, str]]  # job id -> (output folder, the key it will have)
    errors: list[Located]


def render_first(
    root: Path,
    viewed: Iterable[str],
    today: date,
    on_rendered: Callable[[Rendered], None] = lambda r: None,
    warm: Warm | None = None,
) -> Rendered:
    """Reload the project and re-render the viewed jobs whose inputs changed, in this
    process, under the build lock. `on_rendered` runs as soon as their files are written
    (pages can reload them), before the after-render step (meta.json, manifest, gallery).
    Raises ContentError when the project itself does not load (settings, markets): then
    nothing can be built."""
    project = load_project(root)
    wanted = {v for v in viewed if v.count("/") == 2}
    errors: list[Located] = []
    campaigns = {v.split("/")[0] for v in wanted}
    for cid in sorted(campaigns & set(project.campaign_errors)):
        errors += [(d, f"{cid}/") for d in project.campaign_errors[cid]]
    buildable = tuple(sorted(campaigns & set(project.campaigns)))
    locales = tuple(sorted({v.split("/")[1] for v in wanted} & set(project.settings.all_locales())))
    if not buildable or not locales:
        return Rendered(project, [], errors)
    plan = plan_jobs(project, Selection(buildable, locales), today)
    for cid, problems in plan.failed.items():
        errors += [(d, f"{cid}/") for d in problems]
    jobs = [job for job in plan.jobs if job.id in wanted]
    out = project.root / "build"
    with build_lock(out):
        make = (lambda: warm.renderer(project)) if warm else (lambda: Renderer(project))
        results = run_jobs(make, out, jobs, 1)
        errors += [(f, r.job.id) for r in results for f in r.findings]
        rendered = Rendered(project, [r.job.id for r in results if r.status == "built"], errors)
        on_rendered(rendered)
        publish_results(project, out, plan, results, partial=True)  # meta.json, manifest, gallery
    return rendered


def plan_stale(project: Project, out: Path, today: date) -> Stale:
    """Every job a full build would redo (its meta.json lacks the planned key), and the
    campaigns that cannot be planned."""
    plan = plan_jobs(project, Selection(), today)
    errors = [(d, f"{cid}/") for cid, problems in plan.failed.items() for d in problems]
    jobs = {}
    for job in plan.jobs:
        folder = out / job.campaign / job.locale / job.variant  # SPEC's layout
        if meta_key(folder) != job.key:
            jobs[job.id] = (folder, job.key)
    return Stale(jobs, errors)


def meta_key(folder: Path) -> str | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta.get("key") if isinstance(meta, dict) else None
