"""The rebuild loop of `mailglot serve`: the emails on screen first, everything else after.

On each batch of saved files: stop the background build if one runs, reload the project
(when its files changed), re-render in this process only the jobs that open single-email
pages are showing (the designer's loop), tell those pages and give them a moment to fetch
the email before doing anything else (the after-render step, planning the rest), then work
out which jobs are now stale and start a plain `mailglot build` in the background, at a
lower priority, for them and every screenshot. Pages are told what is still stale while it
runs, and every error with its file and line, until it is fixed. A page opened on an email
warms the renderer for it (its locale's catalogs, the templates, the checks' data) while
nothing is saved, so the first save is as quick as the next ones.

Nothing a user can type stops the loop: each step's failure becomes a status the pages show.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mailglot.errors import ContentError, Diagnostic, MailglotError
from mailglot.serve.background import Background, Finished
from mailglot.serve.events import Hub
from mailglot.serve.jobs import (
    Located,
    Rendered,
    Warm,
    meta_key,
    plan_stale,
    render_first,
    warm_up,
)

MAX_SCOPE = 20  # past this many jobs, an error's scope widens to their locale or campaigns
SHOW_WAIT_S = 0.3  # how long the rest of a rebuild waits for pages to show their new email


@dataclass(frozen=True)
class LoopOptions:
    build_argv: Sequence[str]  # the background build, e.g. mailglot --project P build --json
    screenshots: bool
    today: Callable[[], date]  # the clock, passed in (library code never reads it)


class Session:
    def __init__(
        self, root: Path, hub: Hub, options: LoopOptions, log: Callable[[str], None]
    ) -> None:
        self.root, self.hub, self.options, self.log = root, hub, options, log
        self.out = root / "build"
        self._stale: dict[str, tuple[Path, str]] = {}  # job id -> (folder, planned key)
        self._stale_lock = threading.Lock()
        self._background = Background(self._tick, self._finished)
        self._warm = Warm()
        self._working = threading.Lock()  # one rebuild or warm-up at a time
        hub.on_view = self._viewing

    def start(self) -> None:
        self.changed(set())

    def _viewing(self, job: str) -> None:
        threading.Thread(
            target=self._warm_up, args=(job,), daemon=True, name="mailglot-warm"
        ).start()

    def _warm_up(self, job: str) -> None:
        """Render the email a page just opened on, into a scratch folder, so its renderer is
        ready before the first save (after any rebuild under way). Never raises."""
        with self._working:
            if job not in self.hub.viewed():
                return
            # a broken project shows at the next save: warming is only a head start
            with contextlib.suppress(Exception):
                warm_up(self.root, job, self.options.today(), self._warm)

    def stop(self) -> None:
        self._background.cancel()

    def changed(self, paths: set[str]) -> None:
        """One batch of saved files. Never raises: an unexpected failure is shown, and the
        next save tries again."""
        try:
            with self._working:
                self._changed(paths)
        except Exception as exc:  # the server must outlive any input
            self.log(f"mailglot: serve could not rebuild: {type(exc).__name__}: {exc}")
            self.hub.set_status(busy=False, errors=[_error(_internal(exc), [])])

    def _changed(self, paths: set[str]) -> None:
        started = time.perf_counter()
        seen = _since_saved(self.root, paths)
        self._background.cancel()
        stopped = (time.perf_counter() - started) * 1000
        if paths:
            self.log(f"mailglot: changed: {', '.join(sorted(paths)[:5])}")
        self.hub.set_status(busy=True)
        try:
            first = render_first(
                self.root,
                self.hub.viewed(),
                self.options.today(),
                self._rendered(started, [("seen", seen), ("stop build", stopped)]),
                self._warm,
            )
        except ContentError as exc:  # mailglot.yaml or markets.yaml: nothing can build
            self._show_load_error(exc.diagnostics)
            return
        except MailglotError as exc:
            self._show_load_error([Diagnostic("mailglot.yaml", None, "project", "error", str(exc))])
            return
        settings = first.project.settings
        screens = settings.screenshots
        self.hub.set_status(
            sender=settings.brand.sender,
            screens={"phone": screens.phone, "desktop": screens.desktop, "dark": screens.dark},
        )
        for job_id in first.built:  # their meta.json is written now: the subject may have moved
            self.hub.publish({"type": "meta", "id": job_id})
        stale = plan_stale(first.project, self.out, self.options.today())
        with self._stale_lock:
            self._stale = stale.jobs
        shots = sorted(set(first.built) | set(stale.jobs)) if self.options.screenshots else []
        self.hub.set_status(
            errors=scoped([*first.errors, *stale.errors]),
            stale=sorted(stale.jobs),
            shots_stale=shots,
            busy=True,
        )
        self._background.start(self.options.build_argv, self.root)

    def _rendered(
        self, started: float, before: list[tuple[str, float | None]]
    ) -> Callable[[Rendered], None]:
        """Tell the pages as soon as their emails' files are written, with what they show
        (the email itself, its text part, subject line and preheader: nothing to fetch), then
        wait until they say it is on screen (or SHOW_WAIT_S): the after-render step and the
        background build would otherwise compete with showing it."""

        def tell(first: Rendered) -> None:
            fetched = self.hub.served_counts(first.built)
            for job_id, screen in first.screens.items():
                parts = {k: v for k, v in asdict(screen).items() if v is not None}
                self.hub.publish(
                    {"type": "job", "id": job_id, "generation": self.hub.generation, **parts}
                )
            self.hub.set_status(errors=scoped(first.errors))
            if first.built:
                self.log(
                    f"mailglot: {', '.join(first.built)} {_took(started, [*before, *first.laps])}"
                )
                self.hub.wait_served(fetched, SHOW_WAIT_S)

        return tell

    def _show_load_error(self, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            self.log(str(d))
        self.hub.set_status(
            busy=False, errors=scoped((d, "") for d in diagnostics), stale=[], shots_stale=[]
        )

    def _tick(self) -> None:
        """While the background build runs: jobs whose meta.json now carries the planned key
        are done (their screenshots may still be coming)."""
        with self._stale_lock:
            done = [i for i, (folder, key) in self._stale.items() if meta_key(folder) == key]
            for job_id in done:
                del self._stale[job_id]
            remaining = sorted(self._stale)
        if done:
            self.hub.set_status(stale=remaining)

    def _finished(self, finished: Finished) -> None:
        summary = [line for line in finished.stderr.splitlines() if line.strip()]
        if summary:
            self.log(summary[-1])
        with self._stale_lock:
            self._stale = {}
        errors = manifest_errors(self.out)
        if finished.exit_code not in (0, 1):
            last = summary[-1] if summary else f"exit code {finished.exit_code}"
            errors.append(
                _error(
                    Diagnostic("build", None, "serve.build", "error", f"the build stopped: {last}"),
                    [],
                )
            )
        self.hub.set_status(busy=False, stale=[], shots_stale=[], errors=errors)
        self.hub.publish({"type": "gallery", "generation": self.hub.generation})


def _took(started: float, laps: list[tuple[str, float | None]]) -> str:
    """'re-rendered 140 ms after the save (seen 22, stop build 0, load 1, plan 4, render 113)':
    from the file's write when the watcher's delay is known, else from the batch's arrival."""
    ms = (time.perf_counter() - started) * 1000
    seen = dict(laps).get("seen")
    when = f"{ms + seen:.0f} ms after the save" if seen is not None else f"in {ms:.0f} ms"
    steps = ", ".join(f"{step} {took:.0f}" for step, took in laps if took is not None)
    return f"re-rendered {when} ({steps})"


def _since_saved(root: Path, paths: set[str]) -> float | None:
    """Milliseconds from the newest of `paths` being written to now (None when unknown): how
    long the file watcher took to report the save."""
    times = []
    for rel in paths:
        try:
            times.append(os.stat(root / rel).st_mtime_ns)
        except OSError:
            continue
    if not times:
        return None
    ms = (time.time_ns() - max(times)) / 1e6
    return ms if 0 <= ms < 60_000 else None


def manifest_errors(out: Path) -> list[dict[str, Any]]:
    """Every input error the finished build recorded (failed jobs, campaigns that do not
    load, catalog and template errors), each once, scoped to the jobs it concerns."""
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        entries = list(manifest.get("jobs", []))
        extra = [Diagnostic(**d) for d in manifest.get("diagnostics", [])]
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return []
    found: list[Located] = [(d, "") for d in extra]
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        job = str(entry.get("id", ""))
        where = f"{entry.get('campaign')}/" if job.endswith("@*") else job
        for f in entry.get("findings", []) or []:
            try:
                found.append((Diagnostic(**f), where))
            except TypeError:
                continue
    return scoped(found)


def scoped(found: Iterable[Located]) -> list[dict[str, Any]]:
    """Input errors (not output findings under build/), each once, with the jobs or
    campaigns they concern; an empty scope concerns every page."""
    scopes: dict[Diagnostic, set[str]] = {}
    for d, where in found:
        if d.severity != "error" or d.path.startswith("build/"):
            continue
        scopes.setdefault(d, set()).add(where)
    return [_error(d, _narrow(s)) for d, s in scopes.items()]


def _narrow(scope: set[str]) -> list[str]:
    if "" in scope:
        return []
    if len(scope) <= MAX_SCOPE:
        return sorted(scope)
    locales = {s.split("/")[1] for s in scope if s.count("/") == 2}
    if len(locales) == 1 and all(s.count("/") == 2 for s in scope):
        return [f"*/{locales.pop()}/"]
    campaigns = {s.split("/")[0] + "/" for s in scope}
    return sorted(campaigns) if len(campaigns) <= MAX_SCOPE else []


def _error(d: Diagnostic, scope: list[str]) -> dict[str, Any]:
    return {**d.to_dict(), "scope": scope}


def _internal(exc: Exception) -> Diagnostic:
    return Diagnostic("mailglot", None, "serve.internal", "error", f"{type(exc).__name__}: {exc}")
