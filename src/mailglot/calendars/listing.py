"""Every event and every campaign send of a year, per market: what `mailglot calendar` shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from mailglot.calendars import lookup, public_holidays
from mailglot.calendars.rules import RuleError, occurrences
from mailglot.calendars.scheduling import Skip, year_timings
from mailglot.errors import ContentError, Diagnostic

if TYPE_CHECKING:
    from mailglot.calendars.scheduling import EventOccurrence
    from mailglot.project.loader import Project

# a send timed from such an event says so: its date moves with the event's
ESTIMATED_EVENT = "the event's date is estimated by python-holidays and may move by a day"


@dataclass(frozen=True)
class Entry:
    market: str
    day: date | None  # None for a skipped campaign
    kind: str  # "event" | "send" | "skip"
    title: str  # event name (a msgid) or campaign id
    ref: str  # event id or campaign id
    local: datetime | None = None
    note: str | None = None
    n: int = 1  # which occurrence of the year (Eid al-Fitr comes twice in 2033)

    @property
    def utc(self) -> datetime | None:
        return self.local.astimezone(UTC) if self.local else None


@dataclass
class YearPlan:
    year: int
    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def year_entries(project: Project, year: int, markets: tuple[str, ...] = ()) -> YearPlan:
    """Events and sends of `year`, one per occurrence; broken rules and rules with no date
    that year become located problems, not rows."""
    wanted = [m for m in project.markets if not markets or m in markets]
    plan = YearPlan(year, problems=project.event_errors.all())
    for event_id, event in project.events.items():
        for market in event.markets:
            if market not in wanted:
                continue
            try:
                days = occurrences(project.events, project.markets, event_id, market, year)
            except RuleError as exc:
                plan.problems.append(exc.diagnostic(f" (in {market})"))
                continue
            notes = _estimated_notes(project, event_id, market, year, len(days))
            for n, (day, note) in enumerate(zip(days, notes, strict=True), 1):
                plan.entries.append(
                    Entry(market, day, "event", event.name, event_id, None, note, n)
                )
    for cid, campaign in project.campaigns.items():
        for market in project.campaign_markets(campaign):
            if market in wanted:
                _sends(plan, project, cid, market)
    plan.entries.sort(key=lambda e: (e.market, e.day or date.max, e.kind, e.ref))
    plan.problems = list(dict.fromkeys(plan.problems))
    return plan


def _sends(plan: YearPlan, project: Project, cid: str, market: str) -> None:
    try:
        timings = year_timings(project, project.campaigns[cid], market, plan.year)
    except ContentError as exc:
        plan.problems += exc.diagnostics
        return
    if isinstance(timings, Skip):
        plan.entries.append(Entry(market, None, "skip", cid, cid, note=timings.reason))
        return
    for n, timing in enumerate(timings, 1):
        if timing.send_at is not None:
            at = timing.send_at
            note = timing.note
            if timing.event is not None and _is_estimated(project, timing.event, market):
                note = "; ".join(filter(None, (note, ESTIMATED_EVENT)))
            plan.entries.append(Entry(market, at.date(), "send", cid, cid, at, note, n))


def _estimated_notes(
    project: Project, event_id: str, market: str, year: int, count: int
) -> list[str | None]:
    """The note of each of the event's `count` occurrences in `year`: python-holidays'
    "(estimated)" on the holiday the rule reads (through `after:`), else None. The rules'
    offsets keep the order of the dates, so the n-th holiday gives the n-th occurrence; when
    the counts differ, any estimated date marks them all."""
    rule = project.events[event_id].markets[market]
    seen = {event_id}
    while rule.after is not None and rule.after.event not in seen:
        seen.add(rule.after.event)
        rule = project.events[rule.after.event].markets[market]
    if rule.holiday is None:
        return [None] * count
    source = lookup.holiday_source(rule, project.markets[market])
    flags = [
        public_holidays.is_estimated(
            source.country, source.subdiv, source.categories, day, rule.holiday
        )
        for day in lookup.occurrences(source, year, rule.holiday)
    ]
    if len(flags) != count:
        flags = [any(flags)] * count
    return [public_holidays.ESTIMATED if flag else None for flag in flags]


def _is_estimated(project: Project, event: EventOccurrence, market: str) -> bool:
    """Whether the event occurrence a send is timed from has an estimated date."""
    year = event.date.year
    try:
        days = occurrences(project.events, project.markets, event.id, market, year)
    except RuleError:
        return False
    notes = _estimated_notes(project, event.id, market, year, len(days))
    return dict(zip(days, notes, strict=True)).get(event.date) is not None
