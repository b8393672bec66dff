"""`mailglot shots`: screenshots (and the browser's layout checks) for the current build."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click

from mailglot.commands._built import current_build
from mailglot.commands._context import project_dir
from mailglot.commands._options import campaign_option, locale_option
from mailglot.console import err, print_diagnostics
from mailglot.errors import UsageError
from mailglot.output import BUILD_DIR
from mailglot.project.loader import load_project
from mailglot.publish import publish
from mailglot.records import Manifest
from mailglot.reporting import (
    errors_as_json,
    json_document,
    meters,
    output_mode,
    print_json,
    report_options,
)
from mailglot.shots import ShotsReport, take_screenshots
from mailglot.shots.state import STATE


@click.command("shots")
@campaign_option
@locale_option
@click.option("--force", is_flag=True, help="Shoot again even where nothing changed.")
@click.option(
    "--pages",
    type=click.IntRange(1, 16),
    default=None,
    help="Pages shot at once (default: by cores).",
)
@report_options
@click.pass_context
def command(
    ctx: click.Context,
    campaigns: tuple[str, ...],
    locales: tuple[str, ...],
    force: bool,
    pages: int | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Take the screenshots of the current build (also part of `mailglot build`)."""
    with errors_as_json("shots", as_json):
        _shots(ctx, campaigns, locales, force, pages, as_json, quiet)


def _shots(
    ctx: click.Context,
    campaigns: tuple[str, ...],
    locales: tuple[str, ...],
    force: bool,
    pages: int | None,
    as_json: bool,
    quiet: bool,
) -> None:
    project = load_project(project_dir(ctx))
    out = project.root / BUILD_DIR
    with current_build(out) as manifest, meters(output_mode(quiet, as_json)) as progress:
        bar = progress.add("Screenshots", "emails")
        _check_choice(manifest, campaigns, locales)
        chosen = {
            e.id
            for e in manifest.jobs
            if e.rendered
            and e.place is not None
            and (not campaigns or e.campaign in campaigns)
            and (not locales or e.place.locale in locales)
        }

        def shoot(folders: Mapping[str, Path]) -> ShotsReport:
            if force:
                for folder in folders.values():
                    (folder / STATE).unlink(missing_ok=True)
            return take_screenshots(project, out, folders, pages, bar.start, bar.advance)

        published = publish(project, out, manifest, {}, chosen, shoot)
    report = published.shots
    assert report is not None
    found = [(e.id, f) for e in published.manifest.jobs if e.id in chosen for f in e.findings]
    found = [(job, f) for job, f in found if f.code.startswith(("layout.", "shots."))]
    shown = [f for _, f in found]
    if as_json:
        summary = {
            "images": report.images,
            "jobs": len(report.shot),
            "unchanged": report.unchanged,
            "failed": report.failed,
            "seconds": round(report.seconds, 3),
        }
        print_json(json_document("shots", not report.failed, summary, found))
        ctx.exit(1 if report.failed else 0)
    print_diagnostics(f for f in shown if not quiet or f.severity == "error")
    if quiet:
        ctx.exit(1 if report.failed else 0)
    rate = f" ({report.images / report.seconds:.1f}/s)" if report.images else ""
    err.print(
        f"mailglot: {report.images} screenshot(s) of {len(report.shot)} job(s) in "
        f"{report.seconds:.1f} s{rate}, {report.unchanged} unchanged, {len(report.failed)} failed "
        f"-> {out / 'index.html'}",
        markup=False,
    )
    ctx.exit(1 if report.failed else 0)


def _check_choice(manifest: Manifest, campaigns: tuple[str, ...], locales: tuple[str, ...]) -> None:
    """A --campaign or --locale with no built job is a typo, not "0 screenshots, all fine"."""
    built = [e.place for e in manifest.jobs if e.rendered and e.place is not None]
    for kind, asked, known in (
        ("campaign", campaigns, {p.campaign for p in built}),
        ("locale", locales, {p.locale for p in built}),
    ):
        for value in asked:
            if value not in known:
                names = ", ".join(sorted(known)) or "none"
                raise UsageError(f"no built jobs for {kind} {value!r}; built: {names}")
