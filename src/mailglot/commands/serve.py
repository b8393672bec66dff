"""`mailglot serve [--port P]`: the gallery and a live page per email on localhost."""

from __future__ import annotations

import signal
import sys
import threading

import click

from mailglot.commands._context import build_date, project_dir
from mailglot.console import err
from mailglot.output import BUILD_DIR, not_linked_out
from mailglot.project.loader import find_root
from mailglot.serve import LoopOptions, serve_forever


@click.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option("--no-screenshots", is_flag=True, help="Rebuild without screenshots.")
@click.pass_context
def command(ctx: click.Context, port: int, no_screenshots: bool) -> None:
    """Serve the gallery on localhost, rebuilding as project files change.

    Open an email from the gallery (or http://127.0.0.1:PORT/<campaign>/<locale>/<variant>/)
    to see it live: it is re-rendered first when you save its template, catalog or campaign;
    the other emails and the screenshots follow in the background. Errors show in the page.
    """
    root = find_root(project_dir(ctx))
    not_linked_out(root / BUILD_DIR)  # the pages would come from outside the project
    argv = [sys.executable, "-m", "mailglot", "--project", str(root), "build"]
    if no_screenshots:
        argv.append("--no-screenshots")
    options = LoopOptions(tuple(argv), screenshots=not no_screenshots, today=build_date)
    stopping = threading.Event()

    def log(line: str) -> None:
        err.print(line, markup=False)

    def ready(p: int) -> None:
        log(f"mailglot: serving http://127.0.0.1:{p}/ (Ctrl-C stops)")

    # a process manager's SIGTERM stops serve like Ctrl-C: the background build goes with it
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
    try:
        serve_forever(root, port, options, log, ready, stopping)  # a port it cannot use: UsageError
    except KeyboardInterrupt:
        stopping.set()
