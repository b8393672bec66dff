"""`mailglot export --format ses|sendgrid|postmark [--out DIR]`: one file per built job in a
sending platform's template format, merge tags in its syntax."""

from __future__ import annotations

from pathlib import Path

import click

from mailglot.commands._context import in_existing_folder, project_dir
from mailglot.console import err, out
from mailglot.export import PLATFORMS, built_messages, export, platform
from mailglot.manifest import require_manifest
from mailglot.output import BUILD_DIR
from mailglot.project.loader import load_project
from mailglot.reporting import errors_as_json, report_options

EXPORTS_DIR = "exports"


@click.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice([p.name for p in PLATFORMS]),
    help="The sending platform's template format.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the files (default build/exports/<format>/).",
)
@report_options
@click.pass_context
def command(ctx: click.Context, fmt: str, out_dir: Path | None, as_json: bool, quiet: bool) -> None:
    """Export every built job as a template for a sending platform (one file per job)."""
    with errors_as_json("export", as_json):  # nothing built, a broken mailglot.yaml: still JSON
        if out_dir is not None:
            in_existing_folder("--out", out_dir)
        project = load_project(project_dir(ctx))
        build = project.root / BUILD_DIR
        manifest = require_manifest(build)
        target = platform(fmt)
        folder = out_dir if out_dir is not None else build / EXPORTS_DIR / fmt
        messages = built_messages(build, manifest, project.settings)
        within = build if out_dir is None else None  # the default folder stays in build/
        result = export(
            messages, project.settings, target, folder, prune=out_dir is None, within=within
        )
    if as_json:
        out.print_json(
            data={
                "format": fmt,
                "files": [str(p) for p in result.files],
                "removed": [str(p) for p in result.removed],
            }
        )
    elif not quiet:
        err.print(
            f"mailglot: {len(result.files)} {target.title} template(s) in {folder} "
            f"({result.written} changed, {len(result.removed)} removed)",
            markup=False,
        )
