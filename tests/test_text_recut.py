"""Bodies of a shape cut only where they differ (render/text_recut.py) against the walk the
shapes stand in for: generated bodies of awkward markup, each filled once and then again
with a few of its words and values changed (to entities, quotes, angle brackets, blanks,
NULs, hidden styles), as a template's emails differ; every body's text must be the walk's,
byte for byte, whichever way it was cut."""

from __future__ import annotations

import random

from mailglot.render import text, text_recut, text_shapes
from tests.test_text_shapes import (
    BLANKS,
    HEAD,
    HREFS,
    ODD_VALUES,
    ODD_WORDS,
    OTHER,
    STYLES,
    WORDS,
    _old_text,
    _skeleton,
)


def _slots(rng: random.Random, tokens: list[str], blank: list[bool]) -> list[str]:
    """One draw for each value and word of the skeleton, in order."""
    out = []
    for token, is_blank in zip(tokens, blank, strict=True):
        for name, pool in (("{s}", STYLES), ("{h}", HREFS), ("{v}", OTHER)):
            out.extend(_draw(rng, pool, ODD_VALUES) for _ in range(token.count(name)))
        out.append(rng.choice(BLANKS) if is_blank else _draw(rng, WORDS, ODD_WORDS))
    return out


def _blank_words(tokens: list[str], blank: list[bool]) -> list[bool]:
    """Which slots are blank words (a shape keeps them as they are: not a template's
    varying place)."""
    out = []
    for token, is_blank in zip(tokens, blank, strict=True):
        out.extend([False] * sum(token.count(name) for name in ("{s}", "{h}", "{v}")))
        out.append(is_blank)
    return out


def _draw(rng: random.Random, pool: list[str], odd: list[str]) -> str:
    return rng.choice(odd if rng.random() < 0.05 else pool)


def _body(tokens: list[str], slots: list[str]) -> str:
    """The body of the skeleton with the slots in order (values in token order: s, h, v)."""
    out, at = [], 0
    for token in tokens:
        for name in ("{s}", "{h}", "{v}"):
            while name in token:
                token = token.replace(name, slots[at], 1)
                at += 1
        out.append(token)
        out.append(slots[at])
        at += 1
    return "".join(out)


def test_bodies_that_differ_in_a_few_places_read_as_the_walk_reads_them():
    rng = random.Random(16)
    text_shapes._SHAPES.clear()
    text_recut.forget()
    recut = total = 0
    read = text_recut.read
    for _ in range(400):
        tokens = _skeleton(rng)
        blank = [rng.random() < 0.3 for _ in tokens]
        base = _slots(rng, tokens, blank)
        blanks = _blank_words(tokens, blank)
        varying = [rng.random() < 0.3 and not b for b in blanks]  # words, links, alts
        for _ in range(8):
            slots = list(base)
            fresh = _slots(rng, tokens, blank)
            for i in range(len(slots)):  # and now and then any other place
                if varying[i] or rng.random() < 0.02:
                    slots[i] = fresh[i]
            body = _body(tokens, slots)
            page = HEAD + body
            expected = _old_text(page)
            recut += read(body) is not None
            total += 1
            got = text_shapes.body_text(body)
            if got is not None:
                assert got == expected, body
            assert text.html_to_text(page) == expected, body
    assert recut > 200, (recut, total)  # 287 of 3,200: most skeletons are left to text.py


def test_a_body_that_differs_elsewhere_is_cut_in_full_and_teaches_the_place():
    text_shapes._SHAPES.clear()
    text_recut.forget()
    body = '<body><div style="{s}">{w}</div><a href="{h}">x</a></body>'

    def one(style: str, word: str, href: str) -> str:
        return body.format(s=style, w=word, h=href)

    text_shapes.body_text(one("color:red", "Hello", "https://a.example/"))
    text_shapes.body_text(one("color:red", "Hallo", "https://b.example/"))
    assert text_recut.read(one("color:red", "Salut", "https://c.example/")) is not None
    assert text_recut.read(one("display:none", "Salut", "https://c.example/")) is None
    hidden = one("display:none", "Salut", "https://c.example/")
    assert text_shapes.body_text(hidden) == _old_text(HEAD + hidden)
    # the style is a place now: a word with a quote, a value with an angle are refused
    assert text_recut.read(one("display:none", "Hi", "https://d.example/")) is not None
    assert text_recut.read(one("display:none", 'say "hi"', "https://d.example/")) is None
    assert text_recut.read(one("display:none", "Hi", "https://d.example/a>b")) is None
    assert text_recut.read(one("display:none", " ", "https://d.example/")) is None
