"""Screenshots of every job's preview.html in Chromium, with the layout checks that need a
browser. `take_screenshots` shoots the jobs whose preview (or assets, or settings) changed
since their last shots and records what it found next to them."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mailglot.errors import Diagnostic
from mailglot.machine import usable_cpus
from mailglot.output import remove_stale_temporaries
from mailglot.project.loader import Project
from mailglot.shots.browser import BrowserNotFound
from mailglot.shots.state import ShotState, is_shot, read_state, shot_key, shot_list, write_state

if TYPE_CHECKING:  # capture (asyncio, urllib) is imported when there is something to shoot:
    # a build without screenshots reaches this package only for ShotsReport
    from mailglot.shots.capture import Outcome, Target

__all__ = ["BROWSER_CODE", "BrowserNotFound", "ShotsReport", "shoot_built", "take_screenshots"]

BROWSER_CODE = "shots.browser"  # a build-wide finding: the browser could not be started


@dataclass
class ShotsReport:
    shot: list[str] = field(default_factory=list)  # job ids shot this time
    unchanged: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # job id -> error
    images: int = 0
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # a browser was started (there was something to shoot): what an earlier run said about
    # the browser is out of date
    browser_started: bool = False


def take_screenshots(
    project: Project,
    out: Path,
    folders: Mapping[str, Path],
    pages: int | None = None,
    on_planned: Callable[[int], None] = lambda n: None,
    on_shot: Callable[[Outcome], None] = lambda o: None,
    force: bool = False,
) -> ShotsReport:
    """`folders` maps job ids to their output folders; `force` shoots them all, changed or
    not (`shots --force`). Raises BrowserNotFound (before touching any file) when there is
    work and no browser."""
    from mailglot.shots.capture import Target, capture  # see the TYPE_CHECKING import

    started = time.perf_counter()
    config = project.settings.screenshots
    shots = shot_list(config)
    report = ShotsReport()
    targets: list[Target] = []
    keys: dict[str, str] = {}
    unseen: dict[str, Path] = {}  # built, says the manifest, but their preview was deleted
    for job_id, folder in folders.items():
        key = shot_key(folder, project.root, config)
        if key is None:
            unseen[job_id] = folder
            continue
        if not force and is_shot(folder, key, read_state(folder)):
            report.unchanged += 1
            continue
        targets.append(Target(job_id, folder))
        keys[job_id] = key
    on_planned(len(targets))
    names = {s.name for s in shots}
    found = capture(
        targets, shots, config.browser, out, pages or _pages(), on_shot, root=project.root
    )
    report.browser_started = bool(targets)  # capture raised BrowserNotFound otherwise
    for outcome in found:
        folder = outcome.target.folder
        previous = read_state(folder)
        for stale in set(previous.sizes) - names:
            (folder / f"{stale}.png").unlink(missing_ok=True)
        state = ShotState(keys[outcome.target.job_id], outcome.sizes, outcome.layout)
        if outcome.error:
            state = ShotState(None, previous.sizes, previous.layout, outcome.error)
            report.failed[outcome.target.job_id] = outcome.error
        else:
            report.shot.append(outcome.target.job_id)
            report.images += len(outcome.sizes)
        state.review = previous.review
        write_state(folder, state, out)
        remove_stale_temporaries(str(folder))  # a killed shot's .phone.png.<pid>-<n>.tmp
    for job_id, folder in unseen.items():
        _no_preview(report, job_id, folder, out)
    report.seconds = time.perf_counter() - started
    return report


def _no_preview(report: ShotsReport, job_id: str, folder: Path, out: Path) -> None:
    """A built job without its preview.html fails its shots (a finding, through its
    shots.json) rather than being left out silently as if it had nothing to shoot."""
    error = "preview.html is missing: run `mailglot build` to write it again, then shoot"
    report.failed[job_id] = error
    if folder.is_dir():
        previous = read_state(folder)
        write_state(folder, ShotState(None, previous.sizes, previous.layout, error), out)


def _pages() -> int:
    from mailglot.shots.capture import default_pages

    return default_pages(usable_cpus())


def shoot_built(
    project: Project,
    out: Path,
    folders: Mapping[str, Path],
    on_planned: Callable[[int], None] = lambda n: None,
    on_shot: Callable[[Outcome], None] = lambda o: None,
) -> ShotsReport:
    """The build's screenshot step. A missing browser becomes an error finding instead of an
    exception, so the build still writes its manifest."""
    try:
        return take_screenshots(project, out, folders, None, on_planned, on_shot)
    except BrowserNotFound as exc:
        return ShotsReport(
            diagnostics=[Diagnostic("mailglot.yaml", None, BROWSER_CODE, "error", str(exc))]
        )
