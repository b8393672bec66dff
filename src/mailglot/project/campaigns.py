"""`campaigns/<id>.yaml`: what to send, to which markets, when, with which strings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from datetime import date as Date
from datetime import datetime as DateTime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mailglot.invisible import describe, shows_nothing
from mailglot.project.yamlfile import shown

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
VARIANT_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # names a folder in build/: short
# The years a schedule may name (those `--year` takes), and how far from its day a send may
# move: beyond them no calendar has data, and date arithmetic leaves the range of dates.
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_OFFSET_DAYS = 3650


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    event: str | None = None
    date: Date | str | None = Field(None, description="A fixed date: YYYY-MM-DD or MM-DD.")
    offset_days: int = 0
    local_time: str = "09:00"
    avoid_holidays: bool = False
    year: int | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _full_date(cls, v: Any) -> Any:
        """A quoted "2026-11-27" is the same date as an unquoted one (YAML reads only the latter
        as a date); MM-DD strings are checked with the events' rules in project/events.py."""
        typed = v
        if isinstance(v, str) and len(v) > 10:
            with suppress(ValueError):
                v = DateTime.fromisoformat(v)
        if isinstance(v, DateTime):  # it was two errors in pydantic's words, one per type
            shown = typed if isinstance(typed, str) else v.isoformat()
            raise ValueError(
                f"{shown} is a date and a time; expected a date (YYYY-MM-DD or MM-DD): the time "
                'goes in local_time, in each market\'s time zone, like local_time: "10:00"'
            )
        if isinstance(v, str) and len(v) == 10:
            try:
                return Date.fromisoformat(v)
            except ValueError:
                raise ValueError(f"expected YYYY-MM-DD or MM-DD, got {v!r}") from None
        return v

    @field_validator("date")
    @classmethod
    def _date_in_range(cls, v: Date | str | None) -> Date | str | None:
        if isinstance(v, Date) and not FIRST_YEAR <= v.year <= LAST_YEAR:
            raise ValueError(
                f"expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got {v.isoformat()}"
            )
        return v

    @field_validator("year")
    @classmethod
    def _year(cls, v: int | None) -> int | None:
        if v is not None and not FIRST_YEAR <= v <= LAST_YEAR:
            raise ValueError(f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {v}")
        return v

    @field_validator("offset_days")
    @classmethod
    def _offset(cls, v: int) -> int:
        if abs(v) > MAX_OFFSET_DAYS:
            raise ValueError(
                f"expected at most {MAX_OFFSET_DAYS} days before or after the date, got {v}"
            )
        return v

    @field_validator("local_time", mode="before")
    @classmethod
    def _time(cls, v: Any) -> str:
        """09:00 or 9:00, quoted or not (mailglot's YAML reads H:MM as text). A bare number is
        refused: `9` meant 9 o'clock to whoever wrote it, and was taken as 00:09."""
        if isinstance(v, int | float) and not isinstance(v, bool):
            raise ValueError(
                f'{v} is a number, not a time of day; write the time in quotes, like "09:00"'
            )
        found = _TIME.match(v) if isinstance(v, str) else None
        if found is None:
            raise ValueError(f'expected a time like "09:00", got {shown(v)}')
        return f"{int(found.group(1)):02d}:{found.group(2)}"

    @model_validator(mode="after")
    def _one_of(self) -> Schedule:
        if (self.event is None) == (self.date is None):
            raise ValueError("a schedule needs exactly one of 'event' or 'date'")
        if isinstance(self.date, Date) and self.year not in (None, self.date.year):
            raise ValueError(  # the date was sent, the year left unread
                f"year {self.year} and date {self.date.isoformat()} name different years; "
                f"write date: {self.date:%m-%d} with year: {self.year}, or leave year out"
            )
        return self


class Campaign(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    template: str
    markets: list[str] | Literal["all"]
    schedule: Schedule | None = None
    subject: dict[str, str]
    preheader: str = ""
    data: dict[str, Any] = Field(default_factory=dict)

    @field_validator("markets", mode="before")
    @classmethod
    def _markets(cls, v: Any) -> Any:
        if v == "all":
            return v
        if not isinstance(v, list) or not v or not all(isinstance(m, str) for m in v):
            hint = "; did you mean 'all'?" if str(v).lower() == "all" else ""
            raise ValueError(
                f"expected 'all' or a list of market codes like [US, FR], got {shown(v)}{hint}"
            )
        twice = sorted({m for i, m in enumerate(v) if m in v[:i]})
        if twice:  # each job would be built twice into one folder
            raise ValueError(f"market {', '.join(twice)} is listed twice")
        return v

    @field_validator("subject", mode="before")
    @classmethod
    def _subject(cls, v: Any) -> Any:
        if isinstance(v, str):
            if not v.strip():  # gettext's "" is the catalog's header, not a subject
                raise ValueError("the subject line is empty; expected a subject line")
            if shows_nothing(v):
                raise ValueError(
                    f"the subject line shows nothing (only {describe(v)}); expected a subject line"
                )
            return {"a": v}
        if isinstance(v, dict) and v:
            for key, text in v.items():
                if not VARIANT_KEY.match(str(key)):
                    raise ValueError(
                        f"variant name {_short(key)} may hold only letters, digits, - and _ "
                        "(64 at most)"
                    )
                if not isinstance(text, str):
                    raise ValueError(
                        f"subject variant {key!r}: expected a string, got {shown(text)}"
                    )
                if not text.strip():  # gettext's "" is the catalog's header, not a subject
                    raise ValueError(f"subject variant {key!r} is empty; expected a subject line")
                if shows_nothing(text):
                    raise ValueError(
                        f"subject variant {key!r} shows nothing (only {describe(text)}); "
                        "expected a subject line"
                    )
            _one_folder_each(str(k) for k in v)
            return {str(k): t for k, t in v.items()}
        raise ValueError(
            "expected a subject line, or a mapping of A/B variant names to subject lines"
        )

    @field_validator("preheader")
    @classmethod
    def _preheader(cls, v: str) -> str:
        """Empty is no preheader; invisible characters alone are a msgid no translator can
        see, and padding that keeps the body out of the inbox preview belongs in the layout
        (after `{{ preheader }}`), where every campaign gets it."""
        if shows_nothing(v):
            raise ValueError(
                f"the preheader shows nothing (only {describe(v)}); write the words inboxes "
                "show after the subject, or leave preheader out (invisible padding goes in "
                "the layout, after {{ preheader }})"
            )
        return v


def _one_folder_each(keys: Iterable[str]) -> None:
    """Variant keys name folders in build/: `a` and `A` are one folder on macOS and Windows,
    where one variant's files silently replaced the other's."""
    seen: dict[str, str] = {}
    for key in keys:
        other = seen.setdefault(key.lower(), key)
        if other != key:
            raise ValueError(
                f"subject variants {other!r} and {key!r} differ only by case: on macOS and "
                "Windows they are one folder in build/; rename one"
            )


def _short(value: object) -> str:
    """A value quoted in a message, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:36]}...{text[-1]}"
