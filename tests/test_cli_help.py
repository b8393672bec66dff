"""`mailglot --help` lists every command as click would, without importing them (importing
every command for its one line of help took a second)."""

from __future__ import annotations

import ast
import subprocess
import sys

PROBE = """
import sys, click
from click.testing import CliRunner
from mailglot.cli import main
out = CliRunner().invoke(main, ["--help"], terminal_width=80).output
imported = sorted(
    m for m in sys.modules
    if m.startswith("mailglot.commands.") and not m.startswith("mailglot.commands._")
)
ctx = click.Context(main, terminal_width=80)
formatter = ctx.make_formatter()
click.Group.format_commands(main, ctx, formatter)  # click's own listing: imports every command
print(repr((out, imported, formatter.getvalue())))
"""


def test_help_lists_every_command_as_click_does_without_importing_them() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    out, imported, stock = ast.literal_eval(done.stdout)
    assert imported == []  # nothing imported for the listing
    assert stock.startswith("Commands:\n") and stock in out
    for name in ("build", "check", "merge", "serve", "l10n-status", "add-locale"):
        assert f"\n  {name} " in stock
    assert "  build        Build every selected campaign" in out
