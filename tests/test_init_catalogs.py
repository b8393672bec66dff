"""`mailglot init` writes the catalogs `extract` and `update` would write, so a user's first
`extract` + `update` changes nothing (they rewrote the scaffold's: a blank first line,
'Project-Id-Version:  acme', the header expanded, references at other lines)."""

from __future__ import annotations

from pathlib import Path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.po*")}


def test_extract_and_update_leave_an_init_project_s_catalogs_as_they_are(tmp_path: Path, cli):
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    before = _files(project / "locales")
    assert sorted(before) == ["fr_FR/LC_MESSAGES/messages.po", "messages.pot"]

    extracted = cli(project, "extract")
    assert extracted.exit_code == 0, extracted.output
    assert extracted.output == "mailglot: locales/messages.pot unchanged, 7 messages\n"
    updated = cli(project, "update")
    assert updated.exit_code == 0, updated.output
    assert updated.output == "fr_FR: 0 new, 0 to review (fuzzy), 0 obsolete (unchanged)\n"
    assert _files(project / "locales") == before


def test_init_s_catalog_starts_with_its_header_comment(tmp_path: Path, cli):
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    po = (project / "locales/fr_FR/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert po.startswith("# French (France) translations for Acme.\n")
    assert '"Project-Id-Version: Acme VERSION\\n"\n' in po
