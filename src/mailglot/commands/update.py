"""`mailglot update`: merge messages.pot into every locale's catalog."""

from __future__ import annotations

from pathlib import Path

import click

from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.i18n.catalog_paths import catalog_path, compiled_stand_in
from mailglot.i18n.update import Merged, update_all
from mailglot.project.loader import load_project
from mailglot.reporting import errors_as_json, json_document, print_json, report_options


@click.command("update")
@report_options
@click.pass_context
def command(ctx: click.Context, as_json: bool, quiet: bool) -> None:
    """Merge the template into each catalog: new strings added, changed ones fuzzy with the
    previous translation kept, removed ones obsolete."""
    with errors_as_json("update", as_json):  # no messages.pot, a damaged .po: still JSON
        project = load_project(project_dir(ctx))
        source = project.settings.source_locale
        locales = [loc for loc in project.settings.locales if loc != source]
        merged_all = update_all(project.root, locales)
    missing = sorted(set(locales) - {m.locale for m in merged_all}, key=locales.index)
    if as_json:
        rows = [_row(m) for m in merged_all]
        summary = {
            "locales": rows,
            "added": sum(m.added for m in merged_all),
            "fuzzy": sum(m.fuzzy for m in merged_all),
            "obsolete": sum(m.obsolete for m in merged_all),
            "written": sum(m.written for m in merged_all),
            "no_catalog": missing,
        }
        print_json(json_document("update", True, summary, []))
        return
    if not quiet:
        for merged in merged_all:
            err.print(
                f"{merged.locale}: {merged.added} new, {merged.fuzzy} to review (fuzzy), "
                f"{merged.obsolete} obsolete{'' if merged.written else ' (unchanged)'}",
                markup=False,
            )
    for locale in missing:  # a listed locale that gets no translation: shown with --quiet too
        said = f"no catalog yet; `mailglot add-locale {locale}` starts one"
        po = catalog_path(project.root, locale)
        compiled = compiled_stand_in(po)
        if compiled is not None:  # which add-locale refuses: it would hide the translations
            mo, po_rel = (p.relative_to(project.root).as_posix() for p in (compiled, po))
            said = (
                f"no catalog yet, only {mo}, a compiled catalog mailglot does not read: "
                f"recover its .po with `msgunfmt {mo} -o {po_rel}`"
            )
        err.print(f"{locale}: {said}", markup=False)


def _row(merged: Merged) -> dict[str, object]:
    """One locale's counts, as the line without --json prints them; `file` project-relative."""
    return {
        "locale": merged.locale,
        "file": catalog_path(Path(), merged.locale).as_posix(),
        "added": merged.added,
        "fuzzy": merged.fuzzy,
        "obsolete": merged.obsolete,
        "written": merged.written,
    }
