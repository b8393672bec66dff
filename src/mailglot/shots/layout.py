"""Layout findings measured in the browser, as Diagnostics.

The measuring happens in `layout.js` inside the page (at phone width, where long
translations and right-to-left text break layouts) and in `contrast.js` (WCAG AA contrast on
the colours Chromium computed, in each colour scheme the job is shot in); this module only loads those scripts and turns what they report
into findings located at the job's preview.html (a wrapping button label at its `.po` entry).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from mailglot.errors import Diagnostic, Severity
from mailglot.shots.label_lines import Locate

PREFIX = "layout."
# Sideways scrolling, spilled or cut text and broken images are visible to every reader;
# unsized images and small targets are worth a look but often accepted.
SEVERITY: dict[str, Severity] = {
    "layout.overflow": "warning",
    "layout.text-overflow": "warning",
    "layout.text-clipped": "warning",
    "layout.button-wrap": "warning",
    "layout.image-missing": "warning",
    "layout.image-size": "info",
    "layout.tap-target": "info",
    "layout.contrast": "warning",
}
SCHEMES = ("light", "dark")


def _script(name: str) -> str:
    return resources.files("mailglot.shots").joinpath(name).read_text(encoding="utf-8").strip()


@cache
def layout_script() -> str:
    return _script("layout.js")


@cache
def contrast_script() -> str:
    """contrast.js, called with the colour scheme the page emulates ("light" or "dark"), once
    per scheme at the layout width, just before that scheme's screenshot."""
    return _script("contrast.js").rstrip(";")


def layout_findings(
    raw: list[dict[str, Any]], job_path: str, width: int, locate: Locate | None = None
) -> list[Diagnostic]:
    """At the job's preview.html; a button label that wraps (`layout.button-wrap`) at the
    catalog entry it comes from when `locate` finds one (`label_lines`)."""
    out = []
    for item in raw:
        where = None
        if locate is not None and isinstance(item.get("label"), str):
            where = locate(item["label"])
        path, line = where or (f"{job_path}/preview.html", None)
        severity = SEVERITY.get(item["code"], "warning")
        out.append(
            Diagnostic(path, line, item["code"], severity, f"at {width} px, {item['message']}")
        )
    return out


def is_layout(d: Diagnostic) -> bool:
    return d.code.startswith(PREFIX)
