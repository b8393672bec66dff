"""The files `mailglot merge` takes from a shard's job folder, and how it copies them.

Shards come back as CI artifacts, read as untrusted: a job folder there may hold anything.
Merge takes only the names a build writes into a job's folder (an `x.html` planted there
would be served by `serve` next to the email, with the build's origin), each no bigger than
a build ever writes one, and copies it in pieces: a 3 GB (sparse) file once made merge read
it whole into memory and die of it, or write 3 GB of zeros into build/.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from mailglot.errors import UsageError, escape_shown
from mailglot.gallery import IMAGES_OFF
from mailglot.output import (
    CREATE_NEW,
    OUTPUT_FILES,
    OutputError,
    open_existing,
    read_up_to,
    temporary_name,
)
from mailglot.records import SHOT_NAMES
from mailglot.shots.state import STATE

# Every name a build writes into a job's folder: its outputs, the preview with images off,
# the screenshots' record, each screenshot and its diff with the approved baseline.
JOB_FILES = frozenset(
    (
        *OUTPUT_FILES,
        IMAGES_OFF,
        STATE,
        *(f"{name}.png" for name in SHOT_NAMES),
        *(f"diff-{name}.png" for name in SHOT_NAMES),
    )
)
# The largest file merge copies. The largest a build writes is a screenshot: at most 16,000
# px tall (shots/capture.MAX_HEIGHT) by the desktop width, about 100 MB as raw pixels and far
# less as PNG; an email's HTML is a few hundred kB. Twice that is room enough.
MAX_BYTES = 256 * 1024 * 1024
# What merge parses whole (a job's meta.json and shots.json: a few kB, findings included).
MAX_JSON_BYTES = 16 * 1024 * 1024
_JSON = frozenset(name for name in JOB_FILES if name.endswith(".json"))
_CHUNK = 1024 * 1024


def checked_file(entry: os.DirEntry[str], shard: object) -> tuple[str, str]:
    """`(name, path)` of a regular file in a shard's job folder (the caller has refused links),
    once its name is one a build writes and its size one a build could write."""
    if entry.name not in JOB_FILES:
        raise UsageError(
            f"{escape_shown(entry.path)}: not a file a build writes in a job's folder (shard "
            f"{shard}); refusing to merge it, nothing was written: build that shard again, "
            "then merge"
        )
    size = entry.stat(follow_symlinks=False).st_size
    if size > limit(entry.name):
        raise UsageError(too_big(entry.path, size, shard))
    return entry.name, entry.path


def limit(name: str) -> int:
    """The most bytes a build writes in a file of this name."""
    return MAX_JSON_BYTES if name in _JSON else MAX_BYTES


def too_big(path: str, size: int, shard: object) -> str:
    return (
        f"{escape_shown(path)}: {size:,} bytes, more than a build writes in this file "
        f"({limit(os.path.basename(path)):,} at most; shard {shard}); refusing to merge it: "
        "build that shard again, then merge"
    )


def copy_file(source: str, target: Path, shard: object) -> bool:
    """Copy `source` (no link followed, even one planted since it was checked) to `target`
    through a temporary and a rename, a megabyte at a time; False when `target` already
    holds exactly these bytes (then nothing is written). The caller has checked that the
    target's folder stays inside the output folder."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as exc:
        raise UsageError(f"{source}: cannot read it from the shard ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{source}: not a regular file in the shard; refusing to copy it")
        if st.st_size > limit(target.name):  # grown since it was checked
            raise UsageError(too_big(source, st.st_size, shard))
        if _same(fd, st.st_size, target):
            return False
        os.lseek(fd, 0, os.SEEK_SET)
        _write(fd, target, source, shard)
        return True
    finally:
        os.close(fd)


def _same(fd: int, size: int, target: Path) -> bool:
    """Whether `target` is a regular file (not a link) holding exactly the bytes of `fd`."""
    other = open_existing(target, target)
    if other is None:
        return False
    try:
        st = os.fstat(other)
        if not stat.S_ISREG(st.st_mode) or st.st_size != size:
            return False
        while True:
            mine = os.read(fd, _CHUNK)
            theirs = read_up_to(other, len(mine)) if mine else os.read(other, 1)
            if mine != theirs:
                return False
            if not mine:
                return True
    finally:
        os.close(other)


def _write(fd: int, target: Path, source: str, shard: object) -> None:
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / temporary_name(target.name)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)  # a killed merge of the same pid's
    try:
        out = os.open(tmp, CREATE_NEW, 0o666)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    try:
        try:
            copied = 0
            while chunk := os.read(fd, _CHUNK):
                copied += len(chunk)
                if copied > limit(target.name):  # growing while it is read
                    raise UsageError(too_big(source, copied, shard))
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view) :]
        finally:
            os.close(out)
        os.replace(tmp, target)  # replaces a link at the target itself, never its target
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror}") from None
        raise
