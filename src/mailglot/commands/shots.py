"""`mailglot shots`: screenshots (and the browser's layout checks) for the current build."""

from __future__ import annotations

import click

from mailglot.baseline import review_job
from mailglot.commands._context import project_dir
from mailglot.console import err, print_diagnostics, progress_bar
from mailglot.errors import Diagnostic
from mailglot.gallery import write_gallery
from mailglot.manifest import require_manifest, update_jobs
from mailglot.output import BUILD_DIR, build_lock
from mailglot.project.loader import load_project
from mailglot.shots import take_screenshots


@click.command("shots")
@click.option("--campaign", "campaigns", multiple=True, metavar="ID", help="Only this campaign.")
@click.option("--locale", "locales", multiple=True, metavar="L", help="Only this locale.")
@click.option("--force", is_flag=True, help="Shoot again even where nothing changed.")
@click.option(
    "--pages",
    type=click.IntRange(1, 16),
    default=None,
    help="Pages shot at once (default: by cores).",
)
@click.pass_context
def command(
    ctx: click.Context,
    campaigns: tuple[str, ...],
    locales: tuple[str, ...],
    force: bool,
    pages: int | None,
) -> None:
    """Take the screenshots of the current build (also part of `mailglot build`)."""
    project = load_project(project_dir(ctx))
    out = project.root / BUILD_DIR
    with build_lock(out):
        manifest = require_manifest(out)
        jobs = [
            j
            for j in manifest["jobs"]
            if "path" in j
            and j["status"] != "failed"
            and (not campaigns or j["campaign"] in campaigns)
            and (not locales or j["locale"] in locales)
        ]
        folders = {j["id"]: out / j["path"] for j in jobs}
        if force:
            for folder in folders.values():
                (folder / "shots.json").unlink(missing_ok=True)
        with progress_bar("Screenshots") as bar:
            report = take_screenshots(project, out, folders, pages, bar.start, bar.advance)
        findings: list[Diagnostic] = []
        changes = {}
        for j in jobs:
            previous = [Diagnostic(**f) for f in j.get("findings", [])]
            review = review_job(project, out, j["path"], previous)
            changes[j["id"]] = {
                "findings": [f.to_dict() for f in review.findings],
                "visual": review.visual,
            }
            findings += review.findings
        manifest = update_jobs(out, changes)
        write_gallery(project, out, manifest)
    print_diagnostics(f for f in findings if f.code.startswith(("layout.", "shots.")))
    rate = f" ({report.images / report.seconds:.1f}/s)" if report.images else ""
    err.print(
        f"mailglot: {report.images} screenshot(s) of {len(report.shot)} job(s) in "
        f"{report.seconds:.1f} s{rate}, {report.unchanged} unchanged, {len(report.failed)} failed "
        f"-> {out / 'index.html'}",
        markup=False,
    )
    ctx.exit(1 if report.failed else 0)
