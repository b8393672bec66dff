"""The build a command works on (shots, approve, check), taken under the build lock, and
what of a job's outputs is not there to trust: files missing from its folder, a meta.json
that is missing or cannot be read.

Taking the lock makes `build/` and `build/.lock`: on a project never built, `shots` and
`approve` left both behind before saying "nothing built yet". They skip the lock, and make
nothing, only when `build/` itself is missing: a first build makes the folder and holds the
lock before it writes a manifest, so a missing manifest in a folder that is there may be one
on its way, and the command waits for it like any build in progress.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mailglot.manifest import require_manifest
from mailglot.output import BUILD_DIR, META, OUTPUT_FILES, build_lock
from mailglot.records import JobPlace, Manifest


@contextmanager
def current_build(out: Path) -> Iterator[Manifest]:
    """The manifest of the build in `out`, read once the lock is held (a build running now
    finishes first); a usage error, and nothing made, when there is no `out` folder."""
    if not out.exists():
        require_manifest(out)  # says "nothing built yet" (a build that started since is read)
    with build_lock(out):
        yield require_manifest(out)


def missing_outputs(folder: Path) -> tuple[str, ...]:
    """The job's files a build writes (output.OUTPUT_FILES) that are not in its folder: the
    job is not what its build made (a plain `mailglot build` writes it again)."""
    return tuple(name for name in OUTPUT_FILES if not (folder / name).is_file())


def named(files: tuple[str, ...]) -> str:
    """`email.html`, `email.html and email.txt`, `a, b and c`."""
    return files[0] if len(files) == 1 else f"{', '.join(files[:-1])} and {files[-1]}"


def unrecorded(out: Path, place: JobPlace) -> tuple[str, str]:
    """Where and what is wrong for a job the manifest lists but whose meta.json cannot be
    used (`publish.job_metas` left it out): its folder or meta.json missing, meta.json
    unreadable or not mailglot's. The path is project-relative, as findings are located."""
    folder = place.folder(out)
    rel = place.in_build(BUILD_DIR)
    if not folder.is_dir():
        return f"{rel}/", "the job's folder is missing"
    where = f"{rel}/{META}"
    if not (folder / META).is_file():
        return where, f"{META} is missing"
    try:
        (folder / META).read_bytes()
    except OSError as exc:  # its permissions
        return where, f"{META} cannot be read: {exc.strerror or exc}"
    return where, f"{META} is damaged or not written by this mailglot"
