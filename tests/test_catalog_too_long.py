"""A catalog string too long to check (`i18n.checks.lengths`): refused unread with one finding,
the same in the build and in `l10n-status`, quickly and without being kept in memory; checked
in full when the translator accepts it or the project disables the code."""

from __future__ import annotations

from pathlib import Path

from mailglot.i18n.catalogs import load_locale_catalog
from mailglot.i18n.checks import Policy
from mailglot.i18n.checks.lengths import LONGEST
from mailglot.i18n.checks.screening import VERDICTS
from mailglot.i18n.untrusted import _remembered, form_problems

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr_FR\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

"""
POLICY = Policy(locale="fr_FR", source_locale="en_US")
PROSE = "Votre abonnement est renouvelé chaque mois, 1 500 fois <b>au plus</b> ! "


def write_po(root: Path, body: str) -> Path:
    path = root / "locales" / "fr_FR" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def long_text(size: int) -> str:
    return (PROSE * (size // len(PROSE) + 1))[:size]


def test_a_translation_over_the_limit_is_refused_unread_and_the_source_text_is_used(
    tmp_path: Path,
) -> None:
    text = long_text(1_000_000)  # a 6 MB one held a build for 40 s
    write_po(tmp_path, f'msgid "Terms"\nmsgstr "{text}"\n\nmsgid "Ready"\nmsgstr "Prêt"\n')
    VERDICTS.clear()
    loaded = load_locale_catalog(tmp_path, "fr_FR", "en_US", POLICY)
    assert [(d.line, d.code, d.severity, d.message) for d in loaded.diagnostics] == [
        (
            7,
            "catalog.too-long",
            "error",
            "'Terms': the translation is 1,000,000 characters long, more than the 50,000 a "
            "string of an email may have, so it is not checked; the source text is used",
        )
    ]
    assert loaded.translations.gettext("Terms") == "Terms"
    assert loaded.translations.gettext("Ready") == "Prêt"
    assert len(VERDICTS) == 1  # "Ready" only: the long entry is not kept


def test_the_limit_is_inclusive_and_counts_characters_of_every_string_of_the_entry(
    tmp_path: Path,
) -> None:
    at_limit, over = long_text(LONGEST), long_text(LONGEST + 1)
    body = (
        f'msgid "A"\nmsgstr "{at_limit}"\n\n'
        f'msgid "{over}"\nmsgstr "B"\n\n'
        f'msgid "One episode"\nmsgid_plural "{over}"\nmsgstr[0] "Un"\nmsgstr[1] "Deux"\n\n'
        f'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s jour"\n'
        f'msgstr[1] "{over}"\n'
    )
    write_po(tmp_path, body)
    found = load_locale_catalog(tmp_path, "fr_FR", "en_US", POLICY).diagnostics
    too_long = [d.message.split(": ", 1)[1] for d in found if d.code == "catalog.too-long"]
    assert too_long == [
        "the msgid is 50,001 characters long, more than the 50,000 a string of an email may "
        "have, so it is not checked; the source text is used",
        "msgid_plural is 50,001 characters long, more than the 50,000 a string of an email may "
        "have, so it is not checked; the source text is used",
        "plural form 1 is 50,001 characters long, more than the 50,000 a string of an email "
        "may have, so it is not checked; the source text is used",
    ]
    # the entry at the limit is checked like any other: its source has no tag, so <b> is refused
    assert any(d.code == "catalog.markup" and d.message.startswith("'A'") for d in found)


def test_an_accepted_or_disabled_long_string_is_checked_in_full_never_used_unchecked(
    tmp_path: Path,
) -> None:
    text = long_text(LONGEST + 10)
    write_po(
        tmp_path,
        f'# mailglot-accept: catalog.too-long\nmsgid "Terms"\nmsgstr "{text}"\n',
    )
    found = load_locale_catalog(tmp_path, "fr_FR", "en_US", POLICY).diagnostics
    assert "catalog.too-long" not in {d.code for d in found}
    assert "catalog.markup" in {d.code for d in found}  # <b> the source lacks: refused
    write_po(tmp_path, f'msgid "Terms"\nmsgstr "{text}"\n')
    for disabled in (("catalog.too-long",), ("catalog",)):
        policy = Policy(locale="fr_FR", source_locale="en_US", disabled=disabled)
        loaded = load_locale_catalog(tmp_path, "fr_FR", "en_US", policy)
        found = {d.code for d in loaded.diagnostics}
        assert "catalog.markup" in found and "catalog.too-long" not in found  # checked
        assert loaded.translations.gettext("Terms") == "Terms"  # and refused: <b>
    clean = "Votre abonnement est renouvelé chaque mois. " * (LONGEST // 40)
    write_po(tmp_path, f'msgid "Terms."\nmsgstr "{clean}"\n')
    policy = Policy(locale="fr_FR", source_locale="en_US", disabled=("catalog.too-long",))
    loaded = load_locale_catalog(tmp_path, "fr_FR", "en_US", policy)
    assert loaded.translations.gettext("Terms.") == clean


def test_l10n_status_reports_the_long_string_as_the_build_does(example: Path, cli) -> None:
    path = example / "locales" / "fr_FR" / "LC_MESSAGES" / "messages.po"
    po = path.read_text(encoding="utf-8")
    old = 'msgid "Singles\' Day"\nmsgstr "Fête des célibataires"'
    assert old in po
    path.write_text(
        po.replace(old, f'msgid "Singles\' Day"\nmsgstr "{long_text(LONGEST + 1)}"'),
        encoding="utf-8",
    )
    line = path.read_text(encoding="utf-8").splitlines().index('msgid "Singles\' Day"') + 1
    result = cli(example, "l10n-status")
    assert (
        f'locales/fr_FR/LC_MESSAGES/messages.po:{line}: "Singles\' Day": the translation is '
        "50,001 characters long, more than the 50,000 a string of an email may have, so it is "
        "not checked; the source text is used [error: catalog.too-long]"
    ) in result.output


def test_the_injection_screen_keeps_no_entry_of_long_strings(tmp_path: Path) -> None:
    form_problems.cache_clear()
    long = "{{ x }}" + "a" * 30_000
    assert form_problems((("Hi", long),)) == form_problems((("Hi", long),))
    assert _remembered.cache_info().currsize == 0
    assert form_problems((("Hi", "{{ x }}"),))[0].startswith("template or merge-tag syntax")
    assert _remembered.cache_info().currsize == 1


def test_a_long_entry_still_has_its_accept_comment_read(tmp_path: Path) -> None:
    write_po(
        tmp_path,
        f'# mailglot-accept: catalog.bogus\nmsgid "Terms"\nmsgstr "{long_text(LONGEST + 1)}"\n',
    )
    found = load_locale_catalog(tmp_path, "fr_FR", "en_US", POLICY).diagnostics
    assert [(d.code, d.message) for d in found] == [
        (
            "catalog.too-long",
            "'Terms': the translation is 50,001 characters long, more than the 50,000 a string "
            "of an email may have, so it is not checked; the source text is used",
        ),
        ("catalog.accept", "'Terms': mailglot-accept: unknown code 'catalog.bogus'"),
    ]
