"""`calendars/events.yaml`: commercial dates, each with one rule per market that observes it.

A rule is one of (SPEC 2): a public holiday of the market's python-holidays calendar
(`holiday:`), a fixed day (`date: MM-DD`), the nth or last weekday of a month (`weekday:`),
an offset from Easter (`easter:`) or from another event of the same market (`after:`).
A holiday is looked up in every category of the market's calendar and in its subdivision;
`categories:` narrows that, `subdiv:` and `country:` move it (calendars/lookup.py).
Two additions where the SPEC's rules could not say what real calendars need:
`country:` looks a holiday up in another country's calendar (Diwali for the UK, or the day of
Eid itself where a country lists only its public-holiday block), and `unless:` + `move_days:`
moves the date when it clashes with another (France's Mother's Day moves a week when the last
Sunday of May is Pentecost). Any rule may add `days:` to shift the result.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from mailglot.errors import Diagnostic
from mailglot.invisible import describe, shows_nothing
from mailglot.project.campaign_text import calendar_text_problems
from mailglot.project.validation import refuse_yaml_boolean, validate
from mailglot.project.yamlfile import YamlDoc, load_yaml, shown

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
KINDS = ("holiday", "date", "weekday", "easter", "after")
# An offset moves a date within about a year of the one it starts from; a larger one is a
# typo (and 99999999999 days leave the range of dates Python can count).
MAX_DAYS = 366
EVENTS_FILE = "calendars/events.yaml"


def _offset(v: int | None) -> int | None:
    if v is not None and abs(v) > MAX_DAYS:
        raise ValueError(f"expected a number of days from -{MAX_DAYS} to {MAX_DAYS}, got {v}")
    return v


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weekday(Strict):
    n: int = Field(description="1..5 for the nth, -1..-5 counting from the end of the month")
    day: str
    month: int = Field(ge=1, le=12)

    @field_validator("n")
    @classmethod
    def _n(cls, v: int) -> int:
        if v == 0 or not -5 <= v <= 5:
            raise ValueError(f"n must be 1..5 (nth) or -1..-5 (from the end of the month), got {v}")
        return v

    @field_validator("day")
    @classmethod
    def _day(cls, v: str) -> str:
        if v.lower() not in WEEKDAYS:
            close = difflib.get_close_matches(v.lower(), WEEKDAYS, n=1)
            hint = f"; did you mean {close[0]}?" if close else "; expected monday ... sunday"
            raise ValueError(f"unknown weekday {v!r}{hint}")
        return v.lower()


class After(Strict):
    event: str
    days: int = 0

    _days = field_validator("days")(_offset)


def _month_day(v: Any) -> str:
    """MM-DD of every year: 02-29 is refused here, since most years would have no date."""
    text = str(v)
    try:
        month, day = (int(p) for p in text.split("-"))
        date(2024, month, day)
    except (ValueError, TypeError):
        raise ValueError(
            f"expected a day of the year as MM-DD, like 11-11, got {shown(v)}"
        ) from None
    if (month, day) == (2, 29):
        raise ValueError("02-29 exists only in leap years; expected a day that every year has")
    return f"{month:02d}-{day:02d}"


def _any_month_day(v: Any) -> str | None:
    return None if v is None else _month_day(v)


class Clash(Strict):
    """The date a rule's date moves away from: `unless: {date: 13-45}` and `unless: {}`
    passed here and ended the build in a traceback when the rule was first used."""

    easter: int | None = None
    date: str | None = None

    _easter = field_validator("easter")(_offset)
    _date = field_validator("date", mode="before")(_any_month_day)

    @model_validator(mode="after")
    def _one_day(self) -> Clash:
        if (self.easter is None) == (self.date is None):
            raise ValueError("needs exactly one of easter or date (the day that clashes)")
        return self


class Rule(Strict):
    holiday: str | None = None
    categories: list[str] = Field(default_factory=list)
    country: str | None = None
    subdiv: str | None = None
    date: str | None = None
    weekday: Weekday | None = None
    easter: int | None = None
    after: After | None = None
    days: int = 0
    unless: Clash | None = None
    move_days: int = 0
    # Where the rule is written, so a date it cannot give in some year (no 5th Monday in
    # May 2026) is reported at its line when a build or `mailglot calendar` needs it.
    _where: tuple[str, int | None] = PrivateAttr(("", None))

    @property
    def where(self) -> tuple[str, int | None]:
        return self._where

    _offsets = field_validator("easter", "days", "move_days")(_offset)

    _date = field_validator("date", mode="before")(_any_month_day)

    @field_validator("country", "subdiv", mode="before")
    @classmethod
    def _code(cls, v: Any) -> Any:
        return refuse_yaml_boolean(v)

    @model_validator(mode="after")
    def _one_kind(self) -> Rule:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"a rule needs exactly one of {', '.join(KINDS)}"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if (self.categories or self.country or self.subdiv) and self.holiday is None:
            raise ValueError("categories, country and subdiv go with holiday:")
        if self.unless is not None and not self.move_days:
            raise ValueError("unless: needs move_days: (how far to move on a clash)")
        return self


class Event(Strict):
    name: str
    markets: dict[str, Rule]


class _Head(Strict):
    """An event's own keys; its rules are validated one by one, so that one bad rule stops
    only the campaigns and markets that use it."""

    name: str
    markets: dict[str, Any] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not v.strip():  # a msgid: gettext's translation of "" is the catalog's header
            raise ValueError("expected the event's name (a msgid, translated in each locale)")
        if shows_nothing(v):  # templates show it ("3 days to Black Friday"): blank there
            raise ValueError(
                f"the event's name shows nothing (only {describe(v)}); expected the event's "
                "name (a msgid, translated in each locale)"
            )
        return v


@dataclass(frozen=True)
class EventErrors:
    """The mistakes of events.yaml, by what they stop: the whole file (it does not parse),
    one event (its name or markets), or one market's rule."""

    file: tuple[Diagnostic, ...] = ()
    events: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    rules: dict[tuple[str, str], tuple[Diagnostic, ...]] = field(default_factory=dict)

    def of(self, event_id: str, market: str) -> list[Diagnostic]:
        """Why `event_id` has no date in `market`, or [] when its rule is sound."""
        found = [
            *self.file,
            *self.events.get(event_id, ()),
            *self.rules.get((event_id, market), ()),
        ]
        return list(dict.fromkeys(found))

    def all(self) -> list[Diagnostic]:
        found = [*self.file, *(d for ds in self.events.values() for d in ds)]
        found += [d for ds in self.rules.values() for d in ds]
        return list(dict.fromkeys(found))


@dataclass(frozen=True)
class EventsFile:
    doc: YamlDoc | None
    events: dict[str, Event]  # sound rules only
    errors: EventErrors
    ids: tuple[str, ...]  # every event id written, sound or not


def load_events(root: Path, rel: str, locale: str = "en_US") -> EventsFile:
    """events.yaml as written; whether its rules give dates is checked by calendars.rules.
    An event's name reaches emails: it is screened as campaign text is (`locale`: the source
    locale, its language), and a name refused stops only that event, at the name's line."""
    path = root / rel
    if not os.path.lexists(path):  # optional; anything else there (a folder) is read, refused
        return EventsFile(None, {}, EventErrors(), ())
    doc = load_yaml(path, root)
    if doc.problems:
        return EventsFile(doc, {}, EventErrors(file=tuple(doc.problems)), ())
    if doc.data is None:
        return EventsFile(doc, {}, EventErrors(), ())
    if not isinstance(doc.data, dict):
        error = doc.error((), "expected a mapping of event ids to events (name:, markets:)")
        return EventsFile(doc, {}, EventErrors(file=(error,)), ())
    events: dict[str, Event] = {}
    broken: dict[str, tuple[Diagnostic, ...]] = {}
    rules: dict[tuple[str, str], tuple[Diagnostic, ...]] = {}
    for event_id in doc.data:
        head, problems = validate(_Head, doc, (event_id,))
        if head is not None:
            problems = calendar_text_problems(doc, (event_id, "name"), head.name, locale)
        if head is None or problems:
            broken[event_id] = tuple(problems)
            continue
        good: dict[str, Rule] = {}
        for market in head.markets:
            loc = (event_id, "markets", market)
            rule, problems = validate(Rule, doc, loc)
            if rule is None:
                rules[(event_id, str(market))] = tuple(problems)
                continue
            rule._where = (doc.rel, doc.line_of(loc))
            good[str(market)] = rule
        events[event_id] = Event(name=head.name, markets=good)
    return EventsFile(doc, events, EventErrors((), broken, rules), tuple(map(str, doc.data)))


def validate_campaign_schedule(doc: YamlDoc, campaign: Any, events: EventsFile) -> list[Diagnostic]:
    """An event the campaign names must be written in events.yaml; whether its rule works is
    the build's question (a broken rule stops only the markets that need it)."""
    schedule = campaign.schedule
    if schedule is None:
        return []
    errors = []
    known = events.ids
    if schedule.event is not None and schedule.event not in known and not events.errors.file:
        message = _unknown_event(schedule.event, events)
        errors.append(doc.error(("schedule", "event"), message))
    if isinstance(schedule.date, str):
        try:
            _month_day(schedule.date)
        except ValueError as exc:
            errors.append(
                doc.error(("schedule", "date"), f"schedule.date: {exc}, or a full YYYY-MM-DD")
            )
    return errors


def _unknown_event(event_id: str, events: EventsFile) -> str:
    """Why the event a campaign names is not there: with no events.yaml, or one listing no
    events, 'events defined in calendars/events.yaml: none' sent the reader to a file that does
    not exist."""
    known = events.ids
    if not known:
        where = "does not exist" if events.doc is None else "lists no events"
        return (
            f"unknown event {event_id!r}: {EVENTS_FILE} {where}; define {event_id} there (name:, "
            "markets:), or schedule the campaign by date: instead"
        )
    close = difflib.get_close_matches(event_id, list(known), n=1)
    if close:
        return f"unknown event {event_id!r}; did you mean {close[0]!r}?"
    return f"unknown event {event_id!r}; events defined in {EVENTS_FILE}: {', '.join(known)}"
