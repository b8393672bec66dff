"""What an exporter works from: one built job, read from the build, merge tags still in the
project's syntax. Exporters never re-render; they hand the reviewed bytes to a platform."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mailglot.errors import MailglotError
from mailglot.output import not_linked_out, read_meta
from mailglot.project.settings import Settings
from mailglot.records import Manifest
from mailglot.render.merge import merge_tag


class ExportError(MailglotError):
    pass


@dataclass(frozen=True)
class Message:
    job_id: str  # campaign/locale/variant
    campaign: str
    locale: str
    variant: str
    subject: str
    preheader: str
    html: str
    text: str
    samples: tuple[tuple[str, str], ...]  # recipient field -> preview value, for test data


@dataclass(frozen=True)
class Platform:
    """A sending platform's template format.

    `tag` writes a recipient field in the platform's merge syntax; `openers` are the character
    sequences that start a tag there, neutralised wherever the content has them literally, so
    text can never become a merge tag on the way out; `document` is one job's file."""

    name: str
    tag: Callable[[str], str]
    openers: tuple[str, ...]
    document: Callable[[Message], dict[str, object]]
    title: str = ""
    # the name the platform keeps one template per (from the job id), and what it is called;
    # two jobs with one name would replace each other there
    identity: Callable[[str], str] | None = None
    identity_label: str = ""


def template_name(job_id: str, limit: int = 64) -> str:
    """`black_friday/fr_FR/a` -> `black_friday-fr_FR-a`: letters, digits, _ and - only (what
    SES and Postmark aliases accept), made unique by a hash when it must be shortened."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", job_id.replace("/", "-")).strip("-")
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(job_id.encode()).hexdigest()[:8]
    return f"{name[: limit - 9]}-{digest}"


def _neutralise(text: str, openers: tuple[str, ...], html: bool) -> str:
    for opener in openers:
        if html:
            safe = "".join(f"&#{ord(c)};" for c in opener)
        else:
            safe = opener[0] + "\u200b" + opener[1:]  # a zero-width space breaks the opener
        text = text.replace(opener, safe)
    return text


def retag(text: str, settings: Settings, platform: Platform, *, html: bool) -> str:
    """Project merge tags -> the platform's; anything else that would parse as a platform tag
    is neutralised (in HTML as character references, which read the same), and so is a
    character against a tag that would join its syntax (`{` before `{{first_name}}` makes the
    triple stash `{{{first_name}}`, which Handlebars refuses to parse). The checks refuse such
    text where it is written; this keeps an export parseable whatever the build holds."""
    fields = list(settings.recipient)
    project_tags = {merge_tag(settings.merge_tags, f): i for i, f in enumerate(fields)}
    pattern = re.compile(
        "|".join(re.escape(t) for t in sorted(project_tags, key=len, reverse=True))
    )
    opening, _, closing = platform.tag("field").partition("field")
    parts: list[str] = []
    last = 0
    for m in pattern.finditer(text) if project_tags else ():
        before = _neutralise(text[last : m.start()], platform.openers, html)
        if before[-1:] and before[-1] in opening:
            before = before[:-1] + _apart(before[-1], html, first=True)
        parts.append(before)
        parts.append(platform.tag(fields[project_tags[m.group(0)]]))
        last = m.end()
        if text[last : last + 1] and text[last] in closing:
            parts.append(_apart(text[last], html, first=False))
            last += 1
    parts.append(_neutralise(text[last:], platform.openers, html))
    return "".join(parts)


def _apart(character: str, html: bool, *, first: bool) -> str:
    """`character`, kept from joining the merge tag next to it: a character reference in
    HTML (read the same), a zero-width space between them in text."""
    if html:
        return f"&#{ord(character)};"
    return character + "\u200b" if first else "\u200b" + character


def built_messages(build: Path, manifest: Manifest, settings: Settings) -> list[Message]:
    """Every job whose outputs are current; a failed job's stale files are not exported. A
    build/ that is a link out of the project is not read (whatever --out says)."""
    not_linked_out(build)
    messages = []
    samples = tuple(settings.recipient.items())
    for job in manifest.jobs:
        if not job.rendered or job.place is None:
            continue
        folder = job.place.folder(build)
        meta = read_meta(build, job.place)
        try:
            if meta is None:
                raise ValueError("meta.json is missing or unreadable")
            html = (folder / "email.html").read_text(encoding="utf-8")
            text = (folder / "email.txt").read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise ExportError(
                f"build/{job.place.rel} is incomplete ({exc}); run `mailglot build` again"
            ) from exc
        messages.append(
            Message(
                job.id,
                meta.campaign,
                meta.locale,
                meta.variant,
                meta.subject,
                meta.preheader,
                html,
                text,
                samples,
            )
        )
    return messages
