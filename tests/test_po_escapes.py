"""Escapes in .po strings are read as GNU msgfmt reads them. One it refuses (`\\q`) is a
located error and the entry's source text is used; octal and hex escapes make the characters
their bytes make (`Caf\\303\\251` is `Café`); escapes of control characters are refused like
typed control characters. Babel kept all of these as written, backslash and all."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mailglot.i18n.po_encoding import ALSO_READ
from mailglot.i18n.strict_po import inspect_po

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ALLOWED = (
    '(gettext takes \\n \\t \\" \\\\ \\r \\a \\b \\f \\v, octal (\\101) and hex (\\x41); '
    "write \\\\ for a backslash)"
)
# what msgfmt (gettext 0.21-0.22, po-lex.c) makes of each: refused, or read as this text
REFUSED = ["\\q", "\\e", "\\'", "\\?", "\\8", "\\u00e9", "\\x", "\\xg"]
READ = {
    "\\n": "\n",
    "\\t": "\t",
    '\\"': '"',
    "\\\\": "\\",
    "\\\\q": "\\q",
    "\\101": "A",
    "\\1014": "A4",  # three octal digits at most
    "\\x41": "A",
    "\\x4142zz": "Bzz",  # every hex digit is read, the value kept to a byte
    "\\303\\251": "é",  # the bytes of the file's charset
    "\\xc3\\xa9": "é",
    "\\x5c\\x22": '\\"',  # a backslash and a quote, which Babel must see escaped
}
CONTROLS = ["\\a", "\\b", "\\f", "\\v", "\\0", "\\x1b"]  # msgfmt takes them; no email shows them


def po_with(escape: str) -> bytes:
    return f'{HEADER}msgid "Hi"\nmsgstr "Go{escape} now"\n'.encode()


def read(escape: str) -> tuple[list[str], str | None]:
    """The strict reader's messages, and the translation Babel reads from the text it passes
    on (None when the entry is left out: the source text is used)."""
    seen = inspect_po(po_with(escape), "x.po")
    assert seen.text is not None
    if seen.untrusted:
        assert seen.untrusted == {4}  # the entry's msgid line
        return [d.message for d in seen.problems], None
    return [d.message for d in seen.problems], read_po(io.StringIO(seen.text)).get("Hi").string


def msgfmt_reads(escape: str, tmp_path: Path) -> str | None:
    """What GNU msgfmt compiles the translation to (None when it refuses the file)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt (gettext) is not installed")
    po, mo = tmp_path / "x.po", tmp_path / "x.mo"
    po.write_bytes(po_with(escape))
    if subprocess.run([msgfmt, "-o", str(mo), str(po)], capture_output=True).returncode:
        return None
    with mo.open("rb") as fp:
        return gettext.GNUTranslations(fp).gettext("Hi")


def test_a_refused_escape_is_an_error_at_its_line_and_the_source_text_is_used(
    tmp_path: Path, cli
) -> None:
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    assert text.splitlines()[48] == 'msgstr "Commencer"'
    po.write_text(text.replace('msgstr "Commencer"', 'msgstr "Commen\\q"'), encoding="utf-8")
    result = cli(project, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert (
        f"locales/fr_FR/LC_MESSAGES/messages.po:49: invalid escape \\q {ALLOWED}; the source "
        "text is used [error: catalog.syntax] (1 job: welcome/fr_FR/a)\n"
    ) in result.output
    html = (project / "build/welcome/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "Get started" in html and "Commen" not in html

    po.write_text(text.replace('msgstr "Commencer"', 'msgstr "Commen\\143er"'), encoding="utf-8")
    result = cli(project, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 0, result.output
    html = (project / "build/welcome/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "Commencer" in html and "Get started" not in html


@pytest.mark.parametrize("escape", REFUSED)
def test_an_escape_msgfmt_refuses_is_refused(escape: str, tmp_path: Path) -> None:
    problems, translation = read(escape)
    assert problems == [f"invalid escape {escape[:2]} {ALLOWED}; the source text is used"]
    assert translation is None  # left out: the source text is used
    assert msgfmt_reads(escape, tmp_path) is None


@pytest.mark.parametrize("escape", READ)
def test_an_escape_reads_as_msgfmt_reads_it(escape: str, tmp_path: Path) -> None:
    assert read(escape) == ([], f"Go{READ[escape]} now")
    assert msgfmt_reads(escape, tmp_path) == f"Go{READ[escape]} now"


@pytest.mark.parametrize("escape", CONTROLS)
def test_an_escape_of_a_control_character_is_refused(escape: str, tmp_path: Path) -> None:
    problems, translation = read(escape)
    assert len(problems) == 1 and translation is None
    assert problems[0].startswith(f"escape {escape}")
    assert problems[0].endswith(
        "makes a control character, which an email never shows; write the text without it; "
        "the source text is used"
    )
    assert msgfmt_reads(escape, tmp_path) is not None


def test_each_problem_is_named_once_with_its_line() -> None:
    data = f'{HEADER}msgid "Hi"\nmsgstr "\\q \\e \\q \\\\e \\a"\n"\\xff"\n'.encode()
    seen = inspect_po(data, "x.po")
    assert [(d.line, d.code, d.message.split(" (")[0].split(";")[0]) for d in seen.problems] == [
        (5, "catalog.syntax", "invalid escapes \\q, \\e"),
        (5, "catalog.syntax", "escape \\a makes a control character, which an email never shows"),
        (6, "catalog.syntax", "escape \\xff names bytes that are not UTF-8 text"),
    ]
    assert seen.untrusted == {4}


def msgfmt_accepts(data: bytes, tmp_path: Path) -> bool:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt (gettext) is not installed")
    po = tmp_path / "x.po"
    po.write_bytes(data)
    run = [msgfmt, "-c", "-o", str(tmp_path / "x.mo"), str(po)]
    return subprocess.run(run, capture_output=True).returncode == 0


def test_a_character_split_over_continuation_lines_is_one_character(tmp_path: Path) -> None:
    # msgfmt joins a string's lines before it decodes their bytes: é is \303\251 in UTF-8
    data = f'{HEADER}msgid "Cafe"\nmsgstr "Caf\\303"\n"\\251 au lait"\n'.encode()
    seen = inspect_po(data, "x.po")
    assert (seen.problems, seen.untrusted) == ([], set())
    assert seen.text is not None
    assert read_po(io.StringIO(seen.text)).get("Cafe").string == "Café au lait"
    assert msgfmt_accepts(data, tmp_path)


def test_bytes_that_stay_broken_once_joined_are_an_error_where_they_start() -> None:
    data = f'{HEADER}msgid "Cafe"\nmsgstr "Caf"\n"\\303"\n"x"\n'.encode()
    seen = inspect_po(data, "x.po")
    assert [(d.line, d.code, d.message) for d in seen.problems] == [
        (
            6,
            "catalog.syntax",
            "escape \\303 names bytes that are not UTF-8 text (the file's charset); write the "
            "characters themselves; the source text is used",
        )
    ]
    assert seen.untrusted == {4}  # msgfmt copies such bytes into the .mo; no email can show them


def test_a_msgid_written_with_escapes_is_a_duplicate_of_the_same_text(tmp_path: Path) -> None:
    data = (
        f'{HEADER}msgid "Café"\nmsgstr "Un café"\n\n'
        'msgid "Caf\\303\\251"\nmsgstr "Deux cafés"\n\n'
        'msgid ""\n"Caf\\xc3"\n"\\xa9"\nmsgstr "Trois cafés"\n'
    ).encode()
    seen = inspect_po(data, "x.po")
    assert [(d.line, d.code, d.message) for d in seen.problems] == [
        (
            line,
            "catalog.duplicate",
            "the same msgid is translated again (first on line 4); keep one entry; the source "
            "text is used",
        )
        for line in (7, 10)
    ]
    assert seen.untrusted == {4, 7, 10}
    assert not msgfmt_accepts(data, tmp_path)  # "duplicate message definition"


@pytest.mark.parametrize("charset", ["base64", "rot13", "hex", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_an_unknown_charset(charset: str) -> None:
    data = f'{HEADER}msgid "Hi"\nmsgstr "Salut"\n'.replace("UTF-8", charset).encode()
    seen = inspect_po(data, "x.po")
    assert seen.text is None
    assert [(d.line, d.code, d.message) for d in seen.problems] == [
        (
            2,
            "catalog.charset",
            f"the header declares charset={charset}, which is not an encoding; write "
            "charset=UTF-8 (and save the file as UTF-8), or another encoding gettext reads: "
            f"{ALSO_READ}; no translation from this file is used",
        )
    ]


def test_l10n_status_reports_a_base64_charset_without_a_traceback(tmp_path: Path, cli) -> None:
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "charset=utf-8" in t)
    po.write_text(text.replace("charset=utf-8", "charset=base64"), encoding="utf-8")
    result = cli(project, "l10n-status")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert (
        f"locales/fr_FR/LC_MESSAGES/messages.po:{line}: the header declares charset=base64, "
        "which is not an encoding"
    ) in result.output
