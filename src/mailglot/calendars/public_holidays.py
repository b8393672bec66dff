"""python-holidays, looked up by name and cached: one calendar per country, subdivision,
categories and year is built once per process."""

from __future__ import annotations

import difflib
from datetime import date
from functools import cache

import holidays

_SUFFIXES = (" (estimated)", " (observed)")


def _normal(name: str) -> str:
    return name.strip().casefold()


@cache
def calendar(
    country: str,
    subdiv: str | None,
    categories: tuple[str, ...],
    year: int,
) -> dict[date, list[str]]:
    """Every holiday of the year, each date with its names (English where the data has them)."""
    kwargs: dict[str, object] = {"years": year}
    if subdiv:
        kwargs["subdiv"] = subdiv
    if categories:
        kwargs["categories"] = categories
    try:
        found = holidays.country_holidays(country, language="en_US", **kwargs)
    except NotImplementedError:  # no English names for this country: use its own
        found = holidays.country_holidays(country, **kwargs)
    return {day: [n.strip() for n in names.split(";")] for day, names in sorted(found.items())}


def dates_named(
    country: str, subdiv: str | None, categories: tuple[str, ...], year: int, name: str
) -> list[date]:
    """Dates of a holiday by its name; "(estimated)" lunar dates count, observed days do not
    unless asked for by name."""
    wanted = _normal(name)
    out = []
    for day, names in calendar(country, subdiv, categories, year).items():
        for n in names:
            plain = n
            if "(observed)" not in wanted:
                if "(observed)" in n:
                    continue
                plain = n.replace(" (estimated)", "")
            if _normal(plain) == wanted or _normal(n) == wanted:
                out.append(day)
                break
    return out


def names(country: str, subdiv: str | None, categories: tuple[str, ...], year: int) -> list[str]:
    seen: dict[str, None] = {}
    for day_names in calendar(country, subdiv, categories, year).values():
        for n in day_names:
            for suffix in _SUFFIXES:
                n = n.replace(suffix, "")
            seen[n] = None
    return list(seen)


def close_names(name: str, candidates: list[str]) -> list[str]:
    by_lower = {c.casefold(): c for c in candidates}
    return [
        by_lower[m]
        for m in difflib.get_close_matches(name.casefold(), list(by_lower), n=3, cutoff=0.5)
    ]


def supported(country: str) -> bool:
    return country in holidays.list_supported_countries()


def check_calendar(country: str, subdiv: str | None, categories: tuple[str, ...]) -> str | None:
    """Why python-holidays cannot build this calendar, or None."""
    if not supported(country):
        return f"python-holidays has no calendar for country {country!r}"
    try:
        calendar(country, subdiv, categories, date.today().year)
    except (NotImplementedError, ValueError, KeyError) as exc:
        return f"python-holidays cannot build {country}{'-' + subdiv if subdiv else ''}: {exc}"
    return None
