"""`asset(path)`: the URL of a file under `templates/assets/`, checked without a browser.

`asset('posters/nonexistent.png')` built with no finding when screenshots were off (only the
screenshot's `layout.image-missing` saw the broken image recipients would get), and a path
made from campaign data could leave the folder: `asset('posters/' ~ pick.id ~ '.png')` with
`id: "../../../../etc/hostname#"` pointed outside `assets_base_url`'s path. Now the path must
name a file under `templates/assets/`, written as it is there (`..`, `.`, an absolute path, a
URL, a backslash, `?` or `#` are refused), or the job fails at the template line with the path
and the files nearby.

The folder is listed once per loaded project, on the first `asset()` call, and each call is
then a set lookup: the listing is kept with the project object, which `serve` loads again when
a name under `templates/` changes (so an added or removed picture is seen).
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mailglot.containment import link_out
from mailglot.errors import MailglotError
from mailglot.project.loader import Project

ASSETS = "templates/assets/"


class AssetError(MailglotError):
    """An `asset()` path that names no file under templates/assets/: the job fails at the
    template line with this message."""


class Assets:
    """The files under one project's `templates/assets/`, listed on first use."""

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.folder = root / "templates" / "assets"
        self.base_url = base_url
        self._files: frozenset[str] | None = None
        self._outside: tuple[str, ...] = ()  # folders that are links out of the project

    @property
    def files(self) -> frozenset[str]:
        if self._files is None:
            files, outside = _listing(self.root, self.folder)
            self._files, self._outside = frozenset(files), tuple(outside)
        return self._files

    def url(self, path: Any) -> str:
        """`path`'s URL under `assets_base_url`, or AssetError saying what is wrong."""
        known = isinstance(path, str) and path in self.files
        if not known and not self._linked_out(path):
            raise AssetError(self._why(path))
        return urljoin(self.base_url, path)

    def _linked_out(self, path: Any) -> bool:
        """A plain path under a folder that links out of the project: never listed (nothing
        outside the project is read); the build reports it as asset.outside, as before."""
        return (
            isinstance(path, str)
            and _malformed(path) is None
            and any(path.startswith(prefix) for prefix in self._outside)
        )

    def _why(self, path: Any) -> str:
        if not isinstance(path, str):
            return f"asset() takes a file's path under {ASSETS}, like 'logo.png'; got {path!r}"
        asked = f"asset({path!r})"
        wrong = _malformed(path)
        if wrong:
            return f"{asked}: {wrong}"
        folder = path.rstrip("/")
        inside = sorted(f for f in self.files if f.startswith(f"{folder}/"))
        if inside:
            return f"{asked}: {ASSETS}{folder} is a folder; name a file in it, like {inside[0]!r}"
        return f"{asked}: no file {ASSETS}{path}{self._nearby(path)}"

    def _nearby(self, path: str) -> str:
        """A close name in the same folder, else what the folder holds, else a close path."""
        folder, _, name = path.rpartition("/")
        here = sorted(f.rpartition("/")[2] for f in self.files if f.rpartition("/")[0] == folder)
        within = f"{folder}/" if folder else ""
        close = difflib.get_close_matches(name, here, n=1, cutoff=0.6)
        if close:
            return f" (did you mean {within + close[0]!r}?)"
        if here:
            more = f" and {len(here) - 5} more" if len(here) > 5 else ""
            return f" ({ASSETS}{within} holds {', '.join(here[:5])}{more})"
        close = difflib.get_close_matches(path, sorted(self.files), n=1, cutoff=0.6)
        if close:
            return f" (did you mean {close[0]!r}?)"
        if not self.files:
            return f" ({ASSETS} holds no file)"
        if not folder:  # files only in folders: name them
            folders = sorted({f.partition("/")[0] + "/" for f in self.files})
            return f" ({ASSETS} holds the folders {', '.join(folders[:5])})"
        return f" (no folder {ASSETS}{within})"


def _malformed(path: str) -> str | None:
    """Why `path` is not a plain relative file path, or None."""
    if not path:
        return "an empty path; name a file under " + ASSETS
    if "://" in path or path.startswith("//") or _scheme(path):
        return f"a URL, not a path under {ASSETS} (asset() adds assets_base_url itself)"
    if path.startswith("/"):
        return f"an absolute path; name the file from {ASSETS} on, like 'logo.png'"
    if "\\" in path:
        return "a backslash; paths under templates/assets/ use '/'"
    parts = path.split("/")
    if ".." in parts:
        return f"'..' would leave {ASSETS}; name a file under it"
    for mark in "?#":
        if mark in path:
            return (
                f"{mark!r} in the path; asset() takes the file's path alone"
                f" (add a query after it: asset('logo.png') ~ '?v=2')"
            )
    if "." in parts or "" in parts[:-1]:
        return "'.' or '//' in the path; write it as the file's path under " + ASSETS
    return None


def _scheme(path: str) -> bool:
    head, colon, _ = path.partition(":")
    return bool(colon) and head.isascii() and head.replace("+", "").replace("-", "").isalnum()


def _listing(root: Path, folder: Path) -> tuple[list[str], list[str]]:
    """Every file under `folder` as a '/' path (links to folders inside the project entered
    once each), and the folders ('x/', '' for `folder` itself) that are links out of it."""
    files: list[str] = []
    outside: list[str] = []
    seen: set[str] = set()
    for top, dirs, names in os.walk(folder, followlinks=True):
        rel = os.path.relpath(top, folder).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        real = os.path.realpath(top)
        if link_out(root, top) is not None:
            outside.append(prefix)
            dirs[:] = []
            continue
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        files += [prefix + name for name in names]
    return files, outside


# project -> its assets; kept with the project object (the same for every job of a build),
# bounded, since `serve` loads the project again when templates/ changes.
_BY_PROJECT: dict[int, tuple[Project, Callable[[Any], str]]] = {}


def asset_function(project: Project) -> Callable[[Any], str]:
    """The `asset` a template of `project` calls, made once per project object."""
    found = _BY_PROJECT.get(id(project))
    if found is None or found[0] is not project:
        if len(_BY_PROJECT) >= 16:
            _BY_PROJECT.clear()
        assets = Assets(project.root, project.settings.assets_base_url)
        found = _BY_PROJECT[id(project)] = (project, assets.url)
    return found[1]


class AssetNames:
    """For the jobs' keys: the names under templates/assets/ (not their bytes, which no render
    reads), for the campaigns whose templates use `asset`. `asset()`'s verdict depends on
    them: a picture removed after a build made a rebuild keep the emails that call for it,
    with no error. Campaigns that use no asset keep their keys when a picture is added."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._digest: bytes | None = None
        self._uses: dict[str, bool] = {}

    def of(self, templates: Iterable[str]) -> bytes:
        """b"" when none of `templates` (project-relative paths) names `asset`."""
        if not any(self._uses_asset(rel) for rel in templates):
            return b""
        if self._digest is None:
            self._digest = names_digest(self.root)
        return self._digest

    def _uses_asset(self, rel: str) -> bool:
        if rel not in self._uses:
            path = self.root / rel
            try:  # a template that links out is never read (its job reports it)
                uses = link_out(self.root, path) is None and b"asset" in path.read_bytes()
            except OSError:
                uses = False
            self._uses[rel] = uses
        return self._uses[rel]


def names_digest(root: Path) -> bytes:
    """What `asset()`'s verdicts depend on, for the jobs' keys: the names under
    templates/assets/ (not their bytes, which no render reads). A picture removed after a
    build made a rebuild keep the emails that call for it, with no error."""
    files, outside = _listing(root, root / "templates" / "assets")
    text = "\n".join([*sorted(files), *(f"{p}\0outside" for p in sorted(outside))])
    return b"\x03" + hashlib.sha256(text.encode(errors="surrogateescape")).digest()
