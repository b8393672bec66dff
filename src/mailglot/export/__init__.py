"""Sending-platform exports: one file per job in the platform's own template format.

`PLATFORMS` is the plain list of formats `mailglot export --format` offers; a new platform is
one module with a `PLATFORM` and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
from mailglot.output import atomic_write, contained, dump_json
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
    contained(base, out)
    files: list[Path] = []
    written = 0
    for msg in messages:
        path = out / f"{template_name(msg.job_id, limit=100)}.json"
        document = target.document(in_platform_syntax(msg, settings, target))
        written += atomic_write(path, dump_json(document), base)
        files.append(path)
    removed: list[Path] = []
    if prune and out.is_dir():
        for stale in sorted(set(out.glob("*.json")) - set(files)):
            stale.unlink()
            removed.append(stale)
    return Exported(tuple(files), written, tuple(removed))
