"""python-holidays, looked up by name and cached.

Building a calendar costs python-holidays 10-30 ms (lunar calendars more); a rebuild touches a
dozen. Each calendar is kept in memory for the process and on disk per python-holidays
version (the data only changes with it), so a no-op rebuild does not recompute them.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import tempfile
from datetime import date
from functools import cache
from importlib.metadata import version
from pathlib import Path

_SUFFIXES = (" (estimated)", " (observed)")
CODES_YEAR = 2026


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
    stored = _cache_file(country, subdiv, categories, year)
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(stored.read_text(encoding="utf-8"))
        return {date.fromisoformat(day): names for day, names in data.items()}
    result = _build(country, subdiv, categories, year)
    with contextlib.suppress(OSError):
        stored.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=stored.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({day.isoformat(): names for day, names in result.items()}, fh)
        os.replace(tmp, stored)
    return result


def _cache_file(country: str, subdiv: str | None, categories: tuple[str, ...], year: int) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = f"{country}-{subdiv or ''}-{'+'.join(categories)}-{year}.json"
    return base / "mailglot" / f"holidays-{_holidays_version()}" / name


@cache
def _holidays_version() -> str:
    """Read once: importlib.metadata parses the package's METADATA file on every call (~8 ms)."""
    return version("holidays")


def _build(
    country: str, subdiv: str | None, categories: tuple[str, ...], year: int
) -> dict[date, list[str]]:
    import holidays  # lazy: ~330 ms to import; warm builds read calendars from the cache

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


def check_calendar(country: str, subdiv: str | None, categories: tuple[str, ...]) -> str | None:
    """Why python-holidays cannot build this calendar, with the codes it does know, or None."""
    where = f"{country}-{subdiv}" if subdiv else country
    try:  # codes are valid or not in any year: one fixed year keeps this cached, clock-free
        calendar(country, subdiv, categories, CODES_YEAR)
    except (NotImplementedError, ValueError, KeyError) as exc:
        import holidays  # lazy: ~330 ms to import; only needed to explain a bad calendar

        try:
            known = holidays.country_holidays(country)
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
        unknown = [c for c in categories if c not in known.supported_categories]
        if unknown:
            return (
                f"python-holidays has no {', '.join(map(repr, unknown))} holidays for {where}; "
                f"its categories: {', '.join(known.supported_categories)}"
            )
        return f"python-holidays cannot build {where}: {exc}"
    return None
