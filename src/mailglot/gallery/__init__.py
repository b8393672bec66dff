"""The review gallery: `build/index.html`, a static page that opens from file://.

Browsers refuse `fetch` on file://, so the data travels as a script (`build/gallery-data.js`
sets `window.MAILGLOT`); the page's own CSS and JavaScript are inlined into index.html from
the package's `gallery.css` and `gallery.js`. Each job also gets `images-off.html`, its
preview with every image blocked, since many inboxes show no images until asked.
"""

from __future__ import annotations

import json
import re
from email.utils import parseaddr
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailglot.output import atomic_write

if TYPE_CHECKING:
    from mailglot.project.loader import Project

INDEX = "index.html"
DATA = "gallery-data.js"
IMAGES_OFF = "images-off.html"
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\s(?:src|srcset)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"""background(?:-image)?\s*:\s*url\([^)]*\)|\sbackground\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)
IMAGES_OFF_CSS = (
    "<style>img{outline:1px dashed #9a94ad;outline-offset:-1px;background:#ece9f3;"
    "color:#4b4660;font:13px/1.3 system-ui,sans-serif;}</style>"
)


def write_gallery(project: Project, out: Path, manifest: dict[str, Any]) -> Path:
    jobs = []
    for entry in manifest.get("jobs", []):
        if "path" not in entry:
            continue
        folder = out / entry["path"]
        meta = _read_json(folder / "meta.json")
        if meta is None:
            continue
        _write_images_off(folder, out)
        jobs.append(_job(entry, meta, folder))
    skipped = [
        {
            "id": e["id"],
            "campaign": e["campaign"],
            "status": e["status"],
            "reason": e.get("reason", ""),
        }
        for e in manifest.get("jobs", [])
        if "path" not in e
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
        "jobs": jobs,
        "skipped": skipped,
    }
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    atomic_write(out / DATA, f"window.MAILGLOT = {payload};\n".encode(), out)
    atomic_write(out / INDEX, _index(s.brand.name).encode(), out)
    return out / INDEX


def _job(entry: dict[str, Any], meta: dict[str, Any], folder: Path) -> dict[str, Any]:
    visual = meta.get("visual") or {}
    try:
        text = (folder / "email.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    return {
        "id": entry["id"],
        "path": entry["path"],
        "campaign": entry["campaign"],
        "locale": entry["locale"],
        "market": entry["market"],
        "variant": entry["variant"],
        "status": entry["status"],
        "stale": entry.get("stale", False),
        "lang": meta.get("lang", ""),
        "dir": meta.get("dir", "ltr"),
        "subject": meta.get("subject_preview") or meta.get("subject", ""),
        "preheader": meta.get("preheader_preview") or meta.get("preheader", ""),
        "send_at": meta.get("send_at"),
        "event": (meta.get("event") or {}).get("name"),
        "html_bytes": meta.get("html_bytes"),
        "findings": entry.get("findings", meta.get("findings", [])),
        "shots": visual.get("sizes", {}),
        "shots_current": visual.get("current", False),
        "baseline": visual.get("baseline", False),
        "changed": visual.get("changed", False),
        "changed_share": visual.get("changed_share", 0.0),
        "review": visual.get("shots", {}),
        "eml": (folder / "email.eml").is_file(),
        "text": text,
    }


def _write_images_off(folder: Path, out: Path) -> None:
    preview, target = folder / "preview.html", folder / IMAGES_OFF
    try:
        if target.stat().st_mtime_ns >= preview.stat().st_mtime_ns:
            return  # preview.html is only rewritten when its bytes change
    except FileNotFoundError:
        pass
    try:
        html = preview.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    html = _IMG.sub(lambda m: _SRC.sub("", m.group(0)), html)
    html = _BACKGROUND.sub("", html)
    html = html.replace("</head>", IMAGES_OFF_CSS + "</head>", 1)
    atomic_write(folder / IMAGES_OFF, html.encode(), out)


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


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
