"""iCalendar export: events as all-day entries, sends at their exact UTC time, so a marketing
team can import the plan into Google Calendar, Outlook or Apple Calendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from mailglot.calendars.listing import Entry


def to_ics(
    entries: list[Entry], brand: str, year: int, now: datetime, domain: str = "mailglot"
) -> bytes:
    """UIDs name the event or campaign, market and year, not the day: importing a newer export
    after a schedule changed moves the entry instead of adding a second one. `now` (aware) is
    the export's DTSTAMP, passed in by the CLI."""
    cal = Calendar()
    cal.add("prodid", "-//mailglot//campaign calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{brand} campaigns {year}")
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for entry in entries:
        if entry.day is None:  # a skipped market: nothing to put in a calendar
            continue
        item = Event()
        item.add("uid", f"{entry.kind}-{entry.ref}-{entry.market}-{year}@{domain}")
        item.add("dtstamp", stamp)
        if entry.kind == "event":
            item.add("summary", f"{entry.title} ({entry.market})")
            item.add("dtstart", entry.day)
            item.add("dtend", entry.day + timedelta(days=1))
            item.add("transp", "TRANSPARENT")
        else:
            assert entry.utc is not None
            item.add("summary", f"Send {entry.ref} ({entry.market})")
            item.add("dtstart", entry.utc)
            item.add("dtend", entry.utc + timedelta(minutes=30))
            if entry.note:
                item.add("description", entry.note)
        item.add("categories", [entry.market])
        cal.add_component(item)
    return cal.to_ical()
