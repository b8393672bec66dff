"""Every event and every campaign send of a year, per market: what `mailglot calendar` shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from mailglot.calendars.rules import RuleError, resolve
from mailglot.calendars.scheduling import Skip, campaign_timing
from mailglot.errors import ContentError, Diagnostic

if TYPE_CHECKING:
    from mailglot.project.loader import Project


@dataclass(frozen=True)
class Entry:
    market: str
    day: date | None  # None for a skipped campaign
    kind: str  # "event" | "send" | "skip"
    title: str  # event name (a msgid) or campaign id
    ref: str  # event id or campaign id
    local: datetime | None = None
    note: str | None = None

    @property
    def utc(self) -> datetime | None:
        return self.local.astimezone(UTC) if self.local else None


@dataclass
class YearPlan:
    year: int
    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def year_entries(project: Project, year: int, markets: tuple[str, ...] = ()) -> YearPlan:
    """Events and sends of `year` (every campaign is pinned to it, as with `build --year`);
    rules with no date that year become located problems, not rows."""
    wanted = [m for m in project.markets if not markets or m in markets]
    plan = YearPlan(year)
    for event_id, event in project.events.items():
        for market in event.markets:
            if market not in wanted:
                continue
            try:
                day = resolve(project.events, project.markets, event_id, market, year)
            except RuleError as exc:
                plan.problems.append(exc.diagnostic(f" (in {market})"))
                continue
            plan.entries.append(Entry(market, day, "event", event.name, event_id))
    for cid, campaign in project.campaigns.items():
        if campaign.schedule is None:
            continue
        for market in project.campaign_markets(campaign):
            if market not in wanted:
                continue
            try:
                timing = campaign_timing(project, campaign, market, date(year, 1, 1), year)
            except ContentError as exc:
                plan.problems += exc.diagnostics
                continue
            if isinstance(timing, Skip):
                plan.entries.append(Entry(market, None, "skip", cid, cid, note=timing.reason))
            elif timing.send_at is not None:
                plan.entries.append(
                    Entry(
                        market, timing.send_at.date(), "send", cid, cid, timing.send_at, timing.note
                    )
                )
    plan.entries.sort(key=lambda e: (e.market, e.day or date.max, e.kind, e.ref))
    plan.problems = list(dict.fromkeys(plan.problems))
    return plan
