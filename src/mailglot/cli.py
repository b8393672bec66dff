"""The `mailglot` command: parses options, calls the library, renders results and errors.

Library code never prints; errors arrive as MailglotError subclasses and leave here as
`file:line: message` lines with exit code 1 (content) or 2 (usage).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mailglot import __version__
from mailglot.commands import LazyGroup
from mailglot.commands._context import project_dir as project_dir  # the old home: kept working
from mailglot.console import err, print_diagnostics
from mailglot.errors import ContentError, MailglotError


class MailglotGroup(LazyGroup):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            print_diagnostics(exc.diagnostics)
            sys.exit(exc.exit_code)
        except MailglotError as exc:
            err.print(f"mailglot: {exc}", style="red", markup=False)
            sys.exit(exc.exit_code)


@click.group(cls=MailglotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),  # where the search starts: not shown, "[default: .]" said too little
    help="The project folder (holds mailglot.yaml). Default: the current folder or the "
    "nearest folder above it holding a mailglot.yaml.",
)
@click.version_option(__version__, prog_name="mailglot")
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Build localized marketing emails: campaigns x locales x variants -> HTML, text, screenshots."""
    ctx.obj = project
