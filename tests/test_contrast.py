"""In-page measurements in a real Chromium: WCAG AA contrast in light and dark mode, and layout
lists that are never capped."""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import async_playwright

from mailglot.shots.browser import LAUNCH_ARGS, find_browser
from mailglot.shots.layout import contrast_script, layout_findings, layout_script

PAGE = """<!doctype html><html lang="en"><head><style>
body { background: #ffffff; color: #1f1b2e; font: 16px sans-serif; margin: 0; }
.faint { color: #9a9a9a; }                 /* 2.8:1 on white: fails for body text */
.big { color: #8a8a8a; font-size: 26px; }  /* 3.5:1: enough for large text */
.panel { background: #f1ebfd; padding: 8px; }
@media (prefers-color-scheme: dark) {
  body { background: #121016; color: #ece9f3; }
  .panel div { color: #ece9f3; }           /* light text left on a light panel */
}
</style></head><body>
<p>Readable body text, dark on white.</p>
<p class="faint">Faint grey terms and conditions</p>
<p class="big">A large grey heading</p>
<div class="panel"><div>COMEBACK50</div></div>
<div style="display:none;color:#fff">hidden preheader</div>
IMAGES
</body></html>"""


async def _measure(path: Path) -> tuple[list[dict], list[dict]]:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(find_browser(None, pw.chromium.executable_path)),
            args=list(LAUNCH_ARGS),
        )
        page = await browser.new_page(viewport={"width": 375, "height": 700})
        await page.emulate_media(color_scheme="light")
        await page.goto(path.as_uri())
        light = await page.evaluate(layout_script(), 375)
        light += await page.evaluate(contrast_script(), "light")
        await page.emulate_media(color_scheme="dark")
        dark = await page.evaluate(contrast_script(), "dark")
        await browser.close()
    return light, dark


def test_contrast_light_and_dark_and_uncapped_image_findings(tmp_path: Path):
    images = "".join(f'<img src="missing{i}.png" alt="poster {i}">' for i in range(7))
    page = tmp_path / "preview.html"
    page.write_text(PAGE.replace("IMAGES", images), encoding="utf-8")
    light, dark = asyncio.run(_measure(page))

    contrast = [x["message"] for x in light if x["code"] == "layout.contrast"]
    assert contrast == [
        'light mode: text p.faint "Faint grey terms and conditions" is #9a9a9a on #ffffff, '
        "contrast 2.81:1; WCAG AA needs 4.5:1 for body text (16 px)"
    ]
    assert [x["message"] for x in dark] == [
        'dark mode: text div "COMEBACK50" is #ece9f3 on #f1ebfd, contrast 1.03:1; '
        "WCAG AA needs 4.5:1 for body text (16 px)",
    ]
    # Seven unsized images that do not load: fourteen findings, none dropped.
    sizes = [x for x in light if x["code"] == "layout.image-size"]
    missing = [x for x in light if x["code"] == "layout.image-missing"]
    assert len(sizes) == 7 and len(missing) == 7
    [finding] = layout_findings(
        [x for x in light if x["code"] == "layout.contrast"], "build/p/en_US/a", 375
    )
    assert (finding.code, finding.severity) == ("layout.contrast", "warning")
