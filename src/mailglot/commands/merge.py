"""`mailglot merge DIR...`: combine the build/ folders of shard builds into one build/."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mailglot.combine import Combined, combine
from mailglot.commands._context import build_date, in_existing_folder, project_dir
from mailglot.console import err, print_findings
from mailglot.errors import Diagnostic, UsageError
from mailglot.findings import group_findings
from mailglot.manifest import MANIFEST, read_manifest
from mailglot.output import not_linked_out
from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.reporting import errors_as_json, json_document, print_json, report_options


@click.command("merge")
@click.argument(
    "folders",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),  # checked below: a missing one is reported like the rest
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the merged build goes (default: the project's build/).",
)
@report_options
@click.pass_context
def command(
    ctx: click.Context, folders: tuple[Path, ...], out: Path | None, as_json: bool, quiet: bool
) -> None:
    """Combine the build/ folders of `mailglot build --shard K/N` runs (every K, one N) into one
    build/ with one manifest and one gallery, as a single build would have made them."""
    with errors_as_json("merge", as_json):
        for folder in folders:
            if not folder.is_dir():
                what = "is not a folder" if folder.exists() else "does not exist"
                raise UsageError(f"{folder} {what}; give the build/ folder of each shard")
        if out is not None:
            in_existing_folder("--out", out)
        project = load_project(project_dir(ctx))
        if out is None:  # the project's build/ linked elsewhere: refused as by build
            not_linked_out(project.root / "build")
        target = (out or project.root / "build").resolve()
        if out is not None:
            _check_out(target, project.root)
        # job ids do not depend on the day, nor do input digests: runners and merge may be on
        # either side of midnight (the shards agree on one plan: shard.json's fingerprint)
        planned = {job.id: job.inputs for job in plan_jobs(project, Selection(), build_date()).jobs}
        result = combine(project, target, [f.resolve() for f in folders], planned)
    manifest = result.manifest
    found = [
        *((None, d) for d in manifest.diagnostics),  # result.said, then the shards'
        *((e.id, f) for e in manifest.jobs for f in e.findings),
    ]
    errors = sum(1 for _, f in found if f.severity == "error")
    if as_json:
        print_json(json_document("merge", not errors, _summary(result, found, target), found))
    elif quiet:
        print_findings(group_findings((job, f) for job, f in found if f.severity == "error"))
    else:
        for warning in result.said:
            err.print(f"mailglot: warning: {warning.message}", markup=False)
        err.print(
            f"mailglot: merged {result.shards} shard(s): {result.jobs} jobs, {result.copied} "
            f"file(s) written, {len(result.removed)} old job folder(s) removed, {errors} "
            f"error(s) (`mailglot check` lists the findings) -> {target}",
            markup=False,
        )
    ctx.exit(1 if errors else 0)


def _summary(
    result: Combined, found: list[tuple[str | None, Diagnostic]], target: Path
) -> dict[str, object]:
    """The counts the merge line prints, for --json."""
    severities = [f.severity for _, f in found]
    return {
        "shards": result.shards,
        "jobs": result.jobs,
        "files_written": result.copied,
        "removed": sorted(result.removed),
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "out": str(target),
    }


def _check_out(target: Path, root: Path) -> None:
    """Merge writes manifest.json, index.html and job folders, and removes the job folders no
    shard has (any `<a>/<b>/<c>/` folder holding a meta.json): an --out folder must be a
    build's, or empty, never a folder of other files (`--out .` would write into the project
    itself), nor one that merely holds a file named manifest.json (a web app's)."""
    if root.is_relative_to(target):
        raise UsageError(f"--out {target}: the project is in it; give a folder for the build")
    if not target.is_dir() or not any(target.iterdir()):
        return
    if not (target / MANIFEST).is_file():
        raise UsageError(
            f"--out {target}: holds files that are not a mailglot build (no {MANIFEST}); "
            "give a new or empty folder, or an earlier build's"
        )
    if not _is_build(target):
        raise UsageError(
            f"--out {target}: holds files that are not a mailglot build (its {MANIFEST} is "
            "not one mailglot wrote); nothing was written or removed there: give a new or "
            "empty folder, or an earlier build's"
        )


def _is_build(folder: Path) -> bool:
    """Whether the folder's manifest.json is one a mailglot build wrote: a JSON object naming
    the mailglot that wrote it, whose jobs and findings mailglot reads. A file of that name
    alone proves nothing (a web app's manifest, a package's)."""
    try:
        data = json.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    return (
        isinstance(data, dict)
        and isinstance(data.get("mailglot"), str)
        and isinstance(data.get("jobs"), list)
        and read_manifest(folder) is not None
    )
