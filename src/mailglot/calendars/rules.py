"""Resolve events.yaml rules to dates, per market and year, and check them with line numbers."""

from __future__ import annotations

import calendar as cal
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.easter import easter

from mailglot.calendars import public_holidays
from mailglot.errors import Diagnostic
from mailglot.project.events import WEEKDAYS, Event, Rule, Weekday
from mailglot.project.yamlfile import YamlDoc

if TYPE_CHECKING:
    from mailglot.project.markets import Market


class RuleError(Exception):
    """A rule that cannot give a date in a given year (e.g. no 5th Friday in that month)."""


def holiday_source(rule: Rule, market: Market) -> tuple[str, str | None, tuple[str, ...]]:
    """Which calendar a holiday rule reads: its own country:, else the market's."""
    if rule.country:
        return rule.country, None, tuple(rule.categories)
    base = market.holidays
    country = base.country if base else ""
    subdiv = base.subdiv if base else None
    categories = tuple(rule.categories) or (tuple(base.categories) if base else ())
    return country, subdiv, categories


def nth_weekday(spec: Weekday, year: int) -> date:
    weekday = WEEKDAYS.index(spec.day)
    days = [
        d
        for d in range(1, cal.monthrange(year, spec.month)[1] + 1)
        if date(year, spec.month, d).weekday() == weekday
    ]
    index = spec.n - 1 if spec.n > 0 else spec.n
    if not -len(days) <= index < len(days):
        raise RuleError(
            f"there is no {_ordinal(spec.n)} {spec.day} in {cal.month_name[spec.month]} {year}"
        )
    return date(year, spec.month, days[index])


def _ordinal(n: int) -> str:
    if n < 0:
        return "last" if n == -1 else f"{_ordinal(-n)}-to-last"
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def resolve(
    events: dict[str, Event],
    markets: dict[str, Market],
    event_id: str,
    market: str,
    year: int,
    _seen: tuple[str, ...] = (),
) -> date:
    """The event's date in `market` for `year`; RuleError when that year has none."""
    if event_id in _seen:
        raise RuleError(f"cycle between events: {' -> '.join((*_seen, event_id))}")
    rule = events[event_id].markets[market]
    day = _base(rule, events, markets, market, year, (*_seen, event_id))
    if rule.unless is not None:
        clash = _clash_date(rule.unless, year)
        if clash == day:
            day += timedelta(days=rule.move_days)
    return day + timedelta(days=rule.days)


def _clash_date(clash: Any, year: int) -> date:
    if clash.easter is not None:
        return easter(year) + timedelta(days=clash.easter)
    month, dom = (int(p) for p in clash.date.split("-"))
    return date(year, month, dom)


def _base(
    rule: Rule,
    events: dict[str, Event],
    markets: dict[str, Market],
    market: str,
    year: int,
    seen: tuple[str, ...],
) -> date:
    if rule.date is not None:
        month, dom = (int(p) for p in rule.date.split("-"))
        try:
            return date(year, month, dom)
        except ValueError:
            raise RuleError(f"{rule.date} does not exist in {year}") from None
    if rule.weekday is not None:
        return nth_weekday(rule.weekday, year)
    if rule.easter is not None:
        return easter(year) + timedelta(days=rule.easter)
    if rule.after is not None:
        base = resolve(events, markets, rule.after.event, market, year, seen)
        return base + timedelta(days=rule.after.days)
    assert rule.holiday is not None
    country, subdiv, categories = holiday_source(rule, markets[market])
    found = public_holidays.dates_named(country, subdiv, categories, year, rule.holiday)
    if not found:
        raise RuleError(f"{rule.holiday!r} is not in the {country} calendar for {year}")
    return found[0]


def check_event_rules(
    doc: YamlDoc, events: dict[str, Event], markets: dict[str, Market]
) -> list[Diagnostic]:
    """Every rule mistake of events.yaml, located: unknown markets, holidays and events,
    references to events the market does not observe, cycles, impossible weekdays."""
    errors: list[Diagnostic] = []
    year = date.today().year
    for event_id, event in events.items():
        for market, rule in event.markets.items():
            loc = (event_id, "markets", market)
            if market not in markets:
                errors.append(
                    doc.error(
                        loc,
                        f"{event_id}: unknown market {market!r}; markets "
                        f"defined in calendars/markets.yaml: {', '.join(markets)}",
                    )
                )
                continue
            if rule.holiday is not None:
                errors += _check_holiday(doc, loc, event_id, rule, markets[market], year)
            if rule.after is not None:
                target = events.get(rule.after.event)
                if target is None:
                    errors.append(
                        doc.error(
                            (*loc, "after"),
                            f"{event_id}: after: unknown event {rule.after.event!r}",
                        )
                    )
                    continue
                if market not in target.markets:
                    errors.append(
                        doc.error(
                            (*loc, "after"),
                            f"{event_id}: after: {rule.after.event} is not observed in {market}",
                        )
                    )
                    continue
            if rule.weekday is not None:
                errors += _check_weekday(doc, loc, event_id, rule.weekday)
            if rule.after is not None:
                try:
                    resolve(events, markets, event_id, market, year)
                except RuleError as exc:
                    if "cycle" in str(exc):
                        errors.append(doc.error((*loc, "after"), f"{event_id}: {exc}"))
    return errors


def _check_holiday(
    doc: YamlDoc, loc: tuple[Any, ...], event_id: str, rule: Rule, market: Market, year: int
) -> list[Diagnostic]:
    country, subdiv, categories = holiday_source(rule, market)
    if not country:
        return [
            doc.error(
                loc,
                f"{event_id}: holiday: needs a calendar: give the market "
                "holidays: {country: ...} or the rule a country:",
            )
        ]
    problem = public_holidays.check_calendar(country, subdiv, categories)
    if problem:
        return [doc.error((*loc, "country") if rule.country else loc, f"{event_id}: {problem}")]
    if any(
        public_holidays.dates_named(country, subdiv, categories, y, rule.holiday)
        for y in (year, year + 1, year + 2)
    ):
        return []
    known = public_holidays.names(country, subdiv, categories, year)
    close = public_holidays.close_names(rule.holiday, known)
    where = f"{country}{'-' + subdiv if subdiv else ''}"
    hint = (
        f"; did you mean {' or '.join(repr(c) for c in close)}?"
        if close
        else f"; its holidays are: {', '.join(known)}"
    )
    return [
        doc.error(
            (*loc, "holiday"),
            f"{event_id}: no holiday {rule.holiday!r} in the "
            f"{where} calendar of python-holidays{hint}",
        )
    ]


def _check_weekday(
    doc: YamlDoc, loc: tuple[Any, ...], event_id: str, spec: Weekday
) -> list[Diagnostic]:
    # A 5th weekday exists in some years of every month but February (29 days at most
    # holds a 5th only once in 28 years): accept it if any of the next 28 years has one.
    this_year = date.today().year
    for year in range(this_year, this_year + 28):
        try:
            nth_weekday(spec, year)
            return []
        except RuleError:
            continue
    return [
        doc.error(
            (*loc, "weekday"),
            f"{event_id}: there is never a {_ordinal(spec.n)} "
            f"{spec.day} in {cal.month_name[spec.month]}",
        )
    ]
