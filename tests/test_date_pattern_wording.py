"""A date pattern's wrong field is told as CLDR and Babel see it: `cc` is not too long (c
takes 1 and 3 to 6 letters), U and r are CLDR fields Babel does not format (they were "not a
CLDR date field"), and a single O, which Babel takes and writes as 'None' ("00:00 None"), is
refused. Told at the template's line, in every locale; the welcome campaign still builds."""

from __future__ import annotations

import pytest
from hostile.harness import build_template_cases, lines_of

EXAMPLE = "short, medium, long, full or a CLDR pattern such as 'd MMMM y'"
CASES: dict[str, tuple[str, str]] = {
    "gap-in-lengths": (
        '{{ "2027-01-02"|date("cc") }}',
        "the date filter's format 'cc': 'cc' is not a length 'c' takes (1, 3-6)",
    ),
    "too-long": (
        '{{ "2027-01-02"|date("dddd") }}',
        "the date filter's format 'dddd': 'dddd' is too long: 'd' takes at most 3 letters",
    ),
    "cyclic-year": (
        '{{ "2027-01-02"|date("U") }}',
        "the date filter's format 'U': 'U' is a CLDR date field (the cyclic year's name) that "
        f"Babel, which formats the dates, does not support; expected {EXAMPLE}",
    ),
    "related-year": (
        '{{ "2027-01-02"|date("r") }}',
        "the date filter's format 'r': 'r' is a CLDR date field (the related Gregorian year) "
        f"that Babel, which formats the dates, does not support; expected {EXAMPLE}",
    ),
    "single-o": (
        '{{ "2027-01-02T00:00:00+01:00"|datetime("HH:mm O") }}',
        "the datetime filter's format 'HH:mm O': 'O': Babel writes 'None' for it: write "
        "'OOOO' (GMT+01:00) or 'ZZZZZ' (+01:00)",
    ),
}


@pytest.fixture(scope="module")
def patterns_build(tmp_path_factory: pytest.TempPathFactory):
    calls = {cid: call for cid, (call, _) in CASES.items()}
    return build_template_cases(tmp_path_factory.mktemp("patterns"), calls)


@pytest.mark.parametrize("cid", CASES)
def test_a_date_pattern_field_is_told_as_cldr_and_babel_see_it(cid: str, patterns_build) -> None:
    planted, result = patterns_build
    shown = lines_of(result)
    expected = f"templates/t_{cid}.mjml.j2:2: {CASES[cid][1]} [error: template]"
    assert f"{expected} (2 jobs: t_{cid}/en_US/a, t_{cid}/fr_FR/a)" in shown, "\n".join(shown)
    assert "Traceback" not in result.output
    assert planted.built("welcome/en_US/a") and planted.built("welcome/fr_FR/a")
