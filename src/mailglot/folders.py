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


def not_a_file(root: Path, path: Path) -> str | None:
    """Why nothing can be read at `path` though something is there: a folder in its place,
    or a file where one of its folders should be (`cp fr.po locales/fr_FR/LC_MESSAGES` before
    that folder existed makes a file named LC_MESSAGES). None when `path` is a file, or when
    nothing is there (the callers say what is missing). A project folder itself (`locales`)
    is left to what reads it: as a file, it would be named once per catalog inside it."""
    try:
        if path.is_dir():
            return "it is a folder, not a file"
        parts = path.parent.relative_to(root).parts
    except (OSError, ValueError):
        return None
    folder = root / parts[0] if parts else root
    for part in parts[1:]:
        folder = folder / part
        try:
            if not folder.exists():
                return None
            if not folder.is_dir():
                rel = folder.relative_to(root).as_posix()
                return f"{rel} is a file, not a folder"
        except OSError:
            return None
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
