"""Numbers, money and dates as each locale writes them (Babel/CLDR data)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from mailglot.i18n.formatting import make_filters
from tests.conftest import run_cli

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("locale", "currency", "value", "expected"),
    [
        ("fr_FR", "EUR", 9.99, f"9,99{NBSP}€"),
        ("de_DE", "EUR", 13.99, f"13,99{NBSP}€"),
        ("en_US", "USD", 17.99, "$17.99"),
        ("en_GB", "GBP", 12.99, "£12.99"),
        ("ja_JP", "JPY", 1980, "￥1,980"),
        ("pt_BR", "BRL", 55.9, f"R${NBSP}55,90"),
        ("es_MX", "MXN", 299, "$299.00"),
    ],
)
def test_currency_in_the_markets_currency(locale, currency, value, expected):
    assert make_filters(locale, currency, "UTC")["currency"](value) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_US", "December 15, 2026"),
        ("en_GB", "15 December 2026"),
        ("fr_FR", "15 décembre 2026"),
        ("de_DE", "15. Dezember 2026"),
        ("ja_JP", "2026年12月15日"),
        ("pt_BR", "15 de dezembro de 2026"),
    ],
)
def test_long_dates(locale, expected):
    assert make_filters(locale, "EUR", "UTC")["date"](date(2026, 12, 15)) == expected


def test_percent_means_percent_points():
    assert make_filters("fr_FR", "EUR", "UTC")["percent"](50) == f"50{NBSP}%"
    assert make_filters("en_US", "USD", "UTC")["percent"](40) == "40%"
    assert make_filters("de_DE", "EUR", "UTC")["percent"](40) == f"40{NBSP}%"


def test_datetime_in_the_markets_timezone():
    fmt = make_filters("en_US", "USD", "America/New_York")["datetime"]
    utc_noon = datetime.fromisoformat("2026-11-26T14:00:00+00:00")
    assert fmt(utc_noon, "short") == f"11/26/26, 9:00{NNBSP}AM"


def test_number_and_wrong_types():
    f = make_filters("de_DE", "EUR", "UTC")
    assert f["number"](1234567.5) == "1.234.567,5"
    assert f["number"](3, 2) == "3,00"
    with pytest.raises(TypeError) as exc:
        f["currency"]("lots")
    assert str(exc.value) == "the currency filter got 'lots': expected a number such as 9.99"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "currency",
            "1e308",
            "the currency filter got '1e308', more digits than it can write: "
            "expected a number of at most 25 digits before the decimal point, and 28 in all",
        ),
        (
            "number",
            10**25,
            "the number filter got 10000000000000000000000000, more digits than "
            "it can write: expected a number of at most 25 digits before the decimal point, and 28 "
            "in all",
        ),
        ("percent", "NaN", "the percent filter got 'NaN': expected a finite number such as 9.99"),
        (
            "number",
            float("inf"),
            "the number filter got inf: expected a finite number such as 9.99",
        ),
        ("number", True, "the number filter got True: expected a number such as 9.99"),
        ("date", "soon", "the date filter got 'soon': expected a date (YYYY-MM-DD) or a datetime"),
    ],
)
def test_a_value_a_filter_cannot_write_is_named_with_what_was_expected(name, value, message):
    """Babel said 'InvalidOperation: [<class 'decimal.InvalidOperation'>]' for 1e308."""
    with pytest.raises(TypeError) as exc:
        make_filters("fr_FR", "EUR", "UTC")[name](value)
    assert str(exc.value) == message


def test_the_largest_number_the_filters_take_is_still_written():
    assert make_filters("fr_FR", "EUR", "UTC")["number"](10**25 - 1) == (
        "9\u202f999\u202f999\u202f999\u202f999\u202f999\u202f999\u202f999\u202f999"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "1e308",
            "the currency filter got '1e308', more digits than it can write: expected a "
            "number of at most 25 digits before the decimal point, and 28 in all",
        ),
        ("nine", "the currency filter got 'nine': expected a number such as 9.99"),
    ],
)
def test_a_price_that_is_text_fails_its_job_at_the_campaign_line(
    example: Path, written: str, message: str
) -> None:
    """YAML reads an unquoted 1e308 as text (a float needs a point: 1.0e+308). The value is
    the campaign's mistake: located there, with the template line that applied the filter."""
    campaign = example / "campaigns/renewal.yaml"
    campaign.write_text(campaign.read_text().replace("FR: 13.49", f"FR: {written}"))
    result = run_cli(
        example,
        "build",
        "--campaign",
        "renewal",
        "--locale",
        "fr_FR",
        "--locale",
        "de_DE",
        "--no-screenshots",
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"campaigns/renewal.yaml:10: data.price.by_market.FR: {message} (at "
        "templates/renewal.mjml.j2:8) [error: template] (1 job: renewal/fr_FR/a)"
    )
    assert (example / "build/renewal/de_DE/a/email.html").is_file()


RLM = "\u200f"


@pytest.mark.parametrize(
    ("digits", "price", "count", "percent", "day"),
    [
        # what Saudi brands mostly print in email: Latin digits, CLDR's Arabic separators off
        ("latn", f"{RLM}9.99{NBSP}ر.س.{RLM}", "1,234.5", "40%", "27 نوفمبر 2026"),
        # CLDR's ar_SA: Arabic-Indic digits, Arabic decimal and group separators, ٪ sign
        ("arab", f"{RLM}٩٫٩٩{NBSP}ر.س.{RLM}", "١٬٢٣٤٫٥", "٤٠٪\u061c", "٢٧ نوفمبر ٢٠٢٦"),
        ("default", f"{RLM}٩٫٩٩{NBSP}ر.س.{RLM}", "١٬٢٣٤٫٥", "٤٠٪\u061c", "٢٧ نوفمبر ٢٠٢٦"),
    ],
)
def test_saudi_digits_both_ways(digits, price, count, percent, day):
    f = make_filters("ar_SA", "SAR", "Asia/Riyadh", digits)
    assert f["currency"](9.99) == price
    assert f["number"](1234.5) == count
    assert f["percent"](40) == percent
    assert f["date"](date(2026, 11, 27)) == day


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ar_EG", "١٬٢٣٤٫٥"),  # CLDR: Arabic-Indic in Egypt
        ("ar_AE", "1,234.5"),  # CLDR: Latin in the Emirates
        ("fa_IR", "۱٬۲۳۴٫۵"),  # extended Arabic-Indic for Persian
        ("fr_FR", f"1{NNBSP}234,5"),
    ],
)
def test_default_digits_are_cldrs_for_the_locale(locale, expected):
    assert make_filters(locale, "EUR", "UTC", "default")["number"](1234.5) == expected
