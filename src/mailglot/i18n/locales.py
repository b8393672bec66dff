"""Locale facts a template needs: BCP 47 tag, reading direction, the language's own name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

from mailglot.i18n.pseudo import PSEUDO_LOCALES

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}


def validate_locale_code(code: str) -> str:
    """Accept the POSIX form Babel and gettext use (`pt_BR`); name the form when it is wrong."""
    if code in PSEUDO_LOCALES:
        return code
    if "-" in code:
        raise ValueError(
            f"locale {code!r} should be written {code.replace('-', '_')!r} (gettext form)"
        )
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"unknown locale {code!r}; expected a code like fr_FR or pt_BR") from None
    return code


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
    pseudo = PSEUDO_LOCALES.get(code)
    babel_code = pseudo.formats_as if pseudo else code
    loc = Locale.parse(babel_code)
    direction = "rtl" if (pseudo.rtl if pseudo else loc.language in RTL_LANGUAGES) else "ltr"
    name = pseudo.name if pseudo else (loc.get_display_name(loc) or code)
    return LocaleInfo(
        code=code, lang=code.replace("_", "-"), dir=direction, language=name, babel_code=babel_code
    )


def fallback_chain(code: str) -> list[str]:
    """pt_BR -> [pt_BR, pt]: the catalogs consulted before the source text."""
    chain = [code]
    if "_" in code:
        chain.append(code.split("_", 1)[0])
    return chain
