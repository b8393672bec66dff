"""`avoid_holidays: true` in a market with no holiday calendar: said, not silently ignored.

A send is moved off a public holiday by the market's python-holidays calendar (`holidays:` in
calendars/markets.yaml). A market without one has no holidays to avoid, so its sends stayed
on their day while the campaign's author read `avoid_holidays: true` as done. Each campaign
that asks for it gets one warning at its `avoid_holidays` line, naming the markets and the
calendar to add; the sends themselves are as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailglot.calendars.public_holidays import check_calendar
from mailglot.errors import Diagnostic

if TYPE_CHECKING:
    from mailglot.project.campaigns import Campaign
    from mailglot.project.events import Event
    from mailglot.project.markets import Market
    from mailglot.project.yamlfile import YamlDoc

CODE = "calendar.no-holidays"
MARKETS_FILE = "calendars/markets.yaml"


def uncalendared(
    campaign: Campaign, mailed: list[str], markets: dict[str, Market], events: dict[str, Event]
) -> list[str]:
    """The markets the campaign sends to whose sends `avoid_holidays` cannot move (a market
    that does not observe the campaign's event is skipped: it has no send to move)."""
    schedule = campaign.schedule
    if schedule is None or not schedule.avoid_holidays:
        return []
    event = events.get(schedule.event) if schedule.event is not None else None
    return [
        code
        for code in mailed
        if code in markets
        and markets[code].holidays is None
        and (event is None or code in event.markets)
    ]


def avoid_holidays_warning(
    doc: YamlDoc,
    campaign: Campaign,
    mailed: list[str],
    markets: dict[str, Market],
    events: dict[str, Event],
) -> Diagnostic | None:
    """`mailed`: the markets the campaign mails (`markets: all` read as every market)."""
    codes = uncalendared(campaign, mailed, markets, events)
    if not codes:
        return None
    line = doc.line_of(("schedule", "avoid_holidays"))
    if len(codes) == 1:
        which = f"market {codes[0]} has no holiday calendar, so its sends are"
    else:
        which = f"markets {', '.join(codes)} have no holiday calendar, so their sends are"
    adds = {code: _calendar(code) for code in codes}
    known = [f"holidays: {{{add}}} to {code}" for code, add in adds.items() if add]
    unknown = [code for code, add in adds.items() if not add]
    todo = []
    if known:
        todo.append(f"add {', '.join(known)} in {MARKETS_FILE}")
    if unknown:
        names = ", ".join(unknown)
        todo.append(
            f"give {names} a holidays: calendar in {MARKETS_FILE} (python-holidays has none "
            f"under the code {names}: write the country it follows, like {{country: FR}})"
        )
    message = f"avoid_holidays: {which} never moved off a public holiday; " + ", and ".join(todo)
    return Diagnostic(doc.rel, line, CODE, "warning", message)


def _calendar(code: str) -> str | None:
    """The `holidays:` value a market code names (`CA-QC`: country CA, subdivision QC), when
    python-holidays has that calendar."""
    country, _, subdiv = code.partition("-")
    if check_calendar(country, subdiv or None, ()) is not None:
        return None
    return f"country: {country}, subdiv: {subdiv}" if subdiv else f"country: {country}"
