"""The per-process caches of the render and check steps: each is keyed by everything its
answer depends on, so a changed input or another direction never gets a stale answer."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from mailglot.i18n.environment import remembered
from mailglot.i18n.formatting import make_filters
from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render.context import placeholder_values
from mailglot.render.direction import _left_to_right, _oriented, orient
from mailglot.render.document import mark_language
from mailglot.render.eml import _header, message_id_header
from mailglot.render.mjml_fixes import _DUPLICATE
from mailglot.render.pipeline import Renderer, local_assets
from tests.conftest import TODAY, copy_example

TAG = '<mj-text align="start" padding="1px 2px 3px 4px">Hi</mj-text>'


def _doc(body: str) -> str:
    return f"<mjml><mj-body><mj-section><mj-column>{body}</mj-column></mj-section></mj-body></mjml>"


def test_a_tag_oriented_for_one_direction_is_not_reused_for_the_other():
    ltr = orient(_doc(TAG), "en-US", "ltr").mjml
    rtl = orient(_doc(TAG), "ar-SA", "rtl").mjml
    assert '<mj-text align="left" padding="1px 2px 3px 4px">' in ltr
    assert '<mj-text align="right" padding="1px 4px 3px 2px">' in rtl
    assert orient(_doc(TAG), "en-US", "ltr").mjml == ltr  # and back again


def test_a_changed_tag_is_oriented_afresh():
    orient(_doc(TAG), "en-US", "ltr")
    changed = TAG.replace('align="start"', 'align="end"')
    assert '<mj-text align="right"' in orient(_doc(changed), "en-US", "ltr").mjml
    moved = "<mj-spacer />" + TAG  # the same tag elsewhere in the document
    assert '<mj-text align="left"' in orient(_doc(moved), "en-US", "ltr").mjml


def test_language_marks_are_worked_out_per_language_direction_and_tag():
    html = (
        '<!doctype html><html xmlns="x"><body><div class="a">'
        '<div aria-roledescription="email" role="article">Hi</div></div></body></html>'
    )
    fr = mark_language(html, "fr-FR", "ltr")
    assert '<html lang="fr-FR" dir="ltr" xmlns="x">' in fr
    assert '<div lang="fr-FR" dir="ltr" aria-roledescription="email" role="article">' in fr
    ar = mark_language(html, "ar-SA", "rtl")  # the same tags, another locale
    assert '<html lang="ar-SA" dir="rtl" xmlns="x">' in ar
    assert '<div lang="ar-SA" dir="rtl" aria-roledescription="email" role="article">' in ar
    assert mark_language(fr, "fr-FR", "ltr") is fr  # already marked: the same bytes
    assert '<html lang="de-DE" dir="ltr" xmlns="x">' in mark_language(fr, "de-DE", "ltr")
    # a wrapper that is no longer one: <body> is marked instead
    plain = html.replace(' aria-roledescription="email" role="article"', "")
    assert '<body lang="fr-FR" dir="ltr">' in mark_language(plain, "fr-FR", "ltr")
    assert "<div lang=" not in mark_language(plain, "fr-FR", "ltr")


def test_the_duplicate_attribute_pattern_finds_what_it_found_before():
    """mjml_fixes._DUPLICATE reads names possessively (faster on prose); on any text it must
    match exactly where the backtracking pattern it replaced matched."""
    before = re.compile(
        r"""\s([\w:-]+)\s*=\s*(?:"[^"]*"|'[^']*')"""
        r"""(?=(?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*?\s+\1\s*=)"""
    )
    pieces = ["a", "b", "ab", ":", "-", "_", "1", " ", "\n", "=", '"', "'", "<", ">", "é"]
    rng = random.Random(15)
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        old, new = before.search(text), _DUPLICATE.search(text)
        assert (old and old.span()) == (new and new.span()), text
    assert _DUPLICATE.search('<mj-text color="a" padding="0" color="b">')


def test_placeholder_numbers_are_remembered_per_locale_and_exact_value():
    """placeholder_values remembers how each filter wrote each value: another locale's
    filter, another type or a negative zero must not get a remembered answer."""
    fr = make_filters("fr_FR", "EUR", "Europe/Paris", "latn")
    us = make_filters("en_US", "USD", "America/New_York", "latn")
    assert placeholder_values({"n": 1234.5}, {}, fr)["n"] == "1\u202f234,5"
    assert placeholder_values({"n": 1234.5}, {}, us)["n"] == "1,234.5"
    assert placeholder_values({"n": 0.0}, {}, us)["n"] == "0"
    assert placeholder_values({"n": -0.0}, {}, us)["n"] == "-0"
    assert placeholder_values({"d": date(2027, 11, 26)}, {}, fr)["d"] == "26 nov. 2027"
    assert placeholder_values({"d": date(2027, 11, 26)}, {}, us)["d"] == "Nov 26, 2027"


def _outcome(write: Callable[..., bytes], *args: str) -> bytes | str:
    try:
        return write(*args)
    except Exception as exc:  # non-ASCII ids fail in EmailMessage: they must still fail
        return type(exc).__name__


def test_the_message_id_header_is_written_as_email_writes_it():
    """eml.message_id_header writes plain ids itself; for any id, short or long, plain or
    not, it must give EmailMessage's bytes."""
    rng = random.Random(15)
    atoms = ["a", "Z9", "fr_FR", "x-y", "0123456789abcdef0123", "é", " ", '"', "."]
    for _ in range(3_000):
        local = ".".join(rng.choice(atoms) for _ in range(rng.randint(1, 6)))
        domain = ".".join(rng.choice(["streamly", "example", "a-b", "é", "x"]) for _ in range(2))
        value = f"<{local}@{domain}>"
        assert _outcome(message_id_header, value) == _outcome(_header, "Message-ID", value)
    for n in range(60, 70):  # around the 78-column fold
        value = f"<{'a' * n}@b.c>"
        assert message_id_header(value) == _header("Message-ID", value), n


def test_missing_strings_are_located_in_the_catalog_as_it_is_now(tmp_path: Path):
    """The renderer remembers each catalog's line numbers; an environment made again from an
    edited catalog (as serve makes after a save) must be read anew."""
    project_dir = copy_example(tmp_path / "p")
    po = project_dir / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "Se désinscrire"', 'msgstr ""'), "utf-8")
    project = load_project(project_dir)
    job = next(j for j in plan_jobs(project, Selection(), TODAY).jobs if j.locale == "fr_FR")
    renderer = Renderer(project)

    def line_of_unsubscribe() -> int | None:
        found = renderer.render(job).findings
        [missing] = [d for d in found if d.code == "l10n.missing" and "Unsubscribe" in d.message]
        return missing.line

    first = line_of_unsubscribe()
    assert first is not None and line_of_unsubscribe() == first
    po.write_text("# moved down two lines\n#\n" + po.read_text("utf-8"), "utf-8")
    del renderer._envs["fr_FR"]  # what a catalog save does to the kept environment
    assert line_of_unsubscribe() == first + 2


def test_locale_filters_remember_each_call_exactly():
    fr = {n: remembered(f) for n, f in make_filters("fr_FR", "EUR", "Europe/Paris").items()}
    de = {n: remembered(f) for n, f in make_filters("de_CH", "CHF", "Europe/Zurich").items()}
    assert fr["currency"](9.99) == "9,99\u00a0€"
    assert de["currency"](9.99) == "CHF\u00a09.99"  # another environment, its own answers
    assert fr["currency"](9.99, "USD") == "9,99\u00a0$US"  # arguments are part of the key
    assert fr["currency"](19.99) == "19,99\u00a0€"
    assert fr["number"](1234.5, decimals=2) == "1\u202f234,50"
    assert fr["number"](1234.5, 0) == "1\u202f234"
    assert fr["date"](date(2026, 12, 15)) == "15 décembre 2026"
    assert fr["date"](date(2026, 12, 16)) == "16 décembre 2026"
    late = datetime(2026, 12, 15, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert fr["date"](late) == "16 décembre 2026"  # in the market's zone
    assert fr["date"](late.replace(tzinfo=None)) == "15 décembre 2026"
    with pytest.raises(TypeError):
        fr["number"]("lots")  # errors are raised every time, never remembered
    with pytest.raises(TypeError):
        fr["number"]("lots")


def test_remembered_calls_tell_equal_values_of_other_types_apart():
    calls = []

    def shown(*args, **kwargs):
        calls.append(args)
        return f"{[(type(a).__name__, repr(a)) for a in args]} {sorted(kwargs.items())}"

    f = remembered(shown)
    nan = float("nan")
    utc = datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))
    values = [
        1,
        1.0,
        True,
        Decimal("1"),
        Decimal("1.0"),
        "1",
        0.0,
        -0.0,
        nan,
        -nan,
        date(2026, 1, 1),
        datetime(2026, 1, 1),
        utc,
        utc.astimezone(ZoneInfo("Asia/Tokyo")),
    ]
    for value in values + values:
        assert f(value) == shown(value)
        assert f(value, format="short") == shown(value, format="short")
        assert f(value, "short") == shown(value, "short")
    assert len(calls) == 3 * len(values) + 6 * len(values) + 6  # each distinct call once,
    # NaN (either sign) every time
    calls.clear()
    assert f(Markup("1")) == shown(Markup("1")) and f(Markup("1")) == shown(Markup("1"))
    assert f([1]) == shown([1])
    assert len(calls) == 6  # no exact key: formatted every time


def test_left_to_right_orientation_in_one_pass_matches_the_long_way():
    """direction._left_to_right rewrites the tokens in one re.sub; on any text it must give
    what the tag-by-tag loop gives, or hand over to it (None)."""
    pieces = [
        "<mjml",
        "<mj-text",
        "<MJ-Text",
        "</mj-text>",
        "</MJ-TEXT >",
        "<mj-textx",
        "<mj-raw",
        "</mj-raw>",
        "<mj-section",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        " ",
        ">",
        "/>",
        "=",
        ' align="start"',
        " padding='1 2 3 4'",
        ' lang="fr"',
        " dir=rtl",
        '"',
        "hi",
    ]
    rng = random.Random(15)
    handed_over = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        fast = _left_to_right(text, "en-US", "ltr")
        if fast is None:
            handed_over += 1
            continue
        assert fast == _oriented(text, "en-US", "ltr", False), text
    assert handed_over  # the random texts reach both ways
    # a comment opened in mj-raw and closed after it hides <mj-text> from a plain scan
    straddle = "<mjml><mj-raw><!--</mj-raw><mj-text align='end'>--></mj-text></mjml>"
    assert _left_to_right(straddle, "en-US", "ltr") is None
    assert "<mj-text align='right'>" in orient(straddle, "en-US", "ltr").mjml


def test_asset_verdicts_are_per_asset_and_per_renderer(tmp_path: Path):
    root = tmp_path / "project"
    assets = root / "templates" / "assets"
    assets.mkdir(parents=True)
    (assets / "in.png").write_bytes(b"\x89PNG")
    elsewhere = tmp_path / "elsewhere.png"
    elsewhere.write_bytes(b"\x89PNG")
    (assets / "out.png").symlink_to(elsewhere)
    base = "https://cdn.example/email/"
    html = f'<img src="{base}in.png"><img src="{base}out.png"><img src="{base}in.png">'
    verdicts: dict[str, str | None] = {}
    for _ in range(2):  # the second time from the remembered verdicts
        preview, outside = local_assets(html, base, root, verdicts)
        assert preview.count('src="../../../../templates/assets/in.png"') == 2
        assert f'src="{base}out.png"' in preview
        assert [(d.path, d.code) for d in outside] == [
            ("templates/assets/out.png", "asset.outside")
        ]
    assert verdicts == {"in.png": None, "out.png": str(elsewhere)}
    # the next build (a new renderer) looks again: in.png has become a link out
    (assets / "in.png").unlink()
    (assets / "in.png").symlink_to(elsewhere)
    preview, outside = local_assets(html, base, root, {})
    assert "templates/assets/" not in preview and len(outside) == 2
