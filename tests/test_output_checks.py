"""Output checks: literal HTML and text in, exact findings out, one row per case."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from mailglot.checks import content
from mailglot.checks.output import Output
from mailglot.checks.registry import OUTPUT_CHECKS, run_output_checks
from mailglot.errors import Diagnostic
from tests.test_output import sample_meta

ADDRESS = "Streamly SAS, 10 rue de la Paix, 75002 Paris, France"
GOOD_HTML = '<p>Hi</p><img src="a.png" alt="Logo"><a href="{{unsubscribe_url}}">Unsubscribe</a>'
PATH = "build/winback/fr_FR/a/email.html"


def output(html: str = GOOD_HTML, text: str = ADDRESS, **changes: object) -> Output:
    base = Output(
        path=PATH,
        html=html,
        text=text,
        meta=sample_meta(findings=(), visual=None),
        max_html_bytes=102_000,
        address=ADDRESS,
        unsubscribe_tag="{{unsubscribe_url}}",
        subject_columns=45,
    )
    return replace(base, **changes)


CONTENT = {code: fn for code, fn in OUTPUT_CHECKS.items() if fn.__module__ == content.__name__}


def found(out: Output) -> list[tuple[str, str, str]]:
    """What the content checks (this module's subject) find; other families have their own
    test modules."""
    return [(code, *finding) for code, check in CONTENT.items() for finding in check(out)]


def test_a_clean_email_has_no_findings() -> None:
    assert found(output()) == []


CASES = [
    (
        "size.clipping",
        output(max_html_bytes=50),
        "warning",
        f"HTML is {len(GOOD_HTML):,} bytes; Gmail clips messages over 50 bytes and hides the "
        "rest, unsubscribe link included",
    ),
    (
        "a11y.alt",
        output(html=GOOD_HTML + '<img src="hero.jpg" width="600">'),
        "warning",
        '1 image(s) without alt text (shown when images are off): <img src="hero.jpg" width="600">',
    ),
    (
        "a11y.alt",
        output(html=GOOD_HTML + "<IMG\nSRC=x>"),
        "warning",
        "1 image(s) without alt text (shown when images are off): <IMG\nSRC=x>",
    ),
    (
        "legal.address",
        output(text="Streamly SAS, Paris"),
        "error",
        f"the market's postal address {ADDRESS!r} is not in the email (required in commercial "
        "email by CAN-SPAM and similar laws)",
    ),
    (
        "legal.unsubscribe",
        output(html='<a href="https://streamly.example/prefs">Unsubscribe</a>'),
        "error",
        "no link to the unsubscribe URL ({{unsubscribe_url}}) in the email",
    ),
    (
        "subject.length",
        output(meta=sample_meta(subject_preview="Alex, " + "x" * 40)),
        "warning",
        f"subject {'Alex, ' + 'x' * 40!r} is 46 columns wide; phone inboxes show about 45 (CJK "
        "characters count twice), so it will be cut",
    ),
    (
        "subject.length",
        output(meta=sample_meta(subject_preview="ブラックフライデー：年間プランが40%オフ、今だけ")),
        "warning",
        "subject 'ブラックフライデー：年間プランが40%オフ、今だけ' is 47 columns wide; phone "
        "inboxes show about 45 (CJK characters count twice), so it will be cut",
    ),
]


@pytest.mark.parametrize(("code", "out", "severity", "message"), CASES)
def test_each_check_reports_its_problem(code: str, out: Output, severity: str, message: str):
    assert found(out) == [(code, severity, message)]


@pytest.mark.parametrize(
    "out",
    [
        output(max_html_bytes=len(GOOD_HTML)),  # exactly at the limit
        output(html=GOOD_HTML + '<img src="x" ALT="">'),  # alt="" is a decorative image
        output(address=""),  # a market without an address to check
        output(unsubscribe_tag=None),  # no unsubscribe field in the project
        output(html=GOOD_HTML.replace('href="', "href = '").replace('">', "'>")),
        output(meta=sample_meta(subject_preview="x" * 45)),
        output(meta=sample_meta(locale="en_XA", subject_preview="[Ŝûƀĵéçţ ~~~~~~~~~~~]" * 3)),
    ],
)
def test_what_is_not_a_problem(out: Output) -> None:
    assert found(out) == []


def test_findings_are_located_at_the_jobs_delivered_html() -> None:
    findings = [d for d in run_output_checks(output(text="")) if d.code in CONTENT]
    assert findings == [Diagnostic(PATH, None, "legal.address", "error", findings[0].message)]


def test_every_content_check_is_registered_and_has_a_case() -> None:
    assert {code for code, *_ in CASES} == set(CONTENT)
    assert set(CONTENT) == {
        "size.clipping",
        "a11y.alt",
        "legal.address",
        "legal.unsubscribe",
        "subject.length",
    }


def test_the_list_is_complete_in_a_fresh_interpreter() -> None:
    """Registration on import once left the registry empty on its first use."""
    code = "from mailglot.checks.registry import OUTPUT_CHECKS; print(sorted(OUTPUT_CHECKS))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == str(sorted(OUTPUT_CHECKS))
    assert len(OUTPUT_CHECKS) >= 5


def test_size_counts_utf8_bytes_not_characters() -> None:
    """Near the limit the email is measured in bytes: 30,000 CJK characters are 90,000."""
    wide = "<p>" + "字" * 30_000 + "</p>"
    size = len(wide.encode())
    assert size == 90_007
    assert not list(content.html_size(output(html=wide, max_html_bytes=size)))
    [(severity, message)] = content.html_size(output(html=wide, max_html_bytes=size - 1))
    assert severity == "warning" and message.startswith("HTML is 90,007 bytes")
