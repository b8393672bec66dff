"""Locale-aware Jinja filters: dates, numbers, money and percentages as each market writes them.

Digits follow the market's `digits:` (a CLDR numbering system): `default` is CLDR's choice for
the locale (Arabic-Indic `arab` for ar_SA and ar_EG, Latin for ar_AE and ar_MA), `latn` and
`arab` (or another system below) force one. Babel's `numbering_system` picks the separators
(`9٫99` in `arab`) but leaves the digits Latin, so the digits are swapped here, on the
formatted text of each filter only.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

from mailglot.errors import MailglotError
from mailglot.i18n.date_patterns import EXAMPLE, pattern_problem

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


class FilterInputError(MailglotError, TypeError):
    """A value a filter cannot write: for a number, a word, text that YAML did not read as a
    number (`1e308`), NaN, infinity or more digits than Babel formats; for a date, anything
    but a date or an ISO 8601 text. The job fails at the template line
    with this message (the filter, the value and what was expected), not with the
    `decimal.InvalidOperation` Babel raises. `value` is what the filter got (None for a
    filter's own argument): a value typed in campaign data is then located at its line
    (render/data_origin.py)."""

    def __init__(self, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.value = value


# Babel formats in decimal's default context, 28 digits in all: 25 before the point leave
# room for the decimals (the bound campaign data is held to, project/campaign_data.py).
MAX_DIGITS = 25


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_date(value: Any, name: str) -> date | datetime:
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            pass
    raise FilterInputError(
        f"the {name} filter got {_shown(value)}: expected a date (YYYY-MM-DD) or a datetime",
        value,
    )


def _as_number(value: Any, name: str) -> int | float | Decimal:
    """`name`: the filter, for the error."""
    number: int | float | Decimal | None = None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        with suppress(ArithmeticError):  # decimal.InvalidOperation: not a number
            number = Decimal(value.strip())
    if number is None:
        raise FilterInputError(
            f"the {name} filter got {_shown(value)}: expected a number such as 9.99", value
        )
    exact = Decimal(number)
    if not exact.is_finite():
        raise FilterInputError(
            f"the {name} filter got {_shown(value)}: expected a finite number such as 9.99", value
        )
    if abs(exact) >= 10**MAX_DIGITS:
        raise _too_long(name, value)
    return number


def _too_long(name: str, value: Any) -> FilterInputError:
    return FilterInputError(
        f"the {name} filter got {_shown(value)}, more digits than it can write: expected a "
        f"number of at most {MAX_DIGITS} digits before the decimal point, and 28 in all",
        value,
    )


# What Babel raises on a pattern it cannot use (ValueError "Invalid length for field")
_BABEL_ERRORS = (ValueError, AttributeError, KeyError, TypeError, IndexError)
MAX_DECIMALS = 20


def _check_pattern(format: Any, name: str) -> None:
    problem = pattern_problem(format, name)
    if problem is not None:
        raise FilterInputError(f"the {name} filter's format {_shown(format)}: {problem}")


def _unwritable(name: str, format: Any, exc: Exception) -> FilterInputError:
    return FilterInputError(
        f"the {name} filter cannot write the format {_shown(format)} ({exc}); expected {EXAMPLE}"
    )


def _check_decimals(decimals: Any) -> None:
    """`number(2)`: the count of decimals. A pattern such as "#,##0.##" was taken for it
    and failed with "can't multiply sequence by non-int of type 'str'"."""
    if decimals is None:
        return
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise FilterInputError(
            f"the number filter takes the number of decimals, got {_shown(decimals)}: write "
            "number(2) for two decimals (the locale writes the separators)"
        )
    if not 0 <= decimals <= MAX_DECIMALS:
        raise FilterInputError(
            f"the number filter got {decimals} decimals: expected 0 to {MAX_DECIMALS}"
        )


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
        v = _as_date(value, "date")
        _check_pattern(format, "date")
        if isinstance(v, datetime):
            v = v.astimezone(tz).date() if v.tzinfo else v.date()
        try:
            return dates.format_date(v, format=format, locale=babel_locale)
        except _BABEL_ERRORS as exc:
            raise _unwritable("date", format, exc) from None

    def datetime_filter(value: Any, format: str = "medium") -> str:
        v = _as_date(value, "datetime")
        _check_pattern(format, "datetime")
        if not isinstance(v, datetime):
            v = datetime(v.year, v.month, v.day)
        if v.tzinfo is None:
            v = v.replace(tzinfo=tz)
        try:
            return dates.format_datetime(v, format=format, tzinfo=tz, locale=babel_locale)
        except _BABEL_ERRORS as exc:
            raise _unwritable("datetime", format, exc) from None

    def currency_filter(value: Any, code: str | None = None, format: str | None = None) -> str:
        v = _as_number(value, "currency")
        try:
            return numbers.format_currency(
                v, code or currency, format=format, locale=babel_locale, numbering_system=system
            )
        except ArithmeticError:
            raise _too_long("currency", value) from None

    def number_filter(value: Any, decimals: int | None = None) -> str:
        v = _as_number(value, "number")
        _check_decimals(decimals)
        pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
        try:
            return numbers.format_decimal(
                v, format=pattern, locale=babel_locale, numbering_system=system
            )
        except ArithmeticError:
            raise _too_long("number", value) from None

    def percent_filter(value: Any) -> str:
        """`40` means forty percent, as campaign data writes it."""
        share = Decimal(str(_as_number(value, "percent"))) / 100
        try:
            text = numbers.format_percent(share, locale=babel_locale, numbering_system=system)
        except ArithmeticError:
            raise _too_long("percent", value) from None
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
