"""`mailglot extract`: write locales/messages.pot from templates, campaigns and events."""

from __future__ import annotations

import click

from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.i18n.extract import TEMPLATE_FILE, extract_catalog, write_template
from mailglot.project.loader import find_root, load_project


@click.command("extract")
@click.pass_context
def command(ctx: click.Context) -> None:
    """Write locales/messages.pot (rewritten only when a message or reference changed)."""
    root = find_root(project_dir(ctx))
    project = load_project(root)
    catalog = extract_catalog(root, project.settings.brand.name)
    written = write_template(root, catalog)
    state = "written" if written else "unchanged"
    err.print(
        f"mailglot: {TEMPLATE_FILE} {state}, {sum(1 for m in catalog if m.id)} messages",
        markup=False,
    )
