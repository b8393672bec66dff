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
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mailglot.errors import MailglotError
from mailglot.project.loader import Project

ASSETS = "templates/assets/"


class AssetError(MailglotError):
    """An `asset()` path that names no file under templates/assets/: the job fails at the
    template line with this message."""


class Assets:
    """The files under one project's `templates/assets/`, listed on first use."""

    def __init__(self, folder: Path, base_url: str) -> None:
        self.folder = folder
        self.base_url = base_url
        self._files: frozenset[str] | None = None

    @property
    def files(self) -> frozenset[str]:
        if self._files is None:
            self._files = frozenset(_listing(self.folder))
        return self._files

    def url(self, path: Any) -> str:
        """`path`'s URL under `assets_base_url`, or AssetError saying what is wrong."""
        if not isinstance(path, str) or path not in self.files:
            raise AssetError(self._why(path))
        return urljoin(self.base_url, path)

    def _why(self, path: Any) -> str:
        if not isinstance(path, str):
            return f"asset() takes a file's path under {ASSETS}, like 'logo.png'; got {path!r}"
        asked = f"asset({path!r})"
        wrong = _malformed(path)
        if wrong:
            return f"{asked}: {wrong}"
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
        return f" ({ASSETS} holds no file)" if not self.files else f" (no folder {ASSETS}{within})"


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


def _listing(folder: Path) -> list[str]:
    """Every file under `folder` as a '/' path, links to folders entered once each."""
    out: list[str] = []
    seen: set[str] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        rel = os.path.relpath(top, folder).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        out += [prefix + name for name in files]
    return out


# project -> its assets; kept with the project object (the same for every job of a build),
# bounded, since `serve` loads the project again when templates/ changes.
_BY_PROJECT: dict[int, tuple[Project, Callable[[Any], str]]] = {}


def asset_function(project: Project) -> Callable[[Any], str]:
    """The `asset` a template of `project` calls, made once per project object."""
    found = _BY_PROJECT.get(id(project))
    if found is None or found[0] is not project:
        if len(_BY_PROJECT) >= 16:
            _BY_PROJECT.clear()
        assets = Assets(project.root / "templates" / "assets", project.settings.assets_base_url)
        found = _BY_PROJECT[id(project)] = (project, assets.url)
    return found[1]
