"""The .eml of a job: bulk-sender headers, reproducible ids, subjects that survive the wire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes, policy

import pytest

from mailglot.render.eml import Envelope, build_eml, message_id

SUBJECTS = [
    "عرض الجمعة السوداء: خصم 40٪ على سنة كاملة يا أليكس",
    "ブラックフライデー：年間プランが40％オフ、Alexさん。お見逃しなく！",
    "Zażółć gęślą jaźń: 40% zniżki na cały rok, Alex",
    "🎉 Black Friday 🔥 40% off a whole year 🍿🎬",
    "Ünïcödé" + " très long sujet" * 12,
    "Re: =?utf-8?q?looks_encoded?= but is what the translator wrote",
]
PARIS = timezone(timedelta(hours=1))


def envelope(subject: str = "Hello", **kw: object) -> Envelope:
    values: dict[str, object] = {
        "sender": "Streamly <hello@streamly.example>",
        "to": "alex@example.com",
        "subject": subject,
        "lang": "fr-FR",
        "job_id": "black_friday/fr_FR/a",
        "send_at": datetime(2026, 11, 26, 9, 0, tzinfo=PARIS),
        "unsubscribe_url": "https://streamly.example/u/sample",
    }
    values.update(kw)
    return Envelope(**values)  # type: ignore[arg-type]


def parse(data: bytes):
    return message_from_bytes(data, policy=policy.default)


@pytest.mark.parametrize("subject", SUBJECTS)
def test_every_subject_survives_encode_then_parse(subject: str):
    raw = build_eml(envelope(subject), text="x", html="<p>x</p>")
    assert parse(raw)["Subject"] == subject
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert raw.isascii()  # 7-bit headers: encoded words, never raw UTF-8


NO_BREAK_SUBJECTS = [
    "Black Friday\u00a0: -40\u00a0% sur un an",  # the example's fr_FR subject
    "Komm zurück und spar 50\u00a0%",
    "Dernière chance\u202f! -50\u00a0% pour votre retour",  # narrow no-break space
    "【ブラックフライデー】\u3000年間プランが40%オフ",  # ideographic space
]


@pytest.mark.parametrize("subject", NO_BREAK_SUBJECTS)
def test_a_translations_no_break_and_ideographic_spaces_arrive_as_written(subject: str):
    """A subject is read by a mail client as the translator wrote it: French "40 %" must not
    reach the inbox with a plain space that lets "%" wrap onto a line of its own."""
    raw = build_eml(envelope(subject), text="x", html="<p>x</p>")
    assert parse(raw)["Subject"] == subject
    assert raw.isascii()


def test_a_line_break_in_a_translated_subject_cannot_end_the_header():
    raw = build_eml(envelope("Hello\r\nBcc: victim@example.net"), text="x", html="x")
    msg = parse(raw)
    assert msg["Subject"] == "Hello Bcc: victim@example.net"
    assert msg["Bcc"] is None


def test_bulk_sender_headers():
    raw = build_eml(
        envelope(unsubscribe_mailto="unsubscribe@streamly.example"), text="x", html="<p>x</p>"
    )
    msg = parse(raw)
    assert msg["List-Unsubscribe"] == (
        "<https://streamly.example/u/sample>, "
        "<mailto:unsubscribe@streamly.example?subject=unsubscribe>"
    )
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Date"] == "Thu, 26 Nov 2026 09:00:00 +0100"
    assert msg["Message-ID"].endswith(".black_friday.fr_FR.a@streamly.example>")
    assert msg["Content-Language"] == "fr-FR"


def test_one_click_needs_https():
    """RFC 8058: the POST goes to an https URL; a mailto alone gets no one-click header."""
    msg = parse(
        build_eml(
            envelope(unsubscribe_url="http://streamly.example/u", unsubscribe_mailto="u@s.example"),
            text="x",
            html="x",
        )
    )
    assert msg["List-Unsubscribe"] == "<mailto:u@s.example?subject=unsubscribe>"
    assert msg["List-Unsubscribe-Post"] is None


def test_reproducible_and_changed_content_gets_a_new_message_id():
    first = build_eml(envelope(), text="x", html="<p>x</p>")
    assert build_eml(envelope(), text="x", html="<p>x</p>") == first
    changed = build_eml(envelope(), text="y", html="<p>y</p>")
    assert parse(changed)["Message-ID"] != parse(first)["Message-ID"]


def test_message_id_is_the_same_from_text_or_its_utf8_bytes():
    sender = "Streamly <hello@streamly.example>"
    # sha256("promo/fr_FR/a\0" + content), then the job id with dots for its slashes
    expected = "<8ca217e9e1f5a31bc2f9.promo.fr_FR.a@streamly.example>"
    got = message_id("promo/fr_FR/a", sender, "Soldes d'été · 9,99 €")
    assert got == expected
    assert message_id("promo/fr_FR/a", sender, "Soldes d'été · 9,99 €".encode()) == expected
    pieces = (b"Soldes d'", "été · ".encode(), "9,99 €".encode())
    assert message_id("promo/fr_FR/a", sender, pieces) == expected  # hashed one by one
    assert message_id("promo/de_DE/a", sender, "x").endswith(".promo.de_DE.a@streamly.example>")
    assert got != message_id("promo/fr_FR/b", sender, "Soldes d'été · 9,99 €")


def test_unscheduled_campaign_has_no_invented_date():
    assert parse(build_eml(envelope(send_at=None), text="x", html="x"))["Date"] is None


def test_one_moment_in_two_zones_is_dated_in_each():
    """Equal datetimes (one moment) in other zones are written each in its own: the Date
    header remembered for one is not the other's."""
    paris = datetime(2026, 11, 26, 9, 0, tzinfo=PARIS)
    london = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    assert paris == london
    dates = [
        parse(build_eml(envelope(send_at=at), text="x", html="x"))["Date"]
        for at in (paris, london, paris)
    ]
    assert dates == [
        "Thu, 26 Nov 2026 09:00:00 +0100",
        "Thu, 26 Nov 2026 08:00:00 +0000",
        "Thu, 26 Nov 2026 09:00:00 +0100",
    ]
