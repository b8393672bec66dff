"""One module per CLI command, each exposing `command`, a click command.

Found by listing this package, so a new command is one new file; imported only when run
(or when --help lists them), so `mailglot build` does not pay for iCalendar, SMTP or Babel's
extraction machinery at every rebuild.
"""

from __future__ import annotations

import importlib
import pkgutil

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
