"""`mailglot check`: every check on the current build, without rebuilding.

Output checks run again on the built files (so a newly silenced, changed or added check
shows at once); findings only the build or the browser can make (translations, layout) are
taken from each job's record. `--clients` adds caniemail's partial-support notes, `--spam` a
local SpamAssassin score per .eml.

A job whose latest build failed keeps its earlier outputs (SPEC 6), which are not what the
current sources make: they are not checked as if they were. Each such job is one error,
`build-state.stale`, naming the failure as the manifest records it, which `checks.disable`
does not silence (a reviewer must not read old emails as current); the failure itself is
reported as for a failed job with no outputs. A job the manifest lists whose files are not
all there is an error too: it cannot be checked as it was built.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from mailglot.checks import spam as spam_score
from mailglot.checks.presend import client_notes
from mailglot.checks.registry import check_output, is_output_code, job_output
from mailglot.commands._built import missing_outputs, unrecorded
from mailglot.commands._context import project_dir
from mailglot.console import err, print_findings
from mailglot.errors import Diagnostic, silence
from mailglot.findings import counts, group_findings
from mailglot.manifest import require_manifest
from mailglot.noop import STRICT_CODES
from mailglot.output import BUILD_DIR, OUTPUT_FILES
from mailglot.project.loader import Project, load_project
from mailglot.publish import job_metas
from mailglot.records import JobMeta, JobPlace, Manifest, ManifestEntry
from mailglot.reporting import errors_as_json, json_document, print_json, report_options


@click.command("check")
@click.option("--spam", is_flag=True, help="Also score each .eml with SpamAssassin (local).")
@click.option("--clients", is_flag=True, help="Also list partial client support (caniemail).")
@click.option("--strict", is_flag=True, help="Unsupported client features are errors.")
@report_options
@click.pass_context
def command(
    ctx: click.Context, as_json: bool, quiet: bool, spam: bool, clients: bool, strict: bool
) -> None:
    """Run every check on the current build and print the findings."""
    with errors_as_json("check", as_json):  # nothing built, a broken mailglot.yaml: still JSON
        _check(ctx, as_json, quiet, spam, clients, strict)


def _check(
    ctx: click.Context, as_json: bool, quiet: bool, spam: bool, clients: bool, strict: bool
) -> None:
    project = load_project(project_dir(ctx))
    build = project.root / BUILD_DIR
    manifest = require_manifest(build)
    items, stale = _job_findings(project, manifest, clients)
    # about build/ as a whole (merge: shards built from other inputs); a run's own, a missing
    # browser, are said by the command that met them
    items[:0] = [(None, d) for d in manifest.diagnostics if d.code.startswith("build-state")]
    items[:0] = [(None, d) for d in project.warnings]  # the project's as it is now
    if spam:
        items += _spam(project, [(e.id, e.place) for e in manifest.jobs if e.rendered and e.place])
    disabled = project.settings.checks.disable
    items = list(dict.fromkeys((job, f) for job, f in items if silence([f], disabled)))
    items += stale
    if strict:
        items = [(job, _escalate(f)) for job, f in items]
    failed = any(f.severity == "error" for _, f in items)
    groups = group_findings(items)
    tally = counts(groups)
    # as build counts them: a skipped market (`<campaign>@<market>`) is no job
    jobs = sum(1 for e in manifest.jobs if e.place is not None)
    skipped = sum(1 for e in manifest.jobs if e.kind == "skipped")
    if as_json:
        summary = {
            **tally,
            "jobs": jobs,
            "skipped": skipped,
            "stale": len(stale),
            "groups": len(groups),
        }
        print_json(json_document("check", not failed, summary, items))
    elif quiet:
        print_findings(g for g in groups if g.finding.severity == "error")
    else:
        print_findings(groups)
        notes = f", {tally['info']} note(s)" if tally["info"] else ""
        also = f", {skipped} skipped" if skipped else ""
        also += f", {len(stale)} stale (kept from an earlier build)" if stale else ""
        err.print(
            f"mailglot: {tally['error']} error(s), {tally['warning']} warning(s){notes} in "
            f"{jobs} jobs{also}",
            markup=False,
        )
    ctx.exit(1 if failed else 0)


def _job_findings(
    project: Project, manifest: Manifest, clients: bool
) -> tuple[list[tuple[str | None, Diagnostic]], list[tuple[str | None, Diagnostic]]]:
    """Every entry's findings (the output checks run again where there are outputs of the
    latest build), and apart, the stale notice of each failed job that kept earlier outputs."""
    build = project.root / BUILD_DIR
    metas = job_metas(build, manifest)
    items: list[tuple[str | None, Diagnostic]] = []
    stale: list[tuple[str | None, Diagnostic]] = []
    campaigns = _failures(manifest)
    for entry in manifest.jobs:
        meta = metas.get(entry.id)
        if entry.place is None:
            items += [(None, f) for f in entry.findings]
        elif entry.kind == "failed":
            own = entry.campaign not in campaigns  # a campaign's is on its `<campaign>@*`
            if own:
                items += [(entry.id, f) for f in entry.findings]
            if len(missing_outputs(entry.place.folder(build))) < len(OUTPUT_FILES):
                stale.append((entry.id, _stale(entry, campaigns.get(entry.campaign))))
        elif meta is None:
            items += [(entry.id, f) for f in entry.findings]
            items.append((entry.id, _unrecorded(build, entry.place)))
        else:
            items += [(entry.id, f) for f in recheck(project, entry.place, meta, clients)]
            items += [(entry.id, f) for f in _missing(entry.place, build)]
    return items, stale


def _failures(manifest: Manifest) -> dict[str, tuple[Diagnostic, ...]]:
    """Campaigns that did not load in the latest build, with their findings: each of their
    jobs' entries is marked failed but keeps the findings of the build that made its
    outputs, so the failure is the campaign's (`<campaign>@*`)."""
    return {e.campaign: e.findings for e in manifest.jobs if e.place is None and e.kind == "failed"}


def _stale(entry: ManifestEntry, campaign: tuple[Diagnostic, ...] | None) -> Diagnostic:
    """`campaign`: the findings of the job's campaign when it did not load, else None (the
    job's own entry holds its failure)."""
    assert entry.place is not None
    if campaign is None:
        what, failure = "of this job failed", entry.findings
    else:
        what, failure = f"could not load campaign {entry.campaign}", campaign
    if failure:
        more = f"; and {len(failure) - 1} more" if len(failure) > 1 else ""
        what += f" ({failure[0]}{more})"
    return Diagnostic(
        f"{entry.place.in_build(BUILD_DIR)}/",
        None,
        "build-state.stale",
        "error",
        f"kept from an earlier build: the latest build {what}, so these files are not what "
        "the current sources make; fix that and run `mailglot build`",
    )


MISSING = "missing since the job was built; run `mailglot build` to write it again"


def _missing(place: JobPlace, build: Path) -> list[Diagnostic]:
    """The job's other files (its email.html and email.txt are read by `recheck`, which says
    when one is missing): a preview, .eml or .mjml gone since the build."""
    return [
        Diagnostic(
            f"{place.in_build(BUILD_DIR)}/{name}",
            None,
            "build-state",
            "error",
            MISSING,
        )
        for name in missing_outputs(place.folder(build))
        if name not in ("email.html", "email.txt")
    ]


def _unrecorded(build: Path, place: JobPlace) -> Diagnostic:
    where, what = unrecorded(build, place)
    return Diagnostic(
        where,
        None,
        "build-state",
        "error",
        f"cannot be checked: {what}; run `mailglot build` again",
    )


def _escalate(f: Diagnostic) -> Diagnostic:
    if f.code in STRICT_CODES and f.severity == "warning":
        return Diagnostic(f.path, f.line, f.code, "error", f.message)
    return f


def _spam(
    project: Project, jobs: list[tuple[str, JobPlace | None]]
) -> list[tuple[str | None, Diagnostic]]:
    executable = spam_score.find_spamassassin()
    if executable is None:
        err.print(f"mailglot: {spam_score.INSTALL_HINT}", markup=False)
        return []
    build = project.root / BUILD_DIR
    emls = [
        (
            job,
            f"{place.in_build(BUILD_DIR)}/email.eml",
            (place.folder(build) / "email.eml").read_bytes(),
        )
        for job, place in jobs
        if place is not None and (place.folder(build) / "email.eml").is_file()
    ]
    return list(spam_score.score_jobs(emls, datetime.now(UTC).astimezone(), executable))


def recheck(
    project: Project, place: JobPlace, meta: JobMeta, notes: bool = False
) -> list[Diagnostic]:
    """The job's findings with the output checks run afresh on its files: the ones the build
    recorded from output checks are dropped, whatever settings they were made with."""
    folder = place.folder(project.root / BUILD_DIR)
    kept = [f for f in meta.findings if not is_output_code(f.code)]
    texts: list[str] = []
    gone: list[Diagnostic] = []
    for name in ("email.html", "email.txt"):
        try:
            texts.append((folder / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:  # deleted or damaged since it was built
            gone.append(_unreadable(place, name, exc))
    if gone:
        return [*kept, *gone]
    html, text = texts
    fresh = check_output(project, place, BUILD_DIR, html, text, meta)
    extra = (
        list(client_notes(job_output(project, place, BUILD_DIR, html, "", meta))) if notes else []
    )
    return kept + fresh + extra


def _unreadable(place: JobPlace, name: str, exc: OSError | UnicodeDecodeError) -> Diagnostic:
    """A deleted file is told as the job's other files are (`_missing`), not in the OS's
    words ('No such file or directory')."""
    if isinstance(exc, FileNotFoundError):
        message = MISSING
    else:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        message = f"cannot be checked: {why}; run `mailglot build` again"
    return Diagnostic(f"{place.in_build(BUILD_DIR)}/{name}", None, "build-state", "error", message)
