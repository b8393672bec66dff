"""When each campaign is sent in each market: holiday calendars, event rules, send times.

`public_holidays` wraps python-holidays (cached), `lookup` says where a `holiday:` rule looks
and where a missing name lives, `rules` resolves events.yaml per market and year,
`rule_checks` finds the mistakes that hold in any year, `scheduling` turns a campaign's
schedule into a send time (or a reason to skip the market), `listing` and `ics` show a year.
"""

from __future__ import annotations

from mailglot.calendars.scheduling import EventOccurrence, Skip, Timing, campaign_timing

__all__ = ["EventOccurrence", "Skip", "Timing", "campaign_timing"]
