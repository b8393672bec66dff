"""A campaign's schedule, resolved per market: the send time in the market's time zone, or
the reason the market is skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mailglot.calendars import public_holidays
from mailglot.calendars.rules import RuleError, resolve
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
    first, names = day, []
    while (found := market_holidays(market, day.year).get(day)) is not None:
        names.append(found[0])
        day += timedelta(days=1)
    if day == first:
        return day, None
    return day, f"moved from {first.isoformat()} ({', '.join(names)}, a public holiday)"


def _occurrence(
    project: Project, schedule: Schedule, market_code: str, year: int
) -> tuple[date, EventOccurrence | None] | Skip:
    """The day the schedule is about in `year`: the event's date in that market, or the fixed
    date; ContentError (located at the rule) when the market's rule has no date that year."""
    if schedule.event is None:
        if isinstance(schedule.date, date):
            return schedule.date, None
        assert isinstance(schedule.date, str)  # MM-DD, checked when the campaign loaded
        month, dom = (int(p) for p in schedule.date.split("-"))
        return date(year, month, dom), None
    event = project.events[schedule.event]
    if market_code not in event.markets:
        observed = ", ".join(event.markets) or "no market"
        return Skip(
            f"{market_code} does not observe {schedule.event} "
            f"(calendars/events.yaml lists {observed})"
        )
    try:
        day = resolve(project.events, project.markets, schedule.event, market_code, year)
    except RuleError as exc:
        raise ContentError([exc.diagnostic(f" (needed to schedule {market_code})")]) from None
    return day, EventOccurrence(schedule.event, event.name, day)


def _timing(
    market: Market, schedule: Schedule, day: date, event: EventOccurrence | None, today: date
) -> Timing:
    send_day, note = _send_day(
        market, day + timedelta(days=schedule.offset_days), schedule.avoid_holidays
    )
    hour, minute = (int(p) for p in schedule.local_time.split(":"))
    send_at, skipped = _local(send_day, time(hour, minute), ZoneInfo(market.timezone))
    if skipped:
        gap = (
            f"{schedule.local_time} does not exist on {send_day.isoformat()} in "
            f"{market.timezone} (clocks go forward): sent at {send_at:%H:%M}"
        )
        note = f"{note}; {gap}" if note else gap
    days_left = (event.date - today).days if event else None
    return Timing(send_at, event, days_left, note)


def _local(day: date, at: time, zone: ZoneInfo) -> tuple[datetime, bool]:
    """`at` on `day` in `zone`; a time that the spring-forward gap skips (02:30 in New York on
    8 March 2026) becomes the same instant read on the new clock (03:30), rather
    than a wall time no clock shows. True when that happened."""
    wall = datetime.combine(day, at, tzinfo=zone)
    real = wall.astimezone(UTC).astimezone(zone)
    return real, real.replace(tzinfo=None) != wall.replace(tzinfo=None)


def campaign_timing(
    project: Project, campaign: Campaign, market: str, today: date, year: int | None = None
) -> Timing | Skip:
    """When `campaign` goes out in `market`, or why it does not go out there.

    The year is the campaign's `schedule.year`, else `year` (`--year`), else that of the next
    occurrence of the event (or date) on or after `today`: built on the day after Black Friday,
    a Black Friday campaign is next year's. Raises ContentError, located at the events.yaml
    rule, when the market's rule gives no date in that year.
    """
    schedule = campaign.schedule
    if schedule is None:
        return Timing()
    found = _occurrence(project, schedule, market, schedule.year or year or today.year)
    pinned = schedule.year is not None or year is not None
    if not pinned and not isinstance(found, Skip) and found[0] < today:
        found = _occurrence(project, schedule, market, today.year + 1)
    if isinstance(found, Skip):
        return found
    day, event = found
    return _timing(project.markets[market], schedule, day, event, today)
