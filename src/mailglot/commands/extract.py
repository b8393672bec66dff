"""`mailglot extract`: write locales/messages.pot from templates, campaigns and events."""

from __future__ import annotations

import click

from mailglot.commands._context import project_dir
from mailglot.console import err, print_diagnostics
from mailglot.errors import Diagnostic
from mailglot.i18n.extract import TEMPLATE_FILE, extract_catalog, write_template
from mailglot.project.loader import find_root, load_project
from mailglot.reporting import errors_as_json, json_document, print_json, report_options


@click.command("extract")
@report_options
@click.pass_context
def command(ctx: click.Context, as_json: bool, quiet: bool) -> None:
    """Write locales/messages.pot (rewritten only when a message or reference changed)."""
    with errors_as_json("extract", as_json):  # a broken mailglot.yaml: still JSON
        root = find_root(project_dir(ctx))
        project = load_project(root)
        refused: list[Diagnostic] = []  # files that link out of the project: never read
        catalog = extract_catalog(root, project.settings.brand.name, refused)
        written = write_template(root, catalog)
    messages = sum(1 for m in catalog if m.id)
    # Files the YAML reader refused gave no messages: say why, as the build does.
    unread = [d for ds in project.campaign_errors.values() for d in ds if d.code == "yaml"]
    unread += [d for d in refused if d.path not in {u.path for u in unread}]  # templates
    unread += [d for d in project.event_errors.file if d.code == "yaml"]
    if as_json:
        summary = {
            "messages": messages,
            "file": TEMPLATE_FILE,
            "written": written,  # false: the same messages and references as before
            "unread": len(unread),
        }
        print_json(json_document("extract", not unread, summary, [(None, d) for d in unread]))
    else:
        if not quiet:
            state = "written" if written else "unchanged"
            err.print(f"mailglot: {TEMPLATE_FILE} {state}, {messages} messages", markup=False)
        if unread:
            print_diagnostics(unread)
    if unread:
        ctx.exit(1)
