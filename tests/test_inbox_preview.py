"""The inbox preview text: what an inbox shows under the subject (the preheader, then the
body's first words until the preview is full), the preheader.leak check, and the gallery's
inbox row, on literal HTML and on the example project built through the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from mailglot.checks.output import Output
from mailglot.checks.presend import preheader_leak
from mailglot.checks.preview_text import inbox_preview
from mailglot.records import InboxPreview, JobMeta
from tests.conftest import copy_example, gallery_page, run_cli

FR_PREHEADER = "12 mois de Premium à prix réduit. Offre valable jusqu'au Black Friday à minuit."
# What inboxes show for black_friday/fr_FR/a without padding: the preheader, then the
# wordmark, the hero's kicker and headline and the start of its text, cut at 140 columns.
FR_BODY = "Streamly Black Friday -40\u00a0% sur un an d'abonnement Toutes le…"
LAYOUT = "templates/layouts/base.mjml.j2"
PADDED = "{{ preheader }}{% for _ in range(100) %}&zwnj;&nbsp;{% endfor %}</mj-preview>"


def _email(preheader: str, body: str) -> str:
    hidden = '<div style="display:none;font-size:1px;max-height:0px;overflow:hidden;">'
    return (
        "<!doctype html><html><head><title>Subject</title><style>p{color:red}</style></head>"
        f"<body>{hidden}{preheader}</div>{body}</body></html>"
    )


def test_preview_is_the_preheader_then_the_body_as_clients_read_it() -> None:
    body = (
        "<!--[if mso | IE]><table><tr><td>Outlook only</td></tr></table><![endif]-->"
        '<img src="logo.png" alt="Streamly logo"><style>.x{color:red}</style>'
        "<div><p>Hello   <b>Al</b>ex,\n\n</p><p>new&nbsp;episodes &amp; more</p></div>"
        "<!--[if !mso]><!--><p>Not for Outlook</p><!--<![endif]-->"
    )
    preview = inbox_preview(_email("Back  with\nnew episodes.", body))
    assert preview == InboxPreview(
        "Back with new episodes.", "Hello Alex, new\u00a0episodes & more Not for Outlook", 0
    )


def test_padding_after_the_preheader_keeps_the_body_out() -> None:
    padded = inbox_preview(_email("Offer ends tonight." + "&zwnj;&nbsp;" * 100, "<p>Body</p>"))
    assert padded == InboxPreview("Offer ends tonight.", "", 200)
    # 40 filler characters: 19 + 40 + 1 columns, so 80 of the body's 140 still show.
    short = inbox_preview(_email("Offer ends tonight." + "&zwnj;&nbsp;" * 20, "<p>" + "x" * 90))
    assert short == InboxPreview("Offer ends tonight.", "x" * 80 + "…", 40)


def test_wide_characters_take_two_columns_and_nested_blocks_stay_in_the_preheader() -> None:
    preview = inbox_preview(_email("お知らせ<div>です</div>", "<p>" + "本" * 100 + "</p>"))
    # 'お知らせ です' is 13 columns, a space 1: 126 columns left, 63 wide characters.
    assert preview == InboxPreview("お知らせ です", "本" * 63 + "…", 0)


def test_stray_and_unclosed_markup_end_the_walk_without_error() -> None:
    html = '<body><p>a < b and <a href="x>y">link</a> <!-- never closed <p>hidden'
    assert inbox_preview(html) == InboxPreview("", "a < b and link", 0)
    assert inbox_preview('<body><p>Hello <p title="x" unclosed') == InboxPreview("", "Hello", 0)
    assert inbox_preview('<body><div style="display:none">pre') == InboxPreview("pre", "", 0)
    assert inbox_preview("") == InboxPreview("", "", 0)


def _meta(preview: InboxPreview | None) -> JobMeta:
    text = "Offer ends tonight."
    return JobMeta(
        *("c", "en_US", "US", "a", "t.mjml.j2", "en-US", "ltr", "S", "S", text, text),
        None,
        None,
        None,
        None,
        0,
        0,
        (),
        "k",
        "0",
        inbox=preview,
    )


def test_leak_check_says_what_shows_and_how_to_stop_it() -> None:
    html = _email("Offer ends tonight.", "<p>Streamly</p><p>Your plan</p>")
    meta = _meta(None)  # no preview recorded (an older build): read from the HTML
    [found] = preheader_leak(Output("build/c/en_US/a/email.html", html, "", meta, 10**6, "", None))
    assert (found.path, found.line, found.code, found.severity) == (
        "build/c/en_US/a/email.html",
        None,
        "preheader.leak",
        "warning",
    )
    assert found.message == (
        "the inbox preview runs on into the body: after the preheader, inboxes show "
        "'Streamly Your plan' (a preview is up to 140 columns); to show the preheader alone, "
        "pad it with invisible characters ('&zwnj;&nbsp;' repeated after it in <mj-preview>) "
        "or write a longer one"
    )
    padded = _meta(InboxPreview("Offer ends tonight.", "", 200))
    assert list(preheader_leak(Output("e.html", html, "", padded, 10**6, "", None))) == []
    short = _meta(InboxPreview("Offer ends tonight.", "Streamly…", 100))
    [found] = preheader_leak(Output("e.html", html, "", short, 10**6, "", None))
    assert "its padding of 100 invisible characters is too short to fill it; " in found.message


def _unpadded(root: Path) -> Path:
    """The example as a project without padding after its preheader would be."""
    layout = root / LAYOUT
    text = layout.read_text(encoding="utf-8")
    assert PADDED in text
    layout.write_text(text.replace(PADDED, "{{ preheader }}</mj-preview>"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def leaking(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = _unpadded(copy_example(tmp_path_factory.mktemp("leaking") / "example"))
    result = run_cli(root, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    return root, result.output


def test_example_pads_its_preheaders_so_inboxes_show_them_alone(example_build: Path) -> None:
    meta = json.loads((example_build / "build/black_friday/fr_FR/a/meta.json").read_text())
    assert meta["inbox_preview"] == {"preheader": FR_PREHEADER, "body": "", "padding": 200}
    manifest = json.loads((example_build / "build/manifest.json").read_text())
    codes = {f["code"] for job in manifest["jobs"] for f in job.get("findings", [])}
    assert "preheader.leak" not in codes


def test_unpadded_example_build_records_and_flags_the_leak(leaking: tuple[Path, str]) -> None:
    root, output = leaking
    meta = json.loads((root / "build/black_friday/fr_FR/a/meta.json").read_text())
    assert meta["inbox_preview"] == {"preheader": FR_PREHEADER, "body": FR_BODY, "padding": 0}
    line = (
        (root / LAYOUT)
        .read_text()
        .splitlines()
        .index("    <mj-preview>{{ preheader }}</mj-preview>")
    )
    message = (
        f"{LAYOUT}:{line + 1}: warning: the inbox preview runs on into the body: after the "
        f"preheader, inboxes show '{FR_BODY}' (a preview is up to 140 columns); to show the "
        "preheader alone, pad it with invisible characters ('&zwnj;&nbsp;' repeated after it "
        "in <mj-preview>) or write a longer one [preheader.leak] (2 jobs: black_friday/fr_FR/a, black_friday/fr_FR/b)"
    )
    assert message in output


def test_leak_is_silenced_by_checks_disable(leaking: tuple[Path, str]) -> None:
    root, _ = leaking
    assert "[preheader.leak]" in run_cli(root, "check").output
    settings = root / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "checks: {disable: []," in text
    settings.write_text(text.replace("disable: []", "disable: [preheader.leak]"))
    try:
        result = run_cli(root, "check")
    finally:
        settings.write_text(text)
    assert "[preheader.leak]" not in result.output
    assert " 0 warning(s)" in result.output


@pytest.fixture(scope="module")
def leaking_page(leaking: tuple[Path, str]) -> Iterator[Page]:
    with gallery_page(leaking[0] / "build" / "index.html") as page:
        yield page


def test_gallery_row_shows_the_preheader_then_the_body_cut_at_two_lines(
    leaking_page: Page,
) -> None:
    card = leaking_page.locator('.card[data-id="black_friday/fr_FR/a"]')
    pre = card.locator(".inbox .pre")
    assert pre.text_content() == f"{FR_PREHEADER} {FR_BODY}"
    assert card.locator(".inbox .pre .preheader").text_content() == FR_PREHEADER
    leak = card.locator(".inbox .pre .leak")
    assert leak.text_content() == FR_BODY
    assert "the preheader does not fill the inbox preview" in (leak.get_attribute("title") or "")
    whole = pre.get_attribute("title") or ""  # on hover: the whole preview, cut or not
    assert whole.startswith(f"{FR_PREHEADER} {FR_BODY}\n\nThe words after the preheader come")
    assert "dotted" in leak.evaluate("e => getComputedStyle(e).textDecorationStyle")
    lines = pre.evaluate(
        "e => [e.clientHeight / parseFloat(getComputedStyle(e).lineHeight), e.scrollHeight > "
        "e.clientHeight]"
    )
    assert lines == [2, True]  # two lines, as a phone shows, the rest cut


def test_gallery_detail_shows_the_whole_preview(leaking_page: Page) -> None:
    leaking_page.locator('.card[data-id="black_friday/fr_FR/a"]').click()
    leaking_page.keyboard.press("6")
    preview = leaking_page.locator(".facts .preview")
    assert preview.text_content() == f"{FR_PREHEADER} {FR_BODY}"
    assert preview.evaluate("e => e.scrollHeight <= e.clientHeight")  # nothing cut
    note = leaking_page.locator(".facts .preview + .more").text_content()
    assert note == (
        "the underlined words come from the body: the preheader does not fill the preview"
    )
    leaking_page.keyboard.press("Escape")


def test_right_to_left_preview_stays_right_to_left(leaking_page: Page) -> None:
    card = leaking_page.locator('.card[data-id="black_friday/ar_SA/a"]')
    assert card.locator(".inbox").get_attribute("dir") == "rtl"
    leak = card.locator(".inbox .pre .leak")
    assert (leak.text_content() or "").startswith("Streamly الجمعة البيضاء")
    assert leak.evaluate("e => getComputedStyle(e).direction") == "rtl"
    ltr = leaking_page.locator('.card[data-id="black_friday/fr_FR/a"] .inbox .pre .leak')
    assert ltr.evaluate("e => getComputedStyle(e).direction") == "ltr"


def test_gallery_of_padded_example_shows_the_preheader_alone(
    example_build: Path, leaking_page: Page
) -> None:
    browser = leaking_page.context.browser
    assert browser is not None
    page = browser.new_page(viewport={"width": 1440, "height": 900})  # the other gallery
    try:
        page.goto((example_build / "build" / "index.html").as_uri())
        card = page.locator('.card[data-id="black_friday/fr_FR/a"]')
        assert card.locator(".inbox .pre").text_content() == FR_PREHEADER
        assert card.locator(".inbox .pre .leak").count() == 0
        card.click()
        page.keyboard.press("6")
        note = page.locator(".facts .preview + .more").text_content()
        assert note == "padded with 200 invisible characters: the body does not show"
    finally:
        page.close()
