"""`mailglot check`: every check on the current build, without rebuilding.

Output checks run again on the built files (so a newly silenced, changed or added check
shows at once); findings only the build or the browser can make (translations, layout) are
taken from each job's record.
"""

from __future__ import annotations

import click

from mailglot.checks.registry import OUTPUT_CHECKS, check_output
from mailglot.commands._context import project_dir
from mailglot.console import err, out, print_diagnostics
from mailglot.errors import Diagnostic, silence
from mailglot.manifest import require_manifest
from mailglot.output import BUILD_DIR
from mailglot.project.loader import Project, load_project
from mailglot.publish import job_metas
from mailglot.records import JobMeta, JobPlace


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Findings as JSON on standard output.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Run every check on the current build and print the findings."""
    project = load_project(project_dir(ctx))
    build = project.root / BUILD_DIR
    manifest = require_manifest(build)
    metas = job_metas(build, manifest)
    findings: list[Diagnostic] = []
    for entry in manifest.jobs:
        meta = metas.get(entry.id)
        if entry.place is None or meta is None:
            findings += entry.findings
        else:
            findings += recheck(project, entry.place, meta)
    findings = list(dict.fromkeys(silence(findings, project.settings.checks.disable)))
    if as_json:
        out.print_json(data=[f.to_dict() for f in findings])
    else:
        print_diagnostics(findings)
        errors = sum(1 for f in findings if f.severity == "error")
        err.print(
            f"mailglot: {errors} error(s), {len(findings) - errors} warning(s) in "
            f"{len(manifest.jobs)} jobs",
            markup=False,
        )
    ctx.exit(1 if any(f.severity == "error" for f in findings) else 0)


def recheck(project: Project, place: JobPlace, meta: JobMeta) -> list[Diagnostic]:
    """The job's findings with the output checks run afresh on its files: the ones the build
    recorded from output checks are dropped, whatever settings they were made with."""
    folder = place.folder(project.root / BUILD_DIR)
    kept = [f for f in meta.findings if f.code not in OUTPUT_CHECKS]
    fresh = check_output(
        project,
        place,
        BUILD_DIR,
        (folder / "email.html").read_text(encoding="utf-8"),
        (folder / "email.txt").read_text(encoding="utf-8"),
        meta,
    )
    return kept + fresh
