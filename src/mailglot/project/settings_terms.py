"""`l10n.protected_terms`: the brand and product names a translation keeps as the source writes
them, each a name, or a name with the spelling a language or locale uses instead:

    protected_terms: [Streamly, {Premium: {ja: プレミアム, zh_CN: 高级版, sr_RS@latin: Premijum}}]

A market that brands a product in its own script (a Japanese katakana name) says so once here
rather than accepting the warning entry by entry.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from babel import Locale
from pydantic import PlainValidator

from mailglot.i18n.locales import validate_locale_code
from mailglot.i18n.pseudo import PSEUDO_LOCALES


def _term(value: str) -> str:
    """A protected term is matched as written, word for word: blanks around it or a line
    break inside would make a term no translation can contain."""
    if value != value.strip() or not value or any(c in value for c in "\r\n\t"):
        raise ValueError(f"expected a name on one line without outer spaces, got {value!r}")
    if not any(c.isalnum() for c in value):
        raise ValueError(f"expected a name with letters or digits, got {value!r}")
    if any(unicodedata.category(c) == "Cf" for c in value):
        raise ValueError(f"expected a name without invisible characters, got {value!r}")
    return value


def _spelling_code(code: str) -> None:
    """A language (ja) or a locale (zh_CN, zh_Hant_TW) written as the project's locales are:
    spelt otherwise (JA, ja_jp, jpn) it was accepted and never matched any locale. A code
    with gettext's script modifier (`sr_RS@latin`, `sr@latin`) is checked as the project's
    locales are (`validate_locale_code` names its right spelling): read here part by part,
    `sr_RS@latin` was told to be written 'sr_RS@LATIN' and `sr@latin` 'sr'."""
    validate_locale_code(code)
    if code in PSEUDO_LOCALES or "@" in code:
        return
    parsed = Locale.parse(code)
    parts = code.split("_")
    written = [parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]]
    if parsed.language != written[0]:
        written[0] = parsed.language
    if "_".join(written) != code:
        raise ValueError(f"locale {code!r} should be written {'_'.join(written)!r}")


def _entry(value: object) -> str | dict[str, dict[str, str]]:
    """One entry, read as a whole, so a mistake gets one message naming both forms (a union
    of the two types gave two, one of them "expected a string" for a mapping)."""
    if isinstance(value, str):
        return _term(value)
    if not (isinstance(value, dict) and len(value) == 1):
        raise ValueError(f"expected a name or {FORM}, got {value!r}")
    ((term, spellings),) = value.items()
    if not isinstance(term, str) or not isinstance(spellings, dict) or not spellings:
        raise ValueError(f"expected a name or {FORM}, got {value!r}")
    for code, spelling in spellings.items():
        if not isinstance(code, str) or not isinstance(spelling, str):
            raise ValueError(f"expected a name or {FORM}, got {value!r}")
        _spelling_code(code)
        _term(spelling)
    return {_term(term): dict(spellings)}


FORM = "a name with its spelling per language or locale, like {Premium: {ja: プレミアム}}"
TermEntry = Annotated[str | dict[str, dict[str, str]], PlainValidator(_entry)]
# (term, language or locale, the spelling it uses instead), as the translation policy holds it
Spelling = tuple[str, str, str]


def term_names(entries: list[TermEntry]) -> list[str]:
    return [entry if isinstance(entry, str) else next(iter(entry)) for entry in entries]


def term_spellings(entries: list[TermEntry]) -> tuple[Spelling, ...]:
    return tuple(
        (term, code, spelling)
        for entry in entries
        if isinstance(entry, dict)
        for term, spellings in entry.items()
        for code, spelling in spellings.items()
    )
