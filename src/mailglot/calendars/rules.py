"""Resolve events.yaml rules to dates, per market and year, and check them with line numbers."""

from __future__ import annotations

import calendar as cal
import difflib
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
    """A rule that cannot give a date in a given year (no 5th Monday in May 2026, a holiday
    python-holidays does not have that year); `where` is the file and line of that rule."""

    def __init__(self, message: str, where: tuple[str, int | None] = ("", None)):
        super().__init__(message)
        self.where = where

    def diagnostic(self, context: str) -> Diagnostic:
        path, line = self.where
        return Diagnostic(path, line, "calendar", "error", f"{self}{context}")


def holiday_source(rule: Rule, market: Market) -> tuple[str, str | None, tuple[str, ...]]:
    """Which calendar a holiday rule reads: its own country:, else the market's. A rule's
    categories widen the search ({holiday: Mother's Day, categories: [unofficial]} still sees
    the public holidays); they never change which days `avoid_holidays` avoids."""
    base = market.holidays
    if rule.country:
        country, subdiv, own = rule.country, None, ("public",)
    else:
        country = base.country if base else ""
        subdiv = base.subdiv if base else None
        own = (tuple(base.categories) if base else ()) or ("public",)
    categories = own + tuple(c for c in rule.categories if c not in own)
    # () is python-holidays' default (public): the market's own calendar, cached once
    return country, subdiv, () if categories == ("public",) else categories


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
) -> date:
    """The event's date in `market` for `year`; RuleError when that year has none. The rules
    have passed `check_event_rules` (no cycles, no unknown events)."""
    rule = events[event_id].markets[market]
    try:
        day = _base(event_id, rule, events, markets, market, year)
    except RuleError as exc:
        if not exc.where[0]:  # raised by this rule, not by one it is `after:`
            exc.where = rule.where
        raise
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
    event_id: str,
    rule: Rule,
    events: dict[str, Event],
    markets: dict[str, Market],
    market: str,
    year: int,
) -> date:
    if rule.date is not None:
        month, dom = (int(p) for p in rule.date.split("-"))
        return date(year, month, dom)  # 02-29 is refused when events.yaml loads
    if rule.weekday is not None:
        try:
            return nth_weekday(rule.weekday, year)
        except RuleError as exc:
            raise RuleError(f"{event_id}: {exc}") from None
    if rule.easter is not None:
        return easter(year) + timedelta(days=rule.easter)
    if rule.after is not None:
        base = resolve(events, markets, rule.after.event, market, year)
        return base + timedelta(days=rule.after.days)
    assert rule.holiday is not None
    country, subdiv, categories = holiday_source(rule, markets[market])
    found = public_holidays.dates_named(country, subdiv, categories, year, rule.holiday)
    if not found:
        known = public_holidays.names(country, subdiv, categories, year)
        close = public_holidays.close_names(rule.holiday, known)
        where = f"{country}{'-' + subdiv if subdiv else ''}"
        hint = (
            f"; did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else f"; its holidays are: {', '.join(known)}"
        )
        raise RuleError(
            f"{event_id}: no holiday {rule.holiday!r} in the {where} calendar "
            f"of python-holidays in {year}{hint}"
        )
    return found[0]


def check_event_rules(
    doc: YamlDoc, events: dict[str, Event], markets: dict[str, Market]
) -> list[Diagnostic]:
    """Every rule mistake of events.yaml that holds in any year, located: unknown markets,
    holidays and events, references to events the market does not observe, cycles. (A weekday
    or holiday that some years lack is reported by `resolve` for the year that needs it.)"""
    errors: list[Diagnostic] = []
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
                errors += _check_holiday(doc, loc, event_id, rule, markets[market])
            if rule.after is not None:
                target = events.get(rule.after.event)
                if target is None and rule.after.event in doc.data:
                    continue  # that event has its own errors, reported at its line
                if target is None:
                    close = difflib.get_close_matches(rule.after.event, list(events), n=1)
                    hint = (
                        f"did you mean {close[0]!r}?"
                        if close
                        else f"events defined here: {', '.join(events)}"
                    )
                    errors.append(
                        doc.error(
                            (*loc, "after"),
                            f"{event_id}: after: unknown event {rule.after.event!r}; {hint}",
                        )
                    )
                    continue
                if market not in target.markets:
                    errors.append(
                        doc.error(
                            (*loc, "after"),
                            f"{event_id}: after: {rule.after.event} is not observed in "
                            f"{market} (it lists {', '.join(target.markets)})",
                        )
                    )
                    continue
                cycle = _cycle(events, event_id, market)
                if cycle:
                    errors.append(
                        doc.error(
                            (*loc, "after"),
                            f"{event_id}: cycle between events in {market}: {' -> '.join(cycle)}",
                        )
                    )
    return errors


def _cycle(events: dict[str, Event], start: str, market: str) -> list[str]:
    """The `after:` chain from `start` back to itself in `market`, or [] when it ends."""
    chain, current = [start], start
    while True:
        rule = events[current].markets.get(market)
        if rule is None or rule.after is None or rule.after.event not in events:
            return []
        current = rule.after.event
        if current == start:
            return [*chain, current]
        if current in chain:  # a loop that `start` only leads into: reported at its own line
            return []
        chain.append(current)


def _check_holiday(
    doc: YamlDoc, loc: tuple[Any, ...], event_id: str, rule: Rule, market: Market
) -> list[Diagnostic]:
    """The calendar a holiday rule reads must exist; whether it has the name is a question for
    the year a build needs (`resolve`), not for the day the project was loaded."""
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
    return []
