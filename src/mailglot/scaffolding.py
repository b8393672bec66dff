"""Copy the project scaffold shipped with mailglot into a new folder."""

from __future__ import annotations

import shutil
from importlib.resources import as_file, files
from pathlib import Path

from mailglot.errors import UsageError

_RENAMES = {"gitignore": ".gitignore"}  # dotfiles do not survive packaging reliably


def scaffold(dest: Path) -> list[Path]:
    if dest.exists() and any(dest.iterdir()):
        raise UsageError(f"{dest} is not empty; `mailglot init` only writes into a new folder")
    written = []
    with as_file(files("mailglot") / "scaffold") as source:
        for path in sorted(Path(source).rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            rel = path.relative_to(source)
            target = dest / rel.parent / _RENAMES.get(rel.name, rel.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    return written
