"""The CLI reads the same on every command, for people (help texts, counts, notes) and for
machines (one --json shape), and commands that work on a build make nothing without one."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import click
from click.testing import CliRunner

from mailglot import noop
from mailglot.cli import main
from mailglot.commands import LazyGroup
from mailglot.output import build_lock
from tests.conftest import TODAY
from tests.test_shard import small_project

SHARED_JSON = "Print one JSON document (summary and every finding) on stdout, nothing else."
SHARED_QUIET = "Print nothing but errors (the exit code says the rest)."


def commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    assert isinstance(main, LazyGroup)
    found = {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


def help_of(*args: str) -> str:
    """A command's --help as a user reads it, lines joined (the wrapping is the terminal's)."""
    result = CliRunner().invoke(main, [*args, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_export_json_is_the_document_every_command_prints(tmp_path: Path, cli) -> None:
    """It printed {format, files, removed} with absolute paths, the one command whose success
    document had no command, ok, summary or findings."""
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    folder = project / "build/exports/ses"
    folder.mkdir(parents=True)
    (folder / "dropped-fr_FR-a.json").write_text("{}", encoding="utf-8")
    result = cli(project, "export", "--format", "ses", "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    ids = [f"{c}-{loc}-{v}" for c, vs in (("promo", "ab"), ("welcome", "a"))
           for loc in ("en_US", "en_XA", "fr_FR") for v in vs]  # fmt: skip
    assert json.loads(result.stdout) == {
        "command": "export",
        "ok": True,
        "summary": {
            "format": "ses",
            "files": [f"build/exports/ses/{name}.json" for name in sorted(ids)],
            "changed": 9,
            "removed": ["build/exports/ses/dropped-fr_FR-a.json"],
            "out": str(folder.resolve()),
        },
        "findings": [],
    }
    elsewhere = tmp_path / "ses"
    result = cli(project, "export", "--format", "ses", "--out", str(elsewhere), "--json")
    summary = json.loads(result.stdout)["summary"]
    assert summary["files"][0] == str(elsewhere.resolve() / "promo-en_US-a.json")
    assert (summary["changed"], summary["removed"]) == (9, [])


def test_every_json_and_quiet_option_has_one_wording_and_quiet_has_q(tmp_path: Path, cli) -> None:
    """export had --quiet without -q; export, check and l10n-status each said it their way."""
    reporting = 0
    for name, command in commands().items():
        options = {p.name: p for p in command.params if isinstance(p, click.Option)}
        if "as_json" not in options:
            continue
        reporting += 1
        assert (options["as_json"].opts, options["as_json"].help) == (["--json"], SHARED_JSON)
        quiet = options["quiet"]
        assert (sorted(quiet.opts), quiet.help) == (["--quiet", "-q"], SHARED_QUIET), name
    assert reporting == 13  # every command but serve, which runs until stopped
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    result = cli(project, "export", "--format", "ses", "-q")
    assert (result.exit_code, result.output) == (0, "")


def test_every_repeatable_option_says_so() -> None:
    repeatable = []
    for name, command in commands().items():
        for param in command.params:
            if isinstance(param, click.Option) and param.multiple:
                repeatable.append(f"{name} {param.opts[0]}")
                assert param.help is not None and param.help.endswith(" (repeatable)."), name
    assert sorted(repeatable) == [
        "approve --campaign",
        "build --campaign",
        "build --locale",
        "build --market",
        "calendar --market",
        "shots --campaign",
        "shots --locale",
    ]
    assert "--campaign ID Only this campaign (repeatable)." in help_of("build")


def test_project_help_says_where_mailglot_looks_without_it() -> None:
    """It said "[default: .]", but mailglot looks up from the current folder, as git does."""
    text = help_of()
    assert (
        "--project DIRECTORY The project folder (holds mailglot.yaml). Default: the current "
        "folder or the nearest folder above it holding a mailglot.yaml."
    ) in text
    assert "[default: .]" not in text


def test_check_counts_jobs_as_build_does(example_build: Path, cli) -> None:
    """The example's CN market does not observe Black Friday: build says "70 built, 1
    skipped" and check said "in 71 jobs"."""
    result = cli(example_build, "check")
    assert result.exit_code == 0, result.output
    assert re.search(r"^mailglot: \d+ error\(s\), .* in 70 jobs, 1 skipped$", result.output, re.M)
    summary = json.loads(cli(example_build, "check", "--json").stdout)["summary"]
    assert (summary["jobs"], summary["skipped"]) == (70, 1)


def test_commands_on_a_build_make_nothing_when_nothing_is_built(tmp_path: Path, cli) -> None:
    """shots and approve made build/ and build/.lock before saying "nothing built yet"."""
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    for command in ("shots", "approve", "check"):
        result = cli(project, command)
        assert result.exit_code == 2, command
        assert result.output == "mailglot: nothing built yet: run `mailglot build` first\n"
        assert not (project / "build").exists(), command


def test_commands_on_a_build_wait_for_a_first_build_still_running(tmp_path: Path, cli) -> None:
    """A first build makes build/ and holds the lock before it writes a manifest: shots and
    approve said "nothing built yet" at once instead of waiting for it and reading it."""
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    out = project / "build"
    written = (out / "manifest.json").read_bytes()
    said = {
        "approve": "no built jobs for campaign(s) nope; built: promo, welcome",
        "shots": "no built jobs for campaign 'nope'; built: promo, welcome",
    }

    def first_build(locked: threading.Event) -> None:
        with build_lock(out):
            locked.set()
            time.sleep(1)
            (out / "manifest.json").write_bytes(written)

    for command, message in said.items():
        (out / "manifest.json").unlink()  # build/ is there, its manifest not yet
        locked = threading.Event()
        builder = threading.Thread(target=first_build, args=(locked,))
        builder.start()
        assert locked.wait(10)
        result = cli(project, command, "--campaign", "nope")
        builder.join()
        assert result.exit_code == 2, command
        assert result.output == f"mailglot: {message}\n", command  # read after the wait


def test_a_project_without_campaigns_says_so_also_when_nothing_changed(tmp_path: Path, cli) -> None:
    """It said "0 built, 0 unchanged, 0 error(s), 0 warning(s)" and exit 0, not a word why."""
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    (project / "campaigns/welcome.yaml").unlink()
    note = (
        "campaigns/: warning: no campaign file (campaigns/<id>.yaml, one per campaign), so "
        "nothing was built and build/ keeps no campaign's emails (a whole build removes those "
        "of campaigns no longer in campaigns/) [schema]\n"
    )
    first = cli(project, "build", "--no-screenshots")
    assert noop.replay(project, noop.Options(False, None, TODAY)) is not None  # a no-op next
    again = cli(project, "build", "--no-screenshots")
    for result in (first, again):
        assert result.exit_code == 0
        assert result.output.startswith(note)
        assert "mailglot: 0 built, 0 unchanged, 0 error(s), 1 warning(s) ->" in result.output
    document = json.loads(cli(project, "build", "--no-screenshots", "--json").stdout)
    assert document["ok"] is True and document["summary"]["warnings"] == 1
    assert [(f["path"], f["code"], f["severity"]) for f in document["findings"]] == [
        ("campaigns/", "schema", "warning")
    ]
    (project / "campaigns").rmdir()  # no folder at all: an error (tests/test_campaigns_folder.py)
    assert cli(project, "build", "--no-screenshots").exit_code == 1
