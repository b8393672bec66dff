"""`mailglot update`: merge messages.pot into every locale's catalog."""

from __future__ import annotations

import click

from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.i18n.update import update_all
from mailglot.project.loader import load_project


@click.command("update")
@click.pass_context
def command(ctx: click.Context) -> None:
    """Merge the template into each catalog: new strings added, changed ones fuzzy with the
    previous translation kept, removed ones obsolete."""
    project = load_project(project_dir(ctx))
    source = project.settings.source_locale
    locales = [loc for loc in project.settings.locales if loc != source]
    merged_all = update_all(project.root, locales)
    for merged in merged_all:
        err.print(
            f"{merged.locale}: {merged.added} new, {merged.fuzzy} to review (fuzzy), "
            f"{merged.obsolete} obsolete{'' if merged.written else ' (unchanged)'}",
            markup=False,
        )
    for locale in sorted(set(locales) - {m.locale for m in merged_all}, key=locales.index):
        err.print(
            f"{locale}: no catalog yet; `mailglot add-locale {locale}` starts one", markup=False
        )
