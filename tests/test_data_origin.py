"""A filter's wrong value typed in campaign data is reported at the value's line in the
campaign, where the fix goes, with the template line that applied the filter; it was
reported at the template line alone, which is right as written."""

from __future__ import annotations

import json
from pathlib import Path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _errors(cli, example: Path, *args: str) -> tuple[int, list[dict]]:
    result = cli(example, "build", "--no-screenshots", "--json", *args)
    document = json.loads(result.stdout)
    return result.exit_code, [f for f in document["findings"] if f["severity"] == "error"]


def test_a_date_typed_the_wrong_way_is_at_its_campaign_line(cli, example: Path):
    _replace(example / "campaigns/winback.yaml", "expires: 2027-01-31", 'expires: "31/01/2027"')
    code, errors = _errors(cli, example, "--campaign", "winback", "--locale", "fr_FR")
    assert code == 1
    assert {(e["path"], e["line"], e["code"], e["message"]) for e in errors} == {
        (
            "campaigns/winback.yaml",
            12,
            "template",
            "data.expires: the date filter got '31/01/2027': expected a date (YYYY-MM-DD) or "
            "a datetime (at templates/winback.mjml.j2:15)",
        )
    }


def test_one_markets_wrong_price_fails_that_markets_jobs_at_its_line(cli, example: Path):
    _replace(example / "campaigns/renewal.yaml", "DE: 13.99", "DE: cheap")
    code, errors = _errors(cli, example, "--campaign", "renewal")
    assert code == 1
    [error] = {(e["path"], e["line"], e["message"], e["job"]) for e in errors if e["job"]}
    assert error[:3] == (
        "campaigns/renewal.yaml",
        10,
        "data.price.by_market.DE: the currency filter got 'cheap': expected a number such as "
        "9.99 (at templates/renewal.mjml.j2:8)",
    )
    assert error[3] == "renewal/de_DE/a"
    assert (example / "build/renewal/fr_FR/a/email.html").is_file()  # the others build


def test_a_value_that_is_not_one_of_the_data_keeps_the_template_line(cli, example: Path):
    """Two fields holding the same text: which one the template used cannot be told."""
    _replace(
        example / "campaigns/winback.yaml",
        "expires: 2027-01-31",
        'expires: "31/01/2027"\n  shown_until: "31/01/2027"',
    )
    code, errors = _errors(cli, example, "--campaign", "winback", "--locale", "fr_FR")
    assert code == 1
    assert {(e["path"], e["line"], e["message"]) for e in errors} == {
        (
            "templates/winback.mjml.j2",
            15,
            "the date filter got '31/01/2027': expected a date (YYYY-MM-DD) or a datetime",
        )
    }
