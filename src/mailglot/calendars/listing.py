"""Every event and every campaign send of a year, per market: what `mailglot calendar` shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from mailglot.calendars.rules import RuleError, resolve
from mailglot.calendars.scheduling import Skip, campaign_timing

if TYPE_CHECKING:
    from mailglot.project.loader import Project


@dataclass(frozen=True)
class Entry:
    market: str
    day: date
    kind: str  # "event" | "send" | "skip"
    title: str
    ref: str  # event id or campaign id
    local: datetime | None = None
    note: str | None = None

    @property
    def utc(self) -> datetime | None:
        return self.local.astimezone(UTC) if self.local else None


def year_entries(
    project: Project, year: int, markets: tuple[str, ...] = (), today: date | None = None
) -> list[Entry]:
    wanted = [m for m in project.markets if not markets or m in markets]
    entries: list[Entry] = []
    for event_id, event in project.events.items():
        for market in event.markets:
            if market not in wanted:
                continue
            try:
                day = resolve(project.events, project.markets, event_id, market, year)
            except RuleError as exc:
                entries.append(
                    Entry(market, date(year, 1, 1), "skip", event.name, event_id, note=str(exc))
                )
                continue
            entries.append(Entry(market, day, "event", event.name, event_id))
    for cid, campaign in project.campaigns.items():
        if campaign.schedule is None:
            continue
        targets = list(project.markets) if campaign.markets == "all" else campaign.markets
        for market in targets:
            if market not in wanted:
                continue
            timing = campaign_timing(project, campaign, market, today or date(year, 1, 1), year)
            if isinstance(timing, Skip):
                entries.append(
                    Entry(market, date(year, 1, 1), "skip", cid, cid, note=timing.reason)
                )
            elif timing.send_at is not None:
                entries.append(
                    Entry(
                        market, timing.send_at.date(), "send", cid, cid, timing.send_at, timing.note
                    )
                )
    return sorted(entries, key=lambda e: (e.market, e.kind == "skip", e.day, e.kind, e.ref))
