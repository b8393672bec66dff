"""The charset a catalog's header declares, as msgfmt finds it: the first `charset=` in the
msgstr of the entry whose msgid is empty. It was the first `charset=` anywhere in the file's
first 4 KB, so a comment mentioning one decided the encoding, and a header after a long
comment, a quoted name (`charset="KLINGON"`) or an empty one was read as UTF-8 without a word.
A charset Python knows but a .po file cannot be written in (UTF-16, UTF-7, EBCDIC, Python's
`unicode_escape`) was used to decode the file, and `charset=undefined` was a traceback. Each is
now an error at the header's line that names the charset and what mailglot reads instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.corpus import PO
from hostile.harness import lines_of, plant

HEADER_LINE = 6  # "Content-Type: text/plain; charset=UTF-8\n" in the planted catalog
FR = "welcome/fr_FR/a"
ALSO = (
    "or another encoding gettext reads: ISO-8859-1 to ISO-8859-16, windows-1250 to "
    "windows-1258, KOI8-R, Shift_JIS, EUC-JP, EUC-KR, GB2312, GBK, GB18030, Big5; no "
    "translation from this file is used [error: catalog.charset]"
)


def _catalog(tmp_path: Path, charset: str, before: str = "", encoding: str = "utf-8"):
    """The small project whose fr_FR catalog's header declares `charset` (written as is,
    so `\\"x\\"` is a quoted name), with `before` ahead of the header entry."""
    planted = plant(tmp_path, {})
    po = planted.root / PO
    text = po.read_text(encoding="utf-8").replace("charset=UTF-8", f"charset={charset}")
    po.write_bytes((before + text).encode(encoding))
    return planted


def test_an_unknown_charset_is_named_at_the_header_line_with_what_is_read(tmp_path: Path):
    planted = _catalog(tmp_path, "KLINGON")
    status = planted.run("l10n-status")
    assert status.exit_code == 1
    assert (
        f"{PO}:{HEADER_LINE}: the header declares charset=KLINGON, which is not an encoding; "
        f"write charset=UTF-8 (and save the file as UTF-8), {ALSO}"
    ) in lines_of(status)
    assert " ".join(lines_of(status)[1].split()) == "fr_FR 0 0 10 0 0 unreadable 0 0"


@pytest.mark.parametrize(
    "written,shown",
    [
        ('\\"KLINGON\\"', "charset=KLINGON, which is not an encoding"),  # was read as UTF-8
        ("undefined", "charset=undefined, which is not an encoding"),  # was a traceback
        ("base64", "charset=base64, which is not an encoding"),
    ],
    ids=["quoted", "undefined", "not-a-text-codec"],
)
def test_a_name_that_is_no_encoding_fails_the_catalog_not_the_command(
    tmp_path: Path, written: str, shown: str
):
    planted = _catalog(tmp_path, written)
    result = planted.run("build", "--no-screenshots")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert (
        f"{PO}:{HEADER_LINE}: the header declares {shown}; write charset=UTF-8 (and save the "
        f"file as UTF-8), {ALSO} (1 job: {FR})"
    ) in lines_of(result)
    assert "Bienvenue" not in planted.outputs()[f"{FR}/email.html"]  # the source text
    assert planted.run("l10n-status").exit_code == 1


@pytest.mark.parametrize("charset", ["UTF-16", "UTF-7", "cp037", "unicode_escape"])
def test_a_charset_no_po_file_can_be_written_in_is_refused(tmp_path: Path, charset: str):
    """Decoded as declared, the file's quotes and backslashes were other characters (or, with
    unicode_escape, its `\\n` escapes real line breaks)."""
    status = _catalog(tmp_path, charset).run("l10n-status")
    assert status.exit_code == 1
    assert (
        f"{PO}:{HEADER_LINE}: the header declares charset={charset}, which a .po file cannot "
        f"be written in: gettext reads its keywords and quotes as ASCII, which {charset} "
        f"writes as other bytes; write charset=UTF-8 (and save the file as UTF-8), {ALSO}"
    ) in lines_of(status)


def test_an_empty_charset_is_named(tmp_path: Path):
    status = _catalog(tmp_path, "").run("l10n-status")
    assert status.exit_code == 1
    assert (
        f"{PO}:{HEADER_LINE}: the header's charset= names no encoding; write charset=UTF-8 "
        "(and save the file as UTF-8); no translation from this file is used "
        "[error: catalog.charset]"
    ) in lines_of(status)


def test_the_header_decides_not_a_comment_before_it(tmp_path: Path):
    """A comment naming a charset was taken for the header's: 'declares charset=ISO-8859-1
    but the file is UTF-8' at the comment, and no French; or, the other way round, a header
    declaring KLINGON under such a comment passed as UTF-8."""
    comment = "# Exported with charset=ISO-8859-1 by the old TMS\n"
    planted = _catalog(tmp_path, "UTF-8", before=comment)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert "catalog.charset" not in result.output
    assert "Se désabonner" in planted.outputs()[f"{FR}/email.txt"]

    status = _catalog(tmp_path / "klingon", "KLINGON", before=comment).run("l10n-status")
    assert (
        f"{PO}:{HEADER_LINE + 1}: the header declares charset=KLINGON, which is not an "
        f"encoding; write charset=UTF-8 (and save the file as UTF-8), {ALSO}"
    ) in lines_of(status)


def test_a_header_after_a_long_comment_is_read_in_its_charset(tmp_path: Path):
    """Past the first 4 KB the header's charset was not seen: an ISO-8859-1 file was read as
    UTF-8 and refused ('byte 0xe9 is not UTF-8 text')."""
    comment = "".join(f"# Translator note {n}: keep the brand name as it is.\n" for n in range(120))
    planted = _catalog(tmp_path, "ISO-8859-1", before=comment, encoding="latin-1")
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert "Se désabonner" in planted.outputs()[f"{FR}/email.txt"]


def test_a_file_saved_as_utf16_is_told_so(tmp_path: Path):
    planted = _catalog(tmp_path, "UTF-8", encoding="utf-16")  # with its byte order mark
    status = planted.run("l10n-status")
    assert status.exit_code == 1
    assert (
        f"{PO}:1: the file is saved as UTF-16 (it starts with UTF-16's byte order mark; "
        "Windows calls it 'Unicode'), which gettext cannot read: save it as UTF-8; no "
        "translation from this file is used [error: catalog.charset]"
    ) in lines_of(status)
