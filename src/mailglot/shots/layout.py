"""Layout findings measured in the browser, as Diagnostics.

The measuring happens in `layout.js` inside the page (at phone width, where long
translations and right-to-left text break layouts); this module only loads that script and
turns what it reports into findings located at the job's preview.html.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from mailglot.errors import Diagnostic, Severity

PREFIX = "layout."
# Sideways scrolling, spilled or cut text and broken images are visible to every reader;
# unsized images and small targets are worth a look but often accepted.
SEVERITY: dict[str, Severity] = {
    "layout.overflow": "warning",
    "layout.text-overflow": "warning",
    "layout.text-clipped": "warning",
    "layout.image-missing": "warning",
    "layout.image-size": "info",
    "layout.tap-target": "info",
}


@cache
def layout_script() -> str:
    return resources.files("mailglot.shots").joinpath("layout.js").read_text(encoding="utf-8")


def layout_findings(raw: list[dict[str, Any]], job_path: str, width: int) -> list[Diagnostic]:
    return [
        Diagnostic(
            f"{job_path}/preview.html",
            None,
            item["code"],
            SEVERITY.get(item["code"], "warning"),
            f"at {width} px, {item['message']}",
        )
        for item in raw
    ]


def is_layout(d: Diagnostic) -> bool:
    return d.code.startswith(PREFIX)
