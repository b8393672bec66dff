"""The .eml's parts, encoded with binascii for speed, decode to exactly the text and HTML,
with the transfer encoding the email package's set_content chose (checked against it)."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from mailglot.render.eml import Envelope, build_eml

ENVELOPE = Envelope(
    sender="Streamly <hello@streamly.example>", to="alex@example.com", subject="Hi",
    lang="fr-FR", job_id="c/fr_FR/a", unsubscribe_url="https://streamly.example/u/s",
)  # fmt: skip

BODIES = {
    "short ascii": ("Hello\nWorld\n", "7bit"),
    "short utf-8": ("Prix : 9,99\u00a0€\n", "8bit"),
    "long ascii line": (
        "<p>" + "word " * 60 + "</p>\ntrailing space \n.dot line\n",
        "quoted-printable",
    ),
    "long latin": ("<p>" + "Été déjà prêt à côté. " * 20 + "</p>\n", "base64"),
    "long cjk": ("<p>" + "今週のおすすめ作品を今すぐチェック。" * 20 + "</p>\n", "base64"),
    "crlf input": ("one\r\ntwo\r\n" + "x" * 100 + "\r\n", "quoted-printable"),
}


@pytest.mark.parametrize("name", BODIES)
def test_parts_decode_to_the_input(name: str):
    body, cte = BODIES[name]
    msg = message_from_bytes(build_eml(ENVELOPE, text=body, html=body), policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    assert not msg.defects
    plain, html = msg.iter_parts()
    expected = body.replace("\r\n", "\n")
    for part, subtype in ((plain, "plain"), (html, "html")):
        assert part.get_content_type() == f"text/{subtype}"
        assert part["Content-Transfer-Encoding"] == cte
        assert part.get_content().replace("\r\n", "\n") == expected
        assert not part.defects


def test_every_line_ends_with_crlf_and_stays_short():
    raw = build_eml(ENVELOPE, text="a\n" + "é" * 300, html="<p>" + "x " * 400 + "</p>")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78


def test_headers_are_the_email_packages_own_folding():
    """Headers are folded by EmailMessage once per distinct value and remembered; the bytes
    are the ones a fresh EmailMessage writes for the same header."""
    from email.message import EmailMessage
    from email.policy import SMTP

    sender = "Stréamly Überservice GmbH & Co. KG <hello@streamly.example>"
    raw = build_eml(
        Envelope(sender=sender, to="alex@example.com", subject="Hi", lang="de-DE", job_id="j"),
        text="x",
        html="x",
    )
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    assert raw.startswith(msg.as_bytes()[:-2])


def test_a_line_break_in_a_header_is_still_refused():
    with pytest.raises(ValueError):
        build_eml(
            Envelope(
                sender="Brand <a@b.example>\r\nBcc: victim@example.net",
                to="alex@example.com",
                subject="Hi",
                lang="en",
                job_id="j",
            ),
            text="x",
            html="x",
        )
