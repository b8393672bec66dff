"""events.yaml mistakes that hold in any year, found when the project loads, each kept with
the rule it breaks: a broken rule stops only the campaigns and markets that use it.

(A weekday or holiday that some years lack is reported by `rules.occurrences` for the year a
build needs.)
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from mailglot.calendars import lookup, public_holidays
from mailglot.errors import Diagnostic
from mailglot.project.events import Event, EventErrors, Rule
from mailglot.project.yamlfile import YamlDoc

if TYPE_CHECKING:
    from mailglot.project.markets import Market

Broken = dict[tuple[str, str], tuple[Diagnostic, ...]]


def check_event_rules(
    doc: YamlDoc, events: dict[str, Event], markets: dict[str, Market], known: EventErrors
) -> tuple[dict[str, Event], EventErrors]:
    """The events with only their sound rules, and every error by what it stops. A rule
    `after:` a broken one is broken by the same (located) errors."""
    broken: Broken = dict(known.rules)
    for event_id, event in events.items():
        for market, rule in event.markets.items():
            problem = _check_rule(doc, events, markets, event_id, market, rule)
            if problem is not None:
                broken[(event_id, market)] = (problem,)
    _propagate(events, known, broken)
    sound = {
        event_id: Event(
            name=event.name,
            markets={m: r for m, r in event.markets.items() if (event_id, m) not in broken},
        )
        for event_id, event in events.items()
    }
    return sound, EventErrors(known.file, known.events, broken)


def _check_rule(
    doc: YamlDoc,
    events: dict[str, Event],
    markets: dict[str, Market],
    event_id: str,
    market: str,
    rule: Rule,
) -> Diagnostic | None:
    loc = (event_id, "markets", market)
    if market not in markets:
        return doc.error(
            loc,
            f"{event_id}: unknown market {market!r}; markets "
            f"defined in calendars/markets.yaml: {', '.join(markets)}",
        )
    if rule.holiday is not None:
        return _check_holiday(doc, loc, event_id, rule, markets[market])
    if rule.after is None:
        return None
    target = events.get(rule.after.event)
    if target is None and rule.after.event in doc.data:
        return None  # that event is broken itself: _propagate passes its errors on
    if target is None:
        close = difflib.get_close_matches(rule.after.event, list(doc.data), n=1)
        hint = (
            f"did you mean {close[0]!r}?" if close else f"events defined here: {', '.join(events)}"
        )
        return doc.error(
            (*loc, "after"), f"{event_id}: after: unknown event {rule.after.event!r}; {hint}"
        )
    if market not in target.markets and not _written(doc, rule.after.event, market):
        return doc.error(
            (*loc, "after"),
            f"{event_id}: after: {rule.after.event} is not observed in "
            f"{market} (it lists {', '.join(target.markets)})",
        )
    cycle = _cycle(events, event_id, market)
    if cycle:
        return doc.error(
            (*loc, "after"), f"{event_id}: cycle between events in {market}: {' -> '.join(cycle)}"
        )
    return None


def _written(doc: YamlDoc, event_id: str, market: str) -> bool:
    """The event lists the market, even if that rule did not validate."""
    event = doc.data.get(event_id) if isinstance(doc.data, dict) else None
    markets = event.get("markets") if isinstance(event, dict) else None
    return isinstance(markets, dict) and market in markets


def _propagate(events: dict[str, Event], known: EventErrors, broken: Broken) -> None:
    """A rule `after:` a broken event or rule fails with that rule's errors, down the chain."""
    changed = True
    while changed:
        changed = False
        for event_id, event in events.items():
            for market, rule in event.markets.items():
                if rule.after is None or (event_id, market) in broken:
                    continue
                cause = [*known.events.get(rule.after.event, ())]
                cause += broken.get((rule.after.event, market), ())
                if cause:
                    broken[(event_id, market)] = tuple(cause)
                    changed = True


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
) -> Diagnostic | None:
    """The calendar a holiday rule reads must exist; whether it has the name is a question for
    the year a build needs (`rules.occurrences`), not for the day the project was loaded."""
    if not rule.country and market.holidays is None:
        return doc.error(
            loc,
            f"{event_id}: holiday: needs a calendar: give the market "
            "holidays: {country: ...} or the rule a country:",
        )
    country = rule.country or (market.holidays.country if market.holidays else "")
    problem = public_holidays.check_calendar(country, None, ())
    if problem is None:
        source = lookup.holiday_source(rule, market)
        problem = public_holidays.check_calendar(country, source.subdiv, source.categories)
    if problem:
        key = "country" if rule.country else ("subdiv" if rule.subdiv else "categories")
        at = (*loc, key) if key in (doc.data[loc[0]]["markets"][loc[2]] or {}) else loc
        return doc.error(at, f"{event_id}: {problem}")
    return None
