"""Screenshots with one Chromium and a few pages working at once.

Each job is opened once at phone width, where the layout checks run; then, for each width,
the viewport is made as tall as the email and the viewport is shot, light and dark (contrast
measured in each scheme at phone width). What costs CPU, measured on the example project
(CPU seconds of Chromium, its driver and Python per screenshot, ~190 ms before, ~80 after):

- A navigation is the most expensive thing Chromium does for a page (history, process
  bookkeeping, a request through the route below), so a page's next job is written into the
  document it already holds (document.open/write/close, with a `<base>` naming the job's
  folder so relative URLs resolve as if it had been navigated to). Only a preview that could
  leave something behind in the page or read differently is navigated to instead (see
  `writable`), and the job after it too.
- `captureBeyondViewport` resizes, repaints and restores the page for every shot; making the
  viewport as tall as the email once per width lets light and dark share one resize. The
  device metrics are set on our own DevTools session (Playwright's `set_viewport_size` also
  resizes the headless window each time), and every PNG's size is checked against them.
- Every round trip to the page costs a few ms of CPU in Chromium, its driver and Python:
  loading, height, layout and contrast checks are one call. All pages share one browser
  context (each still has its own renderer process): a context costs more to set up than
  a page.

Repeatable pixels: a fixed scale factor, software rendering, fonts awaited, animations,
transitions and the caret frozen, and no request leaves the machine (only file:, data: and
localhost are let through). Chromium encodes the PNGs itself (`optimizeForSpeed`: larger
files, several times faster than the default compression).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import html
import re
import struct
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from mailglot.containment import link_out
from mailglot.output import atomic_write
from mailglot.shots.browser import LAUNCH_ARGS, locate_browser, not_a_browser
from mailglot.shots.layout import contrast_script, layout_script
from mailglot.shots.state import Shot

FREEZE_CSS = """*, *::before, *::after {
  animation: none !important; transition: none !important; caret-color: transparent !important;
}"""
MAX_HEIGHT = 16_000  # Chromium's texture limit is 16384 px
PAGE_TIMEOUT_MS = 20_000
LAUNCH_TIMEOUT_MS = 60_000  # a program that is not Chromium may never answer Playwright
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
    """One page more than cores, up to 4. Measured on an idle 2-core machine with
    scripts/bench_shots.py, back to back: 2 pages 18.7-19.7 shots/s, 3 pages 19.5-21.8, at
    the same 80-87 ms CPU per shot. Chromium's renderer, compositor and browser processes
    already spread one page's work over both cores; the extra page covers the gaps while a
    page waits on Python or on its images."""
    return max(2, min(4, cpus + 1))


def capture(
    targets: Sequence[Target],
    shots: Sequence[Shot],
    configured_browser: str | None,
    out: Path,
    pages: int,
    on_done: Callable[[Outcome], None] = lambda o: None,
    *,
    reuse: bool = True,
    root: Path | None = None,
) -> list[Outcome]:
    """`reuse=False` navigates to every preview: the reference the written documents are
    tested against. `root`: the project, which a relative `configured_browser` is in."""
    if not targets:
        return []
    browser = (configured_browser, root)  # as the user wrote it, and where it is read from
    return asyncio.run(_capture(targets, shots, browser, out, pages, on_done, reuse))


async def _capture(
    targets: Sequence[Target],
    shots: Sequence[Shot],
    browser_setting: tuple[str | None, Path | None],
    out: Path,
    pages: int,
    on_done: Callable[[Outcome], None],
    reuse: bool,
) -> list[Outcome]:
    from playwright.async_api import Error, async_playwright
    from playwright.async_api import TimeoutError as LaunchTimeout

    async with async_playwright() as pw:
        configured, root = browser_setting
        executable, chosen = locate_browser(configured, pw.chromium.executable_path, root=root)
        try:
            browser = await pw.chromium.launch(
                executable_path=str(executable), args=list(LAUNCH_ARGS), timeout=LAUNCH_TIMEOUT_MS
            )
        except Error as exc:  # before any file is touched: the build reports it and goes on
            waited = LAUNCH_TIMEOUT_MS / 1000 if isinstance(exc, LaunchTimeout) else None
            raise not_a_browser(chosen, exc.message, waited) from None
        queue = deque(targets)
        outcomes: list[Outcome] = []
        # One context for all pages (each has its own renderer all the same): a context costs
        # more CPU to set up than a page. No viewport of Playwright's: the device metrics are
        # ours alone (see _resize).
        context = await browser.new_context(
            no_viewport=True, reduced_motion="reduce", timezone_id="UTC"
        )
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        await context.route("**/*", functools.partial(_only_local, out.parent))

        async def worker() -> None:
            page = await context.new_page()
            slot = _Slot(page, await context.new_cdp_session(page), reuse)
            while queue:
                target = queue.popleft()
                try:
                    outcome = await _shoot(slot, target, shots, out)
                except Exception as exc:  # one broken page must not stop the others
                    outcome = Outcome(target, error=f"{type(exc).__name__}: {exc}".strip())
                    slot.writable = False  # start the next job from a fresh navigation
                outcomes.append(outcome)
                on_done(outcome)
            await page.close()

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


_HEIGHT = "Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))"
HEIGHT_JS = f"() => {_HEIGHT}"
PREPARE_JS = f"""async (css) => {{
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  await document.fonts.ready;
  return {_HEIGHT};
}}"""
# A written document is "complete" as soon as it is closed: its load event does not wait for
# its images. So only previews whose one kind of outside file is <img src> are written (see
# `writable`), and each image is awaited until it is decoded, fetched or failed.
WRITE_JS = f"""async ([html, css, timeout]) => {{
  document.open();
  document.write(html);
  document.close();
  window.scrollTo(0, 0);
  let timer;
  const late = new Promise((_, reject) => {{
    timer = setTimeout(() => reject(new Error(`images not loaded after ${{timeout}} ms`)), timeout);
  }});
  const images = [...document.images].map((img) => img.decode().catch(() => null));
  await Promise.race([Promise.all(images), late]);
  clearTimeout(timer);
  return await ({PREPARE_JS})(css);
}}"""

# What a written document could show otherwise than a navigated one, or leave behind for the
# next job: scripts and event handlers (timers outlive document.open), its own <base>, a
# refresh, and any outside file but a plain <img src> (stylesheets, CSS url()s, background
# attributes, srcset, lazy images, SVG, media, frames, plugins), none of which a written
# document waits for; and bytes Chromium might decode otherwise than as UTF-8.
_UNWRITABLE = re.compile(
    r"<(?:script|base|link|i?frame|object|embed|svg|video|audio|picture|source|input)\b"
    r"|http-equiv\s*=\s*[\"']?refresh|\son[a-z]+\s*=|\s(?:background|srcset|loading)\s*="
    r"|url\s*\(|@import",
    re.IGNORECASE,
)
_CHARSET = re.compile(r"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def writable(preview: bytes, folder: Path) -> str | None:
    """The preview with a `<base>` for its folder, ready to be written into a page; None when
    it must be navigated to."""
    try:
        text = preview.decode("utf-8")
    except UnicodeDecodeError:
        return None
    head = _HEAD.search(text)
    if (
        head is None
        or text.startswith("\ufeff")
        or not (text.isascii() or {c.lower() for c in _CHARSET.findall(text)} == {"utf-8"})
        or _UNWRITABLE.search(text)
    ):
        return None
    base = f'<base href="{html.escape(folder.as_uri() + "/")}">'
    return text[: head.end()] + base + text[head.end() :]


@dataclass
class _Slot:
    """One page at work: its DevTools session, the device metrics and colour scheme it has
    now, and whether its document may receive the next job."""

    page: Any
    cdp: Any
    reuse: bool
    size: tuple[int, int] | None = None
    dark: bool = False
    writable: bool = False


async def _resize(slot: _Slot, width: int, height: int) -> None:
    if slot.size == (width, height):
        return
    slot.size = None  # unknown until Chromium has it
    await slot.cdp.send(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": height,
            "deviceScaleFactor": 1,
            "mobile": False,
            "screenWidth": width,
            "screenHeight": height,
            "screenOrientation": {"angle": 0, "type": "landscapePrimary"},
        },
    )
    slot.size = (width, height)


@functools.cache
def _open_js() -> str:
    """Loads the job (written, or already navigated to when `html` is null), then measures
    its height and layout at the first shot's size and its contrast in the page's current
    colour scheme: one round trip instead of four."""
    return f"""async ([html, css, timeout, width, scheme]) => {{
  const height = html === null ? await ({PREPARE_JS})(css) : await ({WRITE_JS})([html, css, timeout]);
  const layout = ({layout_script()})(width);
  return [height, layout, ({contrast_script()})(scheme)];
}}"""


async def _open(slot: _Slot, target: Target, first: Shot) -> tuple[int, list[Any], list[Any]]:
    """Loads the job at the first shot's size: its height there, its layout findings and its
    contrast findings in the colour scheme the page has."""
    await _resize(slot, first.width, first.height)
    preview = target.folder / "preview.html"
    text = writable(preview.read_bytes(), target.folder)
    if not (slot.reuse and slot.writable and text is not None):
        slot.writable = False
        await slot.page.goto(preview.as_uri(), wait_until="load")
    scheme = "dark" if slot.dark else "light"
    args = [text if slot.writable else None, FREEZE_CSS, PAGE_TIMEOUT_MS, first.width, scheme]
    height, layout, contrast = await slot.page.evaluate(_open_js(), args)
    slot.writable = text is not None
    return int(height), layout, contrast


async def _shoot(slot: _Slot, target: Target, shots: Sequence[Shot], out: Path) -> Outcome:
    """Shots are ordered to change the colour scheme least: the page keeps the one it had."""
    first = shots[0]
    outcome = Outcome(target)
    height, outcome.layout, contrast_now = await _open(slot, target, first)
    contrast: dict[bool, list[dict[str, Any]]] = {slot.dark: contrast_now}
    for width in dict.fromkeys(s.width for s in shots):
        normal = next(s.height for s in shots if s.width == width)
        if width != first.width:
            await _resize(slot, width, normal)
            height = int(await slot.page.evaluate(HEIGHT_JS))
        full = max(min(height, MAX_HEIGHT), normal)
        await _resize(slot, width, full)
        for shot in sorted(
            (s for s in shots if s.width == width), key=lambda s: s.dark != slot.dark
        ):
            if shot.dark != slot.dark:
                await slot.page.emulate_media(color_scheme="dark" if shot.dark else "light")
                slot.dark = shot.dark
            if width == first.width and shot.dark not in contrast:  # in this shot's scheme
                scheme = "dark" if shot.dark else "light"
                contrast[shot.dark] = await slot.page.evaluate(contrast_script(), scheme)
            result = await slot.cdp.send(
                "Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True}
            )
            png = base64.b64decode(result["data"])
            if png_size(png) != (width, full):
                raise RuntimeError(f"{shot.name}: Chromium gave {png_size(png)}, not {width, full}")
            atomic_write(target.folder / f"{shot.name}.png", png, out)
            outcome.sizes[shot.name] = [width, full]
    outcome.sizes = {s.name: outcome.sizes[s.name] for s in shots}
    for dark in dict.fromkeys(s.dark for s in shots):  # light first, whichever was shot first
        outcome.layout += contrast[dark]
    return outcome


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a PNG always starts with."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
