"""build/manifest.json as text, with a short way for the entry nearly every job has.

A 10,000-job manifest is 4 MB of JSON: reading it took a fifth of a second of the build
process (json.loads, then a record per entry) and writing it another (an indenting encoder in
Python: the C one writes only compact JSON), in every build that is not a no-op. Nearly every
entry is a job's with no findings and no screenshots, whose text is always the same but for
seven names. Such an entry is written from one template, and read back by one pattern that
accepts exactly that text (a string with no escape, nothing else); any other entry goes
through the JSON encoder and decoder as before. The file's bytes are those `dump_json` writes
for the manifest's data, and what is read is what parsing the whole file gives: a file whose
layout is not exactly this one (edited, damaged, another writer's) is not read here at all
(`parse` says None and the caller parses it as JSON).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from json.encoder import encode_basestring

from mailglot.errors import Diagnostic
from mailglot.jsonfile import dump_json
from mailglot.records import KINDS, JobPlace, Manifest, ManifestEntry, Review, findings_from_list

_NEVER_SHOT = Review()  # a job never shot: every job of a --no-screenshots build
_AT = "\n    "  # an entry's indentation in the list of jobs
_VISUAL = (
    ',\n      "visual": {\n        "current": false,\n        "sizes": {},\n'
    '        "baseline": false,\n        "changed": false,\n        "changed_share": 0.0,\n'
    '        "shots": {}\n      }'
)
# a JSON string that json.loads reads as written: no quote, backslash or control character
_STR = r'"([^"\\\x00-\x1f]*)"'
_PLAIN = re.compile(
    r"\{\n      "
    + r",\n      ".join(
        f'"{key}": {_STR}'
        for key in ("id", "campaign", "locale", "market", "variant", "status", "path")
    )
    + r',\n      "stale": (true|false),\n      "findings": \[\]('
    + re.escape(_VISUAL)
    + r")?\n    \}"
)
_BOOLS = {True: "true", False: "false"}
_HEAD = re.compile(r'\{\n  "mailglot": ' + _STR + r',\n  "jobs": \[')
_JOBS_END = '\n  ],\n  "diagnostics": '


def entry_text(entry: ManifestEntry) -> str:
    """The entry as manifest.json holds it in its list of jobs (`dump_json` of `to_dict`)."""
    place, visual = entry.place, entry.visual
    if place is None or entry.findings or type(entry.stale) is not bool:
        return _generic(entry)
    if visual is not None and not _never_shot(visual):
        return _generic(entry)
    try:
        return (
            f"{{\n      "
            f'"id": {encode_basestring(entry.id)},\n      '
            f'"campaign": {encode_basestring(entry.campaign)},\n      '
            f'"locale": {encode_basestring(place.locale)},\n      '
            f'"market": {encode_basestring(entry.market)},\n      '  # type: ignore[arg-type]
            f'"variant": {encode_basestring(place.variant)},\n      '
            f'"status": {encode_basestring(entry.kind)},\n      '
            f'"path": {encode_basestring(place.rel)},\n      '
            f'"stale": {_BOOLS[entry.stale]},\n      '
            f'"findings": []{_VISUAL if visual is not None else ""}\n    }}'
        )
    except TypeError:  # a value that is not a string (a market of None): as JSON writes it
        return _generic(entry)


def _never_shot(review: Review) -> bool:
    """Whether the review's text is `_VISUAL`: Review() and nothing merely equal to it (a
    share of 0 or -0.0 is written otherwise)."""
    share = review.changed_share
    return (
        review.current is False
        and review.baseline is False
        and review.changed is False
        and not review.sizes
        and not review.shots
        and type(share) is float
        and float.__repr__(share) == "0.0"
    )


def _generic(entry: ManifestEntry) -> str:
    return dump_json(entry.to_dict()).decode().rstrip("\n").replace("\n", _AT)


def manifest_text(
    version: str, entries: Sequence[ManifestEntry], diagnostics: Sequence[Diagnostic]
) -> bytes:
    """`dump_json({"mailglot": version, "jobs": [...], "diagnostics": [...]})`."""
    jobs = f"{_AT}{(',' + _AT).join(entry_text(e) for e in entries)}\n  ]" if entries else "]"
    tail = dump_json({"diagnostics": [d.to_dict() for d in diagnostics]}).decode()
    return f'{{\n  "mailglot": {encode_basestring(version)},\n  "jobs": [{jobs},{tail[1:]}'.encode()


def parse(text: str) -> Manifest | None:
    """The manifest in `text` when it is laid out exactly as `manifest_text` writes it, else
    None, even for a valid manifest (the caller then parses the file as JSON, which also
    decides whether it is one)."""
    head = _HEAD.match(text)
    if head is None:
        return None
    start = head.end()
    if text.startswith("],", start):
        pieces, rest = [], text[start + 2 :]
    else:
        end = text.find(_JOBS_END, start)
        if end < 0 or not text.startswith(_AT + "{", start):
            return None
        # entries are split where a line starts with "{" at their indentation: no line inside
        # one is indented that little, and a string never holds a line break
        pieces = text[start + len(_AT) : end].split("," + _AT + "{")
        pieces[1:] = ["{" + p for p in pieces[1:]]
        rest = text[end + len(_JOBS_END) - len('\n  "diagnostics": ') :]
    try:
        tail = json.loads("{" + rest)
        if not isinstance(tail, dict) or list(tail) != ["diagnostics"]:
            return None
        entries = tuple(_entry(p) for p in pieces)
        return Manifest(entries, findings_from_list(tail["diagnostics"]))
    except (KeyError, TypeError, ValueError, IndexError):  # the JSON reading then decides
        return None


def _entry(piece: str) -> ManifestEntry:
    found = _PLAIN.fullmatch(piece)
    if found is None:
        return ManifestEntry.from_dict(json.loads(piece))
    job_id, campaign, _, market, _, kind, path, stale, visual = found.groups()
    if kind not in KINDS:
        raise ValueError(f"not a manifest entry: {piece!r}")
    place = JobPlace.parse(path)
    review = _NEVER_SHOT if visual else None
    return ManifestEntry(job_id, campaign, kind, market, place, stale == "true", (), review)  # type: ignore[arg-type]
