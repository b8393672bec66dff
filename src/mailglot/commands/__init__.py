"""One module per CLI command, each exposing `command`, a click command.

Found by listing this package, so a new command is one new file; imported only when run, so
`mailglot build` does not pay for iCalendar, SMTP or Babel's extraction machinery at every
rebuild. `mailglot --help` lists the commands from their sources' docstrings without
importing them (importing every command for one line each took a second).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import click


def _module_names() -> dict[str, str]:
    """command name -> module name (`l10n_status` is `l10n-status`); `_private` modules are
    helpers the commands share, not commands."""
    return {
        info.name.replace("_", "-"): info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    }


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_module_names()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _module_names().get(cmd_name)
        if module is None:
            return super().get_command(ctx, cmd_name)
        command = getattr(importlib.import_module(f"{__name__}.{module}"), "command", None)
        return command if isinstance(command, click.Command) else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """What click's own listing prints, each command's help read from its source."""
        modules = _module_names()
        names = self.list_commands(ctx)
        docs = {name: _docstring(modules[name]) if name in modules else None for name in names}
        shown = []
        for name in names:
            if docs[name] is None:  # not the plain form: let click import it
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
            shown.append(name)
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name in shown)
        rows = []
        for name in shown:
            doc = docs[name]
            if doc is None:
                command = self.get_command(ctx, name)
                assert command is not None
                rows.append((name, command.get_short_help_str(limit)))
            else:
                # click's own shortening, through its public API (click.utils'
                # make_default_short_help is deprecated, and goes in click 9)
                text = doc.split("\f", 1)[0]
                short = click.Command(name, help=text).get_short_help_str(limit)
                rows.append((name, short.strip()))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _docstring(module: str) -> str | None:
    """The docstring of `command` in the module's source, or None when the module is not the
    plain form (a `command` function under `@click.command(name)`, its help the docstring)."""
    source = Path(__path__[0], f"{module}.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == "command":
            for decorator in node.decorator_list:
                func = decorator.func if isinstance(decorator, ast.Call) else None
                if isinstance(func, ast.Attribute) and func.attr == "command":
                    assert isinstance(decorator, ast.Call)
                    if decorator.keywords:  # help=, short_help=, hidden=...: click's answer
                        return None
            return ast.get_docstring(node)
    return None
