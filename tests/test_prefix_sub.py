"""`sub_at_prefix` (render/prefix_sub.py) against `pattern.sub` on generated text: the
preview's asset pattern, patterns that fail at some places their prefix is, prefixes that
overlap themselves, matches that run over the next place the prefix is, wide characters."""

from __future__ import annotations

import random
import re

from mailglot.render.pipeline import _ASSET_PATH
from mailglot.render.prefix_sub import sub_at_prefix

_CASES = [
    ("https://cdn.streamly.example/email/", _ASSET_PATH),
    ("https://cdn.example/", r"(x+)"),  # fails where no x follows
    ("aa", r"(a*)b?"),  # the prefix overlaps itself
    ("aa", r"(?=b)"),
    ("<img src=", r'"([^"]*)"'),
    ("年", r"(\w*)"),
]
_PIECES = ["x", "a", "b", "/", '"', "'", " ", "?", "#", "(", "é", "年", "\U0001f389", "\n"]


def test_substitutions_at_the_prefix_are_the_patterns():
    rng = random.Random(21)
    seen = 0
    for prefix, tail in _CASES:
        pattern = re.compile(re.escape(prefix) + tail)
        pieces = [*_PIECES, prefix, prefix[:-1], prefix[1:], "logo.png", "posters/a b.png"]
        for _ in range(1500):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))

            def repl(match: re.Match[str]) -> str:
                return f"[{match.start()}:{match.group(0)}|{match.groups()}]"

            expected = pattern.sub(repl, text)
            assert sub_at_prefix(pattern, prefix, repl, text) == expected, (prefix, text)
            seen += expected != text
    assert seen > 2000
