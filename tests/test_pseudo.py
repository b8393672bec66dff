"""Pseudo-locales: layout stress tests generated from the source strings."""

from __future__ import annotations

import json
from pathlib import Path

from mailglot.i18n.pseudo import accented, rtl_wrapped


def test_accented_keeps_placeholders_tags_and_entities():
    assert (
        accented("Hi %(name)s, <b>save</b> {percent}% &amp; more")
        == "[Ĥî %(name)s, <b>šàṽé</b> {percent}% &amp; ɱöŕé ~~~~~]"
    )


def test_accented_is_about_forty_percent_longer():
    source = "Your plan renews automatically on the date shown in your account."
    assert 1.35 < len(accented(source)) / len(source) < 1.5


def test_rtl_wrapped_embeds_right_to_left():
    assert rtl_wrapped("Save 40%") == "\u200f\u202bSave 40%\u202c\u200f"


def test_pseudo_locales_build_like_any_locale(example_build: Path):
    root = example_build / "build"
    xa = json.loads((root / "winback/en_XA/a/meta.json").read_text())
    assert xa["subject"] == "[{{first_name}}, ýöûŕ ŵàţçĥļîšţ ɱîššéš ýöû ~~~~~~~~~]"
    assert xa["market"] == "US"  # previews use the source locale's market
    xb = (root / "winback/ar_XB/a/email.html").read_text()
    assert '<html lang="ar-XB" dir="rtl"' in xb
    assert "\u202bClaim my offer\u202c" in xb


def test_every_translatable_string_is_pseudo_translated(example_build: Path):
    root = example_build / "build"
    html = (root / "winback/en_XA/a/email.html").read_text()
    assert "Çļàîɱ ɱý öƒƒéŕ ~~~~]" in html and "Claim my offer" not in html
    text = (root / "recommendations/en_XA/a/email.txt").read_text()
    # plural forms chosen by count, with the number left alone
    assert "[1 ñéŵ éþîšöđé ~~~]" in text and "[8 ñéŵ éþîšöđéš ~~~]" in text
    assert "[Šçîéñçé ƒîçţîöñ ~~~~]" in text  # data.strings from the campaign
    # event names from calendars/events.yaml, and locale-formatted values kept readable
    friday = (root / "black_friday/en_XA/a/email.txt").read_text()
    assert "[[Ɓļàçķ Ƒŕîđàý ~~~] îš öñ November 27, 2026" in friday
    assert "$129.48" in friday
    meta = json.loads((root / "winback/ar_XB/a/meta.json").read_text())
    assert meta["dir"] == "rtl" and meta["lang"] == "ar-XB"
    assert meta["subject"] == "\u200f\u202b{{first_name}}, your watchlist misses you\u202c\u200f"
