"""caniemail.com's support data (shipped in checks/data/, MIT; refreshed by
scripts/refresh_caniemail.py), judged the way the issue asks: each client family by the newest
version of each of its platforms, newest meaning last in the data's own order (the data lists
versions oldest first; sorting "2019" / "16.80" / "2024-01" as text or numbers gets it wrong).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Literal

State = Literal["supported", "partial", "unsupported", "unknown"]
_STATES: dict[str, State] = {"y": "supported", "a": "partial", "n": "unsupported", "u": "unknown"}
_NOTE = re.compile(r"#(\d+)")


@dataclass(frozen=True)
class Verdict:
    family: str  # gmail
    platform: str  # desktop-webmail
    version: str  # its newest version in the data
    state: State
    notes: tuple[str, ...]

    def client(self, names: dict[str, dict[str, str]]) -> str:
        family = names["family"].get(self.family, self.family)
        platform = names["platform"].get(self.platform, self.platform)
        return f"{family} {platform} {self.version}"


@dataclass(frozen=True)
class Feature:
    slug: str
    title: str
    url: str
    verdicts: tuple[Verdict, ...]


@dataclass(frozen=True, eq=False)  # one per process, compared and hashed by identity (a cache key)
class SupportData:
    source: str
    families: frozenset[str]
    names: dict[str, dict[str, str]]
    features: dict[str, Feature]

    @cached_property
    def slugs(self) -> frozenset[str]:
        return frozenset(self.features)


def parse_support(raw: dict) -> SupportData:
    """Read once by every process that checks; ~12,000 verdicts of only ~3,200 kinds, so equal
    ones are made once and shared (they are frozen)."""
    features = {}
    families: set[str] = set()
    made: dict[tuple, Verdict] = {}
    for item in raw["data"]:
        notes = {str(k): str(v) for k, v in (item.get("notes_by_num") or {}).items()}
        verdicts = []
        for family, platforms in item["stats"].items():
            families.add(family)
            for platform, versions in platforms.items():
                if not versions:
                    continue
                version, value = next(reversed(versions.items()))  # newest: last in the data
                value = str(value)
                state = _STATES.get(value.split()[0][:1], "unknown")
                cited = (
                    tuple(notes[n] for n in _NOTE.findall(value) if n in notes)
                    if "#" in value
                    else ()
                )
                key = (family, platform, version, state, cited)
                verdict = made.get(key)
                if verdict is None:
                    verdict = made[key] = Verdict(family, platform, version, state, cited)
                verdicts.append(verdict)
        features[item["slug"]] = Feature(
            item["slug"], item["title"], item.get("url") or "", tuple(verdicts)
        )
    return SupportData(
        str(raw.get("source", "caniemail")), frozenset(families), raw["nicenames"], features
    )


@cache
def support_data() -> SupportData:
    text = resources.files("mailglot.checks").joinpath("data/caniemail.json").read_text("utf-8")
    return parse_support(json.loads(text))
