"""A compiled catalog (.mo) where mailglot reads the .po. Alone in LC_MESSAGES it was "no
catalog: `mailglot add-locale fr_FR` starts one", which would have started an empty catalog
next to the translations, and the build then only warned and rebuilt the locale's emails in
English over the translated ones; under the .po's name it was "byte 0xde is not UTF-8 text".
A lone .mo is now an input mailglot cannot read, as a folder in the .po's place is: the
locale's jobs fail and keep their earlier emails, and both cases say how to get a .po back."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hostile.corpus import PO
from hostile.harness import Planted, lines_of, plant

MO = PO.removesuffix(".po") + ".mo"
FR = "welcome/fr_FR/a"
WHY = (
    f"cannot read: it is a compiled catalog (.mo), which mailglot does not read: it reads the "
    f".po file, the catalog's source, and there is no {PO}; export fr_FR's .po from your "
    f"translation platform, or recover one with `msgunfmt {MO} -o {PO}` (GNU gettext; a .mo "
    "keeps no comments, nor fuzzy or untranslated entries)"
)
COMPILED_ONLY = f"{MO}: {WHY} [error: unreadable]"
NOT_BUILT = f"{MO}: {WHY}; not built, earlier outputs kept [error: unreadable] (1 job: {FR})"


def _compiled(planted: Planted) -> bytes:
    """The fr_FR catalog compiled, as msgfmt or a TMS would ship it."""
    po = planted.root / PO
    catalog = read_po(io.BytesIO(po.read_bytes()), locale="fr_FR")
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _only_the_mo(planted: Planted) -> None:
    po = planted.root / PO
    (planted.root / MO).write_bytes(_compiled(planted))
    po.unlink()


def _fr_outputs(planted: Planted) -> dict[str, str]:
    return {k: v for k, v in planted.outputs().items() if k.startswith(FR + "/")}


def test_a_mo_without_its_po_fails_its_jobs_and_keeps_their_emails(tmp_path: Path):
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    before = _fr_outputs(planted)
    assert "Bienvenue chez Acme" in before[f"{FR}/email.html"]
    _only_the_mo(planted)
    for _ in range(2):  # told again by the next build, not only by the first
        result = planted.run("build", "--no-screenshots")
        assert result.exit_code == 1, result.output
        assert NOT_BUILT in lines_of(result)
        assert not any("untranslated string" in line for line in lines_of(result))
        assert _fr_outputs(planted) == before  # still the French email, not an English one
        assert planted.built("welcome/en_US/a")

    status = planted.run("l10n-status")
    assert status.exit_code == 1
    assert " ".join(lines_of(status)[1].split()) == "fr_FR 0 0 10 0 0 unreadable 0 0"
    assert COMPILED_ONLY in lines_of(status)
    assert not any("add-locale" in line for line in lines_of(status))


def test_a_mo_that_appears_is_reported_by_the_next_build(tmp_path: Path):
    """The .mo is among the locale's inputs: with only the .po's absence in the jobs' keys,
    the build after it appeared said '0 built, 2 unchanged' and nothing about it."""
    planted = plant(tmp_path, {})
    mo = _compiled(planted)
    (planted.root / PO).unlink()
    assert planted.run("build", "--no-screenshots").exit_code == 0
    (planted.root / MO).write_bytes(mo)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert NOT_BUILT in lines_of(result)


@pytest.mark.skipif(shutil.which("msgunfmt") is None, reason="GNU gettext's msgunfmt is needed")
def test_doing_what_it_says_brings_the_translations_back(tmp_path: Path):
    planted = plant(tmp_path, {})
    _only_the_mo(planted)
    subprocess.run(["msgunfmt", MO, "-o", PO], cwd=planted.root, check=True, timeout=60)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert "catalog.missing" not in result.output
    assert "Bienvenue" in planted.outputs()[f"{FR}/email.html"]


def test_a_mo_under_the_po_s_name_is_told_as_a_compiled_catalog(tmp_path: Path):
    planted = plant(tmp_path, {})
    (planted.root / PO).write_bytes(_compiled(planted))
    status = planted.run("l10n-status")
    assert status.exit_code == 1
    assert lines_of(status)[2:] == [
        f"{PO}: this is a compiled catalog (.mo), which mailglot does not read: it reads the "
        ".po file, the catalog's source; export the .po from your translation platform, or "
        "turn this file back into one with msgunfmt (GNU gettext; a .mo keeps no comments, "
        "nor fuzzy or untranslated entries); no translation from this file is used "
        "[error: catalog.syntax]",
    ]
    assert " ".join(lines_of(status)[1].split()) == "fr_FR 0 0 10 0 0 unreadable 0 0"


def test_add_locale_and_update_point_at_the_mo(tmp_path: Path):
    """add-locale started an empty .po next to the .mo, which then hid it for good."""
    planted = plant(tmp_path, {})
    assert planted.run("extract").exit_code == 0
    _only_the_mo(planted)
    added = planted.run("add-locale", "fr_FR")
    assert added.exit_code == 2
    assert lines_of(added) == [
        f"mailglot: {MO} is fr_FR's compiled catalog: recover its .po with `msgunfmt {MO} -o "
        f"{PO}` (GNU gettext), or export it from your translation platform, instead of "
        "starting an empty one"
    ]
    assert not (planted.root / PO).exists()
    update = planted.run("update")
    assert update.exit_code == 0
    assert lines_of(update)[-1] == (
        f"fr_FR: no catalog yet, only {MO}, a compiled catalog mailglot does not read: recover "
        f"its .po with `msgunfmt {MO} -o {PO}`"
    )
