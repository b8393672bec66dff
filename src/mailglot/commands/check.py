"""`mailglot check`: every check on the current build, without rebuilding.

Output checks run again on the built files (so a newly silenced, changed or added check
shows at once); findings only the build or the browser can make (translations, layout) are
taken from each job's record. `--clients` adds caniemail's partial-support notes, `--spam` a
local SpamAssassin score per .eml.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from mailglot.checks import spam as spam_score
from mailglot.checks.presend import client_notes
from mailglot.checks.registry import check_output, is_output_code, job_output
from mailglot.commands._context import project_dir
from mailglot.console import err, print_findings
from mailglot.errors import Diagnostic, silence
from mailglot.findings import counts, group_findings
from mailglot.manifest import require_manifest
from mailglot.noop import STRICT_CODES
from mailglot.output import BUILD_DIR
from mailglot.project.loader import Project, load_project
from mailglot.publish import job_metas
from mailglot.records import JobMeta, JobPlace
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
    metas = job_metas(build, manifest)
    items: list[tuple[str | None, Diagnostic]] = []
    for entry in manifest.jobs:
        meta = metas.get(entry.id)
        if entry.place is None or meta is None:
            items += [(entry.id if entry.place else None, f) for f in entry.findings]
        else:
            items += [(entry.id, f) for f in recheck(project, entry.place, meta, clients)]
    if spam:
        items += _spam(project, [(e.id, e.place) for e in manifest.jobs if e.rendered and e.place])
    disabled = project.settings.checks.disable
    items = list(dict.fromkeys((job, f) for job, f in items if silence([f], disabled)))
    if strict:
        items = [(job, _escalate(f)) for job, f in items]
    failed = any(f.severity == "error" for _, f in items)
    groups = group_findings(items)
    tally = counts(groups)
    # as build counts them: a skipped market (`<campaign>@<market>`) is no job
    jobs = sum(1 for e in manifest.jobs if e.place is not None)
    skipped = sum(1 for e in manifest.jobs if e.kind == "skipped")
    if as_json:
        summary = {**tally, "jobs": jobs, "skipped": skipped, "groups": len(groups)}
        print_json(json_document("check", not failed, summary, items))
    elif quiet:
        print_findings(g for g in groups if g.finding.severity == "error")
    else:
        print_findings(groups)
        notes = f", {tally['info']} note(s)" if tally["info"] else ""
        also = f", {skipped} skipped" if skipped else ""
        err.print(
            f"mailglot: {tally['error']} error(s), {tally['warning']} warning(s){notes} in "
            f"{jobs} jobs{also}",
            markup=False,
        )
    ctx.exit(1 if failed else 0)


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
    for name in ("email.html", "email.txt"):
        try:
            texts.append((folder / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:  # deleted or damaged since it was built
            return [*kept, _unreadable(place, name, exc)]
    html, text = texts
    fresh = check_output(project, place, BUILD_DIR, html, text, meta)
    extra = (
        list(client_notes(job_output(project, place, BUILD_DIR, html, "", meta))) if notes else []
    )
    return kept + fresh + extra


def _unreadable(place: JobPlace, name: str, exc: OSError | UnicodeDecodeError) -> Diagnostic:
    why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
    return Diagnostic(
        f"{place.in_build(BUILD_DIR)}/{name}",
        None,
        "build-state",
        "error",
        f"cannot be checked: {why}; run `mailglot build` again",
    )
