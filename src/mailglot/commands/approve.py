"""`mailglot approve`: the current screenshots become the reviewed baseline."""

from __future__ import annotations

from pathlib import Path

import click

from mailglot.approval import Approved, approve
from mailglot.baseline import APPROVED_DIR
from mailglot.commands._built import current_build
from mailglot.commands._context import project_dir
from mailglot.commands._options import campaign_option
from mailglot.console import err
from mailglot.containment import link_out
from mailglot.errors import UsageError
from mailglot.output import BUILD_DIR
from mailglot.project.loader import Project, load_project
from mailglot.publish import publish
from mailglot.reporting import errors_as_json, json_document, print_json, report_options


@click.command("approve")
@campaign_option
@report_options
@click.pass_context
def command(ctx: click.Context, campaigns: tuple[str, ...], as_json: bool, quiet: bool) -> None:
    """Take the current screenshots as the reviewed baseline (approved/, meant to be committed)."""
    with errors_as_json("approve", as_json):  # nothing built, no current shots: still JSON
        project, approved, failed = _approve(ctx, campaigns)
    if as_json:
        summary = {
            "jobs": len(approved.jobs),
            "approved": approved.jobs,
            "shots_copied": approved.shots,
            "removed": approved.removed,
            "failed": failed,
            "kept": approved.kept,
            "baseline": APPROVED_DIR,
        }
        print_json(json_document("approve", True, summary, []))
    elif not quiet:
        removed = f", {len(approved.removed)} stale baseline(s) removed" if approved.removed else ""
        err.print(
            f"mailglot: approved the screenshots of {len(approved.jobs)} job(s) -> "
            f"{project.root / APPROVED_DIR} (commit it){removed}",
            markup=False,
        )
        if failed:
            err.print(f"mailglot: warning: {_not_approved(failed, approved.kept)}", markup=False)


def _not_approved(failed: list[str], kept: list[str]) -> str:
    """What approve left alone: jobs that failed in the last build (their files are an
    earlier build's), and the earlier baselines it kept for them."""
    baselines = f"; baselines kept as they were: {', '.join(kept)}" if kept else ""
    return (
        f"{len(failed)} job(s) failed in the last build and were not approved: "
        f"{', '.join(failed)}{baselines} (fix them, build, then approve again)"
    )


def _approve(ctx: click.Context, campaigns: tuple[str, ...]) -> tuple[Project, Approved, list[str]]:
    """The approval, and the jobs of the chosen campaigns that failed in the last build (not
    approved: their files are an earlier build's), as the manifest names them."""
    project = load_project(project_dir(ctx))
    out = project.root / BUILD_DIR
    with current_build(out) as manifest:
        built = [e for e in manifest.jobs if e.rendered]
        unknown = sorted(set(campaigns) - {e.campaign for e in built})
        if unknown:
            raise UsageError(
                f"no built jobs for campaign(s) {', '.join(unknown)}; built: "
                f"{', '.join(sorted({e.campaign for e in built}))}"
            )
        jobs = [e for e in built if not campaigns or e.campaign in campaigns]
        chosen = {e.campaign for e in jobs}
        for campaign in sorted(chosen):
            _inside_project(project.root, campaign)
        # a job that failed is still a job of the build: its baseline stays until it builds
        existing = {e.place.rel for e in manifest.jobs if e.place is not None}
        # `<campaign>@*`: the campaign (or an events.yaml rule it uses) has errors, so the
        # build may not list every job it has: none of its baselines is removed
        unsure = {e.campaign for e in manifest.jobs if e.id.endswith("@*")}
        failed = [
            e
            for e in manifest.jobs
            if e.kind == "failed" and (not campaigns or e.campaign in campaigns)
        ]
        approved = approve(project, out, jobs, existing, unsure)
        # every baseline of a failed job is kept, in the campaigns approved or not
        bases = (f"{APPROVED_DIR}/{e.place.rel}" for e in failed if e.place is not None)
        approved.kept = sorted({*approved.kept, *(b for b in bases if (project.root / b).is_dir())})
        publish(project, out, manifest, {}, {e.id for e in jobs})
    return project, approved, [e.id for e in failed]


def _inside_project(root: Path, campaign: str) -> None:
    """approve writes approved/<campaign>/ and removes the baselines of jobs that are gone:
    through a link to a folder elsewhere, it would replace and delete files there."""
    target = link_out(root, root / APPROVED_DIR / campaign)
    if target is not None:
        raise UsageError(
            f"{APPROVED_DIR}/{campaign} leads to {target}, outside the project; mailglot does "
            "not write there (remove the link)"
        )
