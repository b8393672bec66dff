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
        refused: list[Diagnostic] = []  # sources that gave no messages: links out, unparsable
        catalog = extract_catalog(root, project.settings.brand.name, refused)
        # Files the YAML reader refused gave no messages: say why, as the build does.
        unread = [d for ds in project.campaign_errors.values() for d in ds if d.code == "yaml"]
        unread += [d for d in project.event_errors.file if d.code == "yaml"]
        unread += [d for d in refused if d.path not in {u.path for u in unread}]
        # A template lacking a source's messages would make `update` obsolete them all.
        written = False if unread else write_template(root, catalog)
    messages = sum(1 for m in catalog if m.id)
    if as_json:
        summary = {
            "messages": messages,
            "file": TEMPLATE_FILE,
            "written": written,  # false: the same messages and references as before, or unread
            "unread": len(unread),
        }
        print_json(json_document("extract", not unread, summary, [(None, d) for d in unread]))
    elif unread:
        print_diagnostics(unread)
        err.print(
            f"mailglot: no .pot written ({TEMPLATE_FILE} left as it was): {_unread(unread)}; "
            "fix the lines above first (an update would make their translations obsolete)",
            markup=False,
        )
    elif not quiet:
        state = "written" if written else "unchanged"
        err.print(f"mailglot: {TEMPLATE_FILE} {state}, {messages} messages", markup=False)
    if unread:
        ctx.exit(1)


def _unread(unread: list[Diagnostic]) -> str:
    """'1 source could not be parsed', '2 sources could not be read and 1 could not be
    parsed': a template with a syntax error was read, it is its text that is wrong. A file
    that is a folder (calendars/events.yaml made a folder) is said to be one, as the build
    says, not 'could not be parsed'."""
    folders = sum(1 for d in unread if _folder(d))
    parsed = sum(1 for d in unread if _unparsable(d) and not _folder(d))
    read = len(unread) - parsed - folders
    told = [
        (folders, "is a folder" if folders == 1 else "are folders"),
        (read, "could not be read"),
        (parsed, "could not be parsed"),
    ]
    parts = [(n, what) for n, what in told if n]
    (n, what), rest = parts[0], [f"{m} {said}" for m, said in parts[1:]]
    return " and ".join([f"{_sources(n)} {what}", *rest])


def _folder(d: Diagnostic) -> bool:
    """A YAML source that is a folder (the reader's words for it, `project.yamlfile`)."""
    return d.code == "yaml" and d.message.startswith("a folder, not a file")


def _unparsable(d: Diagnostic) -> bool:
    """Read, but not valid: a template's syntax, a YAML error, bytes that are not UTF-8."""
    return d.code in ("template", "yaml") and not d.message.startswith(("cannot read", "a link to"))


def _sources(count: int) -> str:
    return f"{count} source{'s' if count != 1 else ''}"
