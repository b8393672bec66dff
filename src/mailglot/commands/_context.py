"""What every command reads from the `mailglot` group: the project folder (`--project`).

Here rather than in cli.py so that commands never import the CLI that loads them.
"""

from __future__ import annotations

from pathlib import Path

import click


def project_dir(ctx: click.Context) -> Path:
    return ctx.find_root().obj or Path(".")
