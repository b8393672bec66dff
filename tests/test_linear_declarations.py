"""The inliner's helpers (render/declarations.py) read hostile text in linear time, with the
results they had: comments left open, thousands of ";" in a style, a long text saying
"important" over and over, runs of spaces before a "!".

Before: 40 KB of "<!--" took 4 s in `map_tags` (the lazy `<!--.*?-->` looked for each one's
end up to the end of the text), 40 KB of ";" 1.4 s in `parse` (its look-ahead read on to the
next "(" from every ";"), and `strip_important` read a long text back to its start once for
each "important" in it.
"""

from __future__ import annotations

import random
import re
import signal
from collections.abc import Iterator

import pytest
from conftest import within

from mailglot.render import declarations
from mailglot.render.declarations import COMMENT_OR_TAG, STYLE_ATTR

OLD_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.I)
OLD_SPLIT = re.compile(r";(?![^(]*\))")


def old_parse(style: str) -> list[declarations.Declaration]:
    out = []
    for part in OLD_SPLIT.split(style):
        name, sep, value = part.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not sep or not name or not value:
            continue
        important = bool(OLD_IMPORTANT.search(value))
        out.append((name, OLD_IMPORTANT.sub("", value) if important else value, important))
    return out


def old_map_tags(html: str, change) -> str:
    return COMMENT_OR_TAG.sub(
        lambda m: m.group(0) if m.group(0).startswith("<!--") else change(m.group(0)), html
    )


def old_strip_important(html: str) -> str:
    out: list[str] = []
    done = 0
    at = html.find("important")
    while at != -1:
        start = html.rfind("<", 0, at)
        end = html.find(">", at)
        if start < done or end == -1 or html.rfind(">", 0, at) > start:
            at = html.find("important", at + 9)
            continue
        if not html[start + 1 : start + 2].isalpha() or (
            html.rfind("<!--", 0, start) > html.rfind("-->", 0, start)
        ):
            at = html.find("important", end)
            continue
        tag = html[start : end + 1]
        out.append(html[done:start])
        out.append(
            STYLE_ATTR.sub(
                lambda s: f'{s.group(1)}"{declarations._important_last(s.group(2))}"', tag
            )
        )
        done = end + 1
        at = html.find("important", done)
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


HTML_PIECES = ["<!--", "-->", "<!-->", "<p", "<a", ' style="', '"', "'", ">", "/>", " ", "x"]
HTML_PIECES += ["important", "!important", "! IMPORTANT", "color:red", ";", "=", "<", "\n"]
HTML_PIECES += ["<![endif]-->", "<!--[if mso]>", "\u00e9", "!", "<style>", "</style>"]
STYLE_PIECES = [";", "(", ")", ":", "a", "b:c", " ", "!", "important", "IMPORTANT", "url("]
STYLE_PIECES += ["\t", "\n", "\xa0", "\x1c", "\u2028", "\u0130", "\u0131", "\u212a", "x!"]


def texts(pieces: list[str], seed: int, count: int, most: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def test_comments_and_tags_are_found_as_the_pattern_finds_them():
    for text in texts(HTML_PIECES, 31, 20_000, 24):
        assert declarations.comments_and_tags(text) == COMMENT_OR_TAG.findall(text), text
        assert declarations.map_tags(text, str.upper) == old_map_tags(text, str.upper), text


def test_styles_are_parsed_as_before():
    for text in texts(STYLE_PIECES, 32, 20_000, 24):
        assert declarations.parse(text) == old_parse(text), text
    for text in texts(STYLE_PIECES, 33, 300, 400):  # past the plain split's 64 ";"
        assert declarations.parse(text) == old_parse(text), text


def test_important_is_stripped_as_before():
    for text in texts(HTML_PIECES, 34, 20_000, 30):
        assert declarations.strip_important(text) == old_strip_important(text), text


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
def test_hostile_text_is_read_in_linear_time():
    # before: ~40 min, ~4 min, ~3 min, ~2.5 min (from 40 KB: 4 s, 1.4 s, 7 s; 0.1 MB: 0.04 s)
    opened = "<!--" * 250_000 + '<p style="a: b !important">'
    style = "a: b" + ";" * 500_000
    spaces = "a: x" + " " * 200_000 + "y !important"  # `\s*!` tried at each space
    words = "<p>" + "important " * 600_000 + '</p><p style="c: d !important">'
    with within(60):  # each well under a second
        assert declarations.map_tags(opened, str.upper).endswith('<P STYLE="A: B !IMPORTANT">')
        assert len(declarations.comments_and_tags(opened)) == 1
        assert declarations.parse(style) == [("a", "b", False)]
        assert declarations.parse(spaces) == [("a", "x" + " " * 200_000 + "y", True)]
        assert declarations.strip_important(words).endswith('<p style="c: d;">')
