"""Visual review: approved screenshots as a baseline, and what changed since.

`mailglot approve` copies a job's current screenshots to
`approved/<campaign>/<locale>/<variant>/<shot>.png` at the project root, a folder meant to be
committed, so a team reviews a change once. Every build then compares each screenshot
with its baseline pixel by pixel, writes `diff-<shot>.png` next to it and records the share
of pixels that changed. Comparisons are cached by the hashes of both images, so a rebuild
that changed nothing decodes no PNG.

The same pass puts the browser's layout findings into each job's findings (replacing the
previous ones); meta.json, the manifest and the gallery are then written from its result,
so they agree after every build.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailglot.containment import link_out
from mailglot.errors import Diagnostic, UsageError, silence
from mailglot.output import BUILD_DIR
from mailglot.records import JobMeta, JobPlace, ManifestEntry, Review
from mailglot.shots.label_lines import label_locator
from mailglot.shots.layout import is_layout, layout_findings
from mailglot.shots.state import ShotState, is_shot, read_state, shot_key, write_state

if TYPE_CHECKING:
    from PIL import Image

    from mailglot.project.loader import Project

APPROVED_DIR = "approved"
SHOTS_CODE = "shots.failed"
BASELINE_CODE = "shots.baseline"


def baseline_dir(project_root: Path, place: JobPlace) -> Path:
    return project_root / APPROVED_DIR / place.rel


def review_job(
    project: Project,
    out: Path,
    place: JobPlace,
    findings: Iterable[Diagnostic],
    fresh: bool = False,
) -> tuple[tuple[Diagnostic, ...], Review]:
    """The job's findings with this build's layout findings in place of the previous ones,
    and its review against the approved baseline. Updates the job's shots.json only: the
    caller writes meta.json and the manifest from what this returns. `fresh`: the job's
    folder is new (jobfolder.JobFolder.fresh), so it has no shots.json to look for."""
    folder = place.folder(out)
    config = project.settings.screenshots
    state = ShotState() if fresh else read_state(folder)
    # never shot (a --no-screenshots build): no key to hash the preview and its assets for
    current = state.key is not None and is_shot(
        folder, shot_key(folder, project.root, config), state
    )
    kept = [f for f in findings if not is_layout(f) and f.code not in (SHOTS_CODE, BASELINE_CODE)]
    job_path = place.in_build(BUILD_DIR)
    if current:
        locate = label_locator(project.root, place.locale, project.settings.source_locale)
        layout = layout_findings(state.layout, job_path, config.phone, locate)
        kept += silence(layout, project.settings.checks.disable)
    elif state.error:
        kept.append(
            Diagnostic(f"{job_path}/preview.html", None, SHOTS_CODE, "warning", state.error)
        )
    base: Path | None = baseline_dir(project.root, place)
    if (link := baseline_link(project.root, place, state.sizes, base)) is not None:
        kept.append(Diagnostic(link[0], None, BASELINE_CODE, "error", _leads_out(*link)))
        base = None  # compared with nothing, as a job never approved
    shots = _compare_all(out, place, state, base) if current else {}
    has_baseline = base is not None and base.is_dir() and any(base.glob("*.png"))
    shares = [v for v in shots.values() if v is not None]
    review = Review(
        current=current,
        sizes=tuple((name, *size) for name, size in state.sizes.items()) if current else (),
        baseline=has_baseline,
        changed=has_baseline and (any(s > 0 for s in shares) or None in shots.values()),
        changed_share=max(shares, default=0.0),
        shots=tuple(shots.items()),
    )
    if current:  # the comparisons above may have filled its cache; otherwise it is as read
        write_state(folder, state, out)
    return tuple(kept), review


def reviewed(project: Project, out: Path, meta: JobMeta, fresh: bool = False) -> JobMeta:
    """The job's record as meta.json gets it: `review_job` applied. One function for the
    after-render step (`publish`) and for a build worker when no screenshot step follows."""
    findings, visual = review_job(project, out, meta.place, meta.findings, fresh)
    return replace(meta, findings=findings, visual=visual)


def baseline_link(
    root: Path, place: JobPlace, shots: Iterable[str], base: Path | None = None
) -> tuple[str, str] | None:
    """The first of approved/, its folders down to the job's and the job's baselines that is
    a link out of the project, and where it leads (None when there is none). A build compares
    with them and `approve` writes and deletes there: through such a link, both would reach
    files elsewhere. `base`: the job's `baseline_dir`, when the caller has it."""
    base = baseline_dir(root, place) if base is None else base
    files = [base / f"{name}.png" for name in shots]
    if all(link_out(root, path) is None for path in (base, *files)):
        return None
    rel = [APPROVED_DIR, place.campaign, place.locale, place.variant]
    steps = ["/".join(rel[: n + 1]) for n in range(len(rel))]
    for path in (*steps, *(f"{steps[-1]}/{f.name}" for f in files)):
        target = link_out(root, root / path)
        if target is not None:
            return path, target
    return None  # changed while looked at; the next build looks again


def _leads_out(path: str, target: str) -> str:
    return (
        f"{path} leads to {target}, outside the project; mailglot does not read or write "
        "baselines there (remove the link, or copy the baselines into the project)"
    )


def _compare_all(
    out: Path, place: JobPlace, state: ShotState, base: Path | None
) -> dict[str, float | None]:
    """Share of changed pixels per shot; None where the shot has no baseline yet (all of them
    when `base` is None)."""
    folder = place.folder(out)
    shares: dict[str, float | None] = {}
    review: dict[str, dict[str, Any]] = {}
    for name in state.sizes:
        current, approved, diff = (
            folder / f"{name}.png",
            None if base is None else base / f"{name}.png",
            folder / f"diff-{name}.png",
        )
        if approved is None or not approved.is_file():
            diff.unlink(missing_ok=True)
            shares[name] = None
            continue
        hashes = {"current": _sha(current), "baseline": _sha(approved)}
        cached = state.review.get(name, {})
        if {k: cached.get(k) for k in hashes} == hashes and (
            cached["share"] == 0 or diff.is_file()
        ):
            share = cached["share"]
        else:
            share, image = compare_images(current, approved)
            if image is None:
                diff.unlink(missing_ok=True)
            else:
                image.save(diff, optimize=False, compress_level=1)
        review[name] = {**hashes, "share": share}
        shares[name] = share
    for stale in folder.glob("diff-*.png"):
        if stale.stem.removeprefix("diff-") not in review:
            stale.unlink()
    state.review = review
    return shares


def compare_images(current: Path, baseline: Path) -> tuple[float, Image.Image | None]:
    """The share of pixels that differ (a size change counts the area only one image has), and
    a diff image: the current shot faded, changed pixels in red. No image when nothing changed."""
    from PIL import Image, ImageChops  # lazy: decoded only when a baseline exists

    with Image.open(current) as a_file, Image.open(baseline) as b_file:
        a, b = a_file.convert("RGB"), b_file.convert("RGB")
    size = (max(a.width, b.width), max(a.height, b.height))
    if a.size != size:
        a = _pad(a, size)
    if b.size != size:
        b = _pad(b, size)
    mask = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
    changed = mask.histogram()[255]
    if not changed:
        return 0.0, None
    faded = Image.blend(a, Image.new("RGB", size, "white"), 0.7)
    faded.paste((230, 0, 60), mask=mask)
    return changed / (size[0] * size[1]), faded


def _pad(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    from PIL import Image  # lazy: decoded only when a baseline exists

    canvas = Image.new("RGB", size, (255, 0, 255))  # a colour no email uses: always "changed"
    canvas.paste(image, (0, 0))
    return canvas


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
    wanted: set[Path] = set()
    states = {job.id: _approvable(project, out, job) for job in jobs}  # before any write
    stale = [base for c in {j.campaign for j in jobs} for base in (root / c).glob("*/*")]
    for base in stale:
        if (target := link_out(project.root, base)) is not None:
            raise UsageError(_leads_out(base.relative_to(project.root).as_posix(), target))
    for job in jobs:
        assert job.place is not None
        folder, state = job.place.folder(out), states[job.id]
        base = baseline_dir(project.root, job.place)
        base.mkdir(parents=True, exist_ok=True)
        wanted.add(base)
        for old in base.glob("*.png"):
            if old.stem not in state.sizes:
                old.unlink()
                done.removed.append(old.relative_to(project.root).as_posix())
        for name in state.sizes:
            shutil.copyfile(folder / f"{name}.png", base / f"{name}.png")
            done.shots += 1
        done.jobs.append(job.id)
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
        raise UsageError(_leads_out(*link))
    return state
