"""When each campaign is sent in each market: holiday calendars, event rules, send times.

`public_holidays` wraps python-holidays, `rules` resolves events.yaml per market and year,
`scheduling` turns a campaign's schedule into a send time (or a reason to skip the market),
`ics` exports the result for calendar apps.
"""

from __future__ import annotations

from mailglot.calendars.scheduling import EventOccurrence, Skip, Timing, campaign_timing

__all__ = ["EventOccurrence", "Skip", "Timing", "campaign_timing"]
