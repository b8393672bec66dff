"""Findings grouped for people: the same finding in many jobs is one entry with a count and
the job ids, so 70 copies of one template problem read as one line, not seventy.

Two findings are the same when they differ only by the job they were found in: same code,
severity, message and location, where a location inside a job's build folder counts as the
same for every job. Nothing is dropped: every job id stays in the group (the console shows a
few and says how many more; `--json` lists them all).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mailglot.errors import Diagnostic

JOB_SLOT = "build/<job>/"


@dataclass(frozen=True)
class Group:
    finding: Diagnostic  # as found in the first job
    jobs: tuple[str, ...]  # every job it was found in, in order; empty when not job-bound

    @property
    def key(self) -> tuple[object, ...]:
        return _key(None, self.finding)


def _key(job: str | None, d: Diagnostic) -> tuple[object, ...]:
    path, message = d.path, d.message
    if job:
        own = f"build/{job}/"
        path, message = path.replace(own, JOB_SLOT), message.replace(own, JOB_SLOT)
    return (d.severity, d.code, path, d.line, message)


def group_findings(items: Iterable[tuple[str | None, Diagnostic]]) -> list[Group]:
    """`items` are (job id or None, finding) in the order found; groups keep that order."""
    groups: dict[tuple[object, ...], tuple[Diagnostic, list[str]]] = {}
    for job, finding in items:
        key = _key(job, finding)
        if key not in groups:
            groups[key] = (finding, [])
        jobs = groups[key][1]
        if job and job not in jobs:
            jobs.append(job)
    return [Group(finding, tuple(jobs)) for finding, jobs in groups.values()]


def counts(groups: Iterable[Group]) -> dict[str, int]:
    """Findings per severity, each job's copy counted (what a reviewer must clear)."""
    out = {"error": 0, "warning": 0, "info": 0}
    for g in groups:
        out[g.finding.severity] = out.get(g.finding.severity, 0) + max(1, len(g.jobs))
    return out


def to_json(groups: Iterable[Group]) -> list[dict[str, object]]:
    return [
        {**g.finding.to_dict(), "jobs": list(g.jobs), "count": max(1, len(g.jobs))} for g in groups
    ]


SHOWN_JOBS = 3


def group_line(group: Group) -> str:
    """`where: [severity: ]message [code] (N jobs: a, b, c and N-3 more)`. Errors keep the
    `where: message` form tools and people already read, and carry `error:` in the bracket."""
    d = group.finding
    label = "" if d.severity == "error" else f"{d.severity}: "
    tag = f"[error: {d.code}]" if d.severity == "error" else f"[{d.code}]"
    line = f"{d.where}: {label}{d.message} {tag}"
    jobs = group.jobs
    in_own_folder = len(jobs) == 1 and d.path.startswith(f"build/{jobs[0]}/")
    if jobs and not in_own_folder:
        shown = ", ".join(jobs[:SHOWN_JOBS])
        more = len(jobs) - SHOWN_JOBS
        rest = f" and {more} more (all with --json)" if more > 0 else ""
        line += f" ({len(jobs)} job{'s' if len(jobs) > 1 else ''}: {shown}{rest})"
    return line
