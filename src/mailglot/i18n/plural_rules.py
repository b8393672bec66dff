"""How many plural forms a language has, as gettext and CLDR count them.

The two disagree for a few languages, and both are right for their purpose: gettext's own
table (the rules `msginit` writes, gettext-tools' plural-table.c) gives French and Brazilian
Portuguese 2 forms, where CLDR adds a third ("many", for 1000000) that most catalogs never
had; Hebrew has 2 in gettext's table and 3 in CLDR, Irish 3 and 5. A catalog written to either
count is a correct catalog. Only the forms CLDR uses for whole numbers are counted: gettext's
`n` is a whole number (Czech "many" is for fractions, so Czech has 3 forms, as gettext says).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

# gettext 0.21's table, as `msginit -l LANG` writes it (the locale first, then the language).
GETTEXT_RULES = {
    "be": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "bg": "nplurals=2; plural=(n != 1);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "da": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "eo": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "et": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "fo": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "he": "nplurals=2; plural=(n != 1);",
    "hr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "hu": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "nb": "nplurals=2; plural=(n != 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "nn": "nplurals=2; plural=(n != 1);",
    "no": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sv": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "vi": "nplurals=1; plural=0;",
}
# CLDR's order of the categories, for messages.
_ORDER = ("zero", "one", "two", "few", "many", "other")
# Whole numbers that reach every category CLDR gives them (its rules read n, n % 10, n % 100 and,
# for French "many", n % 1000000): the same categories as 0..1000 and millions, for every
# language CLDR has (checked when this was written).
_SAMPLES = (*range(200), *(10**k for k in range(3, 10)), 2 * 10**6)


@dataclass(frozen=True)
class PluralCounts:
    """A language's plural forms: CLDR's categories for whole numbers, gettext's count when its
    table has the language, and the rule to write (gettext's when it has one)."""

    name: str  # "French"
    cldr: tuple[str, ...]  # ("one", "many", "other")
    gettext: int | None
    rule: str  # "nplurals=2; plural=(n > 1);"

    @property
    def accepted(self) -> set[int]:
        return {len(self.cldr)} | ({self.gettext} if self.gettext else set())

    def describe(self, where: str) -> str:
        """'French (Language: fr_FR) has 2 plural forms in gettext's table and 3 in CLDR
        (one, many, other)'."""
        tags = ", ".join(self.cldr)
        if self.gettext and self.gettext != len(self.cldr):
            return (
                f"{self.name} ({where}) has {self.gettext} plural forms in gettext's table "
                f"and {len(self.cldr)} in CLDR ({tags})"
            )
        count = len(self.cldr)
        return (
            f"{self.name} ({where}) has {count} plural form{'s' if count > 1 else ''} "
            f"(CLDR: {tags})"
        )

    @property
    def source(self) -> str:
        return "gettext's" if self.gettext else "CLDR's"


@lru_cache(maxsize=64)
def plural_counts(locale: str) -> PluralCounts | None:
    """What `locale` (fr_FR, pt-BR, ar) counts, or None for a locale CLDR does not know."""
    try:
        parsed = Locale.parse(locale.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if parsed.language == "root" or locale.strip().lower().startswith("und"):
        return None  # no language said
    key = f"{parsed.language}_{parsed.territory}" if parsed.territory else parsed.language
    rule = GETTEXT_RULES.get(key) or GETTEXT_RULES.get(parsed.language)
    cldr = parsed.plural_form
    found = {cldr(n) for n in _SAMPLES}
    tags = tuple(t for t in _ORDER if t in found)
    if rule is None:
        plural = get_plural(parsed)
        rule = f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
        gettext = None
    else:
        gettext = int(rule.split(";")[0].split("=")[1])
    name = parsed.get_language_name("en") or parsed.language
    return PluralCounts(name, tags, gettext, rule)
