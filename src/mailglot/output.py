"""Where outputs go and how they are written: whole or not at all, only when changed, never
outside build/, and one build at a time per project. meta.json has its one reader and its
one writer here."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from mailglot.jsonfile import dump_json, read_json
from mailglot.records import JobMeta, JobPlace

BUILD_DIR = "build"
META = "meta.json"


def _inside(out: Path, path: Path) -> None:
    # abspath, not resolve(): pure string work, no file system calls on the hot path
    base, target = os.path.abspath(out), os.path.abspath(path)
    if os.path.commonpath([base, target]) != base:
        raise ValueError(f"refusing to write outside the output folder: {path}")


def atomic_write(path: Path, data: bytes, out: Path) -> bool:
    """Write via a temporary file and rename; skip when the content is already there."""
    _inside(out, path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


def write_files(out: Path, place: JobPlace, files: Mapping[str, bytes]) -> None:
    """A job's rendered files. Its meta.json comes later (`write_meta`), after review: until
    it names the job's new key, the job counts as not built and the next build redoes it."""
    folder = place.folder(out)
    for name, data in files.items():
        atomic_write(folder / name, data, out)


def write_meta(out: Path, meta: JobMeta) -> None:
    """The one writer of meta.json, called once per job per build."""
    atomic_write(meta.place.folder(out) / META, dump_json(meta.to_dict()), out)


def read_meta(out: Path, place: JobPlace) -> JobMeta | None:
    """The one reader of meta.json, for outputs an earlier build left. A file that is missing,
    corrupt or not mailglot's (or not this job's) counts as absent, so the job is rebuilt."""
    try:
        meta = JobMeta.from_dict(read_json(place.folder(out) / META))
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return meta if meta.place == place else None


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Two builds of one project take turns instead of interleaving their writes."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def prune(out: Path, keep: set[JobPlace], keep_campaigns: set[str]) -> list[str]:
    """After a full build, remove the job folders the plan no longer has (a dropped locale, a
    market that stopped observing an event), so the gallery and `send` never offer stale
    emails. Campaigns that failed to load keep theirs."""
    removed = []
    wanted = {p.rel for p in keep}
    for meta in sorted(out.glob(f"*/*/*/{META}")):
        folder = meta.parent
        rel = folder.relative_to(out).as_posix()
        if rel in wanted or rel.split("/")[0] in keep_campaigns:
            continue
        _inside(out, folder)
        shutil.rmtree(folder)
        removed.append(rel)
        for parent in (folder.parent, folder.parent.parent):
            if parent != out and not any(parent.iterdir()):
                parent.rmdir()
    return removed
