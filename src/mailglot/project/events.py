"""`calendars/events.yaml`: commercial dates, each with one rule per market that observes it.

A rule is one of (SPEC 2): a public holiday of the market's python-holidays calendar
(`holiday:`), a fixed day (`date: MM-DD`), the nth or last weekday of a month (`weekday:`),
an offset from Easter (`easter:`) or from another event of the same market (`after:`).
Two additions where the SPEC's rules could not say what real calendars need:
`country:` looks a holiday up in another country's calendar (Diwali for the UK, or the day of
Eid itself where a country lists only its public-holiday block), and `unless:` + `move_days:`
moves the date when it clashes with another (France's Mother's Day moves a week when the last
Sunday of May is Pentecost). Any rule may add `days:` to shift the result.
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from mailglot.errors import Diagnostic
from mailglot.project.validation import validate
from mailglot.project.yamlfile import YamlDoc, load_yaml

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
KINDS = ("holiday", "date", "weekday", "easter", "after")


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


class Clash(Strict):
    easter: int | None = None
    date: str | None = None


def _month_day(v: Any) -> str:
    """MM-DD of every year: 02-29 is refused here, since most years would have no date."""
    text = str(v)
    try:
        month, day = (int(p) for p in text.split("-"))
        date(2024, month, day)
    except (ValueError, TypeError):
        raise ValueError(f"expected a day of the year as MM-DD, like 11-11, got {v!r}") from None
    if (month, day) == (2, 29):
        raise ValueError("02-29 exists only in leap years; expected a day that every year has")
    return f"{month:02d}-{day:02d}"


class Rule(Strict):
    holiday: str | None = None
    categories: list[str] = Field(default_factory=list)
    country: str | None = None
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

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        return None if v is None else _month_day(v)

    @model_validator(mode="after")
    def _one_kind(self) -> Rule:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"a rule needs exactly one of {', '.join(KINDS)}"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if (self.categories or self.country) and self.holiday is None:
            raise ValueError("categories and country go with holiday:")
        if self.unless is not None and not self.move_days:
            raise ValueError("unless: needs move_days: (how far to move on a clash)")
        return self


class Event(Strict):
    name: str
    markets: dict[str, Rule]


def load_events(root: Path, rel: str) -> tuple[YamlDoc | None, dict[str, Event], list[Diagnostic]]:
    """The events as written; whether their rules give dates is checked by calendars.rules."""
    path = root / rel
    if not path.is_file():
        return None, {}, []
    doc = load_yaml(path, root)
    if doc.problems:
        return doc, {}, doc.problems
    if doc.data is None:
        return doc, {}, []
    if not isinstance(doc.data, dict):
        return (
            doc,
            {},
            [doc.error((), "expected a mapping of event ids to events (name:, markets:)")],
        )
    events: dict[str, Event] = {}
    errors: list[Diagnostic] = []
    for event_id in doc.data:
        event, problems = validate(Event, doc, (event_id,))
        errors += problems
        if event is not None:
            for market, rule in event.markets.items():
                rule._where = (doc.rel, doc.line_of((event_id, "markets", market)))
            events[event_id] = event
    return doc, events, errors


def validate_campaign_schedule(
    doc: YamlDoc, campaign: Any, events: dict[str, Event]
) -> list[Diagnostic]:
    schedule = campaign.schedule
    if schedule is None:
        return []
    errors = []
    if schedule.event is not None and schedule.event not in events:
        close = difflib.get_close_matches(schedule.event, list(events), n=1)
        hint = (
            f"did you mean {close[0]!r}?"
            if close
            else f"events defined in calendars/events.yaml: {', '.join(events) or 'none'}"
        )
        errors.append(doc.error(("schedule", "event"), f"unknown event {schedule.event!r}; {hint}"))
    if isinstance(schedule.date, str):
        try:
            _month_day(schedule.date)
        except ValueError as exc:
            errors.append(
                doc.error(("schedule", "date"), f"schedule.date: {exc}, or a full YYYY-MM-DD")
            )
    return errors
