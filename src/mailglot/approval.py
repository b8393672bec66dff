"""`mailglot approve`: the current screenshots copied into approved/ as the reviewed baseline.

All or nothing, as far as the file system lets a check tell beforehand: every job's shots
must be current, every folder and file approve writes or removes must be a folder or a file
where one is needed, inside the project and writable, before the first baseline is written.
A folder named `phone.png`, or `approved` as a file, stopped approve with a traceback after
it had overwritten the baselines of every job sorted before it. Each baseline is written
whole (a temporary file renamed over it, as build outputs are), so a killed approve leaves
no cut-short PNG for the next build to choke on, and one already identical is not rewritten.
New baselines are all written before any old one is removed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mailglot.baseline import APPROVED_DIR, baseline_dir, baseline_link, leads_out
from mailglot.containment import link_out
from mailglot.errors import UsageError
from mailglot.output import atomic_write
from mailglot.project.loader import Project
from mailglot.records import ManifestEntry
from mailglot.shots.state import ShotState, is_shot, read_state, shot_key

_NOTHING_DONE = "then approve again (nothing was approved)"


@dataclass
class Approved:
    """What `approve` did: the jobs approved, the screenshots copied, the baselines it
    removed (a job's folder gone with its job, a shot size no longer taken) and those it
    kept for jobs that failed, project-relative."""

    jobs: list[str] = field(default_factory=list)
    shots: int = 0
    removed: list[str] = field(default_factory=list)
    # baselines of jobs that failed (or may exist unplanned), left as they were
    kept: list[str] = field(default_factory=list)


def approve(
    project: Project,
    out: Path,
    jobs: list[ManifestEntry],
    existing: Collection[str] = (),
    unsure: Collection[str] = (),
) -> Approved:
    """Copy the current screenshots of `jobs` into approved/; baselines of shots or jobs of
    those campaigns that no longer exist are removed. `existing`: the places
    (`<campaign>/<locale>/<variant>`) of every job the build still has, failed ones included:
    a job that failed keeps its baseline, to be compared with once it builds again.
    `unsure`: campaigns whose jobs the build could not all plan (a campaign or an events.yaml
    rule with errors): none of their baselines is removed."""
    done = Approved()
    root = project.root / APPROVED_DIR
    states = {job.id: _approvable(project, out, job) for job in jobs}  # before any write
    stale = [base for c in {j.campaign for j in jobs} for base in (root / c).glob("*/*")]
    for base in stale:
        if (target := link_out(project.root, base)) is not None:
            raise UsageError(leads_out(base.relative_to(project.root).as_posix(), target))
    _check_targets(project.root, jobs, states)
    wanted: set[Path] = set()
    old: list[Path] = []
    for job in jobs:
        assert job.place is not None
        folder, state = job.place.folder(out), states[job.id]
        base = baseline_dir(project.root, job.place)
        wanted.add(base)
        for name in state.sizes:
            atomic_write(base / f"{name}.png", (folder / f"{name}.png").read_bytes(), project.root)
            done.shots += 1
        old += [png for png in base.glob("*.png") if png.stem not in state.sizes]
        done.jobs.append(job.id)
    for png in old:  # shot sizes no longer taken
        png.unlink()
        done.removed.append(png.relative_to(project.root).as_posix())
    for base in stale:
        if not base.is_dir() or base in wanted:
            continue
        job = base.relative_to(root).as_posix()
        if job in existing or job.partition("/")[0] in unsure:
            done.kept.append(base.relative_to(project.root).as_posix())
            continue
        shutil.rmtree(base)
        done.removed.append(base.relative_to(project.root).as_posix())
    done.removed.sort()
    done.kept.sort()
    return done


def _approvable(project: Project, out: Path, job: ManifestEntry) -> ShotState:
    """The job's shots state, when its screenshots are current and its baselines' folder
    stays in the project; a UsageError otherwise."""
    assert job.place is not None
    folder = job.place.folder(out)
    state = read_state(folder)
    if not is_shot(folder, shot_key(folder, project.root, project.settings.screenshots), state):
        raise UsageError(
            f"{job.id} has no current screenshots: run `mailglot shots` (or `mailglot "
            "build`) before approving"
        )
    if (link := baseline_link(project.root, job.place, state.sizes)) is not None:
        raise UsageError(leads_out(*link))
    return state


def _check_targets(root: Path, jobs: Sequence[ManifestEntry], states: dict[str, ShotState]) -> None:
    """A UsageError naming the first path approve could not write or remove: a file where a
    folder of baselines goes (approved/ itself, a campaign's, a job's), a folder where a PNG
    goes or where an old PNG is removed, a folder approve may not write in."""
    folders: set[str] = set()
    for job in jobs:
        assert job.place is not None
        steps = [APPROVED_DIR, *job.place.rel.split("/")]
        for depth in range(1, len(steps) + 1):
            rel = "/".join(steps[:depth])
            if rel not in folders:
                folders.add(rel)
                _folder_or_nothing(root, rel)
        rel = "/".join(steps)
        base = root / rel
        names = {f"{name}.png" for name in states[job.id].sizes}
        names |= {png.name for png in base.glob("*.png")}  # the old ones approve may remove
        for name in sorted(names):
            path = base / name
            if path.is_dir() and not path.is_symlink():
                raise UsageError(
                    f"{rel}/{name} is a folder, where approve writes the {path.stem} screenshot "
                    f"of {job.id}: move it away, {_NOTHING_DONE}"
                )
        _writable(root, base)


def _folder_or_nothing(root: Path, rel: str) -> None:
    path = root / rel
    if os.path.lexists(path) and not path.is_dir():
        raise UsageError(
            f"{rel} is a file, where approve keeps baselines in a folder: move it away, "
            f"{_NOTHING_DONE}"
        )


def _writable(root: Path, folder: Path) -> None:
    """The folder, or the nearest one above it that is there (approve makes the rest), must
    let approve add and replace files."""
    while not folder.exists() and folder != root:
        folder = folder.parent
    if not os.access(
        folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids
    ):
        rel = folder.relative_to(root).as_posix() if folder != root else "."
        raise UsageError(
            f"{rel}: approve may not write in this folder (permission denied): give yourself "
            f"write access, {_NOTHING_DONE}"
        )
