from __future__ import annotations

import json
import os
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


def test_init_where_a_file_is_in_the_way_says_so(tmp_path: Path, cli):
    (tmp_path / "notes").write_text("mine")
    result = cli(tmp_path, "init", str(tmp_path / "notes/acme"))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: cannot create the project in {tmp_path / 'notes/acme'}: Not a directory; "
        "nothing was left behind\n"
    )
    assert (tmp_path / "notes").read_text() == "mine"


def test_init_that_fails_halfway_leaves_nothing(tmp_path: Path, cli):
    """A path so long that the scaffold's first files fit and a later one does not: init
    ended in an OSError traceback and left a half project behind."""
    limit = os.pathconf(tmp_path, "PC_PATH_MAX")
    top = tmp_path / "deep"
    dest = top
    while len(str(dest)) < limit - 30 - 200:
        dest = dest / ("d" * 200)
    dest = Path(str(dest) + "/" + "x" * (limit - 30 - len(str(dest)) - 1))
    assert len(str(dest / "calendars/markets.yaml")) < limit
    assert len(str(dest / "locales/fr_FR/LC_MESSAGES/messages.po")) >= limit
    result = cli(tmp_path, "init", str(dest))
    assert result.exit_code == 2
    assert result.output.startswith("mailglot: cannot create the project in ")
    assert result.output.endswith(": File name too long; nothing was left behind\n")
    assert not top.exists()


def test_init_in_a_folder_that_holds_only_dotfiles_keeps_them(tmp_path: Path, cli):
    """A user who ran `git init` first: init refused the folder ('is not empty')."""
    project = tmp_path / "acme"
    (project / ".git").mkdir(parents=True)
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n")
    result = cli(tmp_path, "init", str(project))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"mailglot: created 9 files in {project}"
    assert (project / ".git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (project / ".gitignore").read_text() == "build/\n"
    assert cli(project, "build", "--no-screenshots").exit_code == 0

    other = tmp_path / "other"
    other.mkdir()
    (other / ".gitignore").write_text("*.log\n")
    result = cli(tmp_path, "init", str(other))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        f"mailglot: created 8 files in {other}",
        "mailglot: kept the .gitignore that was there (the scaffold's ignores build/)",
    ]
    assert (other / ".gitignore").read_text() == "*.log\n"


def test_init_refuses_a_folder_with_files_beside_dotfiles(tmp_path: Path, cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    result = cli(tmp_path, "init", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: {tmp_path} is not empty; `mailglot init` only writes into a new folder, or "
        "one that holds nothing but dotfiles such as .git (notes.txt is there)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "notes.txt"]


def test_init_that_fails_halfway_in_a_git_folder_leaves_the_git_folder(tmp_path: Path, cli):
    limit = os.pathconf(tmp_path, "PC_PATH_MAX")
    dest = tmp_path / "deep"
    while len(str(dest)) < limit - 30 - 200:
        dest = dest / ("d" * 200)
    dest = Path(str(dest) + "/" + "x" * (limit - 30 - len(str(dest)) - 1))
    (dest / ".git").mkdir(parents=True)
    (dest / ".git/HEAD").write_text("ref: refs/heads/main\n")
    result = cli(tmp_path, "init", str(dest))
    assert result.exit_code == 2
    assert result.output.endswith(": File name too long; nothing was left behind\n")
    assert sorted(p.name for p in dest.iterdir()) == [".git"]
    assert (dest / ".git/HEAD").read_text() == "ref: refs/heads/main\n"


def test_init_prints_a_next_command_that_can_be_pasted(tmp_path: Path, cli, monkeypatch):
    """`next: mailglot --project my emails build` ran `build` on a folder named 'my'."""
    monkeypatch.chdir(tmp_path)
    result = cli(tmp_path, "init", "my emails ö")
    assert result.exit_code == 0, result.output
    assert "next: mailglot --project 'my emails ö' build\n" in result.output
    result = cli(tmp_path, "init", "plain")
    assert "next: mailglot --project plain build\n" in result.output


def test_init_reports_as_json_and_quietly(tmp_path: Path, cli):
    """Every command that reports takes --json and --quiet; init printed its lines always."""
    (tmp_path / "q").mkdir()
    (tmp_path / "q/.gitignore").write_text("mine\n")
    result = cli(tmp_path, "init", str(tmp_path / "q"), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["command"], document["ok"], document["findings"]) == ("init", True, [])
    summary = document["summary"]
    assert (summary["directory"], summary["kept"]) == (str(tmp_path / "q"), [".gitignore"])
    assert "mailglot.yaml" in summary["files"] and ".gitignore" not in summary["files"]
    assert "campaigns/welcome.yaml" in summary["files"]
    assert (tmp_path / "q/.gitignore").read_text() == "mine\n"

    result = cli(tmp_path, "init", str(tmp_path / "r"), "--quiet")
    assert (result.exit_code, result.output) == (0, "")
    assert (tmp_path / "r/mailglot.yaml").is_file()

    refused = cli(tmp_path, "init", str(tmp_path / "r"), "--json")  # not empty any more
    assert refused.exit_code != 0
    document = json.loads(refused.stdout)
    assert document["ok"] is False
    assert document["summary"]["error"].startswith(f"{tmp_path / 'r'} is not empty")
