"""Checks on what a reader sees: numbers, links, entities, blank strings (invisible characters
are `hidden`'s). They catch the faults a translator makes by hand (a discount typed as 50 instead
of 40, a doubled word, a zero-width space pasted from a web page) without flagging what a
careful translation legitimately changes (digits and separators of the locale, the full-width
punctuation of Japanese, the right-to-left marks of Arabic).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    UnsupportedNumberingSystemError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
)

from mailglot.i18n.checks.attributes import named, shown, url_problems
from mailglot.i18n.checks.base import (
    EMAIL,
    ENTITY,
    TAG,
    URL,
    Finding,
    Pair,
    decode_references,
    may_link,
    visible_text,
    without_links,
)
from mailglot.i18n.checks.hidden import check_invisible as check_invisible  # its former home
from mailglot.i18n.checks.memo import per_text
from mailglot.invisible import describe, shows_nothing

_TRAILING = ".,;:!?)]}»'\"。、！？"


def _links(text: str) -> Counter[str]:
    if not may_link(text):
        return Counter()
    plain = TAG.sub(" ", text)
    urls = [u.rstrip(_TRAILING) for u in URL.findall(plain)]
    rest = URL.sub(" ", plain)
    return Counter(urls + [f"mailto:{e}" for e in EMAIL.findall(rest)])


def check_links(pair: Pair) -> Iterator[Finding]:
    """Plain-text URLs and email addresses (hrefs are the markup check's): a link may change
    only to one `l10n.allowed_links` allows, as a localized help-centre page does."""
    if not may_link(pair.source) and not may_link(pair.translation):
        return  # no link on either side
    if URL.fullmatch(pair.source) and not URL.fullmatch(pair.translation):
        unfit = url_problems(pair.translation.strip())
        if unfit:  # `https://.../offer" onclick="...`: the URL pattern stops at the quote
            yield Finding(
                "catalog.links",
                f"the source text is a URL, and the translation holds {named(unfit)}, which "
                f"no URL carries: {shown(pair.translation)} (write the URL alone)",
            )
            return
    src, dst = _links(pair.source), _links(pair.translation)
    added = [u for u in (dst - src).elements() if not pair.policy.link_allowed(u)]
    allowed_new = sum((dst - src).values()) - len(added)
    missing = list((src - dst).elements())[allowed_new:]
    for url in added:
        yield Finding("catalog.links", f"{url.removeprefix('mailto:')} is not in the source text")
    for url in missing:
        yield Finding("catalog.links", f"{url.removeprefix('mailto:')} is missing")


@cache
def _separators(locale: str) -> tuple[str, str]:
    """(group, decimal) characters a locale writes numbers with, in Latin and native digits."""
    groups, decimals = set(), set()
    for system in ("latn", "default"):
        try:
            groups.add(get_group_symbol(locale, numbering_system=system))
            decimals.add(get_decimal_symbol(locale, numbering_system=system))
        except Exception:  # an unknown locale or numbering system: Latin rules only
            continue
    if groups & {"\u202f", "\xa0", " "}:
        groups |= {"\u202f", "\xa0", " "}
    if groups & {"'", "\u2019"}:  # Swiss 1'500, typed or typeset 1’500
        groups |= {"'", "\u2019"}
    return "".join(sorted(groups)), "".join(sorted(decimals))


@cache
def _number_pattern(group: str, decimal: str) -> re.Pattern[str]:
    """A grouped number (`1,500`, India's `1,50,000`: groups of two before the last three) not
    right after a digit or decimal mark, else a plain one. Both start with the digit they
    share (`\\d(?:grouped|plain)`, the lookbehind checking the character before it): a pattern
    starting with a lookbehind was tried at every character of the text, ~3x slower."""
    g, d = re.escape(group or ","), re.escape(decimal or ".")
    return re.compile(
        rf"\d(?:(?<![\d{d}]\d)\d{{0,2}}(?:[{g}]\d{{2}})*(?:[{g}]\d{{3}})+(?:[{d}]\d+)?(?!\d)"
        rf"|\d*(?:[{d}]\d+)?)"
    )


@per_text
def _readable(text: str) -> tuple[str, str]:
    """(the text as a reader sees it, the same with every digit a Latin one), character
    references decoded ("1&#44;500" is 1,500 in the email), tags, placeholders, URLs and
    addresses blanked; both are as long, so a number's span is the same in each. In the second,
    full-width separators are ASCII ones (Japanese １，５００) and a 12-hour time's hour and
    minutes are apart ("11.30 pm" is 11 and 30, not 11.3)."""
    shown = without_links(visible_text(decode_references(text)))
    digits = shown
    if not shown.isascii() and not "".join(ANY_DIGIT.findall(shown)).isascii():
        digits = OTHER_DIGIT.sub(_latin_digit, shown)
    if MAY_BE_TIME.search(digits):
        digits = TWELVE_HOUR.sub(lambda m: m.group(0).replace(".", ":", 1), digits)
    if "，" in digits or "．" in digits or "＇" in digits:  # translate is slow on any non-ASCII
        digits = digits.translate(FULL_WIDTH)
    return shown, digits


def _readings(text: str, locale: str) -> dict[tuple[int, int], Decimal]:
    """Each number of `text` (see `_readable`) as a reader of `locale` reads it, by span."""
    group, decimal = _separators(locale)
    out: dict[tuple[int, int], Decimal] = {}
    for m in _number_pattern(group, decimal).finditer(text):
        raw = m.group(0)
        if raw.isdecimal():  # digits alone (most numbers): no separator to read
            out[m.span()] = _whole(raw) if len(raw) <= 20 else Decimal(raw).normalize()
            continue
        for g in group:
            raw = raw.replace(g, "")
        for d in decimal:
            raw = raw.replace(d, ".")
        try:
            out[m.span()] = Decimal(raw).normalize()
        except InvalidOperation:
            continue
    return out


@lru_cache(maxsize=4096)
def _whole(digits: str) -> Decimal:
    """A run of digits as a number, once per process for the few a catalog repeats."""
    return Decimal(digits).normalize()


def _numbers(text: str, locale: str) -> Counter[Decimal]:
    return Counter(_number_values(text, locale))


@per_text
def _number_values(text: str, locale: str) -> tuple[Decimal, ...]:
    """The numbers of `text` as a reader of `locale` reads them (a tuple: the memo's value is
    shared)."""
    if "&" not in text and not ANY_DIGIT.search(text):
        return ()  # no digit, and no reference that could write one
    return tuple(_readings(_readable(text)[1], locale).values())


# A decimal digit (Unicode category Nd, as str.isdecimal), and one other than 0-9.
ANY_DIGIT = re.compile(r"\d")
OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _latin_digit(m: re.Match[str]) -> str:
    return str(unicodedata.decimal(m.group(0)))


FULL_WIDTH = str.maketrans("，．＇", ",.'")
# A time of the 12-hour clock (11:59 PM, 11 p.m., 7am): its hour may be written on the 24-hour
# clock in the other text (23 h 59, 23:59 Uhr, 19 h), which is the same time.
TWELVE_HOUR = re.compile(r"(?<![\d:.,])(1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?([ap])\.?\s?m\b\.?", re.I)
# What every 12-hour time holds ("am", "p.m.", "P M"): starting with a letter, it is searched for
# quickly, where TWELVE_HOUR (starting with a lookbehind) is tried at every character (~10 us
# for a sentence). Only a, p and m themselves match these letters ignoring case.
MAY_BE_TIME = re.compile(r"[aApP]\.?\s?[mM]")


def _hours(text: str) -> list[tuple[Decimal, Decimal]]:
    """The (12-hour, 24-hour) hours of the 12-hour times in `text`."""
    if not MAY_BE_TIME.search(text) or not TWELVE_HOUR.search(text):
        return []
    return [
        (Decimal(int(hour)), Decimal(int(hour) % 12 + (12 if half.lower() == "p" else 0)))
        for hour, half in TWELVE_HOUR.findall(visible_text(text))
    ]


def _same_times(
    missing: Counter[Decimal], extra: Counter[Decimal], hours: list[tuple[Decimal, Decimal]]
) -> None:
    """Count a missing hour as found where the other text has the same hour on the other
    clock: for each (hour as missing, hour as found) pair, one missing number is taken off."""
    for want, have in hours:
        if want != have and missing[want] > 0 and extra[have] > 0:
            missing[want] -= 1
            extra[have] -= 1


def check_numbers(pair: Pair) -> Iterator[Finding]:
    """Every number of the source is in the translation, read the way each language writes
    numbers (`1,000.5` = `1 000,5` = `١٬٠٠٠٫٥`), in any order. A 12-hour time may become the
    same time on the 24-hour clock (11:59 PM = 23 h 59), and back."""
    numbers = _number_values(pair.source, pair.policy.source_locale)
    if not numbers or _all_in(numbers, pair.translation, pair):
        return  # every number read the locale's way: reading them the source's way adds none
    src = Counter(numbers)
    dst = _numbers(pair.translation, pair.policy.locale)
    dst |= _numbers(pair.translation, pair.policy.source_locale)  # 9.99 kept as written
    missing = src - dst
    if missing:
        extra = dst - src
        _same_times(missing, extra, _hours(pair.source))
        _same_times(missing, extra, [(h24, h12) for h12, h24 in _hours(pair.translation)])
        missing = +missing
    if missing:
        extra = sorted(_numbers(pair.translation, pair.policy.locale) - src)
        also = f" (the translation has {', '.join(map(_show, extra))})" if extra else ""
        yield Finding(
            "catalog.numbers",
            f"number {', '.join(map(_show, sorted(missing)))} of the source is missing{also}",
        )


def _all_in(numbers: tuple[Decimal, ...], translation: str, pair: Pair) -> bool:
    """Whether the translation, read the locale's way, has every one of `numbers` (as many
    times): `Counter` arithmetic without making Counters, for the common case."""
    found = _number_values(translation, pair.policy.locale)
    return numbers == found or all(numbers.count(n) <= found.count(n) for n in set(numbers))


def _show(n: Decimal) -> str:
    return format(n, "f")


# Misread numbers named per entry, at most; the rest are counted in one more finding (100 KB
# of "1,500" gave 16,000 lines).
LISTED = 5


def check_number_reading(pair: Pair) -> Iterator[Finding]:
    """A number written the source's way that a reader of the locale reads as another number:
    `1,500` kept in French is 1,5 to a French reader, `1.500` in German is 1500 (check_numbers
    accepts a number as written, so "9.99" stays fine). Only a span the locale reads as one
    whole number of another value is reported: `9.99` in French or `2.0.1` read in pieces are
    foreign but not misread, and years, times and versions read the same in both."""
    source_locale, locale = pair.policy.source_locale, pair.policy.locale
    if _separators(source_locale) == _separators(locale) or not any(map(str.isdigit, pair.source)):
        return
    shown, digits = _readable(pair.translation)
    digits = _kept_blanked(digits, (*pair.policy.keep_as_is, *pair.policy.protected_terms))
    if not _separated(source_locale, locale).search(digits):
        return  # no separator between two digits: each locale reads every number alike
    src = _numbers(pair.source, source_locale)
    found = [
        (span, read, meant)
        for span, read, meant in _misread(
            _readings(digits, locale), _readings(digits, source_locale), src
        )
        if not (span[0] and shown[span[0] - 1].isalpha())  # part of a code: SAVE1,500
    ]
    for span, read, meant in found[:LISTED]:
        as_read, right = _written(read, locale, grouped=False), _written(meant, locale)
        yield Finding(
            "catalog.numbers.misread",
            f"{_reader(locale)} reads {shown[slice(*span)]} as {as_read}: write {right}",
        )
    if len(found) > LISTED:
        more = len(found) - LISTED
        yield Finding(
            "catalog.numbers.misread", f"…and {more} more numbers {_reader(locale)} misreads"
        )


@lru_cache(maxsize=256)
def _separated(source_locale: str, locale: str) -> re.Pattern[str]:
    """A group or decimal separator of either locale between two digits: where a number can
    hold one, so where the two locales may read it differently."""
    marks = "".join(
        (group or ",") + (decimal or ".")  # as `_number_pattern` reads them
        for group, decimal in (_separators(source_locale), _separators(locale))
    )
    return re.compile(rf"\d[{re.escape(marks)}]\d")


def _kept_blanked(text: str, kept: tuple[str, ...]) -> str:
    """`text` with the phrases kept as the source writes them (`l10n.keep_as_is`, protected
    terms: a title "1,000 Miles") blanked, as long as it was: their numbers are no
    translator's writing to judge."""
    for phrase in _with_digits(kept):
        if phrase in text:
            text = text.replace(phrase, " " * len(phrase))
    return text


@lru_cache(maxsize=64)
def _with_digits(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The kept phrases holding a digit, once per policy (a project may list 1,000)."""
    return tuple(p for p in phrases if any(c.isdigit() for c in p))


def _misread(
    theirs: dict[tuple[int, int], Decimal],
    ours: dict[tuple[int, int], Decimal],
    src: Counter[Decimal],
) -> Iterator[tuple[tuple[int, int], Decimal, Decimal]]:
    """(span, value the locale reads, value the source's writing means) of each number a reader
    of the locale misreads. A number the locale reads as one of the source's is its own writing
    ("12 Monate, 12.000 Titel" for "12 months, 12,000 titles": 12.000 is the source's 12,000,
    not a misread 12): the source's numbers are matched first to the translation's numbers
    that read one way only, then to the ambiguous ones, each source number once."""
    left = Counter(src)
    ambiguous = []
    for span, read in theirs.items():
        meant = ours.get(span)
        if meant is None or meant == read:
            if left[read] > 0:
                left[read] -= 1
        else:
            ambiguous.append((span, read, meant))
    for span, read, meant in ambiguous:
        if left[read] > 0:
            left[read] -= 1
        elif meant in src:
            yield span, read, meant


def _reader(locale: str) -> str:
    """Who misreads, as the message names them: a French reader, an Italian reader."""
    try:
        name = Locale.parse(locale).get_language_name("en") or locale
    except (ValueError, UnknownLocaleError):
        name = locale
    article = "an" if name[:1] in "AEIOU" and not name.startswith(("Uk", "Uy", "Eu")) else "a"
    return f"{article} {name} reader"


def _written(n: Decimal, locale: str, grouped: bool = True) -> str:
    """`n` as the locale writes it, in Latin digits and with every decimal kept; ungrouped, a
    value read is never written as the text it was read from ("reads 1.500 as 1500")."""
    try:
        return format_decimal(
            n,
            locale=locale,
            numbering_system="latn",
            decimal_quantization=False,
            group_separator=grouped,
        )
    except (ValueError, UnknownLocaleError, UnsupportedNumberingSystemError):
        return _show(n)


def check_blank(pair: Pair) -> Iterator[Finding]:
    """A translation of spaces, zero-width characters or soft hyphens alone passed every other
    check (none of them counts characters no one sees) and put a blank subject line in the
    inbox: it is no translation, and an empty one would at least fall back to the source."""
    if shows_nothing(pair.translation) and not shows_nothing(pair.source):
        yield Finding(
            "catalog.blank",
            f"the translation shows nothing (only {describe(pair.translation)}), the source "
            "text does",
        )


DOUBLE_ESCAPED = re.compile(r"&amp;(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)


def check_entities(pair: Pair) -> Iterator[Finding]:
    """`&amp;amp;` shows as "&amp;"; in a subject or campaign string, which is plain text, any
    character reference the source lacks shows as typed."""
    if "&" not in pair.translation:
        return  # every reference starts with "&"
    if not pair.from_templates or pair.is_header:
        extra = Counter(ENTITY.findall(pair.translation)) - Counter(ENTITY.findall(pair.source))
        if extra:
            yield Finding(
                "catalog.entities",
                f"{', '.join(sorted(extra))} shows as typed in plain text; write the character",
            )
        return
    extra = Counter(DOUBLE_ESCAPED.findall(pair.translation)) - Counter(
        DOUBLE_ESCAPED.findall(pair.source)
    )
    for ref in sorted(extra):
        yield Finding("catalog.entities", f"double-escaped {ref} shows as {'&' + ref[5:]}")
