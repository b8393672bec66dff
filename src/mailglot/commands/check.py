"""`mailglot check`: every check on the current build, without rebuilding.

Output checks run again on the built files (so a newly silenced or added check shows at
once); findings only the build or the browser can make (translations, layout) are read
from each job's meta.json.
"""

from __future__ import annotations

import json

import click

from mailglot.checks import CHECKS, check_output
from mailglot.commands._context import project_dir
from mailglot.console import err, out, print_diagnostics
from mailglot.errors import Diagnostic
from mailglot.manifest import require_manifest
from mailglot.output import BUILD_DIR
from mailglot.project.loader import load_project


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Findings as JSON on standard output.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Run every check on the current build and print the findings."""
    project = load_project(project_dir(ctx))
    build = project.root / BUILD_DIR
    manifest = require_manifest(build)
    silenced = set(project.settings.checks.disable)
    findings: list[Diagnostic] = []
    for job in manifest["jobs"]:
        folder = build / job.get("path", "")
        if "path" not in job or not (folder / "meta.json").is_file():
            findings += [Diagnostic(**f) for f in job.get("findings", [])]
            continue
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        kept = [Diagnostic(**f) for f in meta.get("findings", []) if f["code"] not in CHECKS]
        fresh = check_output(
            project,
            f"{BUILD_DIR}/{job['path']}",
            job["market"],
            (folder / "email.html").read_text(encoding="utf-8"),
            (folder / "email.txt").read_text(encoding="utf-8"),
            meta,
        )
        findings += [f for f in kept + fresh if f.code not in silenced]
    findings = list(dict.fromkeys(findings))
    if as_json:
        out.print_json(data=[f.to_dict() for f in findings])
    else:
        print_diagnostics(findings)
        errors = sum(1 for f in findings if f.severity == "error")
        err.print(
            f"mailglot: {errors} error(s), {len(findings) - errors} warning(s) in "
            f"{len(manifest['jobs'])} jobs",
            markup=False,
        )
    ctx.exit(1 if any(f.severity == "error" for f in findings) else 0)
