"""Where outputs go and how they are written: whole or not at all, only when changed, never
outside build/, and one build at a time per project. meta.json has its one reader and its
one encoding here (`meta_bytes`); a worker writes it with the job's other files through
jobfolder.JobFolder, everything else through `write_meta`.

"Never outside" holds after links are followed: a `build/<campaign>` that is a symlink to
another folder receives nothing, and pruning removes links, never what they point to. Files
get the permissions any other program's would (0666 less the umask).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import itertools
import os
import re
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from mailglot.containment import resolves_inside
from mailglot.errors import MailglotError
from mailglot.jsonfile import dump_json, read_json
from mailglot.records import JobMeta, JobPlace

BUILD_DIR = "build"
META = "meta.json"
# A job's files: it counts as built only when every one of them is there.
OUTPUT_FILES = ("email.mjml", "email.html", "preview.html", "email.txt", "email.eml", META)


def inside(out: Path, path: Path) -> None:
    # abspath, not resolve(): pure string work, no file system calls on the hot path
    base, target = os.path.abspath(out), os.path.abspath(path)
    if os.path.commonpath([base, target]) != base:
        raise ValueError(f"refusing to write outside the output folder: {path}")


class OutputError(MailglotError):
    """A file mailglot may not or cannot write; the message names it."""


def _existing_ancestor(path: Path) -> Path:
    while not os.path.lexists(path) and path != path.parent:
        path = path.parent
    return path


def contained(out: Path, folder: Path) -> None:
    """Refuse a folder that leaves `out` through a link (checked before anything is created
    in it, since creating the missing part would already follow the link)."""
    inside(out, folder)
    probe = _existing_ancestor(folder)
    base = os.path.abspath(out)
    if os.path.commonpath([base, os.path.abspath(probe)]) != base:
        return  # `out` itself is still to be made: there is no link in it to follow
    if not resolves_inside(out, probe):
        link = _first_link(out, probe)
        raise OutputError(
            f"{link} is a link to {os.path.realpath(link)}, outside {out.name}/; mailglot does "
            "not write through it (remove the link)"
        )


def _first_link(out: Path, path: Path) -> Path:
    """The outermost symlink between `out` and `path` (the one to remove)."""
    for depth in range(1, len(path.relative_to(out).parts) + 1):
        candidate = out.joinpath(*path.relative_to(out).parts[:depth])
        if candidate.is_symlink():
            return candidate
    return path


_SEQ = itertools.count()  # with the pid, a temporary name no other writer is using
CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
# A temporary name: `.<name>.<pid>-<n>.tmp`, a file next to its target or a job's folder next
# to where it goes (jobfolder.py). A killed build leaves them; `prune` removes the folders.
TEMPORARY = re.compile(r"\..+\.\d+-\d+\.tmp")


# The temporary of one of a job's own files (email.html, meta.json, shots.json, phone.png...):
# what a build killed while it rewrote a job leaves in the job's folder.
_JOB_TEMPORARY = re.compile(r"\.[a-z][a-z0-9-]*\.(?:mjml|html|txt|eml|json|png)\.\d+-\d+\.tmp")


def temporary_name(name: str) -> str:
    return f".{name}.{os.getpid()}-{next(_SEQ)}.tmp"


def remove_stale_temporaries(folder: str | int) -> None:
    """Remove what killed writers left in a job's folder (a path, or an open descriptor of
    it) that is about to be written: temporaries of the job's files, which no build ever
    renamed and none would ever remove. Called under the build lock, so no live writer owns
    one; regular files only (a link of that name, or a folder, stays), and only names of
    mailglot's own pattern for a job's files. One listing of a dozen names per job written."""
    try:
        with os.scandir(folder) as entries:
            stale = [
                e.name
                for e in entries
                if e.name[-4:] == ".tmp"
                and _JOB_TEMPORARY.fullmatch(e.name)
                and e.is_file(follow_symlinks=False)
            ]
    except OSError:
        return
    for name in stale:
        with contextlib.suppress(OSError):
            if isinstance(folder, int):
                os.unlink(name, dir_fd=folder)
            else:
                os.unlink(os.path.join(folder, name))


def atomic_write(path: Path, data: bytes, out: Path, *, checked: bool = False) -> bool:
    """Write via a temporary file and rename; skip when the content is already there.
    `checked`: the caller has just run `contained` on this folder (one check per job folder
    instead of one per file: each resolves every link on the way).

    The temporary file has a fixed name made of the pid and a counter, created with O_EXCL
    (never through a link planted there): mkstemp's random names cost several times more,
    and a build writes seven files per email."""
    if not checked:
        contained(out, path.parent)
    folder, name = os.path.split(os.fspath(path))
    return _replace(folder, name, data, None, path)


def write_at(folder_fd: int, name: str, data: bytes, shown: Path) -> bool:
    """`atomic_write` of `name` in the open folder `folder_fd` (which the caller reached
    without following links); `shown` is the path errors name."""
    return _replace("", name, data, folder_fd, shown)


def _replace(folder: str, name: str, data: bytes, dir_fd: int | None, shown: Path) -> bool:
    """`folder`/`name` when `dir_fd` is None, else `name` relative to `dir_fd`."""
    target = os.path.join(folder, name)
    if _holds(target, data, dir_fd, shown):
        return False
    tmp = os.path.join(folder, temporary_name(name))
    try:
        fd = _create(tmp, folder, dir_fd)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    try:
        write_all(fd, data)
        # replaces a link at the target itself, never its target
        if dir_fd is None:
            os.replace(tmp, target)
        else:
            os.replace(tmp, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=dir_fd)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
        raise
    return True


def write_all(fd: int, data: bytes) -> None:
    """Write `data` to `fd` and close it (os.write: no buffer object, no isatty or seek)."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _holds(target: str, data: bytes, dir_fd: int | None, shown: Path) -> bool:
    """Whether `target` is a regular file (not a link) with exactly these bytes; the size is
    compared before anything is read."""
    fd = open_existing(target, shown, dir_fd)
    if fd is None:
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        return read_up_to(fd, len(data) + 1) == data  # one byte more: a file that grew
    except OSError as exc:
        raise OutputError(f"cannot read {shown}: {exc.strerror}") from None
    finally:
        os.close(fd)


_READ_IN_PLACE = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


def open_existing(target: str | Path, shown: Path, dir_fd: int | None = None) -> int | None:
    """`target` opened to compare with what would replace it, or None when there is nothing
    to compare: no such file, or a link (replaced by the rename, never followed)."""
    try:
        # non-blocking: a FIFO planted here must not hang the build (regular files ignore it)
        return os.open(target, _READ_IN_PLACE, dir_fd=dir_fd)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
        raise OutputError(f"cannot read {shown}: {exc.strerror}") from None


def read_up_to(fd: int, size: int) -> bytes:
    """Up to `size` bytes (os.read: no buffer object, no isatty or seek)."""
    chunks = []
    while size > 0 and (chunk := os.read(fd, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _create(tmp: str, folder: str, dir_fd: int | None) -> int:
    """The temporary file, its folder made when missing (only then: a mkdir per file costs a
    system call and an exception each time; never below an open folder, which exists). A
    stale one left by a killed writer with the same pid is removed first."""
    for _ in range(3):
        try:
            return os.open(tmp, CREATE_NEW, 0o666, dir_fd=dir_fd)  # less the umask, as open()
        except (FileNotFoundError, NotADirectoryError):
            if dir_fd is not None:
                raise
            os.makedirs(folder, exist_ok=True)  # a file in the way: "File exists"
        except FileExistsError:
            os.unlink(tmp, dir_fd=dir_fd)
    return os.open(tmp, CREATE_NEW, 0o666, dir_fd=dir_fd)


def write_files(out: Path, place: JobPlace, files: Mapping[str, bytes]) -> None:
    """A job's rendered files. Its meta.json comes later (`write_meta`), after review: until
    it names the job's new key, the job counts as not built and the next build redoes it."""
    folder = place.folder(out)
    contained(out, folder)
    for name, data in files.items():
        atomic_write(folder / name, data, out, checked=True)


def write_meta(out: Path, meta: JobMeta) -> None:
    """meta.json, written once per job per build (by this or by jobfolder.JobFolder)."""
    atomic_write(meta.place.folder(out) / META, meta_bytes(meta), out)


def meta_bytes(meta: JobMeta) -> bytes:
    """The one encoding of meta.json, which `read_meta` reads back."""
    return dump_json(meta.to_dict())


def read_meta(out: Path, place: JobPlace) -> JobMeta | None:
    """The one reader of meta.json, for outputs an earlier build left. A file that is missing,
    corrupt or not mailglot's (or not this job's) counts as absent, so the job is rebuilt."""
    try:
        meta = JobMeta.from_dict(read_json(place.folder(out) / META))
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return meta if meta.place == place else None


_LOCKS: set[int] = set()  # lock descriptors this process holds; a forked child closes its copies


def _drop_inherited_locks() -> None:
    """In a forked child (a render worker): a child that outlives its build (kill -9 of the
    parent) must not keep the build's lock held through an inherited descriptor."""
    for fd in list(_LOCKS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _LOCKS.clear()


os.register_at_fork(after_in_child=_drop_inherited_locks)


def not_linked_out(out: Path) -> None:
    """Refuse a build folder that is itself a link out of the folder holding it (the
    project's `build/` linked to a folder elsewhere): every write, prune and read would
    happen there, outside the project. A link to a folder inside the project is followed. A
    folder the user names on the command line (`export --out`, `merge --out`) is theirs to
    choose and is not checked here."""
    if os.path.islink(out) and not resolves_inside(out.parent, out):
        raise OutputError(
            f"{out.name}/ is a link to {os.path.realpath(out)}, outside the project; mailglot "
            f"does not write or read a build through it (remove the link; the next build makes "
            f"{out.name}/ in the project)"
        )


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Two builds of one project take turns instead of interleaving their writes. The kernel
    releases the lock when the build dies, however it dies (flock), and no worker inherits it.
    A build folder that is a link out of the project is refused first (`not_linked_out`)."""
    not_linked_out(out)
    if os.path.lexists(out) and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder: move it away; the build goes there")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = _open_lock(out / ".lock")
    except OSError as exc:
        raise OutputError(f"cannot use {out} for the build: {exc.strerror}") from None
    _LOCKS.add(fd)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        _LOCKS.discard(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _open_lock(path: Path) -> int:
    """The lock file, never truncated and never opened through a link: `open(path, "w")` on a
    `.lock` planted as a link to a file elsewhere emptied that file. A link there is removed
    (its target stays) and a plain file made in its place."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
    path.unlink()
    return os.open(path, flags, 0o666)
