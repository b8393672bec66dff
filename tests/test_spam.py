"""The indicative spam score: SpamAssassin for real when it is installed (skipped otherwise:
`apt-get install spamassassin`), and the parsing of its report."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mailglot.checks.spam import find_spamassassin, parse_reports, score, spam_finding
from mailglot.render.eml import Envelope, build_eml

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
needs_spamassassin = pytest.mark.skipif(
    find_spamassassin() is None, reason="SpamAssassin not installed (apt-get install spamassassin)"
)

# What SpamAssassin 4.0.1 prints after a message with -t (a real run, trimmed).
REPORT = """X-Mailglot-Index: 0
Subject: hi

Content analysis details:   (3.7 points, 5.0 required)

 pts rule name              description
---- ---------------------- --------------------------------------------------
-0.0 NO_RECEIVED            Informational: message has no Received headers
 0.5 SUBJ_ALL_CAPS          Subject is all capitals
 0.7 HTML_FONT_LOW_CONTRAST BODY: HTML font color similar or identical to
                            background

"""


def test_report_is_parsed_with_continued_descriptions():
    [(index, result)] = parse_reports(REPORT).items()
    assert index == 0 and (result.score, result.required) == (3.7, 5.0)
    assert [r.name for r in result.counted] == ["SUBJ_ALL_CAPS", "HTML_FONT_LOW_CONTRAST"]
    assert result.rules[-1].description == (
        "BODY: HTML font color similar or identical to background"
    )


def message(subject: str, body: str, send_at: datetime | None = None) -> bytes:
    envelope = Envelope(
        "Streamly <hello@streamly.example>",
        "alex@example.com",
        subject,
        "en-US",
        "planted/en_US/a",
        send_at,
        "https://streamly.example/u/sample",
    )
    html = f'<html lang="en-US"><body><p>{body}</p></body></html>'
    return build_eml(envelope, text=body, html=html)


@needs_spamassassin
def test_a_planted_spammy_subject_scores_higher_and_names_the_rule():
    calm = message("Your December picks", "Hello Alex, three films we think you will like.")
    shouty = message("FREE MONEY ACT NOW", "Hello Alex, three films we think you will like.")
    calm_score, shouty_score = score([calm, shouty], NOW, find_spamassassin())
    assert "SUBJ_ALL_CAPS" in {r.name for r in shouty_score.counted}
    assert "SUBJ_ALL_CAPS" not in {r.name for r in calm_score.rules}
    assert shouty_score.score > calm_score.score
    finding = spam_finding("build/planted/en_US/a/email.eml", shouty_score)
    assert finding.code == "spam.score" and finding.severity == "info"
    assert "SUBJ_ALL_CAPS +0.5 (Subject is all capitals)" in finding.message
    assert "indicative" in finding.message


@needs_spamassassin
def test_unscheduled_messages_are_scored_with_a_date_as_send_would_add():
    [result] = score([message("Hello", "Hello Alex.")], NOW, find_spamassassin())
    assert "MISSING_DATE" not in {r.name for r in result.rules}


@needs_spamassassin
def test_check_spam_scores_every_built_email(tmp_path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    result = cli(project, "check", "--spam", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output[: result.output.rindex("}") + 1])
    scores = [f for f in document["findings"] if f["code"] == "spam.score"]
    assert len({f["job"] for f in scores}) == len(scores) == document["summary"]["jobs"] == 3
    assert all(f["path"].endswith("/email.eml") and "indicative" in f["message"] for f in scores)


def test_check_spam_without_spamassassin_says_how_to_install(tmp_path, cli, monkeypatch):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    cli(project, "build", "--no-screenshots")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    result = cli(project, "check", "--spam")
    assert result.exit_code == 0
    assert "SpamAssassin is not installed, so there is no spam score: install it" in result.output
    assert "sudo apt-get install spamassassin" in result.output
