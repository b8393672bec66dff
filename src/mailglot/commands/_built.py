"""The build a command works on (shots, approve), taken under the build lock.

Taking the lock makes `build/` and `build/.lock`: on a project never built, `shots` and
`approve` left both behind before saying "nothing built yet". They now look for the manifest
first and make nothing when there is none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mailglot.manifest import MANIFEST, require_manifest
from mailglot.output import build_lock
from mailglot.records import Manifest


@contextmanager
def current_build(out: Path) -> Iterator[Manifest]:
    """The manifest of the build in `out`, read once the lock is held (a build running now
    finishes first); a usage error, and nothing made, when `out` holds no build."""
    if not (out / MANIFEST).is_file():
        require_manifest(out)  # says "nothing built yet" (a manifest made since is read)
    with build_lock(out):
        yield require_manifest(out)
