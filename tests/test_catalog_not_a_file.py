"""A folder where a locale's catalog should be (`locales/fr_FR/LC_MESSAGES/messages.po/`): it
was taken for no catalog at all, so the locale built in the source language over its earlier
emails, with a warning about untranslated strings, and l10n-status said 0% and suggested
`add-locale`, which refused: the path "exists already". Now it is what a file that cannot be
read is: the locale's jobs fail and keep their earlier outputs, the others build, and
l10n-status calls the locale unreadable and says what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

from hostile.corpus import PO
from hostile.harness import Planted, lines_of, plant

FR = "welcome/fr_FR/a"


def _fr_outputs(planted: Planted) -> dict[str, str]:
    return {k: v for k, v in planted.outputs().items() if k.startswith(FR + "/")}


def _folder_in_place(planted: Planted, keep_inside: bool) -> None:
    """The catalog replaced by a folder of its name, holding the catalog when `keep_inside`
    (an archive unpacked into a folder named after the file)."""
    po = planted.root / PO
    data = po.read_bytes()
    po.unlink()
    po.mkdir()
    if keep_inside:
        (po / "messages.po").write_bytes(data)


def test_a_folder_in_place_of_the_catalog_fails_its_jobs_and_keeps_their_emails(
    tmp_path: Path,
) -> None:
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    before = _fr_outputs(planted)
    assert "Bienvenue chez Acme" in before[f"{FR}/email.html"]
    _folder_in_place(planted, keep_inside=False)

    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert (
        f"{PO}: cannot read: it is a folder, not a file; not built, earlier outputs kept "
        f"[error: unreadable] (1 job: {FR})"
    ) in lines_of(result)
    assert not any("untranslated" in line for line in lines_of(result))
    assert _fr_outputs(planted) == before  # still the French email, not an English one
    assert planted.built("welcome/en_US/a")

    status = planted.run("l10n-status")
    assert status.exit_code == 1
    row = "fr_FR 0 0 10 0 0 unreadable 0 0"  # not 0% with 10 strings missing
    assert " ".join(lines_of(status)[1].split()) == row
    assert lines_of(status)[2:] == [
        f"{PO}: cannot read: it is a folder, not a file (fr_FR's catalog is the .po file here); "
        "remove the folder, then `mailglot add-locale fr_FR` starts one [error: unreadable]",
    ]


def test_a_folder_holding_the_catalog_says_to_put_it_in_the_folder_s_place(
    tmp_path: Path,
) -> None:
    planted = plant(tmp_path, {})
    _folder_in_place(planted, keep_inside=True)
    status = planted.run("l10n-status")
    assert status.exit_code == 1
    assert (
        f"{PO}: cannot read: it is a folder, not a file (fr_FR's catalog is the .po file here); "
        f"it holds {PO}/messages.po: put that file here in its place [error: unreadable]"
    ) in lines_of(status)
    assert planted.run("build", "--no-screenshots").exit_code == 1

    po = planted.root / PO  # doing what it says builds the French email again
    inner = po.parent / "inner.po"
    (po / "messages.po").rename(inner)
    shutil.rmtree(po)
    inner.rename(po)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert "Bienvenue chez Acme" in _fr_outputs(planted)[f"{FR}/email.html"]
    assert planted.run("l10n-status").exit_code == 0


def test_update_and_add_locale_name_the_folder(tmp_path: Path) -> None:
    """update passed the locale over without a word; add-locale said the catalog 'exists
    already; `mailglot update` refreshes it'."""
    planted = plant(tmp_path, {})
    assert planted.run("extract").exit_code == 0
    _folder_in_place(planted, keep_inside=False)
    update = planted.run("update")
    assert update.exit_code == 1
    assert lines_of(update) == [
        f"{PO}: cannot read: it is a folder, not a file (fr_FR's catalog is the .po file here); "
        "remove the folder, then `mailglot add-locale fr_FR` starts one [error: unreadable]",
        f"{PO}: no catalog was updated: fix the lines above first (an update would lose them) "
        "[error: catalog.syntax]",
    ]
    added = planted.run("add-locale", "fr_FR")
    assert added.exit_code == 2
    assert lines_of(added) == [f"mailglot: {PO} is a folder, not a catalog: remove it first"]
    (planted.root / PO).rmdir()  # as it says: then add-locale starts one
    assert planted.run("add-locale", "fr_FR").exit_code == 0
    assert (planted.root / PO).is_file()


def test_the_catalog_copied_as_its_folder_is_found_and_named(tmp_path: Path) -> None:
    """`cp fr.po locales/fr_FR/LC_MESSAGES` before that folder existed makes a file named
    LC_MESSAGES: it was no catalog at all, and add-locale said 'cannot write ...: File
    exists'."""
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    before = _fr_outputs(planted)
    folder = (planted.root / PO).parent
    data = (folder / "messages.po").read_bytes()
    shutil.rmtree(folder)
    folder.write_bytes(data)
    said = "cannot read: locales/fr_FR/LC_MESSAGES is a file, not a folder"

    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert (
        f"{PO}: {said}; not built, earlier outputs kept [error: unreadable] (1 job: {FR})"
    ) in lines_of(result)
    assert _fr_outputs(planted) == before
    status = planted.run("l10n-status")
    assert lines_of(status)[2:] == [
        f"{PO}: {said}; if it is fr_FR's catalog, move it to {PO} [error: unreadable]"
    ]
    added = planted.run("add-locale", "fr_FR")
    assert added.exit_code == 2
    assert lines_of(added) == [
        "mailglot: locales/fr_FR/LC_MESSAGES is a file, not a folder: if it is fr_FR's "
        f"catalog, move it to {PO}"
    ]

    folder.unlink()  # as it says
    folder.mkdir()
    (folder / "messages.po").write_bytes(data)
    assert planted.run("build", "--no-screenshots").exit_code == 0
    assert "Bienvenue chez Acme" in _fr_outputs(planted)[f"{FR}/email.html"]
