"""One module per CLI command; each exposes `command`, a click command added to the group."""

from __future__ import annotations

import importlib

import click

COMMANDS = ["build"]


def register_all(group: click.Group) -> None:
    for name in COMMANDS:
        module = importlib.import_module(f"mailglot.commands.{name}")
        group.add_command(module.command)
