"""The project's build/ as a link to a folder outside the project: refused by every command
that would write or read a build through it, before anything is touched.

`build/exports` linked elsewhere was refused, but a `build` link itself was written through
without a word: the emails, the manifest and pruning all happened outside the project. A
folder the user names on the command line (`export --out`, `merge --out`) may be anywhere."""

from __future__ import annotations

import json
import os
from pathlib import Path


def _tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_build_folder_linked_out_of_the_project_is_refused(tmp_path: Path, cli):
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    assert cli(root, "export", "--format", "ses").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    (root / "build").rename(elsewhere)
    (root / "build").symlink_to(elsewhere, target_is_directory=True)
    before = _tree(elsewhere)
    refused = (
        f"mailglot: build/ is a link to {elsewhere}, outside the project; mailglot does not "
        "write or read a build through it (remove the link; the next build makes build/ in "
        "the project)\n"
    )
    shard = tmp_path / "shard"
    shard.mkdir()
    exports = tmp_path / "exports"
    for args in (
        ("build", "--no-screenshots"),
        ("build", "--no-screenshots", "--campaign", "welcome"),
        ("shots",),
        ("approve",),
        ("export", "--format", "ses"),
        ("export", "--format", "postmark", "--out", str(exports)),
        ("send", "--to", "qa@example.net", "--smtp", "127.0.0.1:1", "welcome/fr_FR/a"),
        ("merge", str(shard)),
        ("serve", "--port", "0"),
        ("check",),
    ):
        result = cli(root, *args)
        assert (result.exit_code, result.output) == (1, refused), args
    assert _tree(elsewhere) == before
    assert not exports.exists() or not any(exports.iterdir())
    assert (root / "build").is_symlink()

    document = json.loads(cli(root, "build", "--no-screenshots", "--json").stdout)
    assert (document["ok"], document["summary"]["error"]) == (False, refused[10:-1])
    assert _tree(elsewhere) == before


def test_a_build_folder_linked_inside_the_project_and_out_folders_elsewhere(tmp_path: Path, cli):
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    (root / "output").mkdir()
    (root / "build").symlink_to("output", target_is_directory=True)
    result = cli(root, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert (root / "output/welcome/fr_FR/a/email.eml").is_file()

    os.remove(root / "build")
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    exports = tmp_path / "exports"  # named on the command line: outside the project is fine
    result = cli(root, "export", "--format", "ses", "--out", str(exports))
    assert result.exit_code == 0, result.output
    assert (exports / "welcome-fr_FR-a.json").is_file()


def test_a_build_folder_linked_out_is_refused_before_its_manifest_is_read(tmp_path: Path, cli):
    """Nothing is read through the link either: a link to a folder without a build is the
    link's refusal, not "nothing built yet" (which would mean the manifest was looked for
    there)."""
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "build").symlink_to(elsewhere, target_is_directory=True)
    for args in (("export", "--format", "ses"), ("check",), ("approve",), ("shots",)):
        result = cli(root, *args)
        assert result.exit_code == 1, args
        assert result.output.startswith("mailglot: build/ is a link to "), (args, result.output)
    assert not any(elsewhere.iterdir())
