"""The `mailglot` command: parses options, calls the library, renders results and errors.

Library code never prints; errors arrive as MailglotError subclasses and leave here as
`file:line: message` lines with exit code 1 (content) or 2 (usage).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from mailglot import __version__
from mailglot.commands import LazyGroup
from mailglot.commands._context import project_dir as project_dir  # the old home: kept working
from mailglot.console import err, print_diagnostics
from mailglot.errors import ContentError, MailglotError


class MailglotGroup(LazyGroup):
    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run as a process of its own (the console script and `python -m mailglot` give no
        `args`), mailglot ends with `os._exit` once the command is over and its output
        flushed, as mypy's fast exit does: tearing the interpreter down (a 10,000-job
        build's records, every module) cost ~0.2 s of CPU after the work was done, and
        nothing is left to close: the commands close their own pools, browsers, servers,
        files and temporary folders. Called with `args` (CliRunner, another program's
        `main([...])`), or not in standalone mode, it returns or raises as click does."""
        if args is not None or not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            super().main(None, prog_name, complete_var, True, **extra)
        except SystemExit as exc:  # standalone click always ends in sys.exit
            _exit_now(exc.code)
        _exit_now(0)

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


def _exit_now(code: object) -> None:
    """`sys.exit(code)`'s status and message, without the interpreter's teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("text") prints the text and exits 1
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(status)
