"""No import cycles in src/mailglot, and none dodged with an import inside a function
(scripts/check_imports.py, which CI contributors can also run by hand)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts/check_imports.py"
spec = importlib.util.spec_from_file_location("check_imports", SCRIPT)
assert spec and spec.loader
check_imports = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_imports)


def _scan():
    root = check_imports.ROOT / check_imports.PACKAGE
    modules = {check_imports.module_name(p): p for p in sorted(root.rglob("*.py"))}
    return check_imports.scan(modules)


def test_no_import_cycles():
    edges, _ = _scan()
    assert "mailglot.commands.build" in edges["mailglot.commands"]  # loaded by name
    assert "mailglot.commands._context" not in edges["mailglot.commands"]  # a helper
    assert check_imports.cycles(edges) == []


def test_the_project_and_calendar_layers_import_at_module_level():
    _, hidden = _scan()
    mine = ("src/mailglot/project/", "src/mailglot/calendars/", "src/mailglot/cli.py")
    assert [h for h in hidden if h.startswith(mine)] == []


def test_a_command_importing_the_cli_is_a_cycle():
    """The CLI loads commands by name: the checker must see that edge."""
    edges = {
        "mailglot.cli": {"mailglot.commands"},
        "mailglot.commands": {"mailglot.commands.build"},
        "mailglot.commands.build": {"mailglot.cli"},
    }
    assert check_imports.cycles(edges) == [
        ["mailglot.cli", "mailglot.commands", "mailglot.commands.build"]
    ]
