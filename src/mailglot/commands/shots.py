"""`mailglot shots`: screenshots (and the browser's layout checks) for the current build.

The manifest's browser finding (`shots.browser`, from a build that could not start one) is
this run's to replace: a run that starts the browser drops it (one that cannot stops before
writing anything); a run with nothing to shoot leaves it as it was. It stayed in the
manifest, and `check` kept saying the browser was missing, after `shots` had taken every
screenshot. A run limited by `--campaign` or `--locale` that leaves other jobs without
current screenshots says so instead, counting them, until a run shoots them: dropped there,
nothing in the manifest said that the other campaigns had no screenshots.

A job the manifest lists whose outputs are not all there (a file deleted since the build, a
meta.json missing or unreadable) is not shot: its shots fail, named with what is missing and
that `mailglot build` writes it again, and the other jobs are shot as usual.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path

import click

from mailglot.baseline import SHOTS_CODE
from mailglot.commands._built import current_build, missing_outputs, named, unrecorded
from mailglot.commands._context import project_dir
from mailglot.commands._options import campaign_option, locale_option
from mailglot.console import err, print_diagnostics
from mailglot.errors import Diagnostic, UsageError
from mailglot.output import BUILD_DIR
from mailglot.project.loader import load_project
from mailglot.publish import publish
from mailglot.records import Manifest, ManifestEntry
from mailglot.reporting import (
    errors_as_json,
    json_document,
    meters,
    output_mode,
    print_json,
    report_options,
)
from mailglot.shots import BROWSER_CODE, ShotsReport, take_screenshots
from mailglot.shots.state import ShotState, read_state, write_state


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
        chosen = {e.id for e in manifest.jobs if e.rendered and _picked(e, campaigns, locales)}
        browser_said = [d for d in manifest.diagnostics if d.code == BROWSER_CODE]
        others = tuple(d for d in manifest.diagnostics if d.code != BROWSER_CODE)

        def shoot(folders: Mapping[str, Path]) -> ShotsReport:
            whole = {job: f for job, f in folders.items() if not missing_outputs(f)}
            report = take_screenshots(
                project, out, whole, pages, bar.start, bar.advance, force=force
            )
            if not report.browser_started:  # not looked for: the last word on it stands
                report.diagnostics.extend(browser_said)
            elif browser_said:  # it works now; said again for the jobs this run left unshot
                report.diagnostics.extend(_still_unshot(browser_said[0], manifest, chosen))
            for job, folder in folders.items():  # written only once no BrowserNotFound stopped us
                if job not in whole:
                    report.failed[job] = _fail(folder, missing_outputs(folder), out)
            return report

        published = publish(
            project, out, replace(manifest, diagnostics=others), {}, chosen, shoot
        )
    report = published.shots
    assert report is not None
    found = _found(out, published.manifest, chosen, published.metas.keys())
    for job, finding in found:
        if job not in published.metas:  # not shot: no meta.json to shoot it with
            report.failed[job] = finding.message
    unbuilt = sum(1 for e in manifest.jobs if e.kind == "failed" and _picked(e, campaigns, locales))
    ctx.exit(_report(report, found, unbuilt, out, as_json, quiet))


def _still_unshot(
    said: Diagnostic, manifest: Manifest, chosen: Collection[str]
) -> list[Diagnostic]:
    """The browser finding, once the browser started, for the built jobs this run did not
    shoot whose screenshots are not current (none: it goes)."""
    unshot = [
        e.id
        for e in manifest.jobs
        if e.rendered and e.id not in chosen and (e.visual is None or not e.visual.current)
    ]
    if not unshot:
        return []
    message = (
        f"{len(unshot)} job(s) have no current screenshots (e.g. {unshot[0]}), left by a build "
        "that could not start the browser: run `mailglot shots` to take them"
    )
    return [Diagnostic(said.path, None, BROWSER_CODE, said.severity, message)]


def _picked(entry: ManifestEntry, campaigns: tuple[str, ...], locales: tuple[str, ...]) -> bool:
    return (
        entry.place is not None
        and (not campaigns or entry.campaign in campaigns)
        and (not locales or entry.place.locale in locales)
    )


def _report(
    report: ShotsReport,
    found: list[tuple[str, Diagnostic]],
    unbuilt: int,
    out: Path,
    as_json: bool,
    quiet: bool,
) -> int:
    """Prints the findings and the summary; the exit code. `unbuilt`: jobs left unshot because
    their latest build failed (their earlier outputs and shots are kept), which are the
    build's failures, told by `build` and `check`, not the screenshots'."""
    code = 1 if report.failed else 0
    if as_json:
        summary = {
            "images": report.images,
            "jobs": len(report.shot),
            "unchanged": report.unchanged,
            "failed": report.failed,
            "build_failed": unbuilt,
            "seconds": round(report.seconds, 3),
        }
        print_json(json_document("shots", not report.failed, summary, found))
        return code
    print_diagnostics(f for _, f in found if not quiet or f.severity == "error")
    if quiet:
        return code
    rate = f" ({report.images / report.seconds:.1f}/s)" if report.images else ""
    note = (
        f", {unbuilt} not shot (their latest build failed: see `mailglot check`)" if unbuilt else ""
    )
    err.print(
        f"mailglot: {report.images} screenshot(s) of {len(report.shot)} job(s) in "
        f"{report.seconds:.1f} s{rate}, {report.unchanged} unchanged, {len(report.failed)} failed"
        f"{note} -> {out / 'index.html'}",
        markup=False,
    )
    return code


def _check_choice(manifest: Manifest, campaigns: tuple[str, ...], locales: tuple[str, ...]) -> None:
    """A --campaign or --locale with no built job is a typo, not "0 screenshots, all fine"."""
    built = [e.place for e in manifest.jobs if e.rendered and e.place is not None]
    failed = [e.place for e in manifest.jobs if e.kind == "failed" and e.place is not None]
    for kind, asked, known, unbuilt in (
        ("campaign", campaigns, {p.campaign for p in built}, {p.campaign for p in failed}),
        ("locale", locales, {p.locale for p in built}, {p.locale for p in failed}),
    ):
        for value in asked:
            if value not in known:
                names = ", ".join(sorted(known)) or "none"
                why = (
                    ": the latest build of its jobs failed (`mailglot check` says why)"
                    if value in unbuilt
                    else ""
                )
                raise UsageError(f"no built jobs for {kind} {value!r}{why}; built: {names}")


def _fail(folder: Path, missing: tuple[str, ...], out: Path) -> str:
    """Record the job's shots as failed (a `shots.failed` finding once it is reviewed, as
    for any shot that failed), keeping what its last shots measured and compared."""
    verb, them = ("is", "it") if len(missing) == 1 else ("are", "them")
    error = (
        f"{named(missing)} {verb} missing: run `mailglot build` to write {them} again, then shoot"
    )
    previous = read_state(folder)
    write_state(
        folder, ShotState(None, previous.sizes, previous.layout, error, previous.review), out
    )
    return error


def _found(
    out: Path, manifest: Manifest, chosen: set[str], recorded: Collection[str]
) -> list[tuple[str, Diagnostic]]:
    """The chosen jobs' screenshot and layout findings, in the manifest's order, with one for
    each job that could not be shot at all for want of a readable meta.json (it has no record
    to keep a finding in: this run tells it)."""
    found: list[tuple[str, Diagnostic]] = []
    for entry in manifest.jobs:
        if entry.id not in chosen:
            continue
        if entry.id not in recorded:
            found.append((entry.id, _unrecorded(out, entry)))
            continue
        found += [(entry.id, f) for f in entry.findings if f.code.startswith(("layout.", "shots."))]
    return found


def _unrecorded(out: Path, entry: ManifestEntry) -> Diagnostic:
    assert entry.place is not None
    where, what = unrecorded(out, entry.place)
    message = f"{what}: run `mailglot build` to write it again, then shoot"
    return Diagnostic(where, None, SHOTS_CODE, "warning", message)
