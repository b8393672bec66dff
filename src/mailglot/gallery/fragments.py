"""The page data of jobs a rebuild left alone, reused as the text the last build wrote.

A rebuild after one change keeps 9,980 of 10,000 jobs as they were, and parsing the 10 MB
gallery-data.js back into objects only to encode them again took a third of a second of the
build process. Each job's data is one JSON object in that file, and only its status, stale
flag and findings can differ in this build, so those three values are put in place of the
old ones in the object's text.

The text is trusted only when the file is, byte for byte, the one mailglot last wrote:
`seal` records its digest beside it, and any other file (edited, damaged, cut short, or
written by a mailglot that lays the data out otherwise) is parsed as before. The cuts rely
on what json.dumps writes: outside string values a quote is never escaped and inside them it
always is, so a `, "stale": ` can only be where that key of the object is.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from mailglot.output import atomic_write
from mailglot.records import ManifestEntry

SEAL = ".gallery-data.sha256"
# What the cuts below assume of the layout: a change to the job objects' keys changes this.
FORMAT = "mailglot gallery-data 2"
_JOB = '{"baseline": '  # a job object's first key, its keys being sorted
_JOBS = '"jobs": ['
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def encode(value: Any) -> str:
    """A value as the page data holds it: keys sorted, and no `</` (the data must never end
    the script element it may be inlined in)."""
    return _ENCODER.encode(value).replace("</", "<\\/")


def assemble(data: dict[str, Any], jobs: list[str]) -> str:
    """`encode({**data, "jobs": [...]})` from jobs already encoded."""
    head, jobs_key, tail = encode({**data, "jobs": []}).partition(_JOBS + "]")
    assert jobs_key, "the page data has a list of jobs"
    return f"{head}{_JOBS}{', '.join(jobs)}]{tail}"


def seal(out: Path, written: bytes) -> None:
    digest = hashlib.sha256(written).hexdigest()
    atomic_write(out / SEAL, f"{FORMAT}\n{digest}\n".encode(), out)


def previous(out: Path, path: Path, head: str, tail: str) -> dict[str, Kept] | None:
    """Each job's object in the file at `path` (`head`, the data, `tail`), by job id, with
    where its changing values are; None when the file is not the one `seal` recorded."""
    try:
        sealed = (out / SEAL).read_bytes()
        raw = path.read_bytes()
    except OSError:
        return None
    if sealed != f"{FORMAT}\n{hashlib.sha256(raw).hexdigest()}\n".encode():
        return None
    text = raw.decode("utf-8")
    start = text.find(_JOBS, len(head))
    end = text.find('], "screenshots": ', start)  # the key after "jobs"
    if not text.startswith(head) or not text.endswith(tail) or start < 0 or end < 0:
        return None
    jobs = text[start + len(_JOBS) : end]
    pieces = jobs.removeprefix(_JOB).split("}, " + _JOB) if jobs else []
    found: dict[str, Kept] = {}
    for i, piece in enumerate(pieces):
        job = _JOB + piece + ("}" if i < len(pieces) - 1 else "")
        first, last = job.find(', "id": "'), job.find(', "lang": ')
        job_id = _string(job[first + 8 : last]) if 0 < first < last else None
        cuts = _cuts(job)
        if not isinstance(job_id, str) or job_id in found or cuts is None:
            return None
        found[job_id] = Kept(job, *cuts)
    return found


class Kept(NamedTuple):
    """A job's object as the last build wrote it, and where the values this build may change
    start and end (findings: `findings` to `html_bytes`; stale and status: `stale` to
    `subject`)."""

    text: str
    findings: int
    html_bytes: int
    stale: int
    subject: int


def _cuts(job: str) -> tuple[int, int, int, int] | None:
    findings = job.find(', "findings": ')
    html_bytes = job.find(', "html_bytes": ', findings)
    stale = job.find(', "stale": ', html_bytes)
    subject = job.find(', "subject": ', stale)
    if min(findings, html_bytes, stale, subject) < 0:
        return None
    return findings, html_bytes, stale, subject


def _string(value: str) -> Any:
    """A JSON string's value; one without escapes (a job id, nearly always) read directly."""
    if len(value) > 1 and value[0] == value[-1] == '"' and "\\" not in value[1:-1]:
        inner = value[1:-1]
        if '"' not in inner:
            return inner
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        return None


def restated(kept: Kept, entry: ManifestEntry) -> str:
    """A job's previous object with what this build says of it (gallery._restated, as text)."""
    job = kept.text
    findings = encode([f.to_dict() for f in entry.findings]) if entry.findings else "[]"
    return (
        f'{job[: kept.findings]}, "findings": {findings}{job[kept.html_bytes : kept.stale]}, '
        f'"stale": {"true" if entry.stale else "false"}, "status": {_status(entry.kind)}'
        f"{job[kept.subject :]}"
    )


@cache
def _status(kind: str) -> str:
    return encode(kind)
