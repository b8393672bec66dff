"""`mailglot build`: build everything selected, incrementally."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from mailglot import noop
from mailglot.commands._context import build_date, project_dir
from mailglot.commands._options import campaign_option, locale_option, market_option
from mailglot.console import err, print_findings
from mailglot.errors import Diagnostic
from mailglot.findings import group_findings
from mailglot.noop import STRICT_CODES, Replay
from mailglot.reporting import (
    Meter,
    errors_as_json,
    json_document,
    meters,
    output_mode,
    print_json,
    report_options,
)
from mailglot.shard import Shard, parse_shard, whole_plan_only

CAMPAIGNS = "campaigns"  # one YAML file per campaign (project/loader.py reads them)

if TYPE_CHECKING:
    from mailglot.build import BuildReport


@click.command("build")
@campaign_option
@locale_option
@market_option
@click.option("--no-screenshots", is_flag=True, help="Skip browser screenshots.")
@click.option(
    "--jobs",
    "workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Parallel workers (default: one per core when there is enough work).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Untranslated strings and unsupported client features are errors.",
)
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    default=None,
    help="Schedule sends in this year instead of the next occurrence.",
)
@click.option(
    "--shard",
    "shard_text",
    metavar="K/N",
    default=None,
    help="Build only share K of N (1-based), for one of N CI runners; `mailglot merge` "
    "combines the shards.",
)
@report_options
@click.pass_context
def command(
    ctx: click.Context,
    campaigns: tuple[str, ...],
    locales: tuple[str, ...],
    markets: tuple[str, ...],
    no_screenshots: bool,
    workers: int | None,
    strict: bool,
    year: int | None,
    shard_text: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Build every selected campaign x locale x variant (unchanged jobs are not redone)."""
    with errors_as_json("build", as_json), meters(output_mode(quiet, as_json)) as progress:
        # parsed here, not in a click callback: a bad --shard (or an empty one, from an unset
        # CI variable) is a usage error that --json reports as a document too
        shard = None if shard_text is None else parse_shard(shard_text)
        if shard is not None:
            whole_plan_only(campaigns, locales, markets)
        today = build_date()
        choice = dict(screenshots=not no_screenshots, strict=strict, year=year, shard=shard)
        bar, shots_bar = progress.add("Building", "emails"), progress.add("Screenshots", "emails")
        report: BuildReport | Replay | None = None
        if not (campaigns or locales or markets or shard):
            report = noop.replay(project_dir(ctx), noop.Options(not no_screenshots, year, today))
        if report is not None:
            report = replace(report, strict=strict)
            bar.start(report.unchanged)
            for _ in range(report.unchanged):
                bar.advance()
        else:
            selected = (campaigns, locales, markets)
            report = _build(ctx, selected, workers, choice, today, (bar, shots_bar))
    report = with_empty_note(report)
    jobs = report.jobs_by_finding()  # --strict made some warnings errors: look up the warning
    if as_json:
        found = [
            (job, _as_reported(report, d))
            for d in report.diagnostics
            for job in jobs.get(d) or [None]
        ]
        print_json(json_document("build", report.ok, summary(report, shard), found))
        ctx.exit(0 if report.ok else 1)
    found = [
        (d, jobs.get(d) or jobs.get(replace(d, severity="warning")) or [None])
        for d in condense(report)
    ]
    groups = group_findings((job, d) for d, in_jobs in found for job in in_jobs)
    print_findings(g for g in groups if not quiet or g.finding.severity == "error")
    if not quiet:
        summarize(report)
    ctx.exit(0 if report.ok else 1)


def _build(
    ctx: click.Context,
    selected: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    workers: int | None,
    choice: dict[str, Any],
    today: date,
    bars: tuple[Meter, Meter],
) -> BuildReport:
    """The ordinary build, loaded only when the no-op answer (noop.py) does not hold: loading
    the project and the pipeline is most of what a no-op build would cost."""
    with _fewer_collections():
        from mailglot.build import BuildOptions, build
        from mailglot.plan import Selection

        bar, shots_bar = bars
        return build(
            project_dir(ctx),
            BuildOptions(Selection(*selected), workers, today=today, **choice),
            on_planned=bar.start,
            on_result=bar.advance,
            on_shots_planned=shots_bar.start,
            on_shot=shots_bar.advance,
        )


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cycle collector runs after every 700 new objects, and each tenth run also goes
    through everything kept so far; a build keeps a great deal until it ends (the pipeline's
    modules, the plan, the results, the manifest and the gallery data), so in the process
    that runs a 10,000-job build it took 0.54 of 4.4 CPU-s. Running it after 10,000 new
    objects instead brought that to 0.24 s (workers, forked here, inherit the setting;
    garbage cycles still go, 14 times less often). Set for the build only: the no-op answer
    and the report printed after it keep the defaults."""
    before = gc.get_threshold()
    gc.set_threshold(10_000, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def with_empty_note(report: BuildReport | Replay) -> BuildReport | Replay:
    """A project whose campaigns/ holds no campaign file built nothing and said only "0 built",
    exit 0, as if all were well: a warning says why and that earlier emails were removed, on
    the replayed no-op build too (a missing or unreadable campaigns/ is an error instead, see
    project.loader.campaign_files: it prunes nothing). Asked of counts the report holds (no
    pass over its results), and campaigns/ is listed only when nothing at all was planned."""
    planned = report.unchanged if isinstance(report, Replay) else len(report.plan.jobs)
    if planned or report.skipped or report.failed_campaigns:
        return report
    if any((report.out.parent / CAMPAIGNS).glob("*.yaml")):
        return report
    note = Diagnostic(
        f"{CAMPAIGNS}/",
        None,
        "schema",
        "warning",
        f"no campaign file ({CAMPAIGNS}/<id>.yaml, one per campaign), so nothing was built "
        "and build/ keeps no campaign's emails (a whole build removes those of campaigns no "
        f"longer in {CAMPAIGNS}/)",
    )
    if isinstance(report, Replay):
        return replace(report, findings=(*report.findings, (note, ())))
    return replace(report, notes=(*report.notes, note))


def _as_reported(report: BuildReport | Replay, d: Diagnostic) -> Diagnostic:
    return replace(d, severity="error") if report.is_error(d) else d


def summary(report: BuildReport | Replay, shard: Shard | None = None) -> dict[str, object]:
    """The counts `summarize` prints, for --json."""
    errors = sum(1 for d in report.diagnostics if report.is_error(d))
    notes = sum(1 for d in report.diagnostics if d.severity == "info" and not report.is_error(d))
    return {
        "built": report.count("built"),
        "unchanged": report.count("unchanged"),
        "failed": report.count("failed"),
        "skipped": report.skipped,
        "campaigns_with_errors": list(report.failed_campaigns),
        "screenshots": report.shots.images if report.shots else 0,
        "errors": errors,
        "warnings": len(report.diagnostics) - errors - notes,
        "notes": notes,
        "shard": str(shard) if shard else None,
        "out": str(report.out),
    }


def condense(report: BuildReport | Replay, limit: int = 5) -> list[Diagnostic]:
    """Untranslated strings come by the dozen in a new locale: past `limit` per catalog, one
    line says how many and where to look, instead of a screenful per locale."""
    missing: dict[str, list[Diagnostic]] = {}
    shown: list[Diagnostic] = []
    for d in report.diagnostics:
        if d.code == "l10n.missing":
            missing.setdefault(d.path, []).append(d)
        else:
            shown.append(d)
    shown = _condense_layout_notes(shown)
    for path, items in missing.items():
        if len(items) <= limit:
            shown += items
        else:
            shown.append(
                Diagnostic(
                    path,
                    None,
                    "l10n.missing",
                    items[0].severity,
                    f"{len(items)} untranslated strings (the source text is "
                    "used); `mailglot l10n-status` lists them",
                )
            )
    if report.strict:
        shown = [replace(d, severity="error") if d.code in STRICT_CODES else d for d in shown]
    return shown


def summarize(report: BuildReport | Replay) -> None:
    errors = sum(1 for d in report.diagnostics if report.is_error(d))
    notes = sum(1 for d in report.diagnostics if d.severity == "info" and not report.is_error(d))
    warnings = len(report.diagnostics) - errors - notes
    parts = [f"{report.count('built')} built", f"{report.count('unchanged')} unchanged"]
    if report.count("failed"):
        parts.append(f"{report.count('failed')} failed")
    if report.skipped:
        parts.append(f"{report.skipped} skipped")
    if report.failed_campaigns:
        parts.append(f"{len(report.failed_campaigns)} campaign(s) with errors")
    if report.shots and report.shots.images:
        parts.append(f"{report.shots.images} screenshot(s) in {report.shots.seconds:.1f} s")
    parts.append(
        f"{errors} error(s), {warnings} warning(s)" + (f", {notes} note(s)" if notes else "")
    )
    # a folder name that is not UTF-8 as `\xff`, as campaign names are shown (not `\udcff`)
    out = os.fsencode(report.out).decode("utf-8", "backslashreplace")
    err.print(f"mailglot: {', '.join(parts)} -> {out}", markup=False)


def _condense_layout_notes(findings: list[Diagnostic]) -> list[Diagnostic]:
    """Browser layout notes (small tap targets, unsized images) repeat in every job that shares
    a layout: one line per kind, with the gallery and meta.json holding the details."""
    notes: dict[str, list[Diagnostic]] = {}
    kept: list[Diagnostic] = []
    for d in findings:
        if d.code.startswith("layout.") and d.severity == "info":
            notes.setdefault(d.code, []).append(d)
        else:
            kept.append(d)
    for code, items in notes.items():
        if len(items) == 1:
            kept += items
            continue
        jobs = len({d.path for d in items})
        kept.append(
            Diagnostic(
                "build/index.html",
                None,
                code,
                "info",
                f"{code} in {jobs} job(s), e.g. {items[0].path}: {items[0].message}",
            )
        )
    return kept
