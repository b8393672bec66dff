"""add-locale and files that are links out of the project: named, never read or replaced.

`build` refuses a mailglot.yaml that is a link to a file outside the project; add-locale
read that file and replaced the link with an edited copy of it (and read a linked
locales/messages.pot as the project's)."""

from __future__ import annotations

import json
from pathlib import Path


def _tree(root: Path) -> dict[str, bytes | str]:
    return {
        p.relative_to(root).as_posix(): (str(p.readlink()) if p.is_symlink() else p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


def test_a_linked_mailglot_yaml_is_refused_before_anything_is_written(tmp_path: Path, cli):
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    assert cli(root, "extract").exit_code == 0
    outside = tmp_path / "outside.yaml"
    (root / "mailglot.yaml").rename(outside)
    (root / "mailglot.yaml").symlink_to(outside)
    before, settings = _tree(root), outside.read_bytes()

    result = cli(root, "add-locale", "nl_NL")
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot.yaml: a link to {outside}, outside the project; mailglot does not read it "
        "(copy the file into the project instead) [error: yaml]\n"
    )
    assert _tree(root) == before and outside.read_bytes() == settings
    assert (root / "mailglot.yaml").is_symlink()
    built = cli(root, "build", "--no-screenshots")  # the same words as build's
    assert built.exit_code == 1 and result.output in built.output

    document = json.loads(cli(root, "add-locale", "nl_NL", "--json").stdout)
    assert document["ok"] is False
    assert [(f["path"], f["code"]) for f in document["findings"]] == [("mailglot.yaml", "yaml")]
    assert _tree(root) == before and outside.read_bytes() == settings

    # a link that stays in the project is read as before
    (root / "mailglot.yaml").unlink()
    (root / "config").mkdir()
    (root / "config/mailglot.yaml").write_bytes(settings)
    (root / "mailglot.yaml").symlink_to(root / "config/mailglot.yaml")
    markets = root / "calendars/markets.yaml"  # listed once a market mails it
    markets.write_text(
        markets.read_text(encoding="utf-8")
        + "NL:\n  locales: [nl_NL]\n  timezone: Europe/Amsterdam\n  currency: EUR\n",
        encoding="utf-8",
    )
    result = cli(root, "add-locale", "nl_NL")
    assert result.exit_code == 0, result.output
    assert (root / "locales/nl_NL/LC_MESSAGES/messages.po").is_file()
    assert (root / "mailglot.yaml").is_symlink()  # edited where it leads, still a link
    assert "locales: [en_US, fr_FR, nl_NL]" in (root / "config/mailglot.yaml").read_text("utf-8")
    assert outside.read_bytes() == settings


def test_a_linked_template_catalog_is_refused(tmp_path: Path, cli):
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    assert cli(root, "extract").exit_code == 0
    outside = tmp_path / "messages.pot"
    (root / "locales/messages.pot").rename(outside)
    (root / "locales/messages.pot").symlink_to(outside)
    before = _tree(root)
    result = cli(root, "add-locale", "nl_NL")
    assert result.exit_code == 1
    assert result.output == (
        f"locales/messages.pot: a link to {outside}, outside the project; mailglot does not "
        "read it (copy the file into the project instead) [error: catalog.syntax]\n"
    )
    assert _tree(root) == before
