"""The .ics export updates cleanly: same UIDs, a SEQUENCE that grows when an entry moves, and
the same bytes when nothing changed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar

from mailglot.calendars.ics import to_ics
from mailglot.calendars.listing import Entry


def _items(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def _send(hour: int) -> Entry:
    local = datetime(2027, 11, 25, hour, 0, tzinfo=UTC)
    return Entry("GB", local.date(), "send", "black_friday", "black_friday", local)


EVENT = Entry("GB", date(2027, 11, 26), "event", "Black Friday", "black_friday")
FIRST = datetime(2026, 11, 29, 22, 0, 30, tzinfo=UTC)
LATER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_sequence_counts_minutes_since_2020_at_the_last_change():
    data = to_ics([EVENT, _send(9)], "Streamly", 2027, FIRST, "streamly.example")
    items = _items(data)
    send = items["send-black_friday-GB-2027@streamly.example"]
    # 2020-01-01 -> 2026-11-29 22:00 UTC: 2524 days and 22 hours
    assert int(send["sequence"]) == 2524 * 24 * 60 + 22 * 60
    assert send.decoded("dtstamp") == datetime(2026, 11, 29, 22, 0, 30, tzinfo=UTC)


def test_a_moved_send_gets_a_higher_sequence_the_rest_are_kept():
    before = to_ics([EVENT, _send(9)], "Streamly", 2027, FIRST, "streamly.example")
    after = to_ics([EVENT, _send(11)], "Streamly", 2027, LATER, "streamly.example", before)
    old, new = _items(before), _items(after)
    uid = "send-black_friday-GB-2027@streamly.example"
    assert new[uid].decoded("dtstart") == datetime(2027, 11, 25, 11, 0, tzinfo=UTC)
    assert int(new[uid]["sequence"]) > int(old[uid]["sequence"])
    assert new[uid].decoded("dtstamp") == LATER
    event = "event-black_friday-GB-2027@streamly.example"
    assert int(new[event]["sequence"]) == int(old[event]["sequence"])
    assert new[event].decoded("dtstamp") == old[event].decoded("dtstamp")


def test_a_moved_send_exported_elsewhere_still_has_a_higher_sequence():
    """No previous file at hand (a new path, another machine): the clock still orders them."""
    before = to_ics([_send(9)], "Streamly", 2027, FIRST)
    after = to_ics([_send(11)], "Streamly", 2027, LATER)
    [old], [new] = _items(before).values(), _items(after).values()
    assert int(new["sequence"]) > int(old["sequence"])


def test_an_unchanged_plan_exports_the_same_bytes(example: Path, cli, tmp_path: Path):
    ics = tmp_path / "plan.ics"
    args = ("calendar", "--year", "2027", "--market", "FR", "--ics", str(ics))
    assert cli(example, *args).exit_code == 0
    first = ics.read_bytes()
    assert cli(example, *args).exit_code == 0
    assert ics.read_bytes() == first
    # move the send: the same entry, a higher SEQUENCE
    campaign = example / "campaigns/black_friday.yaml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace('local_time: "09:00"', 'local_time: "10:30"'), "utf-8")
    assert cli(example, *args).exit_code == 0
    old, new = _items(first), _items(ics.read_bytes())
    uid = "send-black_friday-FR-2027@streamly.example"
    assert set(old) == set(new)
    assert new[uid].decoded("dtstart") == datetime(2027, 11, 25, 9, 30, tzinfo=UTC)
    assert int(new[uid]["sequence"]) > int(old[uid]["sequence"])
