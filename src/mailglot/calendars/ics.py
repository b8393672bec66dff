"""iCalendar export: events as all-day entries, sends at their exact UTC time, so a marketing
team can import the plan into Google Calendar, Outlook or Apple Calendar.

A re-import must update an entry, never add a second one: UIDs name the event or campaign,
market, year and occurrence (not the day), and SEQUENCE grows whenever an entry changes.
SEQUENCE is the number of minutes from 2020-01-01 UTC to the export that last changed the
entry: it only grows, whichever file a team exports to, and when the previous export is the
file being replaced, unchanged entries keep their SEQUENCE and DTSTAMP, so exporting an
unchanged plan rewrites the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from mailglot.calendars.listing import Entry

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
DIGEST = "X-MAILGLOT-DIGEST"  # what the entry said, to tell a changed entry from a kept one


def _uid(entry: Entry, year: int, domain: str) -> str:
    nth = f"-{entry.n}" if entry.n > 1 else ""
    return f"{entry.kind}-{entry.ref}-{entry.market}-{year}{nth}@{domain}"


def _item(entry: Entry) -> Event:
    item = Event()
    if entry.kind == "event":
        assert entry.day is not None
        item.add("summary", f"{entry.title} ({entry.market})")
        item.add("dtstart", entry.day)
        item.add("dtend", entry.day + timedelta(days=1))
        item.add("transp", "TRANSPARENT")
    else:
        assert entry.utc is not None
        item.add("summary", f"Send {entry.ref} ({entry.market})")
        item.add("dtstart", entry.utc)
        item.add("dtend", entry.utc + timedelta(minutes=30))
    if entry.note:  # why a send moved; an estimated holiday date
        item.add("description", entry.note)
    item.add("categories", [entry.market])
    return item


def _digest(item: Event) -> str:
    return hashlib.sha256(item.to_ical()).hexdigest()[:16]


def previous_versions(data: bytes | None) -> dict[str, tuple[int, datetime, str]]:
    """UID -> (SEQUENCE, DTSTAMP, digest) of an earlier export; {} when there is none or it
    does not parse (it is then simply replaced)."""
    found: dict[str, tuple[int, datetime, str]] = {}
    if not data:
        return found
    with contextlib.suppress(ValueError, KeyError, TypeError):
        for item in Calendar.from_ical(data).walk("VEVENT"):
            stamp = item.decoded("dtstamp")
            found[str(item["uid"])] = (int(item["sequence"]), stamp, str(item[DIGEST]))
    return found


def to_ics(
    entries: list[Entry],
    brand: str,
    year: int,
    now: datetime,
    domain: str = "mailglot",
    previous: bytes | None = None,
) -> bytes:
    """`now` (aware) is the export's time, passed in by the CLI; `previous` the file this
    export replaces, if any."""
    cal = Calendar()
    cal.add("prodid", "-//mailglot//campaign calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{brand} campaigns {year}")
    stamp = now.astimezone(UTC).replace(microsecond=0)
    minutes = int((stamp - EPOCH).total_seconds() // 60)
    before = previous_versions(previous)
    for entry in entries:
        if entry.day is None:  # a skipped market: nothing to put in a calendar
            continue
        item = _item(entry)
        digest = _digest(item)
        uid = _uid(entry, year, domain)
        sequence, dtstamp = minutes, stamp
        if uid in before:
            old_sequence, old_stamp, old_digest = before[uid]
            if old_digest == digest:
                sequence, dtstamp = old_sequence, old_stamp
            else:
                sequence = max(minutes, old_sequence + 1)
        item.add("uid", uid)
        item.add("dtstamp", dtstamp)
        item.add("sequence", sequence)
        item.add(DIGEST, digest)
        cal.add_component(item)
    return cal.to_ical()
