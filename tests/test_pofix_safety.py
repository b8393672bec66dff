"""`l10n-status --fix` edits only what it fixes, reads what gettext reads, and loses nothing.

A translation written with an escape gettext reads as another character (`\\147` is g) is left
byte for byte and said so (the fix used to double the backslash and ship `Re\\147arder`); an
entry the build leaves out (`\\q`, `\\0`) keeps its error and is never "fixed" into text that
ships; a tab in a gap becomes a space; the blanks after a closing quote and a file's CRLF stay;
a save made while --fix runs is never overwritten; one catalog that cannot be fixed, or one
broken entry, never stops the others. Each case edits the example's real catalogs and runs
the real CLI, then compares the files' bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import unreadable

import mailglot.i18n.pofix as pofix

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
DE = "locales/de_DE/LC_MESSAGES/messages.po"
WATCH_FR = 'msgid "Watch now"\nmsgstr "Regarder"\n'
WATCH_DE = 'msgid "Watch now"\nmsgstr "Jetzt ansehen"\n'
TAGLINE = 'msgstr "Toutes les séries, tous les films, en 4K, pendant un an."'
GAPPED = 'msgstr "Toutes les séries,  tous les films, en 4K, pendant un an."'
TABLE = "locale  translated  fuzzy  untranslated  refused  obsolete  done  missing  stale"


def edit(project: Path, rel: str, old: str, new: str) -> bytes:
    """Replace `old` (once in the file) by `new`; the file's new bytes."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_bytes(text.replace(old, new).encode("utf-8"))
    return path.read_bytes()


def line_of(project: Path, rel: str, needle: str) -> int:
    text = (project / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def fix(cli, project: Path, *args: str) -> tuple[int, list[str]]:
    result = cli(project, "l10n-status", "--fix", *args)
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


@pytest.mark.parametrize(
    ("written", "escape"),
    [
        ("Re\\147arder  maintenant", "\\147"),  # octal: gettext reads g
        ("Re\\x67arder  maintenant", "\\x67a"),  # hex takes every hex digit: gettext reads z
    ],
)
def test_a_translation_written_with_byte_escapes_is_left_as_written_and_named(
    example, cli, written, escape
):
    planted = edit(example, FR, WATCH_FR, f'msgid "Watch now"\nmsgstr "{written}"\n')
    edit(example, FR, TAGLINE, GAPPED)  # another entry of the same catalog is still fixed
    line = line_of(example, FR, 'msgid "Watch now"')
    code, out = fix(cli, example)
    assert code == 1
    assert f"{FR}: fixed 1 entr(y/ies)" in out
    assert (
        f"{FR}:{line}: 'Watch now': not fixed: its msgstr writes the escape {escape}, which "
        '--fix does not rewrite (it edits characters and \\\\ \\" \\n \\t \\r only); write the '
        "characters themselves, or fix it by hand [error: l10n.fix]"
    ) in out
    after = (example / FR).read_bytes()
    assert after == planted.replace(GAPPED.encode(), TAGLINE.encode())
    assert f'msgstr "{written}"'.encode() in after  # the backslash is never doubled
    status = json.loads(cli(example, "l10n-status", "--fix", "--json").stdout)
    assert [f["code"] for f in status["findings"] if f["path"] == FR and f["line"] == line] == [
        "l10n.fix",
        "catalog.double-spaces",
    ]


@pytest.mark.parametrize(
    ("written", "error"),
    [
        (
            "Regarder  \\q maintenant",
            'invalid escape \\q (gettext takes \\n \\t \\" \\\\ \\r \\a \\b \\f \\v, octal '
            "(\\101) and hex (\\x41); write \\\\ for a backslash); the source text is used "
            "[error: catalog.syntax]",
        ),
        (
            "Regarder  maintenant\\0",
            "escape \\0 (\\x00) makes a control character, which an email never shows; write "
            "the text without it; the source text is used [error: catalog.syntax]",
        ),
    ],
)
def test_an_entry_the_build_leaves_out_keeps_its_error_and_is_never_touched(
    example, cli, written, error
):
    planted = edit(example, FR, WATCH_FR, f'msgid "Watch now"\nmsgstr "{written}"\n')
    code, out = fix(cli, example)
    assert code == 1
    assert (example / FR).read_bytes() == planted
    line = line_of(example, FR, 'msgid "Watch now"') + 1
    assert f"{FR}:{line}: {error}" in out
    assert not [x for x in out if "l10n.fix" in x or "fixed" in x]


def test_a_gap_with_a_tab_keeps_a_space_or_its_no_break_space(example, cli):
    planted = edit(example, DE, WATCH_DE, 'msgid "Watch now"\nmsgstr "Jetzt\\t ansehen"\n')
    code, out = fix(cli, example)
    assert code == 0, out
    assert f"{DE}: fixed 1 entr(y/ies)" in out
    fixed = planted.replace(b'"Jetzt\\t ansehen"', b'"Jetzt ansehen"')
    assert (example / DE).read_bytes() == fixed
    edit(example, DE, 'msgstr "Jetzt ansehen"\n', 'msgstr "Jetzt\t\u00a0ansehen"\n')  # a real tab
    assert fix(cli, example)[0] == 0
    assert (example / DE).read_bytes() == fixed.replace(
        b'"Jetzt ansehen"', '"Jetzt\u00a0ansehen"'.encode()
    )


def test_bytes_outside_the_fixed_characters_stay_crlf_and_blanks_after_quotes_included(
    example, cli
):
    # a wrapped msgstr with blanks after its closing quotes, escapes --fix keeps exact (\" and
    # \\), a gap across the two chunks, and the whole file in CRLF
    edit(
        example,
        DE,
        WATCH_DE,
        'msgid "Watch now"\nmsgstr ""  \n"Jetzt \\"Dune\\" \\\\ "\t\n" ansehen  und  mehr"  \n',
    )
    path = example / DE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    planted = path.read_bytes()
    code, out = fix(cli, example)
    assert code == 0, out
    assert path.read_bytes() == planted.replace(
        b'"Jetzt \\"Dune\\" \\\\ "\t\r\n" ansehen  und  mehr"  \r\n',
        b'"Jetzt \\"Dune\\" \\\\ "\t\r\n"ansehen und mehr"  \r\n',
    )


def test_a_save_made_while_fix_runs_is_kept_and_nothing_is_written(example, cli, monkeypatch):
    edit(example, FR, TAGLINE, GAPPED)
    edit(example, DE, WATCH_DE, 'msgid "Watch now"\nmsgstr "Jetzt  ansehen"\n')
    saved: list[bytes] = []
    checks = pofix.check_message

    def translator_saves(message, catalog, rel, policy):
        if rel == FR and not saved:  # the translator saves another entry mid-run
            saved.append(edit(example, FR, WATCH_FR, 'msgid "Watch now"\nmsgstr "Voir"\n'))
        return checks(message, catalog, rel, policy)

    monkeypatch.setattr(pofix, "check_message", translator_saves)
    code, out = fix(cli, example)
    assert code == 1
    assert f"{FR}: changed while --fix ran: nothing written; run it again [error: l10n.fix]" in out
    assert (example / FR).read_bytes() == saved[0]  # the translator's save, not the fix
    assert f"{DE}: fixed 1 entr(y/ies)" in out  # the other catalogs are fixed
    assert b'msgstr "Jetzt ansehen"' in (example / DE).read_bytes()
    assert TABLE in out
    monkeypatch.undo()
    code, out = fix(cli, example)  # run again: fixed, the save kept
    assert code == 0, out
    after = (example / FR).read_bytes()
    assert after == saved[0].replace(GAPPED.encode(), TAGLINE.encode())


def test_a_catalog_in_windows_1252_gets_what_its_charset_can_hold(example, cli):
    path = example / FR
    text = path.read_text(encoding="utf-8").replace("\u202f", "\u00a0")  # cp1252 has no U+202F
    text = text.replace("charset=utf-8", "charset=windows-1252").replace(TAGLINE, GAPPED)
    text = text.replace(WATCH_FR, 'msgid "Watch now"\nmsgstr "Regarder maintenant !"\n')
    path.write_bytes(text.encode("cp1252"))
    planted = path.read_bytes()
    line = text[: text.index('msgid "Watch now"')].count("\n") + 1
    edit(example, DE, WATCH_DE, 'msgid "Watch now"\nmsgstr "Jetzt  ansehen"\n')
    code, out = fix(cli, example)
    assert code == 1
    assert out[:2] == [f"{FR}: fixed 1 entr(y/ies)", f"{DE}: fixed 1 entr(y/ies)"]
    assert path.read_bytes() == planted.replace(
        GAPPED.encode("cp1252"), TAGLINE.encode("cp1252")
    )  # the double space is closed, in the file's own charset
    assert (
        f"{FR}:{line}: 'Watch now': not fixed: the file's charset (cp1252) has no U+202F "
        "NARROW NO-BREAK SPACE; save the file as UTF-8 (charset=UTF-8 in its header), or fix "
        "it by hand [error: l10n.fix]"
    ) in out
    assert TABLE in out


def test_a_broken_entry_costs_that_entry_and_says_what_is_broken(example, cli):
    planted = edit(example, FR, WATCH_FR, 'msgid "Watch now"\nmsgstr "Regarder  maintenant\n')
    edit(example, FR, TAGLINE, GAPPED)
    edit(example, DE, WATCH_DE, 'msgid "Watch now"\n    msgstr "Jetzt  ansehen"\n')  # indented
    code, out = fix(cli, example)
    assert code == 1
    assert out[:2] == [f"{FR}: fixed 1 entr(y/ies)", f"{DE}: fixed 1 entr(y/ies)"]
    assert (example / FR).read_bytes() == planted.replace(GAPPED.encode(), TAGLINE.encode())
    assert b'\n    msgstr "Jetzt ansehen"\n' in (example / DE).read_bytes()
    line = line_of(example, FR, 'msgid "Watch now"') + 1
    assert (
        f'{FR}:{line}: unterminated string: the closing " is missing; the source text is used '
        "[error: catalog.syntax]"
    ) in out
    assert not [x for x in out if "more than the spacing" in x or "l10n.fix" in x]
    assert TABLE in out


def test_a_wrapped_plural_form_and_a_context_entry_are_fixed_in_a_file_with_a_bom(example, cli):
    path = example / FR
    edit(
        example,
        FR,
        'msgstr[1] "%(count)s nouveaux épisodes"\n',
        'msgstr[1] ""\n"%(count)s nouveaux  "\n"  épisodes"\n',
    )
    edit(
        example,
        FR,
        WATCH_FR,
        f'msgctxt "button"\nmsgid "Watch now"\nmsgstr "Regarder  vite"\n\n{WATCH_FR}',
    )
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    planted = path.read_bytes()
    code, out = fix(cli, example)
    assert code == 0, out
    assert f"{FR}: fixed 2 entr(y/ies)" in out
    assert path.read_bytes() == planted.replace(
        '"%(count)s nouveaux  "\n"  épisodes"\n'.encode(),
        '"%(count)s nouveaux "\n"épisodes"\n'.encode(),
    ).replace(b'msgstr "Regarder  vite"', b'msgstr "Regarder vite"')


def test_a_catalog_folder_that_cannot_be_looked_into_is_named_never_a_traceback(example):
    edit(example, DE, WATCH_DE, 'msgid "Watch now"\nmsgstr "Jetzt  ansehen"\n')
    folder = (example / FR).parent
    folder.chmod(0)
    try:
        result = unreadable.run(example, "l10n-status", "--fix")
    finally:
        folder.chmod(0o755)
    out = unreadable.lines(result)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout
    # the folder is named, not the catalog in it
    folder_rel = FR.rsplit("/", 1)[0]
    assert f"{folder_rel}/: cannot read: Permission denied [error: unreadable]" in out
    assert f"{DE}: fixed 1 entr(y/ies)" in out  # the other catalogs are still fixed
    assert [x.split()[-3] for x in out if x.startswith("fr_FR ")] == ["unreadable"]
