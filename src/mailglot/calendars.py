"""When each campaign is sent in each market.

(Core placeholder: campaigns without a schedule get no send time. The calendars issue
replaces this with holiday calendars, event rules and time zones.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mailglot.project.campaigns import Campaign
    from mailglot.project.loader import Project


@dataclass(frozen=True)
class EventOccurrence:
    id: str
    name: str  # msgid, translated at render time
    date: date


@dataclass(frozen=True)
class Timing:
    send_at: datetime | None = None  # aware, in the market's time zone
    event: EventOccurrence | None = None


@dataclass(frozen=True)
class Skip:
    reason: str


def campaign_timing(
    project: Project, campaign: Campaign, market: str, today: date, year: int | None = None
) -> Timing | Skip:
    return Timing()
