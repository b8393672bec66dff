"""Merge fields: tokens -> the platform's merge tags or the sample values, the same as the
pattern substitution the split replaced, and never an answer remembered for another text."""

from __future__ import annotations

import html
import random
import re

import pytest
from markupsafe import Markup

from mailglot.render.merge import MergeFields, merge_tag

NAMES = ("first_name", "email", "unsubscribe_url")
SAMPLES = {"first_name": "Zoë <3", "email": "zoe@e.x", "unsubscribe_url": "https://e.x/u?a=1&b=2"}


def fields(style: str = "mailchimp") -> MergeFields:
    return MergeFields(NAMES, SAMPLES, style)


def with_pattern(merge: MergeFields, text: str, escape: bool | None) -> str:
    """The substitution `as_tags` and `as_samples` replaced: the token pattern, field by field."""
    token = re.compile(f"MGLOT{merge.nonce}F([0-9]+)X")
    if escape is None:
        return token.sub(lambda m: merge_tag(merge.style, merge.names[int(m.group(1))]), text)

    def sample(m: re.Match[str]) -> str:
        value = merge.samples[merge.names[int(m.group(1))]]
        return html.escape(value) if escape else value

    return token.sub(sample, text)


def outputs(merge: MergeFields, text: str) -> list[str]:
    return [
        merge.as_tags(text),
        merge.as_samples(text, escape=True),
        merge.as_samples(text, escape=False),
    ]


def expected(merge: MergeFields, text: str) -> list[str]:
    return [with_pattern(merge, text, escape) for escape in (None, True, False)]


def awkward_texts(merge: MergeFields) -> list[str]:
    t = merge.tokens()
    prefix = f"MGLOT{merge.nonce}F"
    other = MergeFields(NAMES, SAMPLES, merge.style).tokens()["email"]  # another build's token
    return [
        "",
        "no tokens at all",
        t["first_name"],
        f'<p dir="rtl">مرحبًا {t["first_name"]}</p><a href="{t["unsubscribe_url"]}">x</a>',
        t["first_name"] + t["email"] + t["first_name"],  # adjacent, repeated
        f"{prefix}01X and {prefix}0002X",  # leading zeros read as the same field
        f"{prefix}X {prefix}1 {prefix}Y {prefix}",  # the prefix without a whole token
        f"{prefix}{prefix}1X",  # a prefix just before a token
        f"MGLOT{t['email']}MGLOT{merge.nonce}",
        f"{other} is not ours, {t['email']} is",
        "{{first_name}} *|FNAME|* typed by a translator",
    ]


@pytest.mark.parametrize("style", ["mailchimp", "handlebars", "liquid"])
def test_tags_and_samples_are_the_pattern_substitution(style: str):
    merge = fields(style)
    for text in awkward_texts(merge):
        assert outputs(merge, text) == expected(merge, text), text


def test_random_texts_give_the_pattern_substitution():
    merge = fields()
    prefix = f"MGLOT{merge.nonce}F"
    pieces = [prefix, "0", "1", "2", "9", "X", "M", "GLOT", "<a href=", '"', "&", " ", "é"]
    rnd = random.Random(15)
    for _ in range(2000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        try:
            want: list[str] | type[Exception] = expected(merge, text)
        except IndexError:  # a field number no token has: both fail alike
            want = IndexError
        if want is IndexError:
            with pytest.raises(IndexError):
                outputs(merge, text)
        else:
            assert outputs(merge, text) == want, text


def test_the_text_cut_last_is_never_reused_for_another():
    merge = fields()
    t = merge.tokens()
    first = f"<p>{t['first_name']}</p>"
    second = f"<p>{t['email'][:-2]}2X</p>"  # same length, another field
    assert len(first) == len(second)
    assert merge.as_tags(first) == "<p>*|FNAME|*</p>"
    assert merge.as_tags(second) == "<p>*|UNSUB|*</p>"
    assert merge.as_samples(first, escape=True) == "<p>Zoë &lt;3</p>"
    equal_copy = "".join(list(second))  # equal text, another object
    assert equal_copy is not second
    assert merge.as_samples(equal_copy, escape=False) == "<p>https://e.x/u?a=1&b=2</p>"
    assert merge.as_samples(equal_copy, escape=True) == "<p>https://e.x/u?a=1&amp;b=2</p>"
    assert merge.as_tags("<p>plain</p>") == "<p>plain</p>"
    assert merge.as_tags(first) == "<p>*|FNAME|*</p>"  # and back again


def test_each_build_cuts_at_its_own_tokens():
    one, two = fields(), fields()
    text = one.tokens()["first_name"]
    assert one.as_tags(text) == "*|FNAME|*"
    assert two.as_tags(text) == text  # another nonce: the same text is not a token to it


def test_a_subclass_of_str_comes_back_as_str_as_before():
    merge = fields()
    for text in (Markup("<b>no token</b>"), Markup(merge.tokens()["email"])):
        for out, want in zip(outputs(merge, text), expected(merge, text), strict=True):
            assert out == want and type(out) is str
