"""What an earlier build left for each job: its record when current, or a note when damaged.

Before rendering, a build asks of every planned job whether its outputs are current. When a
layout, a catalog or mailglot itself changed, the answer is "no" for every job, and asking
was the build's longest serial step, with every worker still idle: at 10,000 jobs, 3.8 CPU-s
of path objects, a containment walk per folder and two reads of each meta.json.

`Previous` asks the same question with one read of each meta.json, opened through directory
descriptors with `O_NOFOLLOW` at every level, so no link under build/ is followed on the
way, and meta.json itself is never read through a link. Each campaign's and locale's folder
is opened once for all the jobs under it. Anything unusual on the way (a link, something
that is not a folder or not a plain file) is handed to the path-based functions
`is_current` and `damaged_meta`, so the answers are the same as theirs in every case.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

from mailglot.errors import Diagnostic
from mailglot.output import BUILD_DIR, META, OUTPUT_FILES, OutputError, contained, read_meta
from mailglot.plan import Job
from mailglot.records import JobMeta

_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # a FIFO does not block
_ABSENT = (errno.ENOENT,)


class _Unusual(Exception):
    """Something on the way is not a plain folder or file: ask the path-based functions."""


class Previous:
    """One build's look at its earlier outputs; `close()` (or `with`) releases its folders."""

    def __init__(self, out: Path):
        self.out = out
        self._open: dict[tuple[str, ...], int] = {}  # the build folder, a campaign, a locale
        # those found absent: a cold build's 10,000 jobs asked for their campaign's folder
        # 10,000 times (an exception each), all before the first worker started
        self._absent: set[tuple[str, ...]] = set()

    def __enter__(self) -> Previous:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for fd in self._open.values():
            os.close(fd)
        self._open.clear()

    def look(self, job: Job) -> tuple[JobMeta | None, Diagnostic | None]:
        """(the job's record if its outputs are current, a note if its meta.json is damaged)."""
        try:
            return self._look(job)
        except (_Unusual, OSError):  # OSError: a folder that cannot be read, a failing disk
            meta = is_current(self.out, job)
            return meta, None if meta is not None else damaged_meta(self.out, job)

    def _look(self, job: Job) -> tuple[JobMeta | None, Diagnostic | None]:
        place = job.place
        variant = self._folder((place.campaign, place.locale, place.variant))
        if variant is None:
            return None, None  # never built (every job of a cold build)
        try:
            try:
                fd = os.open(META, _FILE, dir_fd=variant)
            except OSError as exc:
                if exc.errno in _ABSENT:
                    return None, None
                raise _Unusual from exc
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise _Unusual
                raw = _read_all(fd)
            finally:
                os.close(fd)
            meta = _meta(raw, job)
            if meta is None:
                return None, _damaged(job)
            if meta.key != job.key:
                return None, None
            for name in OUTPUT_FILES:
                try:
                    mode = os.stat(name, dir_fd=variant, follow_symlinks=False).st_mode
                except FileNotFoundError:
                    return None, None
                if not stat.S_ISREG(mode):
                    raise _Unusual  # a link or a folder where a file should be
            return meta, None
        finally:
            os.close(variant)

    def _folder(self, parts: tuple[str, str, str]) -> int | None:
        """A new descriptor of the job's folder, or None when it (or a folder above) is absent.
        The build folder, campaign and locale descriptors are kept for the next jobs."""
        parent = self._opened((), os.fspath(self.out), None)
        for depth in (1, 2):
            if parent is None:
                return None
            parent = self._opened(parts[:depth], parts[depth - 1], parent)
        if parent is None:
            return None
        return _open_dir(parts[2], parent)

    def _opened(self, key: tuple[str, ...], name: str, at: int | None) -> int | None:
        if key in self._open:
            return self._open[key]
        if key in self._absent:
            return None
        if key:  # jobs come campaign by campaign, locale by locale: drop the previous ones
            for old in [k for k in self._open if len(k) >= len(key)]:
                os.close(self._open.pop(old))
        fd = _open_dir(name, at)
        if fd is not None:
            self._open[key] = fd
        else:
            self._absent.add(key)
        return fd


def _open_dir(name: str, at: int | None) -> int | None:
    try:
        return os.open(name, _DIR, dir_fd=at)
    except OSError as exc:
        if exc.errno in _ABSENT:
            return None
        raise _Unusual from exc


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _meta(raw: bytes, job: Job) -> JobMeta | None:
    """meta.json's record for this job, or None when it is not one (as `read_meta` decides)."""
    try:
        meta = JobMeta.from_dict(json.loads(raw.decode("utf-8")))
    # UnicodeDecodeError is a ValueError; RecursionError: nested too deep to read
    except (KeyError, TypeError, ValueError, IndexError, RecursionError):
        return None
    return meta if meta.place == job.place else None


def is_current(out: Path, job: Job) -> JobMeta | None:
    """The job's previous record, when its outputs are all there and made from the same
    inputs (same key); None means the job must be rendered. The path-based answer, for one
    job (tests, tools) and for the unusual cases `Previous` hands over."""
    folder = job.place.folder(out)
    if not _plain_file(os.path.join(folder, META)):
        return None  # never built, or a link: never read through
    try:
        contained(out, folder)
    except OutputError:
        return None  # rendering it reports the link
    meta = read_meta(out, job.place)
    if meta is None or meta.key != job.key:
        return None
    if not all((folder / name).is_file() for name in OUTPUT_FILES):
        return None
    return meta


def damaged_meta(out: Path, job: Job) -> Diagnostic | None:
    """One warning for a meta.json that is there but unreadable (corrupt, cut short, or not
    mailglot's): it counts as absent and the job is rebuilt, never a failure."""
    folder = job.place.folder(out)
    if not _plain_file(os.path.join(folder, META)):
        return None
    try:
        contained(out, folder)
    except OutputError:
        return None  # not read: rendering it reports the link
    return None if read_meta(out, job.place) is not None else _damaged(job)


def _plain_file(path: str) -> bool:
    """A file, not a link to one: meta.json is never read through a link, which could lead
    out of the project."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _damaged(job: Job) -> Diagnostic:
    return Diagnostic(
        f"{BUILD_DIR}/{job.place.rel}/{META}",
        None,
        "build-state",
        "warning",
        "unreadable (damaged, or not written by this mailglot); treated as absent, the job "
        "is rebuilt",
    )
