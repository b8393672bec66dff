"""Reading a translator's .po file as gettext reads it, and saying what is wrong in words a
translator acts on, at the line to fix. Each case edits the example's real catalogs the way a
translator's tool or paste would, then runs `mailglot l10n-status` and reads what it prints."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mailglot.i18n.strict_po import inspect_po, split_lines

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
AR = "locales/ar_SA/LC_MESSAGES/messages.po"
AR_RULE = (
    '"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && '
    'n%100<=10 ? 3 : "\n"n%100>=11 ? 4 : 5);\\n"'
)
FR_RULE = '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"'
CLDR_ARABIC = (
    "nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 "
    "? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);"
)


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    """The 1-based line `needle` is on, counting LF-ended lines as gettext does."""
    text = (project / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def status(cli, project: Path) -> tuple[int, list[str]]:
    result = cli(project, "l10n-status")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def findings(lines: list[str], rel: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{rel}:")]


# 1. Lines end at LF (CRLF, CR), never at U+2028, U+2029 or U+0085.


def test_a_line_separator_in_a_translation_is_not_a_line_break_of_the_file(example, cli):
    """A Word paste put U+2028 in a msgstr: the reading stays on one line (no 'unterminated
    string' there, no stray next line), and a real error further down keeps its own line."""
    edit(example, FR, 'msgstr "Regarder"', 'msgstr "Regarder\u2028maintenant"')
    watch = line_of(example, FR, 'msgid "Watch now"')
    old = 'msgstr "Je profite de l\'offre"'
    broken = line_of(example, FR, old)
    edit(example, FR, old, "msgstr \"Je profite de l'offre")
    code, out = status(cli, example)
    assert code == 1
    found = findings(out, FR)
    assert (
        f'{FR}:{broken}: unterminated string: the closing " is missing; the source text is '
        "used [error: catalog.syntax]"
    ) in found
    assert (
        f"{FR}:{watch}: 'Watch now': line separators not in the source (a line break some "
        "email clients show and others ignore, often pasted from a word processor; write a "
        "space): U+2028 LINE SEPARATOR; the source text is used [error: catalog.invisible]"
    ) in found
    assert not any(line.startswith(f"{FR}:{broken + 1}:") for line in found)
    assert not any(line.startswith(f"{FR}:{watch + 1}:") for line in found)
    assert not any("not a line" in line for line in found)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_separator_in_a_comment_changes_nothing(example, cli, separator: str) -> None:
    edit(
        example,
        FR,
        "#: templates/winback.mjml.j2:18\n",
        f"# Translator note: keep it short{separator}(button)\n#: templates/winback.mjml.j2:18\n",
    )
    code, out = status(cli, example)
    assert code == 0, out
    assert findings(out, FR) == []


def test_lines_are_split_at_lf_crlf_and_cr_only() -> None:
    assert split_lines("a\r\nb\rc\nd\u2028e\u2029f\x85g\x0ch\n") == [
        "a",
        "b",
        "c",
        "d\u2028e\u2029f\x85g\x0ch",
    ]
    assert split_lines("a\n\nb") == ["a", "", "b"]


def test_crlf_files_keep_their_line_numbers() -> None:
    data = (
        'msgid ""\r\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\r\n\r\n'
        'msgid "A"\r\nmsgstr "x\u2028y"\r\n\r\nmsgid "B"\r\nmsgstr "broken\r\n'
    ).encode()
    seen = inspect_po(data, "x.po")
    assert [(d.line, d.message) for d in seen.problems] == [
        (8, 'unterminated string: the closing " is missing; the source text is used')
    ]


# 2. A windows-1252 file declared ISO-8859-1.


def test_a_windows_1252_file_declared_latin_1_is_read_as_windows_1252(example, cli):
    path = example / FR
    text = path.read_text(encoding="utf-8")
    text = text.replace("charset=utf-8", "charset=ISO-8859-1").replace("\u202f", "\xa0")
    for old, new in (
        ('msgstr "Regarder"', 'msgstr "Regarder…"'),
        ("Offre valable jusqu'au", "Offre valable jusqu’au"),
        ("de l'année", "de l’année"),
        ("Fête des célibataires", "Fête des cœurs"),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_bytes(text.encode("cp1252"))
    lines = text.split("\n")
    at = {c: [n for n, line in enumerate(lines, 1) if c in line] for c in "œ’…"}
    code, out = status(cli, example)
    assert code == 0, out
    assert findings(out, FR)[0] == (
        f"{FR}:{at['œ'][0]}: warning: the header declares charset=ISO-8859-1, but the file "
        "looks like windows-1252: its bytes 0x80-0x9F, control characters in ISO-8859-1, are "
        f"windows-1252 characters: 0x9C 'œ' (lines {at['œ'][0]}, {at['œ'][1]}), 0x92 '’' "
        f"(lines {', '.join(map(str, at['’']))}), 0x85 '…' (line {at['…'][0]}); the file is "
        "read as windows-1252: write charset=windows-1252 (or save the file as UTF-8) "
        "[catalog.charset]"
    )
    assert not any("never shown" in line or "not a line" in line for line in out), out
    assert any(line.split()[:5] == ["fr_FR", "57", "0", "0", "0"] for line in out), out


def test_a_latin_1_file_without_those_bytes_is_read_as_declared() -> None:
    data = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        'msgid "Coffee"\nmsgstr "Café"\n'
    ).encode("latin-1")
    seen = inspect_po(data, "x.po")
    assert seen.problems == [] and seen.text is not None and "Café" in seen.text


def test_a_byte_windows_1252_lacks_is_named_at_its_line() -> None:
    data = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgid "A"\nmsgstr "x\x81y"\n'
    )
    seen = inspect_po(data, "x.po")
    assert seen.text is None
    assert [(d.line, d.severity, d.message) for d in seen.problems] == [
        (
            5,
            "error",
            "byte 0x81 is a control character in ISO-8859-1 (the charset the header declares) "
            "and no character of windows-1252 either; save the file as UTF-8 and write "
            "charset=UTF-8; no translation from this file is used",
        )
    ]


# 3. Syntax messages that name the real problem.


def test_an_unescaped_quote_inside_a_string_is_named(example, cli):
    edit(example, FR, 'msgstr "Regarder"', 'msgstr "Cliquez sur "Regarder" maintenant"')
    line = line_of(example, FR, "Cliquez sur")
    code, out = status(cli, example)
    assert code == 1
    assert (
        f'{FR}:{line}: a " inside the string ends it after "Cliquez sur ": write \\" for a '
        "quote inside the text (or use the language's quotation marks, « » or “ ”); the "
        "source text is used [error: catalog.syntax]"
    ) in out


def test_text_after_a_string_is_named() -> None:
    data = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "A"\nmsgstr "x" y\n'
    seen = inspect_po(data, "x.po")
    assert [(d.line, d.message) for d in seen.problems] == [
        (
            5,
            "text after the string's closing \": 'y' (a line holds one quoted string); the "
            "source text is used",
        )
    ]


def test_a_plain_msgstr_on_a_plural_entry_asks_for_the_indexed_forms(example, cli):
    old = (
        'msgstr[0] "Une série que vous suivez a de nouveaux épisodes."\n'
        'msgstr[1] "%(count)s séries que vous suivez ont de nouveaux épisodes."'
    )
    line = line_of(example, FR, old)
    edit(example, FR, old, 'msgstr "%(count)s séries que vous suivez ont de nouveaux épisodes."')
    code, out = status(cli, example)
    assert code == 1
    assert findings(out, FR)[0] == (
        f"{FR}:{line}: msgstr on an entry with msgid_plural: write its translations as "
        "msgstr[0] and msgstr[1] (one per plural form, nplurals=2 in the header); the source "
        "text is used [error: catalog.syntax]"
    )
    assert not any("plural form 1 is empty" in line for line in out)


def test_a_plain_msgstr_on_an_arabic_plural_counts_six_forms(example, cli):
    path = example / AR
    text = path.read_text(encoding="utf-8")
    start = text.index("msgstr[0]")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + 'msgstr "x"' + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    _, out = status(cli, example)
    assert (
        f"{AR}:{line}: msgstr on an entry with msgid_plural: write its translations as "
        "msgstr[0] … msgstr[5] (one per plural form, nplurals=6 in the header); the source "
        "text is used [error: catalog.syntax]"
    ) in out


def test_an_indexed_msgstr_without_msgid_plural_is_refused(example, cli):
    edit(example, FR, 'msgstr "Regarder"', 'msgstr[0] "Regarder"')
    line = line_of(example, FR, 'msgstr[0] "Regarder"')
    code, out = status(cli, example)
    assert code == 1
    assert findings(out, FR)[0] == (
        f"{FR}:{line}: msgstr[0] on an entry without msgid_plural (gettext refuses the file: "
        '"missing \'msgid_plural\' section"): write msgstr "…" for a translation without '
        "plural forms; the source text is used [error: catalog.syntax]"
    )


def test_msgfmt_agrees_on_what_is_refused(tmp_path: Path) -> None:
    """What the reader refuses, msgfmt refuses; what it now accepts (U+2028 in a string or a
    comment), msgfmt accepts."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt (gettext) is not installed")
    head = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    cases = {
        'msgid "A"\nmsgstr "x\u2028y"\n': True,
        '# note\u2028(button)\nmsgid "A"\nmsgstr "x"\n': True,
        'msgid "A"\nmsgstr "Cliquez sur "Regarder" maintenant"\n': False,
        'msgid "A"\nmsgstr[0] "x"\n': False,
    }
    for body, accepted in cases.items():
        po = tmp_path / "x.po"
        po.write_text(head + body, encoding="utf-8")
        run = subprocess.run([msgfmt, "-o", str(tmp_path / "x.mo"), str(po)], capture_output=True)
        assert (run.returncode == 0) == accepted, body
        assert (inspect_po(po.read_bytes(), "x.po").problems == []) == accepted, body


# 4. The header's plural rule against the catalog's language.


def test_an_arabic_catalog_with_two_plural_forms_is_warned(example, cli):
    edit(example, AR, AR_RULE, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
    line = line_of(example, AR, "Plural-Forms")
    _, out = status(cli, example)
    assert findings(out, AR)[0] == (
        f"{AR}:{line}: warning: Plural-Forms: nplurals=2, but Arabic (Language: ar_SA) has 6 "
        "plural forms (CLDR: zero, one, two, few, many, other); the header's rule is used: if "
        f'the catalog is in Arabic, write "Plural-Forms: {CLDR_ARABIC}\\n" '
        "[catalog.plural-forms.language]"
    )


def test_a_french_catalog_with_the_arabic_rule_is_warned_at_the_header(example, cli):
    edit(example, FR, FR_RULE, AR_RULE)
    line = line_of(example, FR, "Plural-Forms")
    _, out = status(cli, example)
    assert findings(out, FR)[0] == (
        f"{FR}:{line}: warning: Plural-Forms: nplurals=6, but French (Language: fr_FR) has 2 "
        "plural forms in gettext's table and 3 in CLDR (one, many, other); the header's rule "
        'is used: if the catalog is in French, write "Plural-Forms: nplurals=2; plural=(n > '
        '1);\\n" [catalog.plural-forms.language]'
    )


def test_a_missing_plural_forms_line_assumes_the_languages_rule_and_says_so(example, cli):
    header = line_of(example, FR, 'msgid ""')
    edit(example, FR, FR_RULE + "\n", "")
    code, out = status(cli, example)
    assert code == 0, out
    assert findings(out, FR) == [
        f'{FR}:{header}: warning: no Plural-Forms header; assumed "nplurals=2; plural=(n > '
        "1);\", gettext's rule for French (Language: fr_FR): write the rule the plural "
        'translations follow in the header, e.g. "Plural-Forms: nplurals=2; plural=(n > '
        '1);\\n" [catalog.plural-forms.language]'
    ]


def test_a_missing_arabic_plural_forms_line_assumes_cldrs_rule(example, cli):
    header = line_of(example, AR, 'msgid ""')
    edit(example, AR, AR_RULE + "\n", "")
    _, out = status(cli, example)
    assert findings(out, AR) == [
        f'{AR}:{header}: warning: no Plural-Forms header; assumed "{CLDR_ARABIC}", CLDR\'s '
        "rule for Arabic (Language: ar_SA): write the rule the plural translations follow in "
        f'the header, e.g. "Plural-Forms: {CLDR_ARABIC}\\n" [catalog.plural-forms.language]'
    ]


@pytest.mark.parametrize(
    ("language", "rule"),
    [
        ("fr_FR", "nplurals=2; plural=(n > 1);"),  # gettext's table
        (
            "fr_FR",
            "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
        ),
        ("he_IL", "nplurals=2; plural=(n != 1);"),  # gettext's; CLDR has 3
        ("ga_IE", "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;"),  # gettext's; CLDR has 5
        (
            "cs_CZ",
            "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        ),  # CLDR many: fractions
        (
            "ru_RU",
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        ),
        ("ja_JP", "nplurals=1; plural=0;"),
        ("xx_YY", "nplurals=2; plural=(n != 1);"),  # a language CLDR does not know: not judged
    ],
)
def test_rules_of_gettext_or_cldr_are_both_fine(language: str, rule: str) -> None:
    data = (
        f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Plural-Forms: {rule}\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgid_plural "b"\n'
        + "".join(f'msgstr[{i}] "x"\n' for i in range(int(rule.split(";")[0][-1])))
    ).encode()
    assert inspect_po(data, "x.po").problems == []


def test_without_a_language_field_the_folder_names_the_language() -> None:
    data = (
        b'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    )
    seen = inspect_po(data, "locales/pl_PL/LC_MESSAGES/messages.po")
    assert [(d.line, d.message) for d in seen.problems] == [
        (
            3,
            "Plural-Forms: nplurals=2, but Polish (folder pl_PL) has 3 plural forms (CLDR: "
            "one, few, many); the header's rule is used: if the catalog is in Polish, write "
            '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || '
            'n%100>=20) ? 1 : 2);\\n"',
        )
    ]


def test_no_plural_entry_no_plural_forms_warning() -> None:
    data = b'msgid ""\nmsgstr "Language: fr_FR\\n"\n\nmsgid "a"\nmsgstr "x"\n'
    assert inspect_po(data, "x.po").problems == []


# What `mailglot update` does with these files


def test_update_writes_the_assumed_plural_forms_and_refuses_a_charset_guess(example, cli):
    edit(example, FR, FR_RULE + "\n", "")
    result = cli(example, "update")
    assert result.exit_code == 0, result.output
    assert FR_RULE in (example / FR).read_text(encoding="utf-8")  # gettext's, not CLDR's 3

    path = example / FR
    text = path.read_text(encoding="utf-8").replace("charset=utf-8", "charset=ISO-8859-1")
    text = text.replace("\u202f", "\xa0").replace('msgstr "Regarder"', 'msgstr "Regarder…"')
    path.write_bytes(text.encode("cp1252"))
    before = path.read_bytes()
    result = cli(example, "update")
    assert result.exit_code == 1
    assert "looks like windows-1252" in result.output
    assert f"{FR}: no catalog was updated: fix the lines above first" in result.output
    assert path.read_bytes() == before
