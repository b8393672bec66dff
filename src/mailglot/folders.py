"""Folders of the project that cannot be looked into, named as the problem.

A file under such a folder cannot be opened, but the file is not what the user has to fix:
`chmod 000 locales` gave one 'cannot read' per catalog (catalogs that do not exist among them),
and `calendars/` a traceback. The folder is named once, as `locales/: cannot read: Permission
denied`, and the errors it causes on the files inside are left out.
"""

from __future__ import annotations

import os
from pathlib import Path

from mailglot.errors import ContentError, Diagnostic


def folder_problem(folder: Path, listed: bool = False) -> str | None:
    """'cannot read: <why>' when `folder` cannot be looked into (no search permission), or,
    with `listed`, cannot be listed either; None when it can, or is missing or a file (the
    callers say what is missing). Looking into it is opening `folder/.`: the name lookup
    that every file inside it needs."""
    try:
        if listed:
            os.listdir(folder)
        os.stat(os.path.join(folder, "."))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    return None


def blocking_folder(root: Path, path: Path) -> tuple[str, str] | None:
    """The outermost folder between `root` and `path` that cannot be looked into, as its
    project-relative name with a trailing slash (`templates/partials/`) and why; None when
    every folder on the way can be (the file itself is the problem)."""
    try:
        parts = path.parent.relative_to(root).parts
    except ValueError:
        return None
    folder = root
    for part in parts:
        folder = folder / part
        why = folder_problem(folder)
        if why is not None:
            rel = folder.relative_to(root).as_posix().encode("utf-8", "surrogateescape")
            return f"{rel.decode('utf-8', 'backslashreplace')}/", why
    return None


def folder_diagnostic(rel: str, why: str) -> Diagnostic:
    return Diagnostic(rel, None, "unreadable", "error", why)


def stop_on_unreadable(root: Path, folders: tuple[tuple[str, bool], ...]) -> None:
    """Stop the command on the first of `folders` ((name, listed too)) that cannot be read:
    for folders every job needs, where failing each job would say the same thing N times."""
    for name, listed in folders:
        why = folder_problem(root / name, listed)
        if why is not None:
            raise ContentError([folder_diagnostic(f"{name}/", why)])
