"""`serve` follows the build's rule for an input it cannot read: the jobs that use it fail with
the build's located error and keep their earlier outputs (the translated email is never
rendered in English over them), the other jobs rebuild, and the jobs rebuild once the input
can be read again. Serve re-renders the email on screen itself, before its background build:
that path must keep the rule too. Real serve, real saves, real Chromium, on the example."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.test_serve import chromium, edit, email_text, running, wait_in_email
from tests.test_serve_fast import Logged

__all__ = ["chromium"]  # the browser fixture, shared with test_serve

JOB = "black_friday/de_DE/a"
CATALOG = "locales/de_DE/LC_MESSAGES/messages.po"
TEMPLATE = "templates/promo.mjml.j2"
OFFER = '{{ _("Our best offer of the year") }}'
ERROR = f"{CATALOG}: cannot read: it is a folder, not a file; not built, earlier outputs kept"


def wait_rebuilt(served: Logged, changed: str, timeout: float = 120) -> dict:
    """Wait until serve has seen the save of `changed` and its background build has ended;
    the status then."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, seen, after = served.log().rpartition(f"changed: {changed}")
        if seen and " -> " in after:  # the background build's summary line
            return served.wait_idle(timeout)
        time.sleep(0.1)
    raise AssertionError(f"no rebuild after saving {changed}:\n{served.log()}")


@pytest.fixture
def built(example: Path, cli) -> Path:
    result = cli(example, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    return example


@pytest.fixture
def served(built: Path) -> Iterator[Logged]:
    catalog = built / CATALOG
    (built.parent / "saved.po").write_bytes(catalog.read_bytes())
    catalog.unlink()
    catalog.mkdir()  # a folder where the catalog should be
    with running(Logged(built), timeout=300) as server:
        yield server


def test_a_catalog_serve_cannot_read_keeps_the_translated_email_and_recovers(
    served: Logged, built: Path, chromium
) -> None:
    folder = built / "build" / JOB
    kept = {name: (folder / name).read_bytes() for name in ("email.txt", "email.html")}
    assert "Unser bestes Angebot des Jahres" in kept["email.txt"].decode()
    english = built / "build/black_friday/en_US/a/email.txt"

    page = chromium.new_page()
    page.goto(f"{served.base}/{JOB}/")
    wait_in_email(page, "Unser bestes Angebot des Jahres")
    overlay = page.locator("#mailglot-overlay .panel")
    expect(overlay).to_contain_text(ERROR, timeout=30_000)  # from serve's first build

    # A template save while the catalog cannot be read: serve re-renders the email on
    # screen first; the job fails as in a build and its translated files stay as they were.
    edit(built, TEMPLATE, OFFER, OFFER + " Kiwi")
    status = wait_rebuilt(served, TEMPLATE)
    assert "Our best offer of the year Kiwi" in english.read_text(encoding="utf-8")
    assert {name: (folder / name).read_bytes() for name in kept} == kept
    errors = [e for e in status["errors"] if e["path"] == CATALOG]
    assert [(e["code"], e["message"]) for e in errors] == [("unreadable", ERROR.split(": ", 1)[1])]
    assert JOB in errors[0]["scope"] and "black_friday/en_US/a" not in errors[0]["scope"]
    expect(overlay).to_contain_text(ERROR)
    text = email_text(page)
    assert "Unser bestes Angebot des Jahres" in text and "Kiwi" not in text

    # The catalog is back (with a new translation): the jobs rebuild and the error goes.
    saved = (built.parent / "saved.po").read_text(encoding="utf-8")
    (built / CATALOG).rmdir()
    (built / CATALOG).write_text(
        saved.replace('"Unser bestes Angebot des Jahres"', '"Unser allerbestes Angebot"'), "utf-8"
    )
    wait_in_email(page, "Unser allerbestes Angebot Kiwi")
    status = wait_rebuilt(served, CATALOG)
    assert "Unser allerbestes Angebot Kiwi" in (folder / "email.txt").read_text(encoding="utf-8")
    assert [e for e in status["errors"] if e["path"] == CATALOG] == []
    expect(overlay).to_be_hidden(timeout=30_000)
    page.close()
