"""`build --shard K/N`: one CI runner's deterministic, balanced share of a build.

Every runner plans the whole build (the same commit and build date give the same plan) and
keeps the jobs whose position in the id-sorted plan is K-1 modulo N: shard sizes differ by
at most one, and each shard gets the same mix of campaigns and locales, so shards also take
about the same time (contiguous chunks would give one runner all the heavy campaigns).

A shard's build/ carries `shard.json` next to its manifest: which share it is and a
fingerprint of the whole plan, so `mailglot merge` can refuse shards of different plans and
say which shard is missing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from mailglot.errors import UsageError
from mailglot.jsonfile import dump_json
from mailglot.output import atomic_write

RECORD = "shard.json"
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class Planned(Protocol):
    @property
    def id(self) -> str: ...

    key: str


J = TypeVar("J", bound=Planned)


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based, as users and CI matrices count
    total: int

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


def parse_shard(text: str) -> Shard:
    found = _SPEC.match(text)
    if not found:
        raise UsageError(f"--shard expects K/N (e.g. 2/4), got {text!r}")
    index, total = int(found.group(1)), int(found.group(2))
    if total < 1 or not 1 <= index <= total:
        raise UsageError(f"--shard {text}: K must be between 1 and N (N at least 1)")
    return Shard(index, total)


def whole_plan_only(
    campaigns: Sequence[str], locales: Sequence[str], markets: Sequence[str]
) -> None:
    """A shard is a share of the whole plan, kept for `mailglot merge`, which makes a whole
    build/: shards of a selection built fine and were then refused by merge, after the CI
    runners had spent their time. Refused here instead, before anything is built."""
    given = [
        option
        for option, values in (
            ("--campaign", campaigns),
            ("--locale", locales),
            ("--market", markets),
        )
        if values
    ]
    if given:
        raise UsageError(
            f"--shard cannot be combined with {' or '.join(given)}: shards are shares of the "
            "whole build, which `mailglot merge` puts back together; build the selection "
            "without --shard, or every shard without the selection"
        )


def shard_of(jobs: Sequence[J], shard: Shard) -> list[J]:
    ordered = sorted(jobs, key=lambda job: job.id)
    return [job for i, job in enumerate(ordered) if i % shard.total == shard.index - 1]


def plan_fingerprint(jobs: Sequence[Planned]) -> str:
    """Same jobs with the same inputs, same fingerprint: shards of one plan agree on it."""
    digest = hashlib.sha256()
    for job in sorted(jobs, key=lambda j: j.id):
        digest.update(f"{job.id}\0{job.key}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class ShardRecord:
    shard: Shard
    planned: int  # jobs in the whole plan
    plan: str  # plan_fingerprint of the whole plan
    jobs: tuple[str, ...]  # this shard's job ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "shard": str(self.shard),
            "index": self.shard.index,
            "total": self.shard.total,
            "planned": self.planned,
            "plan": self.plan,
            "jobs": list(self.jobs),
        }


def take_shard(jobs: Sequence[J], shard: Shard) -> tuple[list[J], ShardRecord]:
    mine = shard_of(jobs, shard)
    record = ShardRecord(shard, len(jobs), plan_fingerprint(jobs), tuple(j.id for j in mine))
    return mine, record


def write_record(out: Path, record: ShardRecord | None) -> None:
    """A shard build leaves its record; a whole build removes a stale one."""
    path = out / RECORD
    if record is None:
        path.unlink(missing_ok=True)
    else:
        atomic_write(path, dump_json(record.to_dict()), out)


def read_record(folder: Path) -> ShardRecord:
    """A shard's record, or a UsageError naming the folder and what is wrong with it."""
    if not (folder / RECORD).is_file():
        raise UsageError(
            f"{folder}: no {RECORD}: not the build/ folder of a `mailglot build --shard K/N`"
        )
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # nested too deep
        data = None
    try:
        shard = parse_shard(str(data["shard"]))
        jobs = tuple(str(j) for j in data["jobs"])
        return ShardRecord(shard, int(data["planned"]), str(data["plan"]), jobs)
    except (KeyError, TypeError, ValueError, OverflowError, UsageError):
        raise UsageError(f"{folder / RECORD}: not a shard record mailglot wrote") from None
