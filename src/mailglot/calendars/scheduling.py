"""A campaign's schedule, resolved per market: the send time in the market's time zone, or
the reason the market is skipped.

An event that comes twice in a year (Eid al-Fitr in 2033) is sent for once per build: for its
next occurrence on or after the build date, so the campaign rebuilt after the first sends for
the second. `mailglot calendar` lists a send for every occurrence of the year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mailglot.calendars import lookup, public_holidays
from mailglot.calendars.move_note import move_note
from mailglot.calendars.rules import RuleError, occurrences
from mailglot.errors import ContentError

if TYPE_CHECKING:
    from mailglot.project.campaigns import Campaign, Schedule
    from mailglot.project.loader import Project
    from mailglot.project.markets import Market


@dataclass(frozen=True)
class EventOccurrence:
    id: str
    name: str  # msgid, translated at render time
    date: date
    # python-holidays' own name of a holiday event in the market's locales ((locale, name),
    # ...): what a locale shows when its catalog lacks the event name
    local_names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Timing:
    send_at: datetime | None = None  # aware, in the market's time zone
    event: EventOccurrence | None = None
    days_left: int | None = None  # from the build date to the event; part of the job's key
    note: str | None = None  # e.g. why the send moved


@dataclass(frozen=True)
class Skip:
    reason: str


def market_holidays(market: Market, year: int) -> dict[date, list[str]]:
    if market.holidays is None:
        return {}
    h = market.holidays
    return public_holidays.calendar(h.country, h.subdiv, tuple(h.categories), year)


def _send_day(market: Market, day: date, avoid: bool) -> tuple[date, str | None]:
    if not avoid:
        return day, None
    first, skipped = day, []
    while (found := market_holidays(market, day.year).get(day)) is not None:
        skipped.append((day, found))
        day += timedelta(days=1)
    if day == first:
        return day, None
    return day, move_note(first, skipped)


Found = list[tuple[date, "EventOccurrence | None"]]


def _occurrences(project: Project, schedule: Schedule, market_code: str, year: int) -> Found | Skip:
    """The days the schedule is about in `year`: each date of the event in that market, or the
    fixed date. ContentError, located at the rule, when the market's rule has no date that
    year or is broken."""
    if schedule.event is None:
        if isinstance(schedule.date, date):
            return [(schedule.date, None)]
        assert isinstance(schedule.date, str)  # MM-DD, checked when the campaign loaded
        month, dom = (int(p) for p in schedule.date.split("-"))
        return [(date(year, month, dom), None)]
    problems = project.event_errors.of(schedule.event, market_code)
    if problems:
        raise ContentError(problems)
    event = project.events[schedule.event]
    if market_code not in event.markets:
        observed = ", ".join(event.markets) or "no market"
        return Skip(
            f"{market_code} does not observe {schedule.event} "
            f"(calendars/events.yaml lists {observed})"
        )
    try:
        days = occurrences(project.events, project.markets, schedule.event, market_code, year)
    except RuleError as exc:
        raise ContentError([exc.diagnostic(f" (needed to schedule {market_code})")]) from None
    names = _local_names(project, schedule.event, market_code)
    return [(d, EventOccurrence(schedule.event, event.name, d, names(d))) for d in days]


def _local_names(
    project: Project, event_id: str, market_code: str
) -> Callable[[date], tuple[tuple[str, str], ...]]:
    """day -> python-holidays' names of a `holiday:` event in the market's locales."""
    rule = project.events[event_id].markets[market_code]
    market = project.markets[market_code]
    holiday = rule.holiday
    if holiday is None:
        return lambda day: ()
    source = lookup.holiday_source(rule, market)
    languages = [
        (locale, lookup.holiday_language(source.country, locale)) for locale in market.locales
    ]

    def names(day: date) -> tuple[tuple[str, str], ...]:
        found = []
        for locale, language in languages:
            name = language and public_holidays.local_name(
                source.country, source.subdiv, source.categories, day, holiday, language
            )
            if name:
                found.append((locale, name))
        return tuple(found)

    return names


def _timing(
    market: Market, schedule: Schedule, day: date, event: EventOccurrence | None, today: date
) -> Timing:
    send_day, note = _send_day(
        market, day + timedelta(days=schedule.offset_days), schedule.avoid_holidays
    )
    hour, minute = (int(p) for p in schedule.local_time.split(":"))
    send_at, clock = local_time(send_day, time(hour, minute), ZoneInfo(market.timezone))
    if clock:
        note = f"{note}; {clock}" if note else clock
    days_left = (event.date - today).days if event else None
    return Timing(send_at, event, days_left, note)


def local_time(day: date, at: time, zone: ZoneInfo) -> tuple[datetime, str | None]:
    """`at` on `day` in `zone`, with a note when the clocks change around it.

    A time the spring-forward gap skips (02:30 in New York on 8 March 2026) becomes the same
    instant read on the new clock (03:30), rather than a wall time no clock shows. A time the
    fall-back repeats (01:30 in New York on 1 November 2026) is the first of the two (fold=0,
    still on summer time), so the send never waits an extra hour."""
    wall = datetime.combine(day, at, tzinfo=zone)
    real = wall.astimezone(UTC).astimezone(zone)
    where = f"on {day.isoformat()} in {zone.key}"
    if real.replace(tzinfo=None) != wall.replace(tzinfo=None):
        return real, (
            f"{at:%H:%M} does not exist {where} (clocks go forward): sent at {real:%H:%M}"
        )
    later = wall.replace(fold=1)
    if later.utcoffset() != wall.utcoffset():
        return wall, (
            f"{at:%H:%M} happens twice {where} (clocks go back): sent at the first, "
            f"{wall:%H:%M %Z} ({wall.astimezone(UTC):%H:%M} UTC), not the second, "
            f"{later:%H:%M %Z} ({later.astimezone(UTC):%H:%M} UTC)"
        )
    return wall, None


def campaign_timing(
    project: Project, campaign: Campaign, market: str, today: date, year: int | None = None
) -> Timing | Skip:
    """When `campaign` goes out in `market`, or why it does not go out there.

    The occurrence is the first on or after `today` in the campaign's `schedule.year`, else
    `year` (`--year`) (the year's first when all are past); unpinned, the next on or after
    `today`: built on the day after Black Friday, a Black Friday campaign is next year's, and
    built between 2 January and 23 December 2033, an Eid al-Fitr campaign is December's.
    Raises ContentError, located at the events.yaml rule, when the market's rule gives no
    date in that year.
    """
    schedule = campaign.schedule
    if schedule is None:
        return Timing()
    pinned = schedule.year or year
    found = _occurrences(project, schedule, market, pinned or today.year)
    if isinstance(found, Skip):
        return found
    coming = [f for f in found if f[0] >= today]
    if not coming and not pinned:
        later = _occurrences(project, schedule, market, today.year + 1)
        assert not isinstance(later, Skip)
        coming = later
    day, event = (coming or found)[0]
    return _timing(project.markets[market], schedule, day, event, today)


def year_timings(
    project: Project, campaign: Campaign, market: str, year: int
) -> list[Timing] | Skip:
    """A send for every occurrence in `year` (or the campaign's own `schedule.year`): what
    `mailglot calendar` lists."""
    schedule = campaign.schedule
    if schedule is None:
        return []
    found = _occurrences(project, schedule, market, schedule.year or year)
    if isinstance(found, Skip):
        return found
    start = date(year, 1, 1)
    return [_timing(project.markets[market], schedule, d, e, start) for d, e in found]
