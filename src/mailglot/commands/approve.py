"""`mailglot approve`: the current screenshots become the reviewed baseline."""

from __future__ import annotations

import click

from mailglot.baseline import APPROVED_DIR, approve, review_job
from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.errors import Diagnostic, UsageError
from mailglot.gallery import write_gallery
from mailglot.manifest import require_manifest, update_jobs
from mailglot.output import BUILD_DIR, build_lock
from mailglot.project.loader import load_project


@click.command("approve")
@click.option("--campaign", "campaigns", multiple=True, metavar="ID", help="Only this campaign.")
@click.pass_context
def command(ctx: click.Context, campaigns: tuple[str, ...]) -> None:
    """Take the current screenshots as the reviewed baseline (approved/, meant to be committed)."""
    project = load_project(project_dir(ctx))
    out = project.root / BUILD_DIR
    with build_lock(out):
        manifest = require_manifest(out)
        built = [j for j in manifest["jobs"] if "path" in j and j["status"] != "failed"]
        unknown = sorted(set(campaigns) - {j["campaign"] for j in built})
        if unknown:
            raise UsageError(
                f"no built jobs for campaign(s) {', '.join(unknown)}; built: "
                f"{', '.join(sorted({j['campaign'] for j in built}))}"
            )
        jobs = [j for j in built if not campaigns or j["campaign"] in campaigns]
        approved = approve(project, out, jobs)
        changes = {}
        for j in jobs:
            review = review_job(
                project, out, j["path"], [Diagnostic(**f) for f in j.get("findings", [])]
            )
            changes[j["id"]] = {
                "findings": [f.to_dict() for f in review.findings],
                "visual": review.visual,
            }
        write_gallery(project, out, update_jobs(out, changes))
    err.print(
        f"mailglot: approved the screenshots of {len(approved)} job(s) -> "
        f"{project.root / APPROVED_DIR} (commit it)",
        markup=False,
    )
