"""What serve asks of the build pipeline: render a few chosen jobs now, and say which jobs
a full build would redo. The only module of serve that knows the pipeline's records."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mailglot.build import not_built
from mailglot.containment import link_out, resolves_inside
from mailglot.errors import Diagnostic
from mailglot.i18n.catalogs import catalog_files
from mailglot.output import build_lock
from mailglot.plan import Selection, campaign_locales, plan_jobs
from mailglot.project.loader import MARKETS_FILE, SETTINGS_FILE, Project, load_project
from mailglot.publish import publish_results
from mailglot.records import JobMeta
from mailglot.render.pipeline import Renderer
from mailglot.runner import run_jobs

Located = tuple[Diagnostic, str]  # a diagnostic and the job id or "campaign/" it concerns


class Warm:
    """What serve keeps from one save to the next: the loaded project, the last renderer
    (compiled templates, each locale's environment) and the digests of the files those depend
    on. A save that leaves mailglot.yaml and the markets alone keeps the compiled templates and
    every locale whose catalogs it did not touch: re-rendering one email then costs about one
    render. A save of a template or a catalog keeps the project itself: nothing the loader
    reads changed."""

    SHARED = (SETTINGS_FILE, MARKETS_FILE)

    def __init__(self) -> None:
        self._renderer: Renderer | None = None
        self._digests: dict[str, str] = {}
        self._project: tuple[tuple[tuple[str, str], ...], Project] | None = None

    def project(self, root: Path) -> Project:
        """The project as `load_project` gives it, loaded again only when one of the files it
        is made of changed (or a template appeared, went or became a link: campaigns check
        that theirs is a file under templates/). Raises what `load_project` raises."""
        inputs = project_inputs(root)
        if self._project is not None and self._project[0] == inputs:
            return self._project[1]
        self._project = None
        project = load_project(root)
        self._project = (inputs, project)
        return project

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


def project_inputs(root: Path) -> tuple[tuple[str, str], ...]:
    """What `load_project` reads, as (path, digest) pairs: mailglot.yaml, every file under
    calendars/, every campaign file, and what is under templates/ (campaigns check that
    theirs is a file there, after its links: every name, and where each link leads; the
    templates' text is the renderer's business, not the loader's)."""
    files = [
        root / SETTINGS_FILE,
        *(p for p in (root / "calendars").rglob("*") if not p.is_dir()),
        *(root / "campaigns").glob("*.yaml"),
    ]
    found = [(f.relative_to(root).as_posix(), _digest(root, f)) for f in files]
    templates = root / "templates"
    found += [("templates", "at " + os.path.realpath(templates))]
    found += [(f"templates/{rel}", where) for rel, where in _listing(templates, "")]
    return tuple(sorted(found))


def _listing(folder: Path, prefix: str) -> Iterator[tuple[str, str]]:
    """Every name under `folder`, with where it leads when it is a link ("" when it is a
    file, "dir" when a folder, entered); links to folders are not entered."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_symlink():
            yield rel, "at " + os.path.realpath(entry.path)
        elif entry.is_dir():
            yield rel, "dir"
            yield from _listing(Path(entry.path), rel + "/")
        else:
            yield rel, ""


def _digest(root: Path, path: Path) -> str:
    target = link_out(root, path)
    if target is not None:  # never read (the render reports it)
        return f"outside the project: {target}"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


PUSH_LIMIT = 512 * 1024  # a bigger email is fetched by the page instead of sent in the event


@dataclass(frozen=True)
class OnScreen:
    """What a single-email page shows of a re-rendered job, sent to it with the news: the
    subject line, preheader and the body's words an inbox shows after it (from the new meta
    record, before meta.json is written), and the bytes just written to preview.html and
    email.txt (None when too big or unreadable: the page fetches the file)."""

    subject: str
    preheader: str
    html: str | None
    text: str | None
    preview_body: str = ""


@dataclass(frozen=True)
class Rendered:
    project: Project
    built: list[str] = field(default_factory=list)
    errors: list[Located] = field(default_factory=list)
    screens: dict[str, OnScreen] = field(default_factory=dict)  # built job id -> what it shows
    laps: tuple[tuple[str, float], ...] = ()  # (step, ms) up to the files being written


@dataclass(frozen=True)
class Stale:
    jobs: dict[str, tuple[Path, str]]  # job id -> (output folder, the key it will have)
    errors: list[Located]


class _Laps:
    """Milliseconds spent in each step, for the log line of a save."""

    def __init__(self) -> None:
        self._last = time.perf_counter()
        self.laps: list[tuple[str, float]] = []

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.laps.append((step, (now - self._last) * 1000))
        self._last = now


def render_first(
    root: Path,
    viewed: Iterable[str],
    today: date,
    on_rendered: Callable[[Rendered], None] = lambda r: None,
    warm: Warm | None = None,
) -> Rendered:
    """Reload the project (when its files changed) and re-render the viewed jobs whose inputs
    changed, in this process, under the build lock. `on_rendered` runs as soon as their files
    are written (pages can reload them), before the after-render step (meta.json, manifest,
    gallery). Raises ContentError when the project itself does not load (settings, markets):
    then nothing can be built."""
    lap = _Laps()
    project = warm.project(root) if warm else load_project(root)
    lap("load")
    wanted = {v for v in viewed if v.count("/") == 2}
    errors: list[Located] = []
    campaigns = {v.split("/")[0] for v in wanted}
    for cid in sorted(campaigns & set(project.campaign_errors)):
        errors += [(d, f"{cid}/") for d in project.campaign_errors[cid]]
    buildable = tuple(sorted(campaigns & set(project.campaigns)))
    locales = tuple(sorted({v.split("/")[1] for v in wanted} & set(project.settings.all_locales())))
    if not buildable or not locales:
        return Rendered(project, [], errors)
    # only the markets that mail these locales: the others' send dates are not on screen
    markets = tuple(m for m in project.markets if set(campaign_locales(project, m)) & {*locales})
    plan = plan_jobs(project, Selection(buildable, locales, markets), today)
    for cid, problems in plan.failed.items():
        errors += [(d, f"{cid}/") for d in problems]
    jobs = [job for job in plan.jobs if job.id in wanted]
    lap("plan")
    out = project.root / "build"
    with build_lock(out):
        make = (lambda: warm.renderer(project)) if warm else (lambda: Renderer(project))
        # a job with an input that cannot be read fails as in a build, its outputs kept
        results = run_jobs(make, out, jobs, 1, known=not_built(plan, out))
        lap("render")
        errors += [(f, r.job.id) for r in results for f in r.findings]
        screens = {
            r.job.id: on_screen(out, r.job.place.folder(out), r.meta)
            for r in results
            if r.status == "built" and r.meta
        }
        rendered = Rendered(project, list(screens), errors, screens, tuple(lap.laps))
        on_rendered(rendered)
        publish_results(project, out, plan, results, partial=True)  # meta.json, manifest, gallery
    return rendered


def on_screen(out: Path, folder: Path, meta: JobMeta) -> OnScreen:
    return OnScreen(
        meta.subject_preview,
        meta.preheader_preview,
        _written(out, folder / "preview.html"),
        _written(out, folder / "email.txt"),
        meta.inbox.body if meta.inbox is not None else "",
    )


def _written(out: Path, path: Path) -> str | None:
    """A file the runner just wrote, read back (contained in build/ like every serve read)."""
    if not resolves_inside(out, path):
        return None
    try:
        with path.open("rb") as handle:
            data = handle.read(PUSH_LIMIT + 1)
        return data.decode("utf-8") if len(data) <= PUSH_LIMIT else None
    except (OSError, UnicodeDecodeError):
        return None


def warm_up(root: Path, job_id: str, today: date, warm: Warm) -> None:
    """Render one job into a scratch folder through the build's own steps, for what they
    load once and keep: the project, the job's locale environment, the compiled templates,
    the checks' data. Nothing under build/ is touched."""
    project = warm.project(root)
    parts = job_id.split("/")
    if len(parts) != 3 or parts[0] not in project.campaigns:
        return
    campaign, locale, _ = parts
    if locale not in project.settings.all_locales():
        return
    plan = plan_jobs(project, Selection((campaign,), (locale,)), today)
    jobs = [job for job in plan.jobs if job.id == job_id]
    with tempfile.TemporaryDirectory(prefix="mailglot-warm-") as scratch:
        run_jobs(lambda: warm.renderer(project), Path(scratch), jobs, 1)


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
    except (OSError, ValueError, RecursionError):
        return None
    return meta.get("key") if isinstance(meta, dict) else None
