"""build/manifest.json: every job built, unchanged, failed or skipped, with the reasons."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from mailglot import __version__
from mailglot.errors import Diagnostic, UsageError
from mailglot.jsonfile import read_text
from mailglot.manifest_text import manifest_text, parse
from mailglot.output import atomic_write, not_linked_out
from mailglot.plan import Plan
from mailglot.records import Manifest, ManifestEntry, findings_from_list
from mailglot.results import JobResult

MANIFEST = "manifest.json"


def read_manifest(out: Path) -> Manifest | None:
    """The previous build's manifest; None when there is none, or it is not mailglot's (one
    that cannot be read stops the command: `read_text`)."""
    text = read_text(out / MANIFEST, needed=True)
    if text is None:
        return None
    try:
        manifest = parse(text)  # the layout mailglot writes, read the short way
        if manifest is not None:
            return manifest
        data = json.loads(text)
        jobs = tuple(ManifestEntry.from_dict(j) for j in data["jobs"])
        return Manifest(jobs, findings_from_list(data["diagnostics"]))
    except (KeyError, TypeError, ValueError, IndexError, RecursionError):  # damaged
        return None


def damaged_manifest(out: Path, read: Manifest | None = None) -> Diagnostic | None:
    """One warning for a manifest.json that is there but unreadable (corrupt, cut short, or not
    mailglot's): the build treats it as absent and writes a new one, never a failure. `read`:
    what the caller's `read_manifest(out)` gave (a 10,000-job manifest is read only once)."""
    if read is not None or not (out / MANIFEST).is_file() or read_manifest(out) is not None:
        return None
    return Diagnostic(
        f"{out.name}/{MANIFEST}",
        None,
        "build-state",
        "warning",
        "unreadable (damaged, or not written by this mailglot); treated as absent, a new one "
        "is written",
    )


def require_manifest(out: Path) -> Manifest:
    """The project's current build's manifest, for commands that work on a build (check,
    shots, approve, export). A `build/` linked out of the project is refused before anything
    is read through it (a shard folder `merge` reads is the user's to name: read_manifest)."""
    not_linked_out(out)
    manifest = read_manifest(out)
    if manifest is None and (out / MANIFEST).is_file():  # damaged, cut short, not mailglot's
        raise UsageError(
            f"{out.name}/{MANIFEST} is damaged or not written by this mailglot, so what was "
            "built is not known: run `mailglot build` to write it again"
        )
    if manifest is None:
        raise UsageError("nothing built yet: run `mailglot build` first")
    return manifest


def write_manifest(out: Path, manifest: Manifest) -> None:
    """`dump_json` of the manifest's data, its jobs sorted (manifest_text.py)."""
    jobs = sorted(manifest.jobs, key=lambda e: e.id)
    atomic_write(out / MANIFEST, manifest_text(__version__, jobs, manifest.diagnostics), out)


def entry_for(result: JobResult) -> ManifestEntry:
    job = result.job
    return ManifestEntry(
        id=job.id,
        campaign=job.campaign,
        kind=result.status,
        market=job.market,
        place=job.place,
        stale=result.status == "failed",
        findings=result.findings,
    )


def build_manifest(
    previous: Manifest | None,
    plan: Plan,
    results: Iterable[JobResult],
    partial: bool,
) -> Manifest:
    """This build's entries before review. A partial build (--campaign, --locale, --market)
    keeps the entries it did not touch; a campaign that no longer loads keeps its earlier jobs
    listed, marked failed and stale, since their outputs are still there."""
    results = list(results)
    before = previous.by_id() if previous else {}
    jobs: dict[str, ManifestEntry] = dict(before) if partial else {}
    for cid in {r.job.campaign for r in results} | {s.campaign for s in plan.skipped}:
        jobs.pop(f"{cid}@*", None)  # it loads again
    for key, entry in before.items():
        if entry.campaign in plan.failed and entry.place is not None:
            jobs[key] = replace(entry, kind="failed", stale=True)
    for r in results:
        jobs[r.job.id] = entry_for(r)
    for s in plan.skipped:
        sid = f"{s.campaign}@{s.market}"
        jobs[sid] = ManifestEntry(sid, s.campaign, "skipped", s.market, reason=s.reason)
    for cid, problems in plan.failed.items():
        jobs[f"{cid}@*"] = ManifestEntry(
            f"{cid}@*",
            cid,
            "failed",
            reason="the campaign has errors; previous outputs are kept",
            findings=tuple(problems),
        )
    return Manifest(tuple(sorted(jobs.values(), key=lambda e: e.id)))
