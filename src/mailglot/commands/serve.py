"""`mailglot serve [--port P]`: the gallery on localhost, rebuilding and reloading on change."""

from __future__ import annotations

import threading

import click

from mailglot.build import BuildOptions, build
from mailglot.commands._context import project_dir
from mailglot.commands.build import condense
from mailglot.console import err, print_diagnostics
from mailglot.errors import MailglotError
from mailglot.project.loader import find_root
from mailglot.serve import serve_forever


@click.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option("--no-screenshots", is_flag=True, help="Rebuild without screenshots (faster).")
@click.pass_context
def command(ctx: click.Context, port: int, no_screenshots: bool) -> None:
    """Serve the gallery on localhost; rebuild and reload the page when project files change."""
    root = find_root(project_dir(ctx))
    options = BuildOptions(screenshots=not no_screenshots)

    def rebuild(changed: set[str] | None = None) -> None:
        if changed:
            err.print(f"mailglot: changed: {', '.join(sorted(changed)[:5])}", markup=False)
        try:
            report = build(root, options)
        except MailglotError as exc:  # a typo mid-edit: say so and keep serving
            diagnostics = getattr(exc, "diagnostics", None)
            print_diagnostics(diagnostics) if diagnostics else err.print(str(exc), markup=False)
            return
        print_diagnostics(condense(report))
        err.print(
            f"mailglot: {report.count('built')} built, {report.count('unchanged')} unchanged",
            markup=False,
        )

    rebuild()
    stopping = threading.Event()
    try:
        serve_forever(
            root,
            port,
            rebuild,
            lambda p: err.print(
                f"mailglot: serving http://127.0.0.1:{p}/ (Ctrl-C stops)", markup=False
            ),
            stopping,
        )
    except KeyboardInterrupt:
        stopping.set()
