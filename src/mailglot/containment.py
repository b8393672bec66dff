"""Paths that must stay inside a folder after every link is followed.

Designers copy folders around and CI checkouts can hold symlinks: a template that is a link
to a file elsewhere, or a `build/<campaign>` that points outside the project, must never make
mailglot read, write or delete outside the folder it works in. These checks resolve links
(`realpath`), unlike a check on the path's text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def resolves_inside(folder: str | Path, path: str | Path) -> bool:
    """Whether `path`, once every link is followed, is `folder` or lies inside it."""
    if _plainly_inside(os.fspath(folder), os.fspath(path)):
        return True
    root = os.path.realpath(folder)
    real = os.path.realpath(path)
    return os.path.commonpath([root, real]) == root


def _plainly_inside(folder: str, path: str) -> bool:
    """True when `path` is spelled as `folder` plus parts none of which is a link (up to the
    first that does not exist): then following links cannot leave `folder`, whatever `folder`
    itself leads to.
    One lstat per part below `folder`, where realpath takes one per part of both whole paths
    (a plan checks every campaign, template and catalog; a build every job folder). The
    first missing part ends the walk: realpath appends it and what follows as written. False
    means "cannot tell this way" ('..', a link, or a part that cannot be looked at)."""
    prefix = folder.rstrip("/") + "/"
    if not path.startswith(prefix):
        return path == folder
    parts = path[len(prefix) :].split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    current = prefix.rstrip("/")
    for part in parts:
        current = f"{current}/{part}"
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return False
        except FileNotFoundError:
            return True  # nothing below a missing part to follow (approved/ in most builds)
        except OSError:
            return False
    return True


def link_out(folder: str | Path, path: str | Path) -> str | None:
    """Where `path` really is when following its links leaves `folder` (None when it stays
    inside). Every read of a project input asks this first: catalogs, templates and assets
    that are links to elsewhere are named in an error, never read."""
    return None if resolves_inside(folder, path) else os.path.realpath(path)


def outside_project(target: str) -> str:
    """The one way an error says a project file links out of the project."""
    return (
        f"a link to {target}, outside the project; mailglot does not read it (copy the file "
        "into the project instead)"
    )


def inside_templates(
    templates: str | Path, name: str, root: str | Path | None = None
) -> str | None:
    """Why `name` is not a usable template under `templates` (None when it is). With `root`
    (the project), templates/ itself must not lead out of it either: a link to a folder of
    templates elsewhere was read like the project's own."""
    if "\0" in name:  # no file name holds one; the file system calls would raise
        return f"template {name!r} holds a NUL character; give a file name under templates/"
    path = os.path.join(templates, name)
    if os.path.isabs(name) or ".." in Path(name).parts:
        return f"template {name!r} is outside templates/; give a path under templates/"
    if not resolves_inside(templates, path):
        return f"template {name!r} leads outside templates/ (a link to {os.path.realpath(path)})"
    if root is not None and not resolves_inside(root, templates):
        return (
            f"template {name!r}: templates/ is a link to {os.path.realpath(templates)}, outside "
            "the project; mailglot does not read it (copy the templates into the project)"
        )
    if not os.path.isfile(path):
        return f"template {name!r} not found under templates/"
    return None
