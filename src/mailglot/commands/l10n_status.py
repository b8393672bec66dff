"""`mailglot l10n-status`: progress per locale and every string that fails a check."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from mailglot.commands._context import project_dir
from mailglot.console import err, out, print_diagnostics, table_console
from mailglot.errors import Diagnostic
from mailglot.i18n.catalog_paths import catalog_path
from mailglot.i18n.checks import CODES
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.pofix import fix_catalog
from mailglot.i18n.status import LocaleStatus, project_status
from mailglot.project.loader import Project, load_project
from mailglot.reporting import errors_as_json, report_options


@click.command("l10n-status")
@click.option("--strict", is_flag=True, help="Untranslated or fuzzy strings are errors.")
@click.option(
    "--fix",
    is_flag=True,
    help="Apply automatic fixes (French punctuation spacing, double spaces) to the .po files.",
)
@report_options
@click.pass_context
def command(ctx: click.Context, as_json: bool, quiet: bool, strict: bool, fix: bool) -> None:
    """Translated / fuzzy / untranslated / refused per locale, and each failing string with
    its .po line, code and a one-line fix hint."""
    with errors_as_json("l10n-status", as_json):  # a broken mailglot.yaml: still JSON
        project = load_project(project_dir(ctx))
        left = _fix(project, quiet=as_json or quiet) if fix else []
        statuses, warnings = project_status(project)
    findings = _once(left + warnings + [d for s in statuses for d in s.problems])
    failed = any(d.severity == "error" for d in findings)
    if strict:  # a locale with no catalog it can read is not ready either
        failed = failed or any(s.untranslated or s.fuzzy or not s.readable for s in statuses)
    if as_json:
        out.print_json(
            data={
                "locales": [s.to_dict() for s in statuses],
                "warnings": [d.to_dict() for d in warnings],
                "ok": not failed,
                "command": "l10n-status",  # the keys every --json document has
                "summary": {s.locale: s.percent for s in statuses},
                "findings": [d.to_dict() for d in findings],
            }
        )
        ctx.exit(1 if failed else 0)
    if not quiet:
        _table(statuses)
    for s in statuses:  # what `build` says l10n-status lists: here with every other finding
        findings += s.untranslated_ids
    for d in _once(findings):
        if not quiet or d.severity == "error" or strict:
            print_finding(d)
    ctx.exit(1 if failed else 0)


def _fix(project: Project, quiet: bool) -> list[Diagnostic]:
    """Fix each catalog on its own: one that cannot be fixed (or an entry of it) is an
    `l10n.fix` error, and the others are still fixed and the table printed."""
    policy = project_policy(project)
    left: list[Diagnostic] = []
    for locale in project.settings.locales:
        path = catalog_path(project.root, locale)
        if locale == project.settings.source_locale or not _is_file(path):
            continue
        fixed = fix_catalog(path, project.root, locale, policy.for_locale(locale))
        if fixed.written and not quiet:
            err.print(f"{fixed.path}: fixed {fixed.entries} entr(y/ies)", markup=False)
        left += fixed.left
    return left


def _is_file(path: Path) -> bool:
    """Whether there is a catalog to fix; one that cannot be looked at is left to the status,
    which says why it cannot be read (it was a traceback)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _table(statuses: list[LocaleStatus]) -> None:
    table = Table(
        "locale",
        "translated",
        "fuzzy",
        "untranslated",
        "refused",
        "obsolete",
        "done",
        "missing",
        "stale",
        box=None,
        pad_edge=False,
    )
    for s in statuses:
        table.add_row(
            s.locale,
            str(s.translated),
            str(s.fuzzy),
            str(s.untranslated),
            str(s.refused),
            str(s.obsolete),
            s.done,
            str(s.missing),
            str(s.stale),
        )
    table_console().print(table)


def _once(findings: list[Diagnostic]) -> list[Diagnostic]:
    """Each finding once: a shared fallback catalog (`locales/pt/`) is read for every locale
    that falls back to it, and its findings are the same for each."""
    return list(dict.fromkeys(findings))


def print_finding(d: Diagnostic) -> None:
    """The line every command prints for a finding (`path:line: message [code]`), then the
    code's fix hint on a line of its own."""
    print_diagnostics([d])
    code = CODES.get(d.code)
    if code is not None:
        err.print(f"    fix: {code.hint}", markup=False)
