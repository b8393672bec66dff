"""python-holidays, looked up by name and cached.

Names are always read in an explicitly chosen language (English where the country has it,
else its own), never in whatever the machine's LANG says: python-holidays follows the
environment when no language is given, so the same events.yaml would resolve on one machine
and not on another.

Building a calendar costs python-holidays 10-30 ms (lunar calendars more), and importing the
package ~330 ms; a rebuild touches a dozen calendars. Each calendar, and each country's list of
categories, subdivisions and languages, is kept in memory for the process and on disk per
python-holidays version (the data only changes with it), so a warm build never imports it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import date, timedelta
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

_SUFFIXES = (" (estimated)", " (observed)")
CODES_YEAR = 2026  # a calendar's codes are valid or not in any year: one year keeps it cached
FORMAT = "v2"  # bump when what the disk cache holds changes


class CountryInfo(NamedTuple):
    categories: tuple[str, ...]
    subdivisions: tuple[str, ...]
    languages: tuple[str, ...]
    default_language: str

    @property
    def english(self) -> str:
        """The language names are looked up in: en_US, another English, else the country's."""
        if "en_US" in self.languages:
            return "en_US"
        return next((lang for lang in self.languages if lang.startswith("en")), None) or (
            self.default_language
        )


def _normal(name: str) -> str:
    return name.strip().casefold()


def _cached(name: str, compute: Any) -> Any:
    """JSON on disk under the python-holidays version; a failed write only costs time."""
    stored = _cache_dir() / name
    with contextlib.suppress(OSError, ValueError):
        return json.loads(stored.read_text(encoding="utf-8"))
    result = compute()
    with contextlib.suppress(OSError):
        stored.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=stored.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False)
        os.replace(tmp, stored)
    return result


def _cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "mailglot" / f"holidays-{_holidays_version()}-{FORMAT}"


@cache
def _holidays_version() -> str:
    """Read once: importlib.metadata parses the package's METADATA file on every call (~8 ms)."""
    return version("holidays")


@cache
def country_info(country: str) -> CountryInfo:
    """Raises NotImplementedError for a country python-holidays does not know."""

    def compute() -> list[Any]:
        import holidays  # lazy: ~330 ms to import; warm builds read this from the cache

        known = holidays.country_holidays(country)
        return [
            list(known.supported_categories),
            list(known.subdivisions),
            list(known.supported_languages),
            known.default_language or "",
        ]

    cats, subdivs, langs, default = _cached(f"{country}-info.json", compute)
    return CountryInfo(tuple(cats), tuple(subdivs), tuple(langs), default)


@cache
def calendar(
    country: str,
    subdiv: str | None,
    categories: tuple[str, ...],
    year: int,
    language: str | None = None,
) -> dict[date, list[str]]:
    """Every holiday of the year, each date with its names in `language` (None: English where
    the country has it). `categories=()` is python-holidays' default, the public holidays."""
    info = country_info(country)
    lang = language or info.english
    name = f"{country}-{subdiv or ''}-{'+'.join(categories)}-{year}-{lang}.json"

    def compute() -> dict[str, list[str]]:
        import holidays  # lazy: ~330 ms to import; warm builds read calendars from the cache

        kwargs: dict[str, Any] = {"years": year}
        if lang:  # a country with no translations has its names in English only
            kwargs["language"] = lang
        if subdiv:
            kwargs["subdiv"] = subdiv
        if categories:
            kwargs["categories"] = categories
        found = holidays.country_holidays(country, **kwargs)
        return {
            day.isoformat(): [n.strip() for n in names.split(";")]
            for day, names in sorted(found.items())
        }

    data = _cached(name, compute)
    return {date.fromisoformat(day): names for day, names in data.items()}


def _matches(holiday: str, wanted: str) -> bool:
    """ "(estimated)" lunar dates count; observed days only when asked for by name."""
    if "(observed)" not in wanted and "(observed)" in holiday:
        return False
    plain = holiday if "(observed)" in wanted else holiday.replace(" (estimated)", "")
    return _normal(plain) == wanted or _normal(holiday) == wanted


def dates_named(
    country: str, subdiv: str | None, categories: tuple[str, ...], year: int, name: str
) -> list[date]:
    """Every date of the year that carries the holiday's name."""
    wanted = _normal(name)
    return [
        day
        for day, names in calendar(country, subdiv, categories, year).items()
        if any(_matches(n, wanted) for n in names)
    ]


ESTIMATED = "estimated by python-holidays: the date may move by a day"


def is_estimated(
    country: str, subdiv: str | None, categories: tuple[str, ...], day: date, name: str
) -> bool:
    """Whether python-holidays names the holiday `name` on `day` "... (estimated)": a lunar
    date computed ahead of its announcement (Eid al-Fitr from 2027 in AE), which the name
    lookup reads without the word."""
    wanted = _normal(name)
    return any(
        "(estimated)" in n and _matches(n, wanted)
        for n in calendar(country, subdiv, categories, day.year).get(day, [])
    )


def first_days(days: list[date]) -> list[date]:
    """One occurrence per run of consecutive days: a holiday python-holidays lists over a block
    of days (a three-day Eid) starts on the first; one that comes back later in the same year
    (Eid al-Fitr on 2 January and 23 December 2033) is a second occurrence."""
    out: list[date] = []
    for day in sorted(set(days)):
        if not out or day - timedelta(days=1) not in days:
            out.append(day)
    return out


def names(country: str, subdiv: str | None, categories: tuple[str, ...], year: int) -> list[str]:
    seen: dict[str, None] = {}
    for day_names in calendar(country, subdiv, categories, year).values():
        for n in day_names:
            for suffix in _SUFFIXES:
                n = n.replace(suffix, "")
            seen[n] = None
    return list(seen)


def local_name(
    country: str,
    subdiv: str | None,
    categories: tuple[str, ...],
    day: date,
    name: str,
    language: str,
) -> str | None:
    """The holiday's own name in `language` (a python-holidays language code) on `day`, or None
    when the country has no such translation. Names of one day are matched by position: both
    lists come from the same holiday definitions, in the same order."""
    if language not in country_info(country).languages:
        return None
    english = calendar(country, subdiv, categories, day.year).get(day, [])
    local = calendar(country, subdiv, categories, day.year, language).get(day, [])
    wanted = _normal(name)
    for i, n in enumerate(english):
        if _matches(n, wanted) and i < len(local) and len(local) == len(english):
            return local[i].replace(" (estimated)", "").strip()
    return None


def check_calendar(country: str, subdiv: str | None, categories: tuple[str, ...]) -> str | None:
    """Why python-holidays cannot build this calendar, with the codes it does know, or None."""
    where = f"{country}-{subdiv}" if subdiv else country
    try:
        known = country_info(country)
    except NotImplementedError:
        return (
            f"python-holidays has no calendar for {country!r}; "
            "expected an ISO 3166 country code like FR"
        )
    if subdiv and subdiv not in known.subdivisions:
        return (
            f"python-holidays has no subdivision {subdiv!r} for {country}; "
            f"its subdivisions: {', '.join(known.subdivisions)}"
        )
    unknown = [c for c in categories if c not in known.categories]
    if unknown:
        return (
            f"python-holidays has no {', '.join(map(repr, unknown))} holidays for {where}; "
            f"its categories: {', '.join(known.categories)}"
        )
    try:
        calendar(country, subdiv, categories, CODES_YEAR)
    except (NotImplementedError, ValueError, KeyError) as exc:
        return f"python-holidays cannot build {where}: {exc}"
    return None


def countries() -> list[str]:
    """Every country python-holidays has a calendar for (ISO 3166 alpha-2)."""

    def compute() -> list[str]:
        import holidays  # lazy: ~330 ms to import; only to say where a missing name lives

        return sorted(holidays.list_supported_countries(include_aliases=False))

    return list(_cached("countries.json", compute))
