"""Where a `holiday:` rule looks its name up, and what to tell the user when it is not there.

A holiday is looked up in every category the country has (Canada files its national
Thanksgiving under `government`, public only in some provinces) and in the market's
subdivision; a rule's `categories:` narrows the search, `subdiv:` and `country:` move it.
When the name is missing, the message says where python-holidays does have it and what to
write, nearest first: another category, another subdivision, another country.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mailglot.calendars import public_holidays

if TYPE_CHECKING:
    from mailglot.project.events import Rule
    from mailglot.project.markets import Market

_SHOWN = 6  # codes listed in a hint before "..."


@dataclass(frozen=True)
class HolidaySource:
    country: str
    subdiv: str | None
    categories: tuple[str, ...]  # () = python-holidays' default (public)
    narrowed: bool = False  # the rule chose the categories

    @property
    def where(self) -> str:
        place = f"{self.country}-{self.subdiv}" if self.subdiv else self.country
        return f"{place} ({', '.join(self.categories)})" if self.narrowed else place


def every_category(country: str) -> tuple[str, ...]:
    categories = tuple(sorted(public_holidays.country_info(country).categories))
    return () if categories == ("public",) else categories


def holiday_source(rule: Rule, market: Market) -> HolidaySource:
    """The calendar a holiday rule reads (the market's, or the rule's country:), widened to
    every category unless the rule names some. Only for rules whose calendar exists."""
    base = market.holidays
    if rule.country:
        country, subdiv = rule.country, rule.subdiv
    else:
        country = base.country if base else ""
        subdiv = rule.subdiv or (base.subdiv if base else None)
    if rule.categories:
        chosen = tuple(sorted(set(rule.categories)))
        return HolidaySource(country, subdiv, () if chosen == ("public",) else chosen, True)
    return HolidaySource(country, subdiv, every_category(country))


def holiday_language(country: str, locale: str) -> str | None:
    """The python-holidays language that names `country`'s holidays for `locale`: the locale
    itself (pt_BR, en_CA), else its language (fr for fr_CA, ar for ar_SA), else None."""
    languages = public_holidays.country_info(country).languages
    if locale in languages:
        return locale
    language = locale.split("_")[0]
    return language if language in languages else None


def occurrences(source: HolidaySource, year: int, name: str) -> list[date]:
    days = public_holidays.dates_named(source.country, source.subdiv, source.categories, year, name)
    return public_holidays.first_days(days)


def missing(source: HolidaySource, year: int, name: str) -> str:
    """Why `name` gave no date: where it does exist, or the closest names, or the list."""
    hint = _elsewhere(source, year, name)
    if hint is None:
        known = public_holidays.names(source.country, source.subdiv, source.categories, year)
        close = _close(name, known)
        hint = (
            f"did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else f"its holidays are: {', '.join(known)}"
        )
    return (
        f"no holiday {name!r} in the {source.where} calendar of python-holidays in {year}; {hint}"
    )


def _elsewhere(source: HolidaySource, year: int, name: str) -> str | None:
    country = source.country
    if source.narrowed:
        whole = HolidaySource(country, source.subdiv, every_category(country))
        cats = [
            c
            for c in public_holidays.country_info(country).categories
            if public_holidays.dates_named(country, source.subdiv, (c,), year, name)
        ]
        if cats and occurrences(whole, year, name):
            return (
                f"python-holidays files it under {', '.join(cats)} there: write "
                f"categories: [{', '.join(cats)}], or leave categories: out to search them all"
            )
    every = every_category(country)
    subdivs = [
        s
        for s in public_holidays.country_info(country).subdivisions
        if s != source.subdiv and _has(country, s, every, year, name)
    ]
    if subdivs:
        return (
            f"it is a holiday of {_listed(subdivs)} in {country}: add subdiv: with the one "
            f"you mean to the rule (e.g. subdiv: {_quoted(subdivs[0])})"
        )
    others = [
        c for c in public_holidays.countries() if c != country and _has(c, None, None, year, name)
    ]
    if others:
        return (
            f"it is in the calendars of {_listed(others)}: add country: with the one you mean "
            f"to the rule (e.g. country: {others[0]})"
        )
    return None


def _has(
    country: str, subdiv: str | None, categories: tuple[str, ...] | None, year: int, name: str
) -> bool:
    """Whether that calendar has the name; a calendar python-holidays cannot build for this
    year does not stop the search for the others."""
    try:
        cats = every_category(country) if categories is None else categories
        return bool(public_holidays.dates_named(country, subdiv, cats, year, name))
    except (NotImplementedError, ValueError, KeyError, AttributeError):
        return False


def _listed(codes: list[str]) -> str:
    shown = ", ".join(codes[:_SHOWN])
    return shown + (", ..." if len(codes) > _SHOWN else "")


def _quoted(code: str) -> str:
    """YAML reads ON, NO, YES, OFF (any case) as booleans: such codes must be quoted."""
    return f'"{code}"' if code.lower() in {"on", "off", "yes", "no", "y", "n"} else code


def _close(name: str, candidates: list[str]) -> list[str]:
    by_lower = {c.casefold(): c for c in candidates}
    found = difflib.get_close_matches(name.casefold(), list(by_lower), n=3, cutoff=0.75)
    return [by_lower[m] for m in found]
