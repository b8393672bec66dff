"""Escapes in .po strings are read as GNU msgfmt reads them: one it refuses (`\\q`) is a
located error and the entry's source text is used; Babel kept `\\q` as written, backslash and
all, in the email."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mailglot.i18n.strict_po import inspect_po

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
# what msgfmt 0.21-0.22 says of each (po-lex.c): refused, or taken
REFUSED = ["\\q", "\\e", "\\'", "\\?", "\\8", "\\u00e9", "\\x", "\\xg"]
TAKEN = ["\\n", "\\t", '\\"', "\\\\", "\\r", "\\a", "\\b", "\\f", "\\v", "\\0", "\\101",
         "\\777", "\\x41", "\\x4142zz", "\\\\q"]  # fmt: skip


def po_with(escape: str) -> bytes:
    return f'{HEADER}msgid "Get started"\nmsgstr "Go{escape} now"\n'.encode()


def test_a_refused_escape_is_an_error_at_its_line_and_the_source_text_is_used(
    tmp_path: Path, cli
) -> None:
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    assert text.splitlines()[33] == 'msgstr "Commencer"'
    po.write_text(text.replace('msgstr "Commencer"', 'msgstr "Commen\\q"'), encoding="utf-8")
    result = cli(project, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert (
        "locales/fr_FR/LC_MESSAGES/messages.po:34: invalid escape \\q (gettext takes \\n \\t "
        '\\" \\\\ \\r \\a \\b \\f \\v, octal (\\101) and hex (\\x41); write \\\\ for a '
        "backslash); the source text is used [error: catalog.syntax] (1 job: welcome/fr_FR/a)\n"
    ) in result.output
    html = (project / "build/welcome/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "Get started" in html and "Commen" not in html


def test_each_refused_escape_is_named_once() -> None:
    data = f'{HEADER}msgid "Hi"\nmsgstr "\\q \\e \\q \\\\e"\n'.encode()
    seen = inspect_po(data, "x.po")
    assert [(d.line, d.code, d.message.split(" (")[0]) for d in seen.problems] == [
        (5, "catalog.syntax", "invalid escapes \\q, \\e")
    ]
    assert seen.untrusted == {4}


@pytest.mark.parametrize("escape", REFUSED + TAKEN)
def test_escapes_are_refused_where_msgfmt_refuses_them(escape: str, tmp_path: Path) -> None:
    refused = bool(inspect_po(po_with(escape), "x.po").problems)
    assert refused == (escape in REFUSED)
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt (gettext) is not installed")
    path = tmp_path / "x.po"
    path.write_bytes(po_with(escape))
    done = subprocess.run([msgfmt, "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert (done.returncode != 0) == refused, done.stderr
