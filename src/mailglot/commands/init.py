"""`mailglot init DIR`: scaffold a small project that builds as it is."""

from __future__ import annotations

from pathlib import Path

import click

from mailglot.console import err
from mailglot.scaffolding import scaffold


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def command(directory: Path) -> None:
    """Scaffold a new project in DIRECTORY (which must be empty or absent)."""
    written = scaffold(directory)
    err.print(f"mailglot: created {len(written)} files in {directory}", markup=False)
    err.print(f"next: mailglot --project {directory} build", markup=False)
