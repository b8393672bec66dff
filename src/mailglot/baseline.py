"""Visual review: approved screenshots as a baseline, and what changed since.

`mailglot approve` (approval.py) copies a job's current screenshots to
`approved/<campaign>/<locale>/<variant>/<shot>.png` at the project root, a folder meant to be
committed, so a team reviews a change once. Every build then compares each screenshot
with its baseline pixel by pixel, writes `diff-<shot>.png` next to it and records the share
of pixels that changed. Comparisons are cached by the hashes of both images, so a rebuild
that changed nothing decodes no PNG.

A baseline is read as untrusted input: a clone without Git LFS has pointer files where the
PNGs go, a cut-short copy a truncated PNG, and a small file can declare a huge image. Each is
told from its first bytes, before anything is decoded (or from Pillow's error while decoding),
and becomes a `shots.baseline` error on its job, whose shot is compared with nothing; the
build goes on.

The same pass puts the browser's layout findings into each job's findings (replacing the
previous ones); meta.json, the manifest and the gallery are then written from its result,
so they agree after every build.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailglot.containment import link_out
from mailglot.errors import Diagnostic, silence
from mailglot.output import BUILD_DIR
from mailglot.records import JobMeta, JobPlace, Review
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
        kept.append(Diagnostic(link[0], None, BASELINE_CODE, "error", leads_out(*link)))
        base = None  # compared with nothing, as a job never approved
    damaged: list[DamagedImage] = []
    shots = _compare_all(out, place, state, base, damaged) if current else {}
    kept += [_damaged_finding(project.root, d) for d in damaged]
    unread = {d.path for d in damaged}
    has_baseline = (
        base is not None and base.is_dir() and any(p not in unread for p in base.glob("*.png"))
    )
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


def leads_out(path: str, target: str) -> str:
    return (
        f"{path} leads to {target}, outside the project; mailglot does not read or write "
        "baselines there (remove the link, or copy the baselines into the project)"
    )


def _compare_all(
    out: Path, place: JobPlace, state: ShotState, base: Path | None, damaged: list[DamagedImage]
) -> dict[str, float | None]:
    """Share of changed pixels per shot; None where the shot has no baseline yet (all of them
    when `base` is None), or where it or its baseline cannot be read as a PNG (added to
    `damaged`: a clone without Git LFS has pointers where the baselines go)."""
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
            try:
                share, image = compare_images(current, approved)
            except DamagedImage as exc:
                damaged.append(exc)
                diff.unlink(missing_ok=True)
                shares[name] = None
                continue
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
    a diff image: the current shot faded, changed pixels in red. No image when nothing changed.
    DamagedImage when either file is not a PNG this can compare."""
    from PIL import Image, ImageChops  # lazy: decoded only when a baseline exists

    a, b = _rgb(current), _rgb(baseline)
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


class DamagedImage(Exception):
    """A screenshot or baseline that cannot be compared; `why` says what it is instead."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}")
        self.path, self.why = path, why


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_LFS_POINTER = b"version https://git-lfs.github.com/spec/"
LFS_POINTER = "not a PNG but a Git LFS pointer to one"
# The largest screenshot mailglot takes: screenshots.desktop's bound, and capture.MAX_HEIGHT
# (Chromium's texture limit). Anything larger is no screenshot, and decoding one can take
# gigabytes (a 24 KB PNG of 20000x10000 pixels is 600 MB as RGB).
MAX_WIDTH, MAX_HEIGHT = 3000, 16_000


def png_problem(path: Path) -> str | None:
    """Why `path` is not a PNG screenshot, told from its first 24 bytes (signature and
    IHDR size), before anything is decoded; None when it looks like one."""
    try:
        with path.open("rb") as fh:
            head = fh.read(24)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if head.startswith(_LFS_POINTER[:24]):
        return LFS_POINTER
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return "not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    if width > MAX_WIDTH or height > MAX_HEIGHT:
        return (
            f"a PNG of {width}x{height} pixels, larger than any screenshot (at most "
            f"{MAX_WIDTH}x{MAX_HEIGHT}); not decoded"
        )
    return None


def _rgb(path: Path) -> Image.Image:
    """The PNG decoded as RGB, or DamagedImage (never Pillow's errors: a truncated file, a
    broken chunk, a decompression bomb)."""
    from PIL import Image  # lazy: decoded only when a baseline exists

    if (why := png_problem(path)) is not None:
        raise DamagedImage(path, why)
    try:
        with Image.open(path, formats=["PNG"]) as image:
            return image.convert("RGB")
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise DamagedImage(path, f"a damaged PNG ({exc})") from None


def _damaged_finding(root: Path, damaged: DamagedImage) -> Diagnostic:
    """A baseline that cannot be read is an error (the review compares that shot with
    nothing); a current screenshot, a warning, as a shot that failed."""
    path, shot = damaged.path, damaged.path.stem
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if not rel.startswith(f"{APPROVED_DIR}/"):
        why = (
            f"{damaged.why}: the {shot} shot is not compared with its baseline; delete it and "
            "run `mailglot shots` to take it again"
        )
        return Diagnostic(rel, None, SHOTS_CODE, "warning", why)
    fix = "run `mailglot approve` to take the current screenshots as the baseline"
    if damaged.why == LFS_POINTER:
        fix = (
            "run `git lfs pull` to fetch the approved image, or `mailglot approve` to take the "
            "current screenshots as the baseline"
        )
    why = f"{damaged.why}: the {shot} shot is compared with nothing; {fix}"
    return Diagnostic(rel, None, BASELINE_CODE, "error", why)


def _pad(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    from PIL import Image  # lazy: decoded only when a baseline exists

    canvas = Image.new("RGB", size, (255, 0, 255))  # a colour no email uses: always "changed"
    canvas.paste(image, (0, 0))
    return canvas


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
