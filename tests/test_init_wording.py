"""`mailglot init` into a folder in use says what is there in a sentence."""

from __future__ import annotations

from pathlib import Path


def test_init_into_a_folder_with_several_files_says_they_are_there(tmp_path: Path, cli):
    for name in ("build", "notes.txt", "todo.txt"):
        (tmp_path / name).write_text("mine")
    result = cli(tmp_path, "init", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: {tmp_path} is not empty; `mailglot init` only writes into a new folder, or "
        "one that holds nothing but dotfiles such as .git (build and 2 more are there)\n"
    )
