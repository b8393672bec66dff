"""Locale facts a template needs: BCP 47 tag, reading direction, the language's own name.

A locale is named as gettext names its catalog folder: `pt_BR`, `sr_Latn_RS`, or with one
of gettext's script modifiers, `sr_RS@latin` (Serbian in Latin script, CLDR's sr_Latn_RS).
Babel reads a modifier away (`sr_RS@latin` is sr_Cyrl_RS to it) and a BCP 47 tag has no
place for one, so the script is read from the modifier here; other modifiers are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from mailglot.i18n.pseudo import PSEUDO_LOCALES

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}


# gettext's modifiers that name a script, and the script CLDR names it with
SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl"}


def validate_locale_code(code: str) -> str:
    """Accept the POSIX form Babel and gettext use (`pt_BR`); name the form when it is wrong."""
    if code in PSEUDO_LOCALES:
        return code
    if "-" in code:
        raise ValueError(
            f"locale {code!r} should be written {code.replace('-', '_')!r} (gettext form)"
        )
    if "@" in code:
        _check_modifier(code)
        return code
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"unknown locale {code!r}; expected a code like fr_FR or pt_BR") from None
    return code


def babel_locale_code(code: str) -> str:
    """The locale Babel formats `code` with: a script modifier becomes the script subtag
    (sr_RS@latin -> sr_Latn_RS, sr@latin -> sr_Latn); any other code as it is."""
    base, at, modifier = code.partition("@")
    if not at:
        return code
    language, *rest = base.split("_")
    return "_".join([language, SCRIPT_MODIFIERS[modifier], *rest])


def _check_modifier(code: str) -> None:
    """`sr_RS@latin` and `uz_UZ@cyrillic` name a script CLDR has for the language; `@euro`
    (a currency switch of 2002), `@valencia` and the like name nothing mailglot writes
    differently, and would make an invalid `lang` tag: refused, with the code to write."""
    base, _, modifier = code.partition("@")
    if modifier == "euro" and base:
        raise ValueError(
            f"{code}: the @euro modifier changes nothing mailglot formats; write {base}"
        )
    if not modifier and base:
        raise ValueError(f"{code} ends in '@' with no modifier after it; write {base}")
    if modifier.lower() in SCRIPT_MODIFIERS and modifier not in SCRIPT_MODIFIERS:
        raise ValueError(f"locale {code!r} should be written {f'{base}@{modifier.lower()}'!r}")
    if modifier not in SCRIPT_MODIFIERS and base:
        raise ValueError(
            f"{code}: mailglot reads only the script modifiers @latin and @cyrillic (sr_RS@latin "
            f"is Serbian in Latin script), not @{modifier}; write {base}"
        )
    try:
        Locale.parse(base)
    except (UnknownLocaleError, ValueError):
        raise ValueError(
            f"unknown locale {code!r}; expected a code like fr_FR or sr_RS@latin"
        ) from None
    language, *rest = base.split("_")
    script = SCRIPT_MODIFIERS[modifier]
    if any(len(part) == 4 for part in rest):  # sr_Latn_RS@latin
        plain = "_".join([language, *(part for part in rest if len(part) != 4)])
        raise ValueError(
            f"{code} names a script twice, in the code and after the '@': write {base} or "
            f"{plain}@{modifier}"
        )
    mapped = babel_locale_code(code)
    try:
        parsed: Locale | None = Locale.parse(mapped)
    except (UnknownLocaleError, ValueError):
        parsed = None
    if parsed is None or parsed.script != script:
        english = Locale("en")
        name, script_name = english.languages.get(language, language), english.scripts[script]
        if _usual_script(language) == script:
            raise ValueError(f"{code}: {name} is written in {script_name} script; write {base}")
        raise ValueError(
            f"{code}: CLDR has no {name} in {script_name} script ({mapped}) to write dates and "
            f"numbers with; write {base}"
        )
    spelled = "_".join(p for p in (parsed.language, parsed.territory) if p) + "@" + modifier
    if spelled != code:  # sr_rs@latin: another folder, which a case-blind disk holds as one
        raise ValueError(f"locale {code!r} should be written {spelled!r}")


def _usual_script(language: str) -> str:
    """The script CLDR's likely subtags give a language (de -> Latn, sr -> Cyrl)."""
    likely = str(get_global("likely_subtags").get(language, ""))
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else ""


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # pt_BR
    lang: str  # pt-BR
    dir: str  # ltr | rtl
    language: str  # português (Brasil)
    babel_code: str  # the locale Babel formats with (pseudo-locales borrow a real one)

    @property
    def babel(self) -> Locale:
        return Locale.parse(self.babel_code)


@cache
def locale_info(code: str) -> LocaleInfo:
    """`sr_RS@latin` is written `sr-Latn-RS` (BCP 47 has no modifiers) and formats as
    sr_Latn_RS; its catalog stays under its own name."""
    pseudo = PSEUDO_LOCALES.get(code)
    babel_code = pseudo.formats_as if pseudo else babel_locale_code(code)
    loc = Locale.parse(babel_code)
    direction = "rtl" if (pseudo.rtl if pseudo else loc.language in RTL_LANGUAGES) else "ltr"
    name = pseudo.name if pseudo else (loc.get_display_name(loc) or code)
    lang = (code if pseudo else babel_code).replace("_", "-")
    return LocaleInfo(code=code, lang=lang, dir=direction, language=name, babel_code=babel_code)


def fallback_chain(code: str) -> list[str]:
    """pt_BR -> [pt_BR, pt]: the catalogs consulted before the source text."""
    chain = [code]
    if "_" in code:
        chain.append(code.split("_", 1)[0])
    return chain
