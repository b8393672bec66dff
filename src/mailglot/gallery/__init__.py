"""The review gallery: `build/index.html`, a static page that opens from file://.

Browsers refuse `fetch` on file://, so the data travels as a script (`build/gallery-data.js`
sets `window.MAILGLOT`); the page's own CSS and JavaScript are inlined into index.html from
the package's `gallery.css` and `gallery.js`. Each job also gets `images-off.html`, its
preview with every image blocked, since many inboxes show no images until asked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from email.utils import parseaddr
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailglot.gallery import fragments, images_off_bytes
from mailglot.markup import IMG_TAG
from mailglot.output import atomic_write, read_meta
from mailglot.records import JobMeta, JobPlace, Manifest, ManifestEntry, Review

if TYPE_CHECKING:
    from mailglot.project.loader import Project

INDEX = "index.html"
DATA = "gallery-data.js"
_DATA_START, _DATA_END = "window.MAILGLOT = ", ";\n"
IMAGES_OFF = "images-off.html"
_SRC = re.compile(r"""\s(?:src|srcset)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"""background(?:-image)?\s*:\s*url\([^)]*\)|\sbackground\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)
IMAGES_OFF_CSS = (
    "<style>img{outline:1px dashed #9a94ad;outline-offset:-1px;background:#ece9f3;"
    "color:#4b4660;font:13px/1.3 system-ui,sans-serif;}</style>"
)
_IMAGES_OFF_CSS = IMAGES_OFF_CSS.encode()


def write_gallery(
    project: Project,
    out: Path,
    manifest: Manifest,
    metas: Mapping[str, JobMeta],
    reuse: Collection[str] = (),
    fresh: Mapping[str, str] | None = None,
    pages: Mapping[str, str] | None = None,
) -> Path:
    """`metas`: the record of every job in `manifest` that has outputs (jobs without one,
    never built or unreadable, are left out of the page). `reuse`: jobs whose record and
    files are the ones the page already shows (buildstate.vouched): their data is taken
    from the current gallery-data.js, with this build's status, instead of reading their
    meta.json and text again. `fresh`: the text part of jobs whose worker has just written
    all their files (images-off.html too), so nothing of theirs is read or looked for.
    `pages`: the page data of jobs just built, as their workers encoded it (`job_page`),
    taken when the entry is the one the worker encoded it for."""
    fresh, pages = fresh or {}, pages or {}
    kept = fragments.previous(out, out / DATA, _DATA_START, _DATA_END) if reuse else None
    before = _previous_jobs(out) if reuse and kept is None else {}
    jobs: list[dict[str, Any] | str] = []  # a job's data, or its reused text (fragments.py)
    for entry in manifest.jobs:
        if entry.place is None:
            continue
        if entry.id in reuse and kept is not None and entry.id in kept:
            jobs.append(fragments.restated(kept[entry.id], entry))
            continue
        if entry.id in reuse and entry.id in before:
            jobs.append(_restated(before[entry.id], entry))
            continue
        meta = metas.get(entry.id)
        page = pages.get(entry.id)
        if page is not None and meta is not None and _as_encoded(entry, meta):
            jobs.append(page)
            continue
        if meta is None and entry.id in reuse:  # not in the page after all: read it
            meta = read_meta(out, entry.place)
        if meta is None:
            continue
        text = fresh.get(entry.id)
        if text is None:  # normally already done by the job's worker
            write_images_off(entry.place.folder(out), out)
        jobs.append(_job(entry, entry.place, meta, out, text))
    skipped = [
        {"id": e.id, "campaign": e.campaign, "status": e.kind, "reason": e.reason or ""}
        for e in manifest.jobs
        if e.place is None
    ]
    s = project.settings
    data = {
        "brand": s.brand.name,
        "sender": parseaddr(s.brand.sender)[0] or s.brand.sender,
        "screenshots": {
            "phone": s.screenshots.phone,
            "desktop": s.screenshots.desktop,
            "dark": s.screenshots.dark,
        },
        "skipped": skipped,
    }
    if all(isinstance(job, dict) for job in jobs):  # one call when there is no text to splice
        payload = fragments.encode({**data, "jobs": jobs})
    else:
        texts = [job if isinstance(job, str) else fragments.encode(job) for job in jobs]
        payload = fragments.assemble(data, texts)
    written = f"{_DATA_START}{payload}{_DATA_END}".encode()
    atomic_write(out / DATA, written, out)
    fragments.seal(out, written)
    atomic_write(out / INDEX, _index(s.brand.name).encode(), out)
    return out / INDEX


def job_page(meta: JobMeta, text: str) -> str:
    """A job's page data, encoded by the worker that has just built and reviewed it (no
    screenshot step follows): the build process then only places it, instead of making and
    encoding 10,000 jobs' data in a cold build while its workers wait for the next batch."""
    place = meta.place
    entry = ManifestEntry(
        place.rel, meta.campaign, "built", meta.market, place, False, meta.findings
    )
    return fragments.encode(_job(entry, place, meta, Path(), text))


def _as_encoded(entry: ManifestEntry, meta: JobMeta) -> bool:
    """Whether `job_page` made from `meta` is this entry's data: a job built, not stale, with
    that very record's findings (as publish gives it) and its place, campaign and market."""
    return (
        entry.kind == "built"
        and entry.stale is False
        and entry.findings is meta.findings
        and entry.place == meta.place
        and entry.id == meta.place.rel
        and entry.campaign == meta.campaign
        and entry.market == meta.market
    )


def _previous_jobs(out: Path) -> dict[str, dict[str, Any]]:
    """The jobs of the gallery-data.js a build wrote, by id (none when it is missing, damaged
    or not what `write_gallery` writes)."""
    try:
        text = (out / DATA).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if not (text.startswith(_DATA_START) and text.endswith(_DATA_END)):
        return {}
    try:
        jobs = json.loads(text[len(_DATA_START) : -len(_DATA_END)])["jobs"]
        return {job["id"]: job for job in jobs if set(job) == _JOB_KEYS}
    except (ValueError, KeyError, TypeError, RecursionError):
        return {}


# The fields `_job` writes: a previous page's job with other fields is not reused.
_JOB_KEYS = frozenset(
    [
        "id",
        "path",
        "campaign",
        "locale",
        "market",
        "variant",
        "status",
        "stale",
        "lang",
        "dir",
        "subject",
        "preheader",
        "preview",
        "send_at",
        "event",
        "html_bytes",
        "findings",
        "shots",
        "shots_current",
        "baseline",
        "changed",
        "changed_share",
        "review",
        "eml",
        "text",
    ]
)


def _restated(job: dict[str, Any], entry: ManifestEntry) -> dict[str, Any]:
    """A job's previous page data with what this build says of it."""
    return {
        **job,
        "status": entry.kind,
        "stale": entry.stale,
        "findings": [f.to_dict() for f in entry.findings],
    }


def _job(
    entry: ManifestEntry, place: JobPlace, meta: JobMeta, out: Path, text: str | None
) -> dict[str, Any]:
    """`text`: the text part when the caller has it (just built: then the job's folder is
    not even named, 10,000 paths in a cold build), read from email.txt otherwise (with the
    same newline translation as reading it)."""
    visual = (meta.visual or Review()).to_dict()
    if text is not None:
        eml = True
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        folder = place.folder(out)
        eml = (folder / "email.eml").is_file()
        try:
            text = (folder / "email.txt").read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
    return {
        "id": entry.id,
        "path": place.rel,
        "campaign": entry.campaign,
        "locale": place.locale,
        "market": entry.market,
        "variant": place.variant,
        "status": entry.kind,
        "stale": entry.stale,
        "lang": meta.lang,
        "dir": meta.dir,
        "subject": meta.subject_preview or meta.subject,
        "preheader": meta.preheader_preview or meta.preheader,
        "preview": meta.inbox.to_dict() if meta.inbox else None,  # none from older builds
        "send_at": meta.send_at,
        "event": meta.event.name if meta.event else None,
        "html_bytes": meta.html_bytes,
        "findings": [f.to_dict() for f in entry.findings],
        "shots": visual["sizes"],
        "shots_current": visual["current"],
        "baseline": visual["baseline"],
        "changed": visual["changed"],
        "changed_share": visual["changed_share"],
        "review": visual["shots"],
        "eml": eml,
        "text": text,
    }


def write_images_off(folder: Path, out: Path) -> None:
    """The job's images-off.html, for a job whose worker did not write it (an older build's):
    the build's workers make it from the preview in memory (`images_off`), so the gallery
    step only fills in what is missing or older than its preview."""
    preview, target = folder / "preview.html", folder / IMAGES_OFF
    try:
        if target.stat().st_mtime_ns >= preview.stat().st_mtime_ns:
            return  # preview.html is only rewritten when its bytes change
    except FileNotFoundError:
        pass
    try:
        html = preview.read_bytes()
    except FileNotFoundError:
        return
    atomic_write(folder / IMAGES_OFF, images_off(html), out)


def images_off(preview: bytes, *, encoded: bool = False) -> bytes:
    """A preview with every image blocked, as many inboxes show it until asked. Newlines are
    made what reading the preview as text gives (the gallery read it so), so the file is the
    same bytes whichever step made it. `encoded`: the preview as the renderer encoded it
    (valid UTF-8), which is worked on as bytes where that gives the same (images_off_bytes)."""
    if encoded and (fast := images_off_bytes.images_off(preview, _IMAGES_OFF_CSS)) is not None:
        return fast
    html = preview.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    html = IMG_TAG.sub(lambda m: _SRC.sub("", m.group(0)), html)
    html = _without_backgrounds(html)
    return html.replace("</head>", IMAGES_OFF_CSS + "</head>", 1).encode()


def _without_backgrounds(html: str) -> str:
    """`_BACKGROUND.sub("", html)`, in a fraction of the time: the pattern, tried at every
    position of a 13 kB preview, took most of a worker's images-off time. Any match starts
    at a "background" in any case, or at the character before one, so the pattern is tried
    only there. They are found in an ASCII copy with one byte per character (others become
    "?"), lowercased: the same letters the pattern's IGNORECASE accepts, but for the Kelvin
    sign it also takes as a "k" (then the plain substitution runs)."""
    if "\u212a" in html:
        return _BACKGROUND.sub("", html)
    lower = html.encode("ascii", "replace").lower()
    return images_off_bytes.without_matches_at_background(_BACKGROUND, html, lower)


def _index(title: str) -> str:
    files = resources.files("mailglot.gallery")
    page = files.joinpath("index.html").read_text(encoding="utf-8")
    css = files.joinpath("gallery.css").read_text(encoding="utf-8")
    js = files.joinpath("gallery.js").read_text(encoding="utf-8")
    escaped = title.replace("&", "&amp;").replace("<", "&lt;")
    return (
        page.replace("{{title}}", escaped)
        .replace("/*{{css}}*/", css)
        .replace("/*{{js}}*/", js.replace("</script", "<\\/script"))
    )
