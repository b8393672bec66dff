from __future__ import annotations

import json
from pathlib import Path


def test_init_scaffolds_a_project_that_builds(tmp_path: Path, cli):
    project = tmp_path / "acme"
    result = cli(tmp_path, "init", str(project))
    assert result.exit_code == 0, result.output
    assert (project / ".gitignore").read_text() == "build/\n"
    result = cli(project, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    meta = json.loads((project / "build/welcome/fr_FR/a/meta.json").read_text())
    assert meta["subject"] == "Bienvenue chez Acme, {{first_name}}"
    assert meta["subject_preview"] == "Bienvenue chez Acme, Sam"
    assert (
        "Nos formules démarrent à 9,99\u00a0€ par mois."
        in (project / "build/welcome/fr_FR/a/email.txt").read_text()
    )
    assert meta["findings"] == []


def test_init_refuses_a_folder_with_files(tmp_path: Path, cli):
    (tmp_path / "keep.txt").write_text("mine")
    result = cli(tmp_path, "init", str(tmp_path))
    assert result.exit_code == 2
    assert "is not empty; `mailglot init` only writes into a new folder" in result.output
    assert (tmp_path / "keep.txt").read_text() == "mine"
