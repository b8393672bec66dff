"""Resolve events.yaml rules to dates, per market and year.

A rule gives every occurrence of its event in a year: usually one, but a holiday of the
Islamic calendar can come twice in one Gregorian year (Eid al-Fitr on 2 January and
23 December 2033), and `after:` follows each occurrence of the event it names.
"""

from __future__ import annotations

import calendar as cal
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.easter import easter

from mailglot.calendars import lookup
from mailglot.errors import Diagnostic
from mailglot.project.events import WEEKDAYS, Event, Rule, Weekday

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


def occurrences(
    events: dict[str, Event],
    markets: dict[str, Market],
    event_id: str,
    market: str,
    year: int,
) -> list[date]:
    """Every date of the event in `market` for `year`, in order (never empty); RuleError when
    that year has none. The rules have passed `check_event_rules` (no cycles, no unknown
    events)."""
    rule = events[event_id].markets[market]
    try:
        days = _base(event_id, rule, events, markets, market, year)
    except RuleError as exc:
        if not exc.where[0]:  # raised by this rule, not by one it is `after:`
            exc.where = rule.where
        raise
    out = []
    for day in days:
        if rule.unless is not None and _clash_date(rule.unless, day.year) == day:
            day += timedelta(days=rule.move_days)
        out.append(day + timedelta(days=rule.days))
    return sorted(set(out))


def resolve(
    events: dict[str, Event], markets: dict[str, Market], event_id: str, market: str, year: int
) -> date:
    """The event's first date in `market` for `year`."""
    return occurrences(events, markets, event_id, market, year)[0]


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
) -> list[date]:
    if rule.date is not None:
        month, dom = (int(p) for p in rule.date.split("-"))
        return [date(year, month, dom)]  # 02-29 is refused when events.yaml loads
    if rule.weekday is not None:
        try:
            return [nth_weekday(rule.weekday, year)]
        except RuleError as exc:
            raise RuleError(f"{event_id}: {exc}") from None
    if rule.easter is not None:
        return [easter(year) + timedelta(days=rule.easter)]
    if rule.after is not None:
        base = occurrences(events, markets, rule.after.event, market, year)
        return [day + timedelta(days=rule.after.days) for day in base]
    assert rule.holiday is not None
    source = lookup.holiday_source(rule, markets[market])
    found = lookup.occurrences(source, year, rule.holiday)
    if not found:
        raise RuleError(f"{event_id}: {lookup.missing(source, year, rule.holiday)}")
    return found
