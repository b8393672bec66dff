"""A campaign's schedule, resolved per market: the send time in the market's time zone, or
the reason the market is skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mailglot.calendars import public_holidays

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


def _fixed_date(schedule: Schedule, year: int) -> date:
    value = schedule.date
    if isinstance(value, date):
        return value
    assert isinstance(value, str)
    if len(value) == 10:
        return date.fromisoformat(value)
    month, dom = (int(p) for p in value.split("-"))
    return date(year, month, dom)


def _for_year(
    project: Project, campaign: Campaign, market_code: str, year: int, today: date
) -> Timing | Skip:
    from mailglot.calendars.rules import RuleError, resolve

    schedule = campaign.schedule
    assert schedule is not None
    market = project.markets[market_code]
    occurrence = None
    if schedule.event is not None:
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
            return Skip(f"{schedule.event} has no date in {market_code} in {year}: {exc}")
        occurrence = EventOccurrence(schedule.event, event.name, day)
    else:
        try:
            day = _fixed_date(schedule, year)
        except ValueError:
            return Skip(f"{schedule.date} does not exist in {year}")
    send_day, note = _send_day(
        market, day + timedelta(days=schedule.offset_days), schedule.avoid_holidays
    )
    hour, minute = (int(p) for p in schedule.local_time.split(":"))
    send_at = datetime.combine(send_day, time(hour, minute), tzinfo=ZoneInfo(market.timezone))
    days_left = (occurrence.date - today).days if occurrence else None
    return Timing(send_at, occurrence, days_left, note)


def campaign_timing(
    project: Project, campaign: Campaign, market: str, today: date, year: int | None = None
) -> Timing | Skip:
    """The year is the campaign's `schedule.year`, else `--year`, else the next send on or
    after the build date."""
    schedule = campaign.schedule
    if schedule is None:
        return Timing()
    fixed = (
        schedule.year or year or (schedule.date.year if isinstance(schedule.date, date) else None)
    )
    if fixed is None and isinstance(schedule.date, str) and len(schedule.date) == 10:
        fixed = int(schedule.date[:4])
    timing = _for_year(project, campaign, market, fixed or today.year, today)
    if (
        fixed is None
        and isinstance(timing, Timing)
        and timing.send_at
        and timing.send_at.date() < today
    ):
        timing = _for_year(project, campaign, market, today.year + 1, today)
    return timing
