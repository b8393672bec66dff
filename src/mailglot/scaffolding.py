"""Copy the project scaffold shipped with mailglot into a new folder."""

from __future__ import annotations

import os
import shutil
from importlib.resources import as_file, files
from pathlib import Path

from mailglot.errors import UsageError

_RENAMES = {"gitignore": ".gitignore"}  # dotfiles do not survive packaging reliably


def scaffold(dest: Path) -> list[Path]:
    """Write the scaffold into `dest`, which must be absent, empty, or hold only dotfiles (a
    user who ran `git init` first has a .git there). A dotfile the scaffold ships that is
    already there (.gitignore) is kept as it is: see `kept_dotfiles`."""
    present = existing(dest)
    others = sorted(name for name in present if not name.startswith("."))
    if others:
        raise UsageError(
            f"{dest} is not empty; `mailglot init` only writes into a new folder, or one that "
            f"holds nothing but dotfiles such as .git ({_named(others)})"
        )
    written = []
    with as_file(files("mailglot") / "scaffold") as source:
        for path in sorted(Path(source).rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            rel = path.relative_to(source)
            target = dest / rel.parent / _RENAMES.get(rel.name, rel.name)
            if target.relative_to(dest).parts[0] in present:  # the user's own, never replaced
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    return written


def existing(dest: Path) -> set[str]:
    """The names in `dest` (none when it does not exist yet)."""
    return set(os.listdir(dest)) if dest.is_dir() else set()


def kept_dotfiles(before: set[str]) -> list[str]:
    """The scaffold's dotfiles that the folder already had (`before`: its `existing` names),
    and so kept."""
    return sorted(name for name in _RENAMES.values() if name in before)


def _named(names: list[str]) -> str:
    """What is in the way, as a clause: 'build is there', 'build and 5 more are there'."""
    if len(names) == 1:
        return f"{names[0]} is there"
    return f"{names[0]} and {len(names) - 1} more are there"
