"""`calendars/markets.yaml`: the countries a brand mails, each with its locales and legal identity."""

from __future__ import annotations

import zoneinfo

from babel.numbers import get_currency_name
from pydantic import BaseModel, ConfigDict, Field, field_validator

from mailglot.i18n.formatting import DIGITS_CHOICES
from mailglot.project.settings import locale_code
from mailglot.project.validation import refuse_yaml_boolean


class HolidayCalendar(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str
    subdiv: str | None = None
    categories: list[str] = Field(default_factory=list)

    @field_validator("country", "subdiv", mode="before")
    @classmethod
    def _not_boolean(cls, v: object) -> object:
        return refuse_yaml_boolean(v)


class Market(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    locales: list[str] = Field(min_length=1, description="First is the market's default locale.")
    timezone: str
    currency: str
    holidays: HolidayCalendar | None = None
    address: str = Field("", description="Legal postal address for the footer (CAN-SPAM, ...).")
    name: str | None = None
    digits: str = Field(
        "default",
        description="Digits of numbers, prices and dates: a CLDR numbering system (latn, arab, "
        "...), or default for CLDR's choice for the market's locale (arab for ar_SA).",
    )

    @field_validator("digits")
    @classmethod
    def _digits(cls, v: str) -> str:
        if v not in DIGITS_CHOICES:
            raise ValueError(
                f"unknown digits {v!r}; expected latn (0-9), arab (٠-٩), default (CLDR's for "
                f"the locale) or another CLDR numbering system: {', '.join(DIGITS_CHOICES[3:])}"
            )
        return v

    @field_validator("locales")
    @classmethod
    def _locales(cls, v: list[str]) -> list[str]:
        return [locale_code(code) for code in v]

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, v: str) -> str:
        try:
            zoneinfo.ZoneInfo(v)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {v!r}; expected an IANA name like Europe/Paris"
            ) from None
        return v

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str) -> str:
        if len(v) != 3 or not v.isalpha() or not v.isupper() or get_currency_name(v) == v:
            raise ValueError(f"unknown currency {v!r}; expected an ISO 4217 code like EUR")
        return v


MARKET_CODE_HINT = "an ISO 3166 country code like FR, or a code with a subdivision like CA-QC"


def valid_market_code(code: str) -> bool:
    country, _, subdiv = code.partition("-")
    return (
        len(country) == 2
        and country.isalpha()
        and country.isupper()
        and (not _ or (0 < len(subdiv) <= 3 and subdiv.isalnum()))
    )
