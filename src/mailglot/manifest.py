"""build/manifest.json: every job built, unchanged, failed or skipped, with the reasons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mailglot import __version__
from mailglot.errors import Diagnostic, UsageError
from mailglot.output import atomic_write, dump_json
from mailglot.plan import Plan
from mailglot.runner import JobResult

MANIFEST = "manifest.json"


def read_manifest(out: Path) -> dict[str, Any]:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def require_manifest(out: Path) -> dict[str, Any]:
    """The current build's manifest, for commands that work on a build (check, shots, approve)."""
    manifest = read_manifest(out)
    if not manifest:
        raise UsageError("nothing built yet: run `mailglot build` first")
    return manifest


def write_manifest(
    out: Path, plan: Plan, results: list[JobResult], diagnostics: list[Diagnostic], partial: bool
) -> dict[str, Any]:
    """A partial build (--campaign, --locale, --market) keeps the entries it did not touch; a
    campaign that no longer loads keeps its earlier jobs listed, marked failed and stale, since
    their outputs are still there."""
    previous = {j["id"]: j for j in read_manifest(out).get("jobs", [])}
    jobs: dict[str, dict[str, Any]] = dict(previous) if partial else {}
    for cid in {r.job.campaign for r in results} | {s.campaign for s in plan.skipped}:
        jobs.pop(f"{cid}@*", None)  # it loads again
    for key, entry in previous.items():
        if entry.get("campaign") in plan.failed and "path" in entry:
            jobs[key] = {**entry, "status": "failed", "stale": True}
    for r in results:
        jobs[r.job.id] = {
            "id": r.job.id,
            "campaign": r.job.campaign,
            "locale": r.job.locale,
            "market": r.job.market,
            "variant": r.job.variant,
            "status": r.status,
            "path": f"{r.job.campaign}/{r.job.locale}/{r.job.variant}",
            "stale": r.status == "failed",
            "findings": [f.to_dict() for f in r.findings],
            **({"visual": r.visual} if r.visual else {}),
        }
    for s in plan.skipped:
        jobs[f"{s.campaign}@{s.market}"] = {
            "id": f"{s.campaign}@{s.market}",
            "campaign": s.campaign,
            "market": s.market,
            "status": "skipped",
            "reason": s.reason,
        }
    for cid, problems in plan.failed.items():
        jobs[f"{cid}@*"] = {
            "id": f"{cid}@*",
            "campaign": cid,
            "status": "failed",
            "reason": "the campaign has errors; previous outputs are kept",
            "findings": [p.to_dict() for p in problems],
        }
    manifest = {
        "mailglot": __version__,
        "jobs": sorted(jobs.values(), key=lambda j: j["id"]),
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    atomic_write(out / MANIFEST, dump_json(manifest), out)
    return manifest


def update_jobs(out: Path, changes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Merge fields into existing job entries (after `mailglot shots` or `approve`, which
    change findings and review state without a build)."""
    manifest = read_manifest(out)
    for job in manifest.get("jobs", []):
        job.update(changes.get(job["id"], {}))
    if manifest:
        atomic_write(out / MANIFEST, dump_json(manifest), out)
    return manifest
