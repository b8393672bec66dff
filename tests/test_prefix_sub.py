"""`sub_at_prefix` and `split_at_prefix` (render/prefix_sub.py) against `pattern.sub` and
`pattern.split` on generated text: the preview's asset pattern, merge fields' tokens,
patterns that fail at some places their prefix is, prefixes that overlap themselves,
matches that run over the next place the prefix is, groups that take no part, wide
characters."""

from __future__ import annotations

import random
import re

from markupsafe import Markup

from mailglot.render.pipeline import _ASSET_PATH
from mailglot.render.prefix_sub import split_at_prefix, sub_at_prefix

_CASES = [
    ("https://cdn.streamly.example/email/", _ASSET_PATH),
    ("", r"a"),  # no prefix: the pattern's own way
    ("https://cdn.example/", r"(x+)"),  # fails where no x follows
    ("aa", r"(a*)b?"),  # the prefix overlaps itself
    ("aa", r"(?=b)"),
    ("<img src=", r'"([^"]*)"'),
    ("年", r"(\w*)"),
    ("MGLOT0123abcdF", r"([0-9]+)X"),  # a merge field's token
    ("ab", r"(c)?(d+)?"),  # groups that take part or not
]
_PIECES = ["x", "a", "b", "/", '"', "'", " ", "?", "#", "(", "é", "年", "\U0001f389", "\n"]


def test_substitutions_and_splits_at_the_prefix_are_the_patterns():
    rng = random.Random(21)
    seen = 0
    for prefix, tail in _CASES:
        pattern = re.compile(re.escape(prefix) + tail)
        pieces = [*_PIECES, prefix, prefix[:-1], prefix[1:], "logo.png", "posters/a b.png"]
        pieces += ["0", "12", "X", "c", "dd"]
        for _ in range(1500):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))

            def repl(match: re.Match[str]) -> str:
                return f"[{match.start()}:{match.group(0)}|{match.groups()}]"

            expected = pattern.sub(repl, text)
            assert sub_at_prefix(pattern, prefix, repl, text) == expected, (prefix, text)
            assert split_at_prefix(pattern, prefix, text) == pattern.split(text), (prefix, text)
            seen += expected != text
    assert seen > 2000


def test_a_subclass_of_str_is_left_to_the_pattern():
    """Markup's slices are Markup: such text takes the pattern's own way, str out as before."""
    pattern = re.compile(r"ab(c)")
    for text in (Markup("xx"), Markup("xxabcx")):
        split = split_at_prefix(pattern, "ab", text)
        assert split == pattern.split(text)
        assert [type(piece) for piece in split] == [type(p) for p in pattern.split(text)]
        subbed = sub_at_prefix(pattern, "ab", lambda m: "-", text)
        assert subbed == pattern.sub(lambda m: "-", text)
        assert type(subbed) is type(pattern.sub(lambda m: "-", text))
