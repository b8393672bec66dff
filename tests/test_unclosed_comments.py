"""Text with thousands of `<!--` (or Jinja `{#`) that nothing closes is read in linear time.

The lazy `<!--.*?-->` looked for the end of each such `<!--` up to the end of the text:
0.1 MB of them took 26 s of CPU in the MJML validator and in the direction step. Both read one
left open as an HTML parser does (Node's htmlparser2 for the validator): a comment up to the
end of the text (MRML refuses such MJML anyway).
"""

from __future__ import annotations

import random
import re
import signal
from collections.abc import Iterator

import pytest
from conftest import within

from mailglot.render import direction, mjml_start_tags, placement
from mailglot.render.mjml_structure import TOKEN, find_tokens, token_matches
from mailglot.render.mjml_validator import lines_of, problems
from mailglot.render.placement import Misplaced, locate

PIECES = [
    "<!--",
    "-->",
    "<!-->",
    "<!--->",
    "--",
    "<![CDATA[",
    "]]>",
    "<mj-text",
    "<mj-section",
    "</mj-text>",
    "<p",
    ' a="<!--"',
    " b='-->'",
    " c=<!--",
    ">",
    "/>",
    " ",
    "x",
    "\n",
    '"',
    "'",
    "=",
    "!",
    "<",
    "\0",
]
OLD_DIRECTION = re.compile(
    mjml_start_tags.TOKEN.pattern.replace("<!--(?:.*?-->|.*)", "<!--.*?-->").replace(
        r"<!\[CDATA\[(?:.*?\]\]>|.*)", r"<!\[CDATA\[.*?\]\]>"
    ),
    re.S | re.I,
)


def texts(seed: int, count: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))


def test_the_validator_reads_the_tokens_the_pattern_gives():
    for text in texts(15, 6000):
        assert find_tokens(text) == TOKEN.findall(text), text
        assert [m.span() for m in token_matches(text)] == [m.span() for m in TOKEN.finditer(text)]


def test_the_direction_step_reads_a_comment_left_open_up_to_the_end():
    """Token for token as before, but a comment or CDATA section no end follows: there one
    token runs to the end of the text, where the old pattern went on after it."""
    opened = 0
    for text in texts(16, 6000):
        old = [m.span() for m in OLD_DIRECTION.finditer(text)]
        new = [m.span() for m in mjml_start_tags.TOKEN.finditer(text)]
        if new and new[-1][1] == len(text) and OLD_DIRECTION.match(text, new[-1][0]) is None:
            opened += 1
            start = new[-1][0]
            assert text[start:].startswith("<!") and new[:-1] == [s for s in old if s[0] < start]
        else:
            assert new == old, text
    assert opened > 300


def test_jinja_comments_are_blanked_as_the_pattern_blanks_them():
    pieces = ["{#", "#}", "{#}", "#", "{", "}", "x", "\n", "<mj-text>"]
    rng = random.Random(17)
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        blanked = placement._JINJA_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
        assert placement._without_jinja_comments(text) == blanked, text


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
def test_a_third_of_a_megabyte_of_comments_left_open_is_read():
    body = '<mj-text colr="x"><!--</mj-text><!--\n' * 9000  # 0.3 MB, inside and outside
    mjml = (
        f"<mjml><mj-body><mj-section><mj-column>\n{body}</mj-column></mj-section></mj-body></mjml>"
    )
    source = mjml.replace("<!--", "{{ '<!--{#' }}")
    with within(60):
        tokens, found = problems(mjml)
        lines = lines_of(mjml, found[:3])
        rtl = direction.orient(mjml, "ar", "rtl").mjml
        ltr = direction.orient(mjml, "en", "ltr").mjml
        where = locate((("t.mjml.j2", source),), Misplaced("mj-text", "mj-column", "<mj-text>"))
    # the first "<!--" (in the first mj-text) is a comment up to the end, as Node reads it
    assert len(tokens) == 4 + 1 + 1
    assert [p.message for p in found] == ["Attribute colr is illegal"]
    assert lines == [2]
    assert rtl.startswith('<mjml lang="ar" dir="rtl">') and ltr.startswith('<mjml lang="en"')
    assert where == ("templates/t.mjml.j2", 2)  # the template read the same way: one tag
