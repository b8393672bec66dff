"""Locale-aware Jinja filters: dates, numbers, money and percentages as each market writes them.

Digits follow the market's `digits:` (a CLDR numbering system): `default` is CLDR's choice for
the locale (Arabic-Indic `arab` for ar_SA and ar_EG, Latin for ar_AE and ar_MA), `latn` and
`arab` (or another system below) force one. Babel's `numbering_system` picks the separators
(`9٫99` in `arab`) but leaves the digits Latin, so the digits are swapped here, on the
formatted text of each filter only.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

# CLDR numbering systems whose ten digits are consecutive code points, by their zero
ZEROS = {
    "latn": "0",
    "arab": "\u0660",  # ٠١٢٣٤٥٦٧٨٩ Arabic-Indic
    "arabext": "\u06f0",  # ۰۱۲۳۴۵۶۷۸۹ Persian, Urdu
    "beng": "\u09e6",
    "deva": "\u0966",
    "gujr": "\u0ae6",
    "guru": "\u0a66",
    "khmr": "\u17e0",
    "knda": "\u0ce6",
    "laoo": "\u0ed0",
    "mlym": "\u0d66",
    "mymr": "\u1040",
    "orya": "\u0b66",
    "tamldec": "\u0be6",
    "telu": "\u0c66",
    "thai": "\u0e50",
    "tibt": "\u0f20",
}
DIGITS_CHOICES = ("default", *ZEROS)


def numbering_system(babel_locale: str, digits: str) -> str:
    """`default` -> CLDR's numbering system for the locale (Latin where it has no digits of
    its own here); any other choice as given."""
    if digits != "default":
        return digits
    system = Locale.parse(babel_locale).default_numbering_system
    return system if system in ZEROS else "latn"


def _transliterate(system: str) -> dict[int, str]:
    zero = ord(ZEROS[system])
    return {ord("0") + i: chr(zero + i) for i in range(10)}


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


def make_filters(
    babel_locale: str, currency: str, timezone: str, digits: str = "latn"
) -> dict[str, Any]:
    """Filters bound to one locale and market; `format` takes Babel's names or CLDR patterns.
    `digits` is the market's setting (see the module docstring)."""
    tz = ZoneInfo(timezone)
    system = numbering_system(babel_locale, digits)
    table = _transliterate(system)
    filters = _filters(babel_locale, currency, tz, system)
    if system == "latn":
        return filters
    return {name: _with_digits(f, table) for name, f in filters.items()}


def _with_digits(f: Any, table: dict[int, str]) -> Any:
    def wrapped(*args: Any, **kwargs: Any) -> str:
        return f(*args, **kwargs).translate(table)

    return wrapped


def _filters(babel_locale: str, currency: str, tz: ZoneInfo, system: str) -> dict[str, Any]:

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
            _as_number(value),
            code or currency,
            format=format,
            locale=babel_locale,
            numbering_system=system,
        )

    def number_filter(value: Any, decimals: int | None = None) -> str:
        v = _as_number(value)
        if decimals is None:
            return numbers.format_decimal(v, locale=babel_locale, numbering_system=system)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return numbers.format_decimal(
            v, format=pattern, locale=babel_locale, numbering_system=system
        )

    def percent_filter(value: Any) -> str:
        """`40` means forty percent, as campaign data writes it."""
        text = numbers.format_percent(
            Decimal(str(_as_number(value))) / 100, locale=babel_locale, numbering_system=system
        )
        if system == "latn":
            return text
        # Babel keeps "%" whatever the system; CLDR's arab percent sign is "٪" + ALM
        sign = Locale.parse(babel_locale).number_symbols[system].get("percentSign", "%")
        return text.replace("%", sign)

    return {
        "date": date_filter,
        "datetime": datetime_filter,
        "currency": currency_filter,
        "number": number_filter,
        "percent": percent_filter,
    }
