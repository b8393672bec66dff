"""How a worker puts a job's files in build/: a new job's folder appears whole, at once; an
existing one is updated file by file, each file whole, identical ones left alone.

A cold build writes every file of every job, and the file system is where most of a
worker's kernel time goes: per file, writing through a temporary name (output.atomic_write)
costs a probe for the old file, a create and a rename, each resolving the whole path. A job
whose folder does not exist yet has nothing to compare with and no reader to protect from
half-written files, so its files are created directly in a fresh hidden sibling folder
(`.<variant>.<pid>-<n>.tmp`, made here with mkdir, so nothing else is in it) and that folder
is renamed into place once. Readers see no folder, then the whole job: every file and, when
the worker writes it, meta.json (still the last thing that makes the job count as built).
A job that fails leaves nothing; a killed build's temporary folder is removed by the next
whole build (pruning.prune) and is never taken for a job (its name is no job's).

Every step works relative to an open descriptor of the folder above, reached component by
component with O_NOFOLLOW, so a link planted anywhere below build/ is never followed (and
no path is checked first and used later). When something on the way is not a plain folder
(a link, a file in the way, a folder that cannot be opened), the job takes the path-based
writer instead, which writes through a link that stays inside build/, names one that leads
out, and reports what cannot be written exactly as before.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from mailglot.output import (
    CREATE_NEW,
    META,
    OutputError,
    atomic_write,
    contained,
    meta_bytes,
    remove_stale_temporaries,
    temporary_name,
    write_all,
    write_at,
)
from mailglot.records import JobMeta, JobPlace

_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class JobFolder:
    """A job's folder for one worker's writes: `with JobFolder(out, place) as folder:`, then
    `write_files`, then (when the worker reviews the job) `write_meta`. Leaving the block
    normally puts a new folder in place; an exception discards it."""

    def __init__(self, out: Path, place: JobPlace) -> None:
        self.out, self.place = out, place
        self._path: Path | None = None
        self._fds: list[int] = []
        self._parent: int | None = None  # `<campaign>/<locale>`, when reached safely
        self._folder: int | None = None  # the job's folder, or the temporary one
        self._temporary: str | None = None  # its name, when the job's folder is new
        self._written: dict[str, bytes] = {}

    @property
    def path(self) -> Path:
        """The job's folder as a path: for the path-based writer and for messages only (a
        job's files are written through descriptors), so made when first asked."""
        if self._path is None:
            self._path = self.place.folder(self.out)
        return self._path

    @property
    def fresh(self) -> bool:
        """The job's folder is new: nothing an earlier build left is in it (no shots.json)."""
        return self._temporary is not None

    def __enter__(self) -> JobFolder:
        try:
            self._open()
        except OSError:  # the path-based writer reports it, as it always has
            self._discard()
            self._close()
            self._parent = self._folder = None
        return self

    def _open(self) -> None:
        parts = (self.place.campaign, self.place.locale, self.place.variant)
        if any(p in ("", ".", "..") or "/" in p for p in parts):
            return  # not a plain name: the path-based writer refuses it
        try:
            base = self._keep(os.open(self.out, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC))
        except FileNotFoundError:
            return  # build/ itself is made by the path-based writer
        campaign = self._subfolder(base, parts[0])
        self._parent = self._subfolder(campaign, parts[1])
        try:
            self._folder = self._keep(os.open(parts[2], _FOLDER, dir_fd=self._parent))
            remove_stale_temporaries(self._folder)  # a killed rewrite's, never renamed
        except FileNotFoundError:
            self._temporary = self._make_temporary(self._parent, parts[2])
            self._folder = self._keep(os.open(self._temporary, _FOLDER, dir_fd=self._parent))

    def _subfolder(self, parent: int, name: str) -> int:
        """`name` in `parent`, made when missing (by this job or another worker's)."""
        try:
            return self._keep(os.open(name, _FOLDER, dir_fd=parent))
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o777, dir_fd=parent)  # less the umask, as makedirs
            return self._keep(os.open(name, _FOLDER, dir_fd=parent))

    @staticmethod
    def _make_temporary(parent: int, variant: str) -> str:
        for _ in range(10):
            name = temporary_name(variant)
            try:
                os.mkdir(name, 0o777, dir_fd=parent)
                return name
            except FileExistsError:
                continue  # left by a killed process that had this pid: another number
        raise OSError(errno.EEXIST, os.strerror(errno.EEXIST))

    def _keep(self, fd: int) -> int:
        self._fds.append(fd)
        return fd

    def write_files(self, files: Mapping[str, bytes]) -> None:
        """Each file whole; in an existing folder, only those whose bytes changed."""
        if self._folder is None:
            contained(self.out, self.path)
            for name, data in files.items():
                atomic_write(self.path / name, data, self.out, checked=True)
            return
        for name, data in files.items():
            if self._temporary is None:
                write_at(self._folder, name, data, self.path / name)
                continue
            try:
                write_all(os.open(name, CREATE_NEW, 0o666, dir_fd=self._folder), data)
            except OSError as exc:
                raise OutputError(f"cannot write {self.path / name}: {exc.strerror}") from None
            self._written[name] = data

    def write_meta(self, meta: JobMeta) -> None:
        """The job's meta.json, last: what makes the job count as built (output.write_meta
        writes it for the steps that are not a worker's)."""
        self.write_files({META: meta_bytes(meta)})

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._temporary is not None:
                self._finish(failed=kind is not None)
        finally:
            self._close()

    def _finish(self, failed: bool) -> None:
        """Rename the new folder into place, or discard it. What appeared there in the
        meantime is not replaced (but for an empty folder, which rename takes the place
        of): the files go through the path-based writer instead, which updates a folder
        file by file and reports a file or a link out of build/ in the way."""
        assert self._parent is not None and self._temporary is not None
        if not failed:
            try:
                os.rename(
                    self._temporary,
                    self.place.variant,
                    src_dir_fd=self._parent,
                    dst_dir_fd=self._parent,
                )
                return
            except OSError:
                pass
        self._discard()
        if not failed:
            written, self._folder = self._written, None
            self.write_files(written)

    def _discard(self) -> None:
        """Remove the temporary folder, if there is one (else a later prune does)."""
        if self._temporary is not None and self._parent is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(self._temporary, dir_fd=self._parent)
        self._temporary = None

    def _close(self) -> None:
        for fd in reversed(self._fds):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds.clear()
