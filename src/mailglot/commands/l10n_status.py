"""`mailglot l10n-status`: progress per locale and every string that fails a check."""

from __future__ import annotations

import click
from rich.table import Table

from mailglot.commands._context import project_dir
from mailglot.console import out, print_diagnostics, table_console
from mailglot.i18n.status import project_status
from mailglot.project.loader import load_project


@click.command("l10n-status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--strict", is_flag=True, help="Untranslated or fuzzy strings are errors.")
@click.pass_context
def command(ctx: click.Context, as_json: bool, strict: bool) -> None:
    """Translated / fuzzy / untranslated / obsolete per locale, and each failing string."""
    project = load_project(project_dir(ctx))
    statuses = project_status(project)
    failed = any(d.severity == "error" for s in statuses for d in s.problems)
    if strict:
        failed = failed or any(s.untranslated or s.fuzzy or not s.total for s in statuses)
    if as_json:
        out.print_json(data={"locales": [s.to_dict() for s in statuses], "ok": not failed})
        ctx.exit(1 if failed else 0)
    table = Table(
        "locale",
        "translated",
        "fuzzy",
        "untranslated",
        "obsolete",
        "done",
        box=None,
        pad_edge=False,
    )
    for s in statuses:
        table.add_row(
            s.locale,
            str(s.translated),
            str(s.fuzzy),
            str(s.untranslated),
            str(s.obsolete),
            f"{s.percent:.0f}%",
        )
    table_console().print(table)
    for s in statuses:
        print_diagnostics(s.problems + (s.untranslated_ids if strict else []))
    ctx.exit(1 if failed else 0)
