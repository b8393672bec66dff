"""manifest_text.py: manifest.json written from a template and read back by a pattern for the
common entry must be, byte for byte and value for value, what the JSON encoder and decoder
make of it; any other text is left to the decoder."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mailglot import __version__, manifest_text
from mailglot.errors import Diagnostic
from mailglot.jsonfile import dump_json
from mailglot.manifest import read_manifest, write_manifest
from mailglot.records import JobPlace, Manifest, ManifestEntry, Review, findings_from_list

NASTY = 'q"b\\s/\u2028é\x01</'
FINDING = Diagnostic("templates/a.j2", 3, "l10n.missing", "warning", NASTY)


def job(campaign: str = "c", locale: str = "fr_FR", variant: str = "a", **kw) -> ManifestEntry:
    place = JobPlace(campaign, locale, variant)
    values = {"kind": "built", "market": "FR", "visual": Review(), **kw}
    return ManifestEntry(place.rel, campaign, place=place, **values)


ENTRIES = [
    job(),
    job(variant="b", kind="unchanged", visual=None),
    job(locale="ar_SA", kind="failed", stale=True),
    job(campaign="café", locale="zh_CN", market="CN"),
    job(campaign=NASTY.replace("/", "")),  # escapes: the encoder's
    job(locale="de_DE", findings=(FINDING,)),
    job(locale="en_GB", visual=Review(changed_share=0)),  # equal to Review(), written "0"
    job(locale="en_US", visual=Review(changed_share=-0.0)),
    job(locale="ja_JP", market=None),
    job(locale="ko_KR", visual=Review(True, (("phone", 375, 900),), shots=(("phone", 0.5),))),
    ManifestEntry("c@CN", "c", "skipped", "CN", reason=NASTY),
    ManifestEntry("d@*", "d", "failed", reason="errors", findings=(FINDING,)),
]
# written as the encoder writes them, and not mailglot's when read (the decoder refuses them)
REFUSED = [
    job(locale="es_ES", visual=Review(current=0)),  # type: ignore[arg-type]
    job(locale="it_IT", stale=1),  # type: ignore[arg-type]
]


def plain_json(entries: list[ManifestEntry], diagnostics: tuple[Diagnostic, ...]) -> bytes:
    """What write_manifest wrote before: the encoder's text for the manifest's data."""
    data = {
        "mailglot": __version__,
        "jobs": [e.to_dict() for e in entries],
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return dump_json(data)


def decoded(text: str) -> Manifest | None:
    """What read_manifest read before: the decoder's value, as records."""
    try:
        data = json.loads(text)
        jobs = tuple(ManifestEntry.from_dict(j) for j in data["jobs"])
        return Manifest(jobs, findings_from_list(data["diagnostics"]))
    except (KeyError, TypeError, ValueError, IndexError):
        return None


@pytest.mark.parametrize("count", [0, 1, 2, len(ENTRIES)])
@pytest.mark.parametrize("diagnostics", [(), (FINDING,)])
def test_the_text_is_the_encoders_and_reads_back_as_the_decoder_reads_it(
    count: int, diagnostics: tuple[Diagnostic, ...]
) -> None:
    entries = ENTRIES[:count]
    text = manifest_text.manifest_text(__version__, entries, diagnostics)
    assert text == plain_json(entries, diagnostics)
    read = manifest_text.parse(text.decode())
    assert read is not None and read == decoded(text.decode())
    assert [(e.visual, e.stale) for e in read.jobs] == [
        (None if e.visual is None else Review.from_dict(e.visual.to_dict()), e.stale is True)
        for e in entries
    ]


@pytest.mark.parametrize("odd", REFUSED, ids=["current-0", "stale-1"])
def test_a_value_only_equal_to_the_common_one_is_written_and_read_as_json_does(
    odd: ManifestEntry,
) -> None:
    entries = [ENTRIES[0], odd]
    text = manifest_text.manifest_text(__version__, entries, ())
    assert text == plain_json(entries, ())
    assert manifest_text.parse(text.decode()) is None is decoded(text.decode())


def test_the_common_entry_is_read_by_the_pattern(monkeypatch) -> None:
    """The short way is taken for a plain job's entry (the decoder is never asked)."""
    entries = [job(locale=f"l{i}") for i in range(3)] + [job(locale="x", visual=None)]
    text = manifest_text.manifest_text(__version__, entries, ()).decode()
    asked = []
    monkeypatch.setattr(manifest_text.ManifestEntry, "from_dict", lambda d: asked.append(d))
    assert manifest_text.parse(text) == Manifest(tuple(entries))
    assert asked == []


EDITS = [
    ('"stale": false', '"stale": 0'),
    ('"status": "built"', '"status": "bogus"'),
    ('"path": "c/fr_FR/a"', '"path": "c//a"'),
    ('"path": "c/fr_FR/a"', '"path": "c/../a"'),
    ('"id": "c/fr_FR/a"', '"id": "c/fr_FR/\\u0061"'),
    ('"id": "c/fr_FR/a"', '"id": 7'),
    ('"market": "FR"', '"market": null'),
    ('"findings": []', '"findings": {}'),
    ('"current": false', '"current": 0'),
    ('"changed_share": 0.0', '"changed_share": 0'),
    ('"changed_share": 0.0', '"changed_share": 0.0, "extra": 1'),
    ('"findings": []', '"findings": [], "reason": "x"'),
    ('"findings": []', '"findings": [],\n      "findings": [1]'),
    ("\n    },\n    {", "\n    },,\n    {"),
    ("\n    },\n    {", "\n    }\n    {"),
    ("\n    },\n    {", "\n  },\n    {"),
    ('\n  ],\n  "diagnostics"', '\n  ],\n  "jobs": [],\n  "diagnostics"'),
    ('"diagnostics": []', '"diagnostics": [], "jobs": []'),
    ('"diagnostics": []', '"diagnostics": {}'),
    ('"mailglot": ', '"mailglot": 1, "x": '),
    ("\n}\n", "\n}\n{}"),
    ("\n}\n", "\n}"),
    ("\n}\n", "\n} \n\n"),
    ("{\n", "{\n\n"),
    ('"variant": "a"', '"variant": "\x01"'),
]


@pytest.mark.parametrize("edit", EDITS, ids=[new for _, new in EDITS])
def test_a_text_edited_by_hand_reads_as_the_decoder_reads_it(
    tmp_path: Path, edit: tuple[str, str]
) -> None:
    """A hand edit, a damaged file or another writer's: read as parsing the file gives it
    (absent, or the value it holds), never as the pattern would take it."""
    write_manifest(tmp_path, Manifest((job(), job(variant="b"))))
    path = tmp_path / "manifest.json"
    old, new = edit
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert read_manifest(tmp_path) == decoded(path.read_text(encoding="utf-8"))


def test_an_edit_that_keeps_the_layout_is_read_as_edited(tmp_path: Path) -> None:
    first, second = job(), job(variant="b")
    write_manifest(tmp_path, Manifest((first, second)))
    path = tmp_path / "manifest.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"status": "built"', '"status": "unchanged"', 1), "utf-8")
    assert read_manifest(tmp_path) == Manifest((replace(first, kind="unchanged"), second))
    path.write_text(text.replace('"stale": false', '"stale": true', 2), "utf-8")
    assert read_manifest(tmp_path) == Manifest(
        (replace(first, stale=True), replace(second, stale=True))
    )
