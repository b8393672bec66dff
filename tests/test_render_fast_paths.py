"""Shortcuts of a build worker (render, checks, review), each tested against the slower way
it replaced: on inputs built to hit the cases where the two could part, they must agree."""

from __future__ import annotations

import binascii
import os
import random
import re
from pathlib import Path

from mailglot.checks.content import _links_to
from mailglot.checks.features import without_conditionals
from mailglot.checks.output import Output
from mailglot.checks.presend import _document
from mailglot.checks.scan import body_end
from mailglot.containment import _plainly_inside, resolves_inside
from mailglot.render import document, mjml_start_tags, quoted_printable
from mailglot.render.declarations import COMMENT_OR_TAG
from mailglot.render.eml import _encode
from mailglot.render.fixing import TAG_NAME, Fixing, attributes_block, join_tag, split_tag
from mailglot.render.mj_classes import SEVERAL_CLASSES, reverse_mj_classes
from mailglot.render.mjml_fixes import (
    _DUPLICATE,
    _IMAGE_WITHOUT_ALT,
    _NEWLINE_IN_VALUE,
    _needs_fixing,
    empty_alt,
    fix_tags,
    keep_first_duplicate,
    newlines_as_entities,
)
from tests.eml_reference import encode_reference

_BLOCK = re.compile(r"<mj-attributes\b.*?</mj-attributes>", re.S)


def test_the_mj_attributes_block_is_where_the_pattern_finds_it():
    pieces = ["<mj-attributes", "</mj-attributes>", ">", " ", "s", "x", "\n", "é", "<", "/"]
    rng = random.Random(15)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        found = _BLOCK.search(text)
        assert attributes_block(text) == (found and found.span()), text


def _fix_tags_before(mjml: str) -> str:
    """fix_tags as it was: the whole-document look first, then every tag."""
    # an alt default in any <mj-attributes> block (Node reads them all)
    alt_by_default = any(" alt=" in block for block in _BLOCK.findall(mjml))
    if "mj-class" in mjml and SEVERAL_CLASSES.search(mjml):
        mjml = reverse_mj_classes(mjml)
    if not (
        (not alt_by_default and _IMAGE_WITHOUT_ALT.search(mjml))
        or _DUPLICATE.search(mjml)
        or _NEWLINE_IN_VALUE.search(mjml)
    ):
        return mjml

    def tag(m: re.Match[str]) -> str:
        text = m.group(0)
        name = TAG_NAME.match(text)
        if text.startswith("<!--") or name is None or "=" not in text:
            return text
        if not _needs_fixing(name.group(1), text):
            return text
        head, attrs, tail = split_tag(text)
        fixed = keep_first_duplicate(attrs)
        if "\n" in text or "\r" in text:
            fixed = newlines_as_entities(fixed)
        if not alt_by_default:
            fixed = empty_alt(name.group(1), fixed)
        return text if fixed == attrs else join_tag(head, fixed, tail)

    return COMMENT_OR_TAG.sub(tag, mjml)


_TAG_PIECES = [
    "<mj-image",
    "<mj-social-element",
    "<mj-text",
    "<p",
    " ",
    "\n",
    ' src="a.png"',
    ' alt="x"',
    " alt",
    ' ALT="y"',
    " mj-class='a b'",
    ' color="a"',
    ' color="b"',
    " color='c'",
    " color=d",
    ' style="a:1;\nb:2"',
    ' title="a>b"',
    ' title=" alt=x"',
    " =",
    '"',
    ">",
    "/>",
]
_DOC_PIECES = [
    '<mj-attributes><mj-all alt="" /></mj-attributes>',
    '<mj-attributes><mj-image padding="0" /></mj-attributes>',
    "<!-- <mj-image src=x> -->",
    "words ",
    "</mj-text>",
]


def test_tags_are_fixed_exactly_where_the_whole_document_look_fixed_them():
    """fix_tags asks each tag first (remembered per tag text and alt default) and looks at
    the whole document only when one would change: duplicates quoted or not, newlines,
    images with and without alt, with and without an alt default, in any order."""
    rng = random.Random(15)
    changed = 0
    for _ in range(6_000):
        parts = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.3:
                parts.append(rng.choice(_DOC_PIECES))
            else:
                parts.append("".join(rng.choice(_TAG_PIECES) for _ in range(rng.randint(1, 7))))
        mjml = "".join(parts)
        expected = _fix_tags_before(mjml)
        assert fix_tags(mjml, Fixing()) == expected, mjml
        changed += expected != mjml
    assert changed > 300  # the cases that need a fix were made, not only the quiet ones


def test_a_remembered_tag_is_fixed_for_its_documents_alt_default():
    image = '<mj-image src="a.png" />'
    plain = f"<mjml><mj-body>{image}</mj-body></mjml>"
    defaulted = (
        '<mjml><mj-head><mj-attributes><mj-image alt="" /></mj-attributes></mj-head>'
        f"<mj-body>{image}</mj-body></mjml>"
    )
    for _ in range(2):  # both orders, the second time from the remembered answers
        assert '<mj-image src="a.png" alt="" />' in fix_tags(plain, Fixing())
        assert fix_tags(defaulted, Fixing()) == defaulted


_QP_PIECES = [b"a", b"=", b" ", b"\t", b".", b"\xc3\xa9", b"\xc2\xa0", b"\x00", b"\x7f"]
_QP_PIECES += [b"=3D", b'<p style="x">', b"\xd8\xb3", b"\xe4\xb8\xad", b"\xff", b"\n"]


def test_quoted_printable_is_what_b2a_qp_writes():
    """Long lines (the long-line path) and short ones (b2a_qp) in any order: around every cut,
    with "=" and spaces or tabs at the end, control bytes, few or many distinct bytes."""
    rng = random.Random(15)
    for _ in range(3_000):
        text = b"".join(rng.choice(_QP_PIECES) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.7:
            cut = rng.randint(0, len(text))
            text = text[:cut] + b"x" * rng.randint(960, 1100) + text[cut:]
        if rng.random() < 0.2:
            text += bytes(range(128, 128 + rng.randint(1, 30)))
        lines = text.split(b"\n")
        expected = binascii.b2a_qp(b"\n".join(lines) + b"\n", istext=True)
        assert quoted_printable.encode(lines) == expected, text
    html = b'<td style="padding:0">Bient\xc3\xb4t\xc2\xa0!</td>' * 40  # the long-line path
    assert quoted_printable._long_line(html) == binascii.b2a_qp(html, istext=True)


def test_an_eml_part_is_encoded_as_before():
    """The same transfer encoding chosen (on the first ten lines) and the same bytes, the
    lines after the tenth encoded apart: spaces and tabs at a line's end, lone dots, lines
    cut by soft breaks, CR, LF and CRLF line ends."""
    rng = random.Random(15)
    words = ["Bonjour", "é", "=", " ", "\u00a0", "خصم", "中文", "\n", "\r\n", ".", "\t", "x" * 90]
    words += ["\r", "\x00", "\n.\n", " \n", "\t\n", "=" * 30, "x" * 1000, "\n" * 5]
    seen = set()
    for _ in range(4_000):
        body = "".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
        expected = encode_reference(body.encode())
        assert _encode(body.encode()) == expected, body
        seen.add(expected[0])
    assert seen == {"7bit", "8bit", "base64", "quoted-printable"}


def test_conditional_comments_are_taken_out_as_the_lazy_pattern_took_them():
    """checks.features reads each conditional comment's body up to each "<" at a time; on any
    text it must take out what `<!--[if ...]>.*?<![endif]-->` (any case) took out."""
    lazy = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->", re.S | re.I)
    pieces = ["<!--[if", "<!--[IF", " mso", "]>", "]", "<", "<!", "<![endif]-->", "<![ENDIF]-->"]
    pieces += ["<![endif]", "-->", "\n", "x", "\u0130f", "<!--[\u0130f", "<!--[if mso]><!-->"]
    rng = random.Random(15)
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        expected = lazy.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        assert without_conditionals(text) == expected, text


def test_a_missing_folder_is_inside_without_following_links(tmp_path: Path):
    """containment's quick answer ends at the first missing part (a build asks for every
    job's approved/<campaign>/<locale>/<variant>, and most projects have no approved/): it
    must be what following every link says, with links before, at and after the gap."""
    root = tmp_path / "project"
    (root / "approved").mkdir(parents=True)
    (root / "file").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (root / "out").symlink_to(tmp_path / "elsewhere")
    (root / "approved/in").symlink_to(root / "approved")
    (root / "dangling").symlink_to(tmp_path / "gone")
    cases = {
        "missing/c/fr_FR/a": True,
        "approved/missing/fr_FR/a": True,
        "approved/in/missing": True,
        "out/missing/a": False,
        "dangling/a": False,
        "missing/../../elsewhere": False,
        "missing/../approved": True,
        "file/missing": True,
    }
    for rel, inside in cases.items():
        path = root / rel
        following = os.path.commonpath([os.path.realpath(root), os.path.realpath(path)])
        assert (following == os.path.realpath(root)) is inside, rel
        assert resolves_inside(root, path) is inside, rel
    assert _plainly_inside(str(root), str(root / "missing/c/fr_FR/a"))  # the quick way
    assert _plainly_inside(str(root), str(root / "approved/missing/a"))


def test_a_document_is_told_from_a_fragment_as_by_lowering_its_start():
    """checks.presend._document looks for "<html" in any case within the first 4000
    characters without lowering them: around the limit, in other cases, and with characters
    that lower to more than one (U+0130) or to a letter (the Kelvin sign) before it."""
    rng = random.Random(15)
    for _ in range(5_000):
        tag = "".join(c.upper() if rng.random() < 0.5 else c for c in "<html")
        pad = rng.choice(["", "\u0130", "\u212a", "x", "\u0130" * 3]) * rng.randint(0, 2)
        html = "x" * rng.randint(3980, 4000) + pad + tag + ">"
        html = html[rng.randint(0, 40) :]
        assert _document(_output(html)) == ("<html" in html[:4000].lower()), html[3970:]
    assert not _document(_output("<p>a fragment</p>"))


def _output(html: str) -> Output:
    return Output("email.html", html, "", None, 0, "", None)  # type: ignore[arg-type]


def test_the_end_of_the_body_is_found_from_the_end_where_the_pattern_found_it():
    pattern = re.compile(r"</(?i:body)>[ \t\n\f]*</(?i:html)>[ \t\n\f]*\Z")
    pieces = ["</body>", "</BODY>", "</html>", "</Html>", " ", "\n", "\t", "\f", "\r", "x"]
    pieces += ["</", ">", "</bodyx>", "\u00a0", "\u0130"]
    rng = random.Random(15)
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        found = pattern.search(text)
        assert body_end(text) == (found and found.start()), text


def test_an_unsubscribe_link_is_found_where_the_pattern_found_it():
    """checks.content reads back from the merge tag instead of searching every href."""
    tag = "{{unsubscribe_url}}"
    pieces = ["href", "HREF", "=", " ", "\n", "\u2003", "\x1c", '"', "'", "x", tag, "<a ", ">"]
    rng = random.Random(15)
    for _ in range(30_000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        expected = re.search(r"href\s*=\s*[\"']" + re.escape(tag), html) is not None
        assert _links_to(html, tag) is expected, html


def test_possessive_tag_patterns_match_what_the_backtracking_ones_matched():
    """tags.ATTRIBUTES and declarations.TAG never give characters back; on any text they
    must match where, and capture what, the patterns they replaced did."""
    attributes = r"""(?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
    tag = r"""<[A-Za-z][\w:-]*(?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
    pairs = [
        (
            re.compile(
                # left open, a comment runs to the end (tests/test_unclosed_comments.py)
                r"<!--(?:.*?-->|.*)|<!\[CDATA\[(?:.*?\]\]>|.*)|"
                rf"<(?P<name>mjml|mj-[a-z0-9-]+)(?P<attrs>{attributes})\s*(?P<slash>/?)>",
                re.S | re.I,
            ),
            mjml_start_tags.TOKEN,
        ),
        (re.compile(rf"<html(?P<attrs>{attributes})\s*>", re.I), document._HTML),
        (re.compile(r"<!--.*?-->|" + tag + r"\s*/?>", re.S), COMMENT_OR_TAG),
    ]
    pieces = ["<mj-text", "<mjml", "<html", "<a", "<P", " ", "\n", "\t", "a", "b=", "=", " = "]
    pieces += ['"x"', "'y'", '"', "'", "/", ">", "/>", "<", "c/", "`", "<!--", "-->", "\u00e9"]
    pieces += ["<![CDATA[", "]]>"]
    rng = random.Random(15)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        for before, now in pairs:
            expected = [(m.span(), m.group(0)) for m in before.finditer(text)]
            assert [(m.span(), m.group(0)) for m in now.finditer(text)] == expected, text
            if before.groups == now.groups:
                assert [m.groups() for m in before.finditer(text)] == [
                    m.groups() for m in now.finditer(text)
                ], text
