"""`mailglot approve`: the current screenshots become the reviewed baseline."""

from __future__ import annotations

import click

from mailglot.baseline import APPROVED_DIR, approve
from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.errors import UsageError
from mailglot.manifest import require_manifest
from mailglot.output import BUILD_DIR, build_lock
from mailglot.project.loader import load_project
from mailglot.publish import publish


@click.command("approve")
@click.option("--campaign", "campaigns", multiple=True, metavar="ID", help="Only this campaign.")
@click.pass_context
def command(ctx: click.Context, campaigns: tuple[str, ...]) -> None:
    """Take the current screenshots as the reviewed baseline (approved/, meant to be committed)."""
    project = load_project(project_dir(ctx))
    out = project.root / BUILD_DIR
    with build_lock(out):
        manifest = require_manifest(out)
        built = [e for e in manifest.jobs if e.rendered]
        unknown = sorted(set(campaigns) - {e.campaign for e in built})
        if unknown:
            raise UsageError(
                f"no built jobs for campaign(s) {', '.join(unknown)}; built: "
                f"{', '.join(sorted({e.campaign for e in built}))}"
            )
        jobs = [e for e in built if not campaigns or e.campaign in campaigns]
        approved = approve(project, out, jobs)
        publish(project, out, manifest, {}, {e.id for e in jobs})
    err.print(
        f"mailglot: approved the screenshots of {len(approved)} job(s) -> "
        f"{project.root / APPROVED_DIR} (commit it)",
        markup=False,
    )
