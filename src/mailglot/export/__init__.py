"""Sending-platform exports: one file per job in the platform's own template format.

`PLATFORMS` is the plain list of formats `mailglot export --format` offers; a new platform is
one module with a `PLATFORM` and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mailglot.export import postmark, sendgrid, ses
from mailglot.export.message import (
    ExportError,
    Message,
    Platform,
    built_messages,
    retag,
    template_name,
)
from mailglot.output import atomic_write, contained, dump_json, not_linked_out
from mailglot.project.settings import Settings

PLATFORMS: list[Platform] = [ses.PLATFORM, sendgrid.PLATFORM, postmark.PLATFORM]

__all__ = ["PLATFORMS", "ExportError", "Exported", "built_messages", "export", "platform"]


def platform(name: str) -> Platform:
    for p in PLATFORMS:
        if p.name == name:
            return p
    known = ", ".join(p.name for p in PLATFORMS)
    raise ExportError(f"unknown export format {name!r}; expected one of: {known}")


@dataclass(frozen=True)
class Exported:
    files: tuple[Path, ...]
    written: int  # files whose content changed
    removed: tuple[Path, ...]  # files of jobs the build no longer has


def file_name(job_id: str) -> str:
    return f"{template_name(job_id, limit=100)}.json"


def distinct(messages: list[Message], target: Platform) -> None:
    """Refuse jobs whose export names meet: names keep only letters, digits, _ and - (and
    Postmark's aliases turn _ into -), so `wb.x` and `wb-x`, `café` and `caf-`, `wb_y` and
    `wb-y` (in Postmark) gave two jobs one file, and one template replaced the other without
    a word. File names are compared regardless of case: one file on macOS and Windows. Every
    clash is named, by the campaign files to rename, before anything is written."""
    names: list[tuple[str, Callable[[str], str], bool, str]] = []
    if target.identity is not None:
        rule = "aliases keep only letters, digits and -" if target.name == "postmark" else ""
        names.append((target.identity_label, target.identity, False, rule))
    names.append(("export file name", file_name, True, ""))
    clashes: dict[tuple[str, str], _Clash] = {}  # by the two campaigns
    for label, name_of, fold, rule in names:
        seen: dict[str, tuple[Message, str]] = {}
        for msg in messages:
            name = name_of(msg.job_id)
            other, other_name = seen.setdefault(name.casefold() if fold else name, (msg, name))
            if other is msg:
                continue
            campaigns = tuple(sorted((other.campaign, msg.campaign)))
            clash = clashes.setdefault(campaigns, _Clash(label, other_name, name, rule))
            clash.jobs.setdefault((other.job_id, msg.job_id), None)
    if clashes:
        lines = [clash.say(*campaigns) for campaigns, clash in sorted(clashes.items())]
        raise ExportError("\n".join(lines) + ". Nothing was exported")


@dataclass
class _Clash:
    """Two campaigns' jobs (or one campaign's) that get one name: the first such name, and
    every pair of jobs that meets."""

    label: str
    first: str
    second: str
    rule: str = ""
    jobs: dict[tuple[str, str], None] = field(default_factory=dict)  # ordered, no repeats

    def say(self, one: str, other: str) -> str:
        same = (
            f"the same {self.label} '{self.first}'"
            if self.first == self.second
            else f"{self.label}s '{self.first}' and '{self.second}', one file on macOS and Windows"
        )
        (a, b), *more = self.jobs
        whose, fix = (
            (f"campaigns/{one}.yaml and campaigns/{other}.yaml give their emails", "campaign files")
            if one != other
            else (f"campaigns/{one}.yaml gives two of its emails", "subject variants")
        )
        return (
            f"{whose} {same} ({a} and {b}{f', and {len(more)} more' if more else ''}): one "
            f"would replace the other ({self.rule or 'names keep only letters, digits, _ and -'}); "
            f"rename one of the {fix}"
        )


def in_platform_syntax(msg: Message, settings: Settings, target: Platform) -> Message:
    return replace(
        msg,
        subject=retag(msg.subject, settings, target, html=False),
        preheader=retag(msg.preheader, settings, target, html=False),
        html=retag(msg.html, settings, target, html=True),
        text=retag(msg.text, settings, target, html=False),
    )


def export(
    messages: list[Message],
    settings: Settings,
    target: Platform,
    out: Path,
    *,
    prune: bool,
    within: Path | None = None,
) -> Exported:
    """Write one `<name>.json` per job under `out`, whole or not at all. With `prune` (the
    default folder inside build/), files of jobs that are gone are removed, so a stale
    template is never uploaded. `within`: the folder `out` must not leave through a link
    (build/ for the default folder: a `build/exports` linked elsewhere would have had its
    files there replaced and pruned); checked before anything is written."""
    base = within or out
    if within is not None:  # the project's build/ itself linked out of the project
        not_linked_out(within)
    contained(base, out)
    distinct(messages, target)  # before anything is written
    files: list[Path] = []
    written = 0
    for msg in messages:
        path = out / file_name(msg.job_id)
        document = target.document(in_platform_syntax(msg, settings, target))
        written += atomic_write(path, dump_json(document), base)
        files.append(path)
    removed: list[Path] = []
    if prune and out.is_dir():
        for stale in sorted(set(out.glob("*.json")) - set(files)):
            stale.unlink()
            removed.append(stale)
    return Exported(tuple(files), written, tuple(removed))
