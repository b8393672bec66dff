"""Right to left in a real Chromium: the same templates, measured in ar_SA and en_US previews.

The fixture `tests/projects/direction` writes every side logically (align="start", padding-start,
a 4-value padding) and never branches on the direction; the example project's layout does the
same since issue 13. Element boxes are measured in the built `preview.html`, at desktop width
so that columns sit side by side.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from mailglot.shots.browser import LAUNCH_ARGS, find_browser
from tests.conftest import FIXTURES, run_cli

Box = dict[str, float]

# The box of an element, or of the text inside it (a Range hugs the glyphs, while a block's own
# box spans its whole column whatever the alignment).
MEASURE = """([selector, text]) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  let r = el.getBoundingClientRect();
  if (text) { const range = document.createRange(); range.selectNodeContents(el);
              r = range.getBoundingClientRect(); }
  return {left: r.left, right: r.right, width: r.width};
}"""


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("direction") / "direction"
    shutil.copytree(FIXTURES / "direction", root)
    result = run_cli(root, "build", "--no-screenshots", "--campaign", "sides")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(find_browser(None, pw.chromium.executable_path)),
            args=list(LAUNCH_ARGS),
        )
        yield browser
        browser.close()


def measure(browser: Browser, preview: Path, targets: dict[str, tuple[str, bool]]) -> Any:
    page = browser.new_page(viewport={"width": 800, "height": 900})
    try:
        page.goto(preview.as_uri())
        page.wait_for_load_state("load")
        boxes = {name: page.evaluate(MEASURE, [sel, text]) for name, (sel, text) in targets.items()}
        html = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    finally:
        page.close()
    missing = [name for name, box in boxes.items() if box is None]
    assert not missing, f"not found in {preview}: {missing}"
    return boxes, html


FIXTURE_TARGETS = {
    "card": ("div[aria-roledescription=email] > div", False),  # the 600 px column of sections
    "logo": (".t-logo img", False),
    "heading": (".t-heading div", True),
    "button": (".t-button a", False),
    "first": (".t-first", False),
    "second": (".t-second", False),
    "kept_first": (".t-kept-first", False),
    "kept_second": (".t-kept-second", False),
    "indented": (".t-indented div", True),
    "end": (".t-end div", True),
}


def on_right(box: Box, card: Box) -> bool:
    return box["right"] - card["left"] > card["right"] - box["left"]


def test_fixture_sits_right_to_left_in_arabic_and_left_to_right_in_english(
    fixture_build: Path, browser: Browser
) -> None:
    build = fixture_build / "build" / "sides"
    ar, ar_html = measure(browser, build / "ar_SA/a/preview.html", FIXTURE_TARGETS)
    en, en_html = measure(browser, build / "en_US/a/preview.html", FIXTURE_TARGETS)
    assert ar_html == ["ar-SA", "rtl"] and en_html == ["en-US", "ltr"]
    for name in ("logo", "heading", "button", "indented"):
        assert on_right(ar[name], ar["card"]), name
        assert not on_right(en[name], en["card"]), name
    # start/end and the 4-value padding mirror exactly: same distance from the other edge
    assert ar["logo"]["width"] == en["logo"]["width"] == 120
    for name in ("logo", "button"):
        assert ar["card"]["right"] - ar[name]["right"] == pytest.approx(
            en[name]["left"] - en["card"]["left"], abs=1
        ), name
    assert en["logo"]["left"] - en["card"]["left"] == pytest.approx(40 + 25, abs=1)
    assert en["indented"]["left"] - en["card"]["left"] == pytest.approx(80, abs=1)
    assert ar["card"]["right"] - ar["indented"]["right"] == pytest.approx(80, abs=1)
    # align="end" is the other side
    assert not on_right(ar["end"], ar["card"]) and on_right(en["end"], en["card"])
    # the first column is on the right in Arabic, on the left in English...
    assert ar["first"]["left"] > ar["second"]["left"]
    assert en["first"]["left"] < en["second"]["left"]
    # ...unless the section keeps its source order with direction="ltr"
    assert ar["kept_first"]["left"] < ar["kept_second"]["left"]
    assert en["kept_first"]["left"] < en["kept_second"]["left"]


EXAMPLE_TARGETS = {
    "card": (".mg-card", False),
    "logo": (".mg-brand div", True),
    "heading": (".mg-headline div", True),
    "poster": ("img[src*=lighthouse]", False),
    "watch": ("a[href$='/watch/lighthouse']", False),
}


def test_example_emails_read_right_to_left_in_arabic(example_build: Path, browser: Browser) -> None:
    """The example layout has no per-direction branch left; the Arabic emails still mirror."""
    build = example_build / "build"
    picks = build / "recommendations"
    ar, ar_html = measure(browser, picks / "ar_SA/a/preview.html", EXAMPLE_TARGETS)
    en, en_html = measure(browser, picks / "en_US/a/preview.html", EXAMPLE_TARGETS)
    assert ar_html == ["ar-SA", "rtl"] and en_html == ["en-US", "ltr"]
    for name in ("logo", "heading", "poster"):
        assert on_right(ar[name], ar["card"]), name
        assert not on_right(en[name], en["card"]), name
    # the poster is the first column: right of its "Watch now" button in Arabic, left in English
    assert ar["poster"]["left"] > ar["watch"]["right"]
    assert en["poster"]["right"] < en["watch"]["left"]

    targets = {"card": (".mg-card", False), "button": ("a[href*='/offer/']", False)}
    promo = build / "black_friday"
    ar, _ = measure(browser, promo / "ar_SA/a/preview.html", targets)
    en, _ = measure(browser, promo / "en_US/a/preview.html", targets)
    assert on_right(ar["button"], ar["card"]) and not on_right(en["button"], en["card"])
