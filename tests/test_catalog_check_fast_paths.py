"""The translation checks' fast paths give what the long way gives.

Each fast path skips work where it cannot change a finding (a pattern on a text without the
character every match needs, a Python loop over characters that cannot matter, a reading of
the source only when the translation needs it). Each is held here to the long way it replaced,
written out plainly, on the inputs at its edges; and the checks themselves are asked the cases
where a wrong shortcut would drop or invent a finding."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from decimal import Decimal

import pytest

from mailglot.i18n import untrusted
from mailglot.i18n.checks import (
    CHECKS,
    Pair,
    Policy,
    base,
    conversions,
    hidden,
    lookalikes,
    style,
    terms,
    text,
    usage,
)
from mailglot.i18n.checks.double_spaces import GAP, _gaps
from mailglot.i18n.checks.french import spacing_edits
from mailglot.i18n.checks.memo import LONGEST, per_text
from mailglot.i18n.checks.style import CLOSERS, END, _end
from mailglot.i18n.locales import RTL_LANGUAGES

FR = Policy(locale="fr_FR", source_locale="en_US")
PIECES = [
    "1", "12", "1,500", "1.500", "1 500", "1\u202f500", "9,99", "11.30 pm", "11 P.M.", "١٢٣",
    "١٬٢٣٤٫٥", "１，５００", "&#49;", "%(n)s", "%s", "%%", "{name}", "{{x}}", "<b>", "</b>",
    "<!--", "&amp;", "&lt;", "https://x.example/a", "WWW.Example.com", "Www.x.fr", "a@b.fr",
    "httpſ://x.fr", " ", "  ", "\u00a0", "\u202f", "\t", "\n", "\u200b", "\u200d", "\u200e",
    "\u200f", "\u2066", "\u2069", "\u202e", "\u00ad", "\u2028", "Streamly", "Strеamly", "ｅ",
    "Ｓｔｒｅａｍｌｙ", "пpемиум", "μs", "SMSлар", "プレミアム", ":", ";", "!", "?", "«", "»",
    "Yahoo!", "é", "e\u0301", "👩\u200d💻", "le le", "nous nous", "mot", "الموسم", "x.", "…",
]  # fmt: skip


def fuzz(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 10))) for _ in range(count)]


def test_visible_text_and_links_are_blanked_as_every_pattern_would() -> None:
    for t in fuzz(1, 3000):
        slow = t
        for pattern in (base.TAG, base.BRACE_FIELD, base.PERCENT_FIELD, base.ENTITY):
            slow = pattern.sub("\ufffc", slow)
        assert base.visible_text(t) == slow, t
        assert base.without_links(t) == base.URL.sub(" ", base.EMAIL.sub(" ", t)), t
    assert base.without_links("see WWW.Example.com and httpſ://x.fr") == "see   and  "


def test_the_number_pattern_finds_the_spans_the_lookbehind_form_found() -> None:
    rng = random.Random(2)
    alphabet = "0123456789 ,.\u202f\xa0'a٣"
    for group, decimal in (("\u202f\xa0 ", ","), (",", "."), (".", ","), ("", "")):
        g, d = re.escape(group or ","), re.escape(decimal or ".")
        old = re.compile(
            rf"(?<![\d{d}])\d{{1,3}}(?:[{g}]\d{{2}})*(?:[{g}]\d{{3}})+(?:[{d}]\d+)?(?!\d)"
            rf"|\d+(?:[{d}]\d+)?"
        )
        new = text._number_pattern(group, decimal)
        for _ in range(5000):
            t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
            assert [m.span() for m in new.finditer(t)] == [m.span() for m in old.finditer(t)], t


def test_digits_are_made_latin_as_a_loop_over_every_character_made_them() -> None:
    every = [chr(c) for c in range(0x110000) if chr(c).isdecimal()]
    shown = "".join(every) + " x ٣٫٥ １，５００"
    slow = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in shown)
    assert text.OTHER_DIGIT.sub(text._latin_digit, shown) == slow
    assert text._readable.__wrapped__("١٬٢٣٤٫٥ et １，５００")[1] == "1٬234٫5 et 1,500"
    assert text._readable.__wrapped__("à 11.30 pm")[1] == "à 11:30 pm"
    assert text._readable.__wrapped__("à 11.30 P.M.")[1] == "à 11:30 P.M."


@pytest.mark.parametrize(
    ("source", "translation", "locale", "found"),
    [
        ("Save 5 and 5", "Économisez 5", "fr_FR", ["number 5 of the source is missing"]),
        ("Save 5 and 7", "Économisez 7 et 5", "fr_FR", []),  # another order
        ("Only 3 left", "Plus que &#51;", "fr_FR", []),  # a reference writes a digit
        ("Only 3 left", "Plus que ٣", "ar_SA", []),
        ("At 11:59 PM", "À 23 h 59", "fr_FR", []),  # the same time, on the other clock
        ("At 11 P.M.", "À 23 h", "fr_FR", []),
        ("1,500 titles", "1,500 titres", "fr_FR", ["a French reader reads 1,500 as 1,5"]),
        ("1,500 titles", "1500 titres", "fr_FR", []),
        ("9.99 a month", "9.99 par mois", "fr_FR", []),
    ],
)
def test_numbers_are_judged_as_before(source, translation, locale, found) -> None:
    pair = Pair(source, translation, Policy(locale=locale))
    texts = [f.text for f in text.check_numbers(pair)] + [
        f.text for f in text.check_number_reading(pair)
    ]
    assert [t for t in texts if not any(t.startswith(f) for f in found)] == []
    assert all(any(t.startswith(f) for t in texts) for f in found)


def slow_invisible(t: str, language: str) -> list[str]:
    """`hidden._invisible` as a loop over every character, as it was written."""
    balanced: set[int] = set()
    opened: list[int] = []
    for i, c in enumerate(t):
        if c in hidden.ISOLATES:
            opened.append(i)
        elif c == hidden.PDI and opened:
            balanced |= {opened.pop(), i}
    out = []
    for i, c in enumerate(t):
        if i in balanced or (c in hidden.RTL_MARKS and language in RTL_LANGUAGES):
            continue
        if c in {"\u200c", "\u200d"} and language in hidden.JOINER_LANGUAGES:
            continue
        if c == "\u200b" and language in hidden.ZWSP_LANGUAGES:
            continue
        if c == "\u200d" and i and unicodedata.category(t[i - 1]) in ("So", "Sk", "Mn"):
            continue
        if c in hidden.ZERO_WIDTH | hidden.BIDI | hidden.RTL_MARKS | hidden.LINE_SEPARATORS:
            out.append(c)
    return out


def test_invisible_characters_are_found_in_order_as_a_loop_over_every_character_found_them():
    for language in ("fr", "ar", "fa", "th"):
        for t in fuzz(3, 2000):
            assert list(hidden._invisible(t, language).elements()) == list(
                Counter(slow_invisible(t, language)).elements()
            ), t
    pair = Pair("Hello", "Bon\u200fjour\u200b\u2028", FR)
    assert [f.text for f in hidden.check_invisible(pair)] == [
        "invisible characters not in the source: U+200F RIGHT-TO-LEFT MARK, "
        "U+200B ZERO WIDTH SPACE",
        "line separators not in the source (a line break some email clients show and others "
        "ignore, often pasted from a word processor; write a space): U+2028 LINE SEPARATOR",
    ]


@pytest.mark.parametrize(
    ("source", "translation", "code"),
    [
        ("Visit WWW.STREAMLY.EXAMPLE", "Visitez le site", "catalog.links"),
        ("Write to a@streamly.example", "Écrivez-nous", "catalog.links"),
        ("Watch", "Regardez https://evil.example", "catalog.links"),
        ("Watch <b>now</b>", "Regardez maintenant", "catalog.markup.missing"),
        ("Watch now", "Regardez &lt;script&gt;", "catalog.markup"),
        ("Watch now", "Regardez {x}", "catalog.placeholders.unknown"),
        ("%(n)s new", "nouveaux", "catalog.placeholders.missing"),
        ("%(n)s off", "%(n)s de remise, à 100 %", "catalog.placeholders.percent"),  # a lone %
        ("Watch now", "Regardez maintenant &amp;amp; demain", "catalog.entities"),
        ("Watch now", "Regardez  maintenant", "catalog.double-spaces"),
        ("Watch now", "Regardez \u00a0 maintenant", "catalog.double-spaces"),
        ("Watch now", "Regardez maintenant maintenant", "catalog.doubled-words"),
        ("Watch now.", "Regardez maintenant&nbsp;", "catalog.end-punctuation"),
        ("Streamly Kids", "Stre\u00adamly Kids", None),  # a soft hyphen: the name is there
        ("Streamly Kids", "Les enfants", "catalog.terms"),
        ("Watch it", "Regardez-lе", "catalog.lookalikes"),  # a Cyrillic е
        ("Subscribe", "Abonnｅz-vous", "catalog.lookalikes"),  # a full-width e
        ("Streamly Premium", "Streamly プレミアム", None),
        ("Streamly", "مرحبًا بك في Streamly", None),
    ],
)
def test_a_shortcut_neither_drops_nor_invents_a_finding(source, translation, code) -> None:
    policy = Policy(locale="fr_FR", protected_terms=("Streamly",))
    if any("\u0600" <= c <= "\u06ff" for c in translation):
        policy = policy.for_locale("ar_SA")
    elif any("\u3040" <= c <= "\u30ff" for c in translation):
        policy = policy.for_locale("ja_JP")
    found = {f.code for check in CHECKS for f in check(Pair(source, translation, policy))}
    found -= {"catalog.french-spacing", "catalog.whitespace", "catalog.end-punctuation"} - {code}
    assert found == ({code} if code else set())


def test_a_text_whose_characters_cannot_mix_is_not_cut_into_words_and_others_are() -> None:
    assert lookalikes._no_suspect("Déjà vu, à l’œil : 12 €")
    assert lookalikes._no_suspect("شاهد Streamly الآن")
    assert lookalikes._no_suspect("Streamlyでプレミアムを見る")
    assert not lookalikes._no_suspect("Смотрите Streamly")  # Cyrillic and Latin may not mix
    assert not lookalikes._no_suspect("Abonnｅz")  # an ASCII letter's other form
    for t in fuzz(4, 3000):
        if lookalikes._no_suspect(t):
            assert all(not any(lookalikes._word_verdict(w)) for w in lookalikes.WORD.findall(t)), t


def test_format_characters_are_dropped_as_a_loop_over_every_character_dropped_them() -> None:
    for t in [*fuzz(5, 2000), "a\u00ad\u200bb\u2066c\u2069\ufeffd\U000e0041e"]:
        slow = "".join(c for c in t if unicodedata.category(c) != "Cf")
        assert terms._without_format(t) == slow, t


def test_french_spacing_and_the_other_edge_patterns_look_only_where_they_may_match() -> None:
    assert [(e.start, e.length, e.text) for e in spacing_edits("Prêt ? Oui: « non »", "fr_FR")] == [
        (4, 1, "\u202f"),
        (10, 0, "\u00a0"),
        (13, 1, "\u00a0"),
        (17, 1, "\u00a0"),
    ]
    assert spacing_edits("Voir https://x.example/a:b ou 10:30", "fr_FR") == []
    assert spacing_edits("Rien à espacer", "fr_FR") == []
    for t in fuzz(6, 3000):
        assert [m.span() for m in _gaps(t)] == [m.span() for m in GAP.finditer(t)], t
        assert _end(t, "fr") == slow_end(t), t


def slow_end(t: str) -> str:
    """`style._end` as it was written: the trailing markup pattern tried on every text."""
    t = re.sub(r"(?:<[^<>]*>|&#?\w+;)+$", "", t.rstrip()).rstrip().rstrip(CLOSERS).rstrip()
    if t.endswith("..."):
        return "…"
    return END.get(t[-1:], "") if t else ""


def test_conversions_of_a_text_without_percent_are_none() -> None:
    assert conversions.read("Pas de pourcentage") == conversions.Reading((), 0, ())
    assert conversions.read("50 %% et %(n)s").literals == 1
    assert [c.raw for c in conversions.read("50 %% et %(n)s").conversions] == ["%(n)s"]


def test_a_per_text_memo_keeps_short_texts_only() -> None:
    calls: list[str] = []

    @per_text
    def upper(t: str) -> str:
        calls.append(t)
        return t.upper()

    assert upper("abc") == upper("abc") == "ABC"
    long = "x" * (LONGEST + 1)
    assert upper(long) == upper(long) == long.upper()
    assert calls == ["abc", long, long]


def test_how_a_msgid_is_formatted_and_its_line_breaks_are_read_as_the_patterns_read_them():
    for t in [*fuzz(7, 2000), "50 %% off", "{name}", "{{x}}", "a\x85b\u2029c\r\nd"]:
        percent = bool(base.PERCENT_FIELD.search(t)) or "%%" in t
        assert usage.formats(t, Policy()) == (
            percent,
            not percent and bool(base.BRACE_FIELD.search(t)),
        ), t
        assert style._breaks(t) == len(style.BREAKS.findall(t)), t


def slow_injection(source: str, translation: str) -> list[str]:
    """`untrusted.injection_problems` with both texts always read, as it was written."""
    src, dst = untrusted.decoded(source), untrusted.decoded(translation)
    out = []
    found = sorted(
        set(untrusted.CODE_SYNTAX.findall(dst)) - set(untrusted.CODE_SYNTAX.findall(src))
    )
    if found:
        encoded = " once character references are decoded" if dst != translation else ""
        out.append(
            f"template or merge-tag syntax {' '.join(found)}{encoded} (translations are text, "
            "never code)"
        )
    elif untrusted._MAY_JOIN.search(dst):
        out += [p for p in untrusted.injection_problems(source, translation) if "against" in p]
    controls = sorted(set(untrusted.CONTROL.findall(dst)) - set(untrusted.CONTROL.findall(src)))
    if controls:
        shown = untrusted._escape_control("".join(controls))
        out.append(f"control characters {shown} (never shown, never sent)")
    for brk, name in (("\r", "carriage return (CR)"), ("\n", "line break (LF)")):
        if brk in dst and brk not in src:
            out.append(f"a {name} the source text does not have (it would split a subject header)")
    return out


def test_the_injection_screen_reads_the_source_only_when_it_matters_and_finds_the_same():
    pieces = fuzz(8, 3000)
    rng = random.Random(9)
    for t in pieces:
        source = rng.choice(pieces) + rng.choice(["", "{{x}}", "\x1b", "\r"])
        translation = t + rng.choice(["", "{{ x }}", "&#123;&#123;x&#125;&#125;", "\x7f\x0b", "\r"])
        assert list(untrusted.injection_problems(source, translation)) == slow_injection(
            source, translation
        ), (source, translation)


def test_numbers_of_digits_alone_are_read_as_the_separator_loop_read_them() -> None:
    rng = random.Random(10)
    for locale in ("fr_FR", "en_US", "de_DE", "ar_SA"):
        group, decimal = text._separators(locale)
        for _ in range(3000):
            t = "".join(rng.choice("0123456789 ,.'\u202fx") for _ in range(rng.randint(0, 30)))
            slow = {}
            for m in text._number_pattern(group, decimal).finditer(t):
                raw = m.group(0)
                for g in group:
                    raw = raw.replace(g, "")
                for d in decimal:
                    raw = raw.replace(d, ".")
                slow[m.span()] = Decimal(raw).normalize()
            fast = text._readings(t, locale)
            assert fast == slow and [str(v) for v in fast.values()] == [
                str(v) for v in slow.values()
            ], t
    assert str(text._readings("0100 " + "9" * 30, "en_US")[(0, 4)]) == "1E+2"
