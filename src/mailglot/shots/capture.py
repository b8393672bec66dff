"""Screenshots with one Chromium and a few pages working at once.

Each page is loaded once per job at phone width: the layout checks run there, then the
page is shot light and dark, resized to desktop width and shot again. Reloading costs
more than re-laying out, and one load per job keeps all four shots of the same document.

Repeatable pixels: a fixed scale factor, software rendering, fonts awaited, animations,
transitions and the caret frozen, and no request leaves the machine (only file:, data: and
localhost are let through). Chromium encodes the PNGs itself (`optimizeForSpeed`: larger
files, several times faster than the default compression).
"""

from __future__ import annotations

import asyncio
import base64
import functools
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from mailglot.containment import link_out
from mailglot.output import atomic_write
from mailglot.shots.browser import LAUNCH_ARGS, find_browser
from mailglot.shots.layout import contrast_script, layout_script
from mailglot.shots.state import Shot

FREEZE_CSS = """*, *::before, *::after {
  animation: none !important; transition: none !important; caret-color: transparent !important;
}"""
MAX_HEIGHT = 16_000  # Chromium's texture limit is 16384 px
PAGE_TIMEOUT_MS = 20_000
_LOCAL = ("file:", "data:", "about:", "http://127.0.0.1", "http://localhost")


@dataclass(frozen=True)
class Target:
    job_id: str
    folder: Path


@dataclass
class Outcome:
    target: Target
    sizes: dict[str, list[int]] = field(default_factory=dict)
    layout: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def default_pages(cpus: int) -> int:
    """Measured on 2 cores: 1 page 8.9 shots/s, 2 pages 12.7, 3 pages 12.4. Chromium's
    renderer and compositor already use a second core, so more pages than cores only queue."""
    return max(2, min(4, cpus))


def capture(
    targets: Sequence[Target],
    shots: Sequence[Shot],
    configured_browser: str | None,
    out: Path,
    pages: int,
    on_done: Callable[[Outcome], None] = lambda o: None,
) -> list[Outcome]:
    if not targets:
        return []
    return asyncio.run(_capture(targets, shots, configured_browser, out, pages, on_done))


async def _capture(
    targets: Sequence[Target],
    shots: Sequence[Shot],
    configured_browser: str | None,
    out: Path,
    pages: int,
    on_done: Callable[[Outcome], None],
) -> list[Outcome]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        executable = find_browser(configured_browser, pw.chromium.executable_path)
        browser = await pw.chromium.launch(executable_path=str(executable), args=list(LAUNCH_ARGS))
        queue = deque(targets)
        outcomes: list[Outcome] = []

        async def worker() -> None:
            context = await browser.new_context(
                viewport={"width": shots[0].width, "height": shots[0].height},
                device_scale_factor=1,
                reduced_motion="reduce",
                timezone_id="UTC",
            )
            context.set_default_timeout(PAGE_TIMEOUT_MS)
            await context.route("**/*", functools.partial(_only_local, out.parent))
            page = await context.new_page()
            slot = _Slot(page, await context.new_cdp_session(page))
            while queue:
                target = queue.popleft()
                try:
                    outcome = await _shoot(slot, target, shots, out)
                except Exception as exc:  # one broken page must not stop the others
                    outcome = Outcome(target, error=f"{type(exc).__name__}: {exc}".strip())
                outcomes.append(outcome)
                on_done(outcome)
            await context.close()

        try:
            await asyncio.gather(*(worker() for _ in range(min(pages, len(targets)))))
        finally:
            await browser.close()
    return outcomes


async def _only_local(root: Path, route: Any) -> None:
    """No network, and no file outside the project (an asset that is a link to elsewhere)."""
    url = route.request.url
    outside = url.startswith("file:") and link_out(root, url2pathname(urlsplit(url).path))
    if url.startswith(_LOCAL) and not outside:
        await route.continue_()
    else:
        await route.abort("blockedbyclient")


PREPARE_JS = """async (css) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  await document.fonts.ready;
}"""
HEIGHT_JS = "Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))"


@dataclass
class _Slot:
    """One page at work, and the colour scheme it is currently emulating."""

    page: Any
    cdp: Any
    dark: bool = False


async def _shoot(slot: _Slot, target: Target, shots: Sequence[Shot], out: Path) -> Outcome:
    """Round trips are most of the cost besides encoding, so the page keeps its viewport and
    colour scheme from the previous job and the shots are ordered to change them least."""
    page = slot.page
    await page.goto((target.folder / "preview.html").as_uri(), wait_until="load")
    await page.evaluate(PREPARE_JS, FREEZE_CSS)
    outcome = Outcome(target)
    layout_width = shots[0].width
    widths = sorted({s.width for s in shots}, key=lambda w: w != page.viewport_size["width"])
    for width in widths:
        if page.viewport_size["width"] != width:
            height = next(s.height for s in shots if s.width == width)
            await page.set_viewport_size({"width": width, "height": height})
        if width == layout_width:
            outcome.layout = await page.evaluate(layout_script(), width)
        full = max(
            min(int(await page.evaluate(HEIGHT_JS)), MAX_HEIGHT), page.viewport_size["height"]
        )
        for shot in sorted(
            (s for s in shots if s.width == width), key=lambda s: s.dark != slot.dark
        ):
            if shot.dark != slot.dark:
                await page.emulate_media(color_scheme="dark" if shot.dark else "light")
                slot.dark = shot.dark
            if width == layout_width:  # contrast in the colour scheme this shot shows
                scheme = "dark" if shot.dark else "light"
                outcome.layout += await page.evaluate(contrast_script(), scheme)
            result = await slot.cdp.send(
                "Page.captureScreenshot",
                {
                    "format": "png",
                    "captureBeyondViewport": True,
                    "optimizeForSpeed": True,
                    "clip": {"x": 0, "y": 0, "width": width, "height": full, "scale": 1},
                },
            )
            atomic_write(target.folder / f"{shot.name}.png", base64.b64decode(result["data"]), out)
            outcome.sizes[shot.name] = [width, full]
    outcome.sizes = {s.name: outcome.sizes[s.name] for s in shots}
    return outcome
