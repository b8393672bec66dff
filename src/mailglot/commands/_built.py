"""The build a command works on (shots, approve), taken under the build lock.

Taking the lock makes `build/` and `build/.lock`: on a project never built, `shots` and
`approve` left both behind before saying "nothing built yet". They skip the lock, and make
nothing, only when `build/` itself is missing: a first build makes the folder and holds the
lock before it writes a manifest, so a missing manifest in a folder that is there may be one
on its way, and the command waits for it like any build in progress.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mailglot.manifest import require_manifest
from mailglot.output import build_lock
from mailglot.records import Manifest


@contextmanager
def current_build(out: Path) -> Iterator[Manifest]:
    """The manifest of the build in `out`, read once the lock is held (a build running now
    finishes first); a usage error, and nothing made, when there is no `out` folder."""
    if not out.exists():
        require_manifest(out)  # says "nothing built yet" (a build that started since is read)
    with build_lock(out):
        yield require_manifest(out)
