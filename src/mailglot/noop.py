"""A whole build that would change nothing, answered before the project is even loaded.

Designers rebuild all day, mostly with nothing changed. Loading a project (hundreds of
campaign files through the hardened YAML reader, pydantic settings, calendars) and planning
it costs about two seconds at 10,000 jobs, and so does importing what that takes. This
module needs only the standard library and mailglot's small record modules: after a
complete whole build, `build()` records here what the project's files looked like (name,
size, mtime, ctime and inode of every file but `build/` and dotfiles), the options and day
it planned for, mailglot's own source, Python's version and the installed distributions,
and the report a no-op build would print. The next `mailglot build` with the same options
compares that with the disk first; when every input file and every job's outputs are as
recorded, it prints the recorded report and stops. Anything else (a file touched, added or
removed, a link anywhere in the project, another day, other options, an output moved, a
package upgraded) falls back to the ordinary build, which checks everything again and
records anew.

ctime is part of the stamp because no tool can set it back: a file restored with its old
mtime still counts as changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mailglot.codeprint import code_fingerprint
from mailglot.errors import Diagnostic
from mailglot.jsonfile import dump_json, read_json
from mailglot.output import BUILD_DIR, META, OutputError, atomic_write, build_lock, contained

STRICT_CODES = ("l10n.missing", "client.unsupported")  # warnings that --strict makes errors
NOOP = ".noop.json"
STATE = ".state.json"  # buildstate's: the stamps of every job's outputs
FORMAT = 1
SETTINGS_FILE = "mailglot.yaml"
MAX_FILES = 20_000  # a project this large in files is walked by the ordinary build instead


@dataclass(frozen=True)
class Options:
    """What a whole build's outputs depend on besides the project's files."""

    screenshots: bool
    year: int | None
    today: date

    def key(self) -> str:
        when = self.today.isoformat()
        return json.dumps([self.screenshots, self.year, when, code_fingerprint(), installed()])


def installed() -> str:
    """Python's version and every installed distribution with its version (the names of the
    `.dist-info` folders on the path, one listing each): an upgraded python-holidays can
    move a send date, and a new Babel or MRML can change what a build writes."""
    names = [sys.version]
    for entry in sys.path:
        try:
            listed = os.listdir(entry or ".")
        except OSError:
            continue
        names += sorted(n for n in listed if n.endswith((".dist-info", ".egg-info")))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


class Judged:
    """What --strict makes of a report's findings: one rule for the build's report and the
    replayed one (both have `diagnostics` and `strict`)."""

    def is_error(self, d: Diagnostic) -> bool:
        return d.severity == "error" or (self.strict and d.code in STRICT_CODES)  # type: ignore[attr-defined]

    @property
    def ok(self) -> bool:
        return not any(self.is_error(d) for d in self.diagnostics)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Replay(Judged):
    """What a no-op build reports: each finding with the jobs it was made in, and the counts."""

    findings: tuple[tuple[Diagnostic, tuple[str, ...]], ...]
    unchanged: int
    skipped: int
    failed_campaigns: tuple[str, ...]
    out: Path
    strict: bool = False
    shots: None = None  # a no-op takes no screenshots

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for d, _ in self.findings]

    def jobs_by_finding(self) -> dict[Diagnostic, list[str]]:
        return {d: list(jobs) for d, jobs in self.findings if jobs}

    def count(self, status: str) -> int:
        return self.unchanged if status == "unchanged" else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [[d.to_dict(), list(jobs)] for d, jobs in self.findings],
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed_campaigns": list(self.failed_campaigns),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], out: Path) -> Replay:
        return cls(
            tuple((Diagnostic(**d), tuple(jobs)) for d, jobs in data["findings"]),
            int(data["unchanged"]),
            int(data["skipped"]),
            tuple(data["failed_campaigns"]),
            out,
        )


def inputs_print(root: Path) -> str | None:
    """A digest of every file of the project but build/ and dotfiles, by its stat, and of
    every folder's name (an empty campaigns/ removed is a change); None when the project has
    a link (what it leads to is not stat'ed here), a folder that cannot be listed (what it
    holds is unknown) or too many files. Names are hashed as bytes: a file name that is not
    UTF-8 (`caf\\xe9.yaml`) is hashed as it is on disk."""
    digest = hashlib.sha256()
    count = 0
    unlisted: list[OSError] = []
    for parent, dirs, files in os.walk(root, onerror=unlisted.append):
        if parent == str(root):
            dirs[:] = [d for d in dirs if d != BUILD_DIR]
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [*sorted(files), *dirs]:
            if name.startswith("."):
                continue
            path = os.path.join(parent, name)
            try:
                st = os.lstat(path)
            except OSError:  # gone while listed: something is changing the project
                return None
            if stat.S_ISLNK(st.st_mode):
                return None
            if stat.S_ISDIR(st.st_mode):
                digest.update(os.fsencode(path) + b"/\n")
                continue
            count += 1
            if count > MAX_FILES:
                return None
            digest.update(os.fsencode(path))
            digest.update(
                f"\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode()
            )
    return None if unlisted else digest.hexdigest()


def find_root(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return None


def _file_stamp(path: Path) -> list[int] | None:
    """ctime too: a chmod moves it (a manifest made unreadable is no longer as recorded)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def record(out: Path, options: Options, replay: Replay | None) -> None:
    """After a whole build: what the next one needs to answer alone (or nothing, when this
    build was not complete). Called under the build lock, after the build state."""
    path = out / NOOP
    root = out.parent
    inputs = inputs_print(root) if replay is not None else None
    if replay is None or inputs is None:
        path.unlink(missing_ok=True)
        return
    data = {
        "format": FORMAT,
        "options": options.key(),
        "inputs": inputs,
        "state": _file_stamp(out / STATE),
        "manifest": _file_stamp(out / "manifest.json"),
        "report": replay.to_dict(),
    }
    write_cache(path, dump_json(data), out)


def write_cache(path: Path, data: bytes, out: Path) -> None:
    """A build-state file written whole. One that is there but cannot be read (atomic_write
    compares it before replacing it) is removed first: a cache that cannot be read is absent."""
    contained(out, path.parent)  # build/ linked out of the project: refused before anything
    try:
        os.close(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC))
    except PermissionError:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # missing, or a link: atomic_write replaces it without following it
    atomic_write(path, data, out, checked=True)


def forget(out: Path) -> None:
    """Before a build that may change outputs: the recorded answer no longer holds. When it
    cannot be removed (build/ not writable), nothing may be built: the next build would
    replay the stale answer."""
    try:
        (out / NOOP).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot write {out.name}/ (to remove {out.name}/{NOOP}): {exc.strerror or exc}; "
            "nothing was built"
        ) from None


def replay(start: Path, options: Options) -> Replay | None:
    """The recorded report when the last complete whole build would be redone as a no-op;
    None whenever anything could differ (the ordinary build then decides)."""
    root = find_root(start)
    if root is None:
        return None
    out = root / BUILD_DIR
    if not (out / NOOP).is_file():
        return None
    with build_lock(out):  # a build under way may be changing what is compared here
        return _replay(root, out, options)


def _replay(root: Path, out: Path, options: Options) -> Replay | None:
    data = read_json(out / NOOP)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("options") != options.key():
        return None
    if data.get("state") != _file_stamp(out / STATE) or data.get("state") is None:
        return None
    if data.get("manifest") != _file_stamp(out / "manifest.json"):
        return None
    if data.get("inputs") != inputs_print(root):
        return None
    state = read_json(out / STATE)
    metas = state.get("metas") if isinstance(state, dict) else None
    if not isinstance(metas, dict) or not _outputs_as_recorded(out, metas):
        return None
    try:
        return Replay.from_dict(data["report"], out)
    except (KeyError, TypeError, ValueError):
        return None


def _outputs_as_recorded(out: Path, metas: Mapping[str, Any]) -> bool:
    """Every job's meta.json and folder as the build state recorded them, and no folder in
    build/ that a whole build would prune."""
    base = str(out)
    tree: dict[str, dict[str, set[str]]] = {}
    for job_id, stamp in metas.items():
        parts = job_id.split("/")
        if len(parts) != 3 or not all(p and not p.startswith(".") for p in parts):
            return False  # not a job id mailglot wrote: never looked up
        folder = os.path.join(base, job_id)
        try:
            st = os.stat(os.path.join(folder, META))
            folder_mtime = os.stat(folder).st_mtime_ns
        except OSError:
            return False
        if not isinstance(stamp, list) or len(stamp) != 4:
            return False
        if [st.st_size, st.st_mtime_ns, folder_mtime] != [stamp[0], stamp[1], stamp[3]]:
            return False
        campaign, locale, variant = parts
        tree.setdefault(campaign, {}).setdefault(locale, set()).add(variant)
    return _only(base, tree.keys(), 2) and all(
        _only(os.path.join(base, c), locales.keys(), 1)
        and all(_only(os.path.join(base, c, loc), v, 0) for loc, v in locales.items())
        for c, locales in tree.items()
    )


def _only(path: str, wanted: Iterable[str], below: int) -> bool:
    """`path` holds nothing a whole build would prune besides the `wanted` folders: no link,
    and no other folder with a job's meta.json `below` levels down (an `exports/` folder or
    a tool's own files in build/ are left alone, as pruning leaves them)."""
    keep = set(wanted)
    try:
        with os.scandir(path) as entries:
            others = [e for e in entries if e.name not in keep and not e.name.startswith(".")]
        for entry in others:
            if entry.is_symlink():
                return False
            if entry.is_dir() and _holds_a_job(entry.path, below):
                return False
    except OSError:
        return False
    return True


def _holds_a_job(folder: str, below: int) -> bool:
    if below == 0:
        return os.path.lexists(os.path.join(folder, META))
    with os.scandir(folder) as entries:
        subs = [e.path for e in entries if e.is_dir(follow_symlinks=False) or e.is_symlink()]
    return any(os.path.islink(sub) or _holds_a_job(sub, below - 1) for sub in subs)
