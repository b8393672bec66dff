"""Replace a translator's `.po` file only if it still holds what was read.

`l10n-status --fix` reads a catalog, runs every check on it, then writes the fixed text: a
save from the translator's editor in between would be lost by a plain rename. The new text is
written to a temporary file next to the catalog, and the catalog is read again just before the
rename: if it changed, the temporary file is removed and nothing is written. (A save in the
instant between that read and the rename is still possible; the window is a few system calls
instead of the whole run.)
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from mailglot.output import CREATE_NEW, contained, temporary_name, write_all


class ChangedMeanwhile(Exception):
    """The file no longer holds the bytes the fix was made from."""


def replace_if_unchanged(path: Path, root: Path, data: bytes, read: bytes) -> None:
    """Write `data` over `path` (atomically, keeping its permissions) unless `path` no longer
    holds `read`. Raises ChangedMeanwhile then, and OSError when it cannot be written."""
    contained(root, path.parent)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        raise ChangedMeanwhile(str(path)) from None  # deleted, or being renamed into place
    tmp = path.with_name(temporary_name(path.name))
    fd = os.open(tmp, CREATE_NEW, 0o600)
    try:
        write_all(fd, data)
        os.chmod(tmp, mode)
        if _current(path) != read:
            raise ChangedMeanwhile(str(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
