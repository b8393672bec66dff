"""What `merge` says about shards built from other inputs than the checkout merging them, and
how long it keeps saying it.

The warning is about particular jobs: those whose meta.json records other input files than
this checkout's, or another mailglot. merge writes them down in `build/.merged-inputs.json`,
and every later build (whole or `--campaign`/`--locale`/`--market`, and `serve`'s) takes off
the jobs it built or found current and those no longer in the build, then says the warning
again, counted afresh, for the jobs left. It goes when none is left: when every merged job
it concerned has been rebuilt here (or dropped from the build). A partial build of other
jobs used to drop it from the manifest while the build still held the shards' emails.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mailglot import __version__
from mailglot.errors import Diagnostic
from mailglot.jsonfile import dump_json
from mailglot.output import atomic_write
from mailglot.records import Manifest

if TYPE_CHECKING:
    from mailglot.results import JobResult

RECORD = ".merged-inputs.json"
CODE = "build-state.inputs"
_NAMED_FILES = 3  # input files named in the warning about other inputs


@dataclass(frozen=True)
class OtherInputs:
    """The merged jobs that are not what this checkout builds."""

    files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # job -> files differing
    versions: Mapping[str, str] = field(default_factory=dict)  # job -> mailglot that built it

    def __bool__(self) -> bool:
        return bool(self.files or self.versions)

    def without(self, gone: Collection[str], present: Collection[str]) -> OtherInputs:
        """The jobs still in the build (`present`) that were not built again (`gone`)."""
        return OtherInputs(
            {j: f for j, f in self.files.items() if j in present and j not in gone},
            {j: v for j, v in self.versions.items() if j in present and j not in gone},
        )


def warnings(other: OtherInputs, jobs: int, out: Path) -> tuple[Diagnostic, ...]:
    """One warning when jobs were built from other input files than this checkout's, and one
    when another mailglot built them: the build holds emails this checkout does not build.
    `jobs`: how many jobs the build holds."""
    said = []
    if other.files:
        differ = sorted(other.files)
        files = sorted({f for found in other.files.values() for f in found})
        shown = ", ".join(files[:_NAMED_FILES])
        if len(files) > _NAMED_FILES:
            shown += f" and {len(files) - _NAMED_FILES} more"
        verb = "differs" if len(files) == 1 else "differ"
        said.append(
            Diagnostic(
                files[0] if files else out.name,
                None,
                CODE,
                "warning",
                f"the shards were built from other inputs than this checkout ({shown} {verb}): "
                f"{len(differ)} of {jobs} job(s) in {out.name}/ are not what this checkout "
                f"builds (e.g. {differ[0]}); run `mailglot build` here to bring them up to "
                "date, or merge in a checkout of the commit the shards were built from",
            )
        )
    if other.versions:
        versions = ", ".join(sorted(set(other.versions.values())))
        said.append(
            Diagnostic(
                out.name,
                None,
                CODE,
                "warning",
                f"the shards were built by mailglot {versions}, this is mailglot "
                f"{__version__}: run `mailglot build` here to bring the build up to date",
            )
        )
    return tuple(said)


def record(out: Path, other: OtherInputs) -> None:
    """Written by merge (under the build lock); removed when no job is left in it."""
    path = out / RECORD
    if not other:
        path.unlink(missing_ok=True)
        return
    data = {
        "files": {job: list(files) for job, files in sorted(other.files.items())},
        "versions": dict(sorted(other.versions.items())),
    }
    atomic_write(path, dump_json(data), out)


def read(out: Path) -> OtherInputs | None:
    """None when merge left nothing to say, or what it left is unreadable (damaged, nested too
    deep for the JSON reader, not mailglot's): the warning is then lost, never the build.
    Entries of the wrong shape are dropped, never shown stringified."""
    try:
        data = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(data, dict):
        return None
    files, versions = data.get("files"), data.get("versions")
    if not isinstance(files, dict) or not isinstance(versions, dict):
        return None
    return OtherInputs(
        {
            job: tuple(found)
            for job, found in files.items()
            if isinstance(found, list) and found and all(type(f) is str for f in found)
        },
        {job: version for job, version in versions.items() if type(version) is str},
    )


def damaged(out: Path) -> Diagnostic:
    """Said once for a record that cannot be read; the record is removed with it."""
    return Diagnostic(
        f"{out.name}/{RECORD}",
        None,
        "build-state",
        "warning",
        "unreadable (damaged, or not written by this mailglot); removed, so merge's warning "
        "about shards built from other inputs is not said again",
    )


def still_said(
    out: Path, manifest: Manifest, results: Sequence[JobResult]
) -> tuple[Diagnostic, ...]:
    """The merge's warnings for the jobs of `manifest` (the build's, as written next) that
    this build did not bring up to date: a job it built, or found current, is this
    checkout's now. One stat when merge left nothing to say."""
    if not (out / RECORD).is_file():
        return ()
    other = read(out)
    if other is None:
        (out / RECORD).unlink(missing_ok=True)
        return (damaged(out),)
    current = {r.job.id for r in results if r.status != "failed"}
    present = {e.id for e in manifest.jobs if e.place is not None}
    left = other.without(current, present)
    if left != other:
        record(out, left)
    return warnings(left, len(present), out)
