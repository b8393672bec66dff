"""`mailglot merge DIR...`: the build/ folders of `build --shard K/N` runs made into one
build/, whose manifest and gallery are the ones a single build would have written.

Shard folders usually come back as CI artifacts, so they are read as untrusted input: each
must carry its shard record, all must be shards of the same plan with none missing or
doubled, job paths must be plain `<campaign>/<locale>/<variant>`, and only regular files
are copied (a symlink in an artifact is refused, never followed, whether it is a file or a
campaign or locale folder on the way to one), and only the names a build writes in a job's
folder, each no bigger than a build writes one (shard_files.py); a manifest entry must name
its own job's folder. A job a shard lists as built must have every
file a build writes (output.OUTPUT_FILES) and its own meta.json: an artifact upload cut
short is refused, not merged into a build that looks complete. Every shard is checked
before anything is written, so a refused shard leaves the output folder as it was. Files
are copied a piece at a time and only when they changed, under the build lock, inside the
output folder.

Shards built from other inputs than the checkout merging them (a translation changed on the
runners' commit only) are merged, but said: each job's meta.json records the digest of every
input file, which does not depend on the day, unlike the job's key (runners and merge on
either side of midnight plan other keys for the same files). The warning is a build-wide
finding of the merged manifest, so `check` says it again, and the jobs it concerns are kept
in the build folder (merged_inputs.py), so each later build, whole or partial, says it again
for the ones it has not brought up to date.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mailglot import __version__
from mailglot.commands._built import missing_outputs, named
from mailglot.containment import resolves_inside
from mailglot.errors import Diagnostic, UsageError, escape_shown
from mailglot.manifest import MANIFEST, read_manifest
from mailglot.merged_inputs import OtherInputs, warnings
from mailglot.merged_inputs import record as record_other_inputs
from mailglot.output import META, build_lock, contained, read_meta
from mailglot.project.loader import Project
from mailglot.pruning import prune
from mailglot.publish import publish
from mailglot.records import JobMeta, JobPlace, Manifest, ManifestEntry
from mailglot.shard import RECORD, Shard, ShardRecord, read_record, write_record
from mailglot.shard_files import MAX_BYTES, checked_file, copy_file, too_big

Inputs = tuple[tuple[str, str], ...]  # (project-relative path, sha256), as plan.Job has them


@dataclass
class Combined:
    shards: int = 0
    jobs: int = 0
    copied: int = 0  # files written (the others were already identical)
    removed: list[str] = field(default_factory=list)  # job folders no shard has
    manifest: Manifest = field(default_factory=Manifest)
    # the shards' jobs built from other inputs than this checkout's: their differing files
    differ: dict[str, tuple[str, ...]] = field(default_factory=dict)
    other_versions: dict[str, str] = field(default_factory=dict)  # job -> another mailglot
    said: tuple[Diagnostic, ...] = ()  # the warnings about them, kept in the manifest


def combine(
    project: Project,
    out: Path,
    folders: Sequence[Path],
    planned: Mapping[str, Inputs] | None = None,
) -> Combined:
    """`planned`: the jobs this project plans, with their input files' digests; shards
    holding other jobs, or only some of them, are refused (merge writes a whole build/, and
    prunes what it does not hold), and jobs built from other inputs are counted in
    `Combined.differ`."""
    shards = [(folder, _record(folder)) for folder in folders]
    _check_complete(shards)
    if planned is not None:
        _check_project(shards, set(planned))
    manifests = [(folder, _manifest(folder, record.shard)) for folder, record in shards]
    manifest = merge_manifests([m for _, m in manifests], [r for _, r in shards])
    result = Combined(len(shards), sum(1 for e in manifest.jobs if e.place is not None))
    copies = []
    for (folder, shard_manifest), (_, record) in zip(manifests, shards, strict=True):
        for entry in shard_manifest.jobs:
            if entry.place is not None:
                files = _job_files(folder, entry, record)
                if entry.rendered:
                    meta = _complete(folder, entry.place, record)
                    _compare(result, entry.id, meta, planned)
                copies.append((entry.place, files, record.shard))
    other = OtherInputs(result.differ, result.other_versions)
    result.said = warnings(other, result.jobs, out)
    manifest = replace(manifest, diagnostics=(*result.said, *manifest.diagnostics))
    with build_lock(out):
        for place, files, shard in copies:
            result.copied += _copy_job(files, out, place, shard)
        result.removed = prune(
            out,
            {e.place for e in manifest.jobs if e.place is not None},
            {e.campaign for e in manifest.jobs if e.id.endswith("@*")},
        )
        write_record(out, None)
        record_other_inputs(out, other)
        publish(project, out, manifest, {}, review=())  # manifest and gallery, as a build
    result.manifest = manifest
    return result


def _record(folder: Path) -> ShardRecord:
    """`read_record`, with a record nested too deep for the JSON reader refused as any record
    mailglot did not write (it was a RecursionError traceback)."""
    try:
        return read_record(folder)
    except RecursionError:
        raise UsageError(f"{folder / RECORD}: not a shard record mailglot wrote") from None


def _complete(source_out: Path, place: JobPlace, record: ShardRecord) -> JobMeta:
    """The meta.json of a job the shard lists as built, once every file a build writes is
    there: a cut-short artifact upload lost some, and merged as it was the build looked
    complete until `export` or `check` found the job's files missing."""
    folder = place.folder(source_out)
    if missing := missing_outputs(folder):
        verb = "is" if len(missing) == 1 else "are"
        raise UsageError(
            f"{folder}: {named(missing)} {verb} missing from shard {record.shard}, which lists "
            f"{place.rel} as built (an artifact upload cut short?); nothing was written: build "
            "that shard again, then merge"
        )
    meta = read_meta(source_out, place)
    if meta is None:
        raise UsageError(
            f"{folder / META}: damaged or not this job's (shard {record.shard}); nothing was "
            "written: build that shard again, then merge"
        )
    return meta


def _compare(
    result: Combined, job: str, meta: JobMeta, planned: Mapping[str, Inputs] | None
) -> None:
    """Count the job in `result.differ` when its input files are not this checkout's."""
    if meta.mailglot != __version__:
        result.other_versions[job] = meta.mailglot
    if planned is None or job not in planned:
        return
    mine, theirs = dict(planned[job]), dict(meta.inputs)
    if mine == theirs:
        return
    differ = sorted(p for p in mine.keys() | theirs.keys() if mine.get(p) != theirs.get(p))
    result.differ[job] = tuple(differ)


def _check_complete(shards: Sequence[tuple[Path, ShardRecord]]) -> None:
    if not shards:
        raise UsageError("merge needs the build/ folders of the shards: mailglot merge DIR...")
    first = shards[0][1]
    seen: dict[int, Path] = {}
    for folder, record in shards:
        if record.shard.total != first.shard.total:
            raise UsageError(
                f"{folder} is shard {record.shard} but {shards[0][0]} is shard {first.shard}: "
                "the shards of one merge split the jobs into the same number of parts (N in "
                f"--shard K/N); build them all with /{first.shard.total} or all with "
                f"/{record.shard.total}"
            )
        if record.plan != first.plan:
            raise UsageError(
                f"{folder} is shard {record.shard} of another plan than {shards[0][0]} "
                f"(shard {first.shard}): build every shard from the same commit, on the same day"
            )
        if record.shard.index in seen:
            raise UsageError(
                f"{seen[record.shard.index]} and {folder} are both shard {record.shard}"
            )
        seen[record.shard.index] = folder
    total = first.shard.total
    if len(seen) < total:  # only the first few are named: N comes from a file, and can be huge
        named = [f"{i}/{total}" for i in itertools.islice(_absent(seen, total), _NAMED)]
        more = total - len(seen) - len(named)
        rest = f" and {more:,} more" if more else ""
        raise UsageError(f"shard(s) {', '.join(named)}{rest} missing: merge needs all of them")


_NAMED = 5  # missing shards named in the message


def _check_project(shards: Sequence[tuple[Path, ShardRecord]], planned: set[str]) -> None:
    """Job ids do not depend on the day (keys do), so this holds across midnight."""
    held = {job for _, record in shards for job in record.jobs}
    if foreign := sorted(held - planned):
        raise UsageError(
            f"the shards hold {len(foreign)} job(s) this project does not plan (e.g. "
            f"{foreign[0]}): they are builds of another project or commit; merge them in a "
            "checkout of the commit they were built from"
        )
    if absent := sorted(planned - held):
        raise UsageError(
            f"the shards hold {len(held)} of this project's {len(planned)} jobs ({absent[0]} is "
            "in none): were they built with --campaign, --locale or --market? merge makes a "
            "whole build/; build every shard without them"
        )


def _absent(seen: dict[int, Path], total: int) -> Iterator[int]:
    return (i for i in range(1, total + 1) if i not in seen)


def _manifest(folder: Path, shard: Shard) -> Manifest:
    with contextlib.suppress(OSError):  # read_manifest says what is wrong with an unreadable one
        if (size := os.stat(folder / MANIFEST).st_size) > MAX_BYTES:
            raise UsageError(too_big(str(folder / MANIFEST), size, shard))
    manifest = read_manifest(folder)
    if manifest is None:
        raise UsageError(f"{folder}: no readable manifest.json (did this shard's build finish?)")
    for entry in manifest.jobs:
        place = entry.place
        if place is not None and (place.rel != entry.id or place.campaign != entry.campaign):
            raise UsageError(
                f"{folder / MANIFEST}: the entry of job {escape_shown(entry.id)} names the "
                f"folder {escape_shown(place.rel)}; a job's folder is its id (campaign/locale/"
                "variant), so this shard could write over another job's files; nothing was "
                "written: build that shard again, then merge"
            )
    return manifest


def merge_manifests(manifests: Sequence[Manifest], records: Sequence[ShardRecord]) -> Manifest:
    """Every shard plans the whole build, so skipped markets and campaigns with errors are in
    each manifest alike; jobs are in exactly one, the one whose record lists them."""
    entries: dict[str, ManifestEntry] = {}
    owner: dict[str, int] = {}
    diagnostics: dict[Diagnostic, None] = {}
    for manifest, record in zip(manifests, records, strict=True):
        mine = set(record.jobs)
        for entry in manifest.jobs:
            if entry.place is not None and entry.id not in mine:
                raise UsageError(
                    f"shard {record.shard} lists {entry.id}, which its plan gives to another "
                    "shard (was its build/ reused for another shard?)"
                )
            if entry.place is not None and entry.id in owner:
                raise UsageError(f"{entry.id} is in shards {owner[entry.id]} and {record.shard}")
            if entry.place is not None:
                owner[entry.id] = record.shard.index
            entries.setdefault(entry.id, entry)
        diagnostics.update(dict.fromkeys(manifest.diagnostics))
    planned = records[0].planned if records else 0
    if len(owner) != planned:
        raise UsageError(f"the shards hold {len(owner)} of the plan's {planned} jobs")
    return Manifest(tuple(sorted(entries.values(), key=lambda e: e.id)), tuple(diagnostics))


def _job_files(
    source_out: Path, entry: ManifestEntry, record: ShardRecord
) -> list[tuple[str, str]] | None:
    """The (name, path) of the regular files of a shard's job folder, which must be a real
    folder inside the shard: a link anywhere on the way (the campaign, the locale, the job
    folder or one of its files) could make merge copy files from elsewhere into build/.
    None for a job that failed in the shard and has no folder there (a runner starts with no
    build/): the output folder keeps what an earlier build left, as a build does."""
    assert entry.place is not None
    place = entry.place
    source = place.folder(source_out)
    if not entry.rendered and not os.path.lexists(source):
        return None
    if not resolves_inside(source_out, source):
        raise UsageError(
            f"{source}: leads outside the shard (a link to {os.path.realpath(source)}); "
            "refusing to copy from it"
        )
    if source.is_symlink() or not source.is_dir():
        raise UsageError(
            f"{source}: listed in its manifest but not a folder in shard {record.shard}"
        )
    files = []
    with os.scandir(source) as entries:
        for item in entries:
            if item.is_symlink():
                raise UsageError(f"{item.path}: a symlink in a shard's build/; refusing to copy it")
            if item.is_file(follow_symlinks=False) and not item.name.startswith("."):
                files.append(checked_file(item, record.shard))
    return sorted(files)


def _copy_job(
    files: Sequence[tuple[str, str]] | None, out: Path, place: JobPlace, shard: Shard
) -> int:
    """Make out's job folder hold exactly the shard's files; returns how many were written.
    None: a job that failed in its shard with nothing there; out's files stay as they were."""
    if files is None:
        return 0
    target = place.folder(out)
    contained(out, target)  # a build/<campaign> linked elsewhere: not written, not cleaned
    written = 0
    for name, path in files:
        written += copy_file(path, target / name, shard)
    names = {name for name, _ in files}
    if target.is_dir() and not target.is_symlink():
        for item in os.scandir(target):
            if item.name not in names and item.is_file(follow_symlinks=False):
                os.unlink(item.path)  # a shot the shard no longer has
    return written
