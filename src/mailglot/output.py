"""Where outputs go and how they are written: whole or not at all, only when changed, never
outside build/, and one build at a time per project."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mailglot.plan import Job

BUILD_DIR = "build"


def job_dir(out: Path, job: Job) -> Path:
    return out / job.campaign / job.locale / job.variant


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


def dump_json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def write_job(out: Path, job: Job, files: dict[str, bytes], meta: dict[str, Any]) -> None:
    """meta.json goes last: until it names the new key, the job counts as not built."""
    folder = job_dir(out, job)
    for name, data in files.items():
        atomic_write(folder / name, data, out)
    atomic_write(folder / "meta.json", dump_json(meta), out)


def read_meta(out: Path, job: Job) -> dict[str, Any] | None:
    try:
        return json.loads((job_dir(out, job) / "meta.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


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


def prune(out: Path, keep: set[str], keep_campaigns: set[str]) -> list[str]:
    """After a full build, remove the job folders the plan no longer has (a dropped locale, a
    market that stopped observing an event), so the gallery and `send` never offer stale
    emails. Campaigns that failed to load keep theirs."""
    removed = []
    for meta in sorted(out.glob("*/*/*/meta.json")):
        folder = meta.parent
        rel = folder.relative_to(out).as_posix()
        if rel in keep or rel.split("/")[0] in keep_campaigns:
            continue
        _inside(out, folder)
        shutil.rmtree(folder)
        removed.append(rel)
        for parent in (folder.parent, folder.parent.parent):
            if parent != out and not any(parent.iterdir()):
                parent.rmdir()
    return removed
