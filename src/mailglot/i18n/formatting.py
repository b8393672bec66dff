"""Locale-aware Jinja filters: dates, numbers, money and percentages as each market writes them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel import dates, numbers


def _as_date(value: Any) -> date | datetime:
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            pass
    raise TypeError(f"expected a date (YYYY-MM-DD) or a datetime, got {value!r}")


def _as_number(value: Any) -> int | float | Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        if isinstance(value, str):
            try:
                return Decimal(value)
            except ArithmeticError:
                pass
        raise TypeError(f"expected a number, got {value!r}")
    return value


def make_filters(babel_locale: str, currency: str, timezone: str) -> dict[str, Any]:
    """Filters bound to one locale and market; `format` takes Babel's names or CLDR patterns."""
    tz = ZoneInfo(timezone)

    def date_filter(value: Any, format: str = "long") -> str:
        v = _as_date(value)
        if isinstance(v, datetime):
            v = v.astimezone(tz).date() if v.tzinfo else v.date()
        return dates.format_date(v, format=format, locale=babel_locale)

    def datetime_filter(value: Any, format: str = "medium") -> str:
        v = _as_date(value)
        if not isinstance(v, datetime):
            v = datetime(v.year, v.month, v.day)
        if v.tzinfo is None:
            v = v.replace(tzinfo=tz)
        return dates.format_datetime(v, format=format, tzinfo=tz, locale=babel_locale)

    def currency_filter(value: Any, code: str | None = None, format: str | None = None) -> str:
        return numbers.format_currency(
            _as_number(value), code or currency, format=format, locale=babel_locale
        )

    def number_filter(value: Any, decimals: int | None = None) -> str:
        v = _as_number(value)
        if decimals is None:
            return numbers.format_decimal(v, locale=babel_locale)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return numbers.format_decimal(v, format=pattern, locale=babel_locale)

    def percent_filter(value: Any) -> str:
        """`40` means forty percent, as campaign data writes it."""
        return numbers.format_percent(Decimal(str(_as_number(value))) / 100, locale=babel_locale)

    return {
        "date": date_filter,
        "datetime": datetime_filter,
        "currency": currency_filter,
        "number": number_filter,
        "percent": percent_filter,
    }
