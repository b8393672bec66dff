"""`mailglot export --format ses|sendgrid|postmark [--out DIR]`: one file per built job in a
sending platform's template format, merge tags in its syntax."""

from __future__ import annotations

import os
from pathlib import Path

import click

from mailglot.commands._context import in_existing_folder, project_dir
from mailglot.console import err
from mailglot.export import PLATFORMS, Exported, built_messages, export, platform
from mailglot.manifest import require_manifest
from mailglot.output import BUILD_DIR
from mailglot.project.loader import load_project
from mailglot.reporting import errors_as_json, json_document, print_json, report_options

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
        print_json(json_document("export", True, summary(result, fmt, folder, project.root), []))
    elif not quiet:
        err.print(
            f"mailglot: {len(result.files)} {target.title} template(s) in {folder} "
            f"({result.written} changed, {len(result.removed)} removed)",
            markup=False,
        )


def summary(result: Exported, fmt: str, folder: Path, root: Path) -> dict[str, object]:
    """What the summary line says, for --json, in the document every command prints: files
    named from the project's root as findings are (absolute when --out is elsewhere), the
    folder as `out`, absolute as build's and merge's."""
    return {
        "format": fmt,
        "files": [_shown(p, root) for p in result.files],
        "changed": result.written,
        "removed": [_shown(p, root) for p in result.removed],
        "out": os.path.abspath(folder),
    }


def _shown(path: Path, root: Path) -> str:
    full = Path(os.path.abspath(path))
    return full.relative_to(root).as_posix() if full.is_relative_to(root) else str(full)
