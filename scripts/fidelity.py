#!/usr/bin/env python3
"""Pixel fidelity of mailglot's render stage against Node mjml 5 + juice.

    .venv/bin/python scripts/fidelity.py                       # tests/fidelity + example emails
    .venv/bin/python scripts/fidelity.py tests/fidelity/hero.mjml --save /tmp/fidelity
    .venv/bin/python scripts/fidelity.py --inliner premailer

Each MJML file is compiled twice: by mailglot's render stage (`compile_mjml` then
`inline_css`, imported from whatever `mailglot` is on the path, so an older checkout's
`src/` on PYTHONPATH measures that version) and by the Node toolchain a designer would use
(`mjml` 5 then `juice`, from scripts/peers/, installed there by npm on first use). Both are
shot in Chromium (Debian's, found as mailglot finds it) at 375 and 1200 px, full page, with
images blocked and with every image answered by one placeholder picture; no request leaves
the machine. For each file, width and image condition the table gives the share of pixels
that differ (any channel) and the height difference in px (mailglot minus Node).

Pixels cannot show what a screen reader or an images-off reader gets, so each file's
readable text is compared too: the text of the body, and every `alt`, `title`, `href`,
`src`, `aria-label`, `lang` and `dir`, in document order, entities decoded and white space
collapsed (Node indents its output). The table's last column gives the first difference.

The example project's emails are taken from a build folder (`email.mjml` under it); without
one the script builds the example into a temporary folder first (no screenshots).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html
from PIL import Image, ImageChops, ImageDraw
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts" / "peers"))

from node_peer import NodePeer, versions  # noqa: E402

from mailglot.render import inline as inline_module  # noqa: E402
from mailglot.render.mjml import compile_mjml  # noqa: E402
from mailglot.shots.browser import LAUNCH_ARGS, find_browser  # noqa: E402

WIDTHS = (375, 1200)
CONDITIONS = ("blocked", "placeholder")
ORIGIN = "http://fidelity.invalid/"
GOAL = 0.001  # 0.1 % of the pixels


@dataclass(frozen=True)
class Row:
    name: str
    width: int
    images: str
    share: float
    height_diff: int
    heights: tuple[int, int]
    readable: str = ""  # the first difference in readable text, "" when none


def placeholder_png() -> bytes:
    """One picture for every image request: 600 x 300, a diagonal so scaling shows."""
    img = Image.new("RGB", (600, 300), (120, 144, 200))
    draw = ImageDraw.Draw(img)
    draw.line((0, 0, 600, 300), fill=(30, 30, 60), width=12)
    draw.rectangle((20, 20, 200, 120), fill=(240, 200, 80))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def corpus(paths: list[Path]) -> Iterator[tuple[str, Path]]:
    for path in paths:
        if path.is_file():
            yield path.stem, path
        elif path.is_dir():
            direct = sorted(path.glob("*.mjml"))
            for f in direct:
                yield f.stem, f
            for f in sorted(path.glob("*/*/*/email.mjml")):  # build/<campaign>/<locale>/<v>/
                yield "/".join(f.parent.relative_to(path).parts), f


def build_example(dest: Path) -> Path:
    sys.path.insert(0, str(REPO))
    from tests.conftest import copy_example

    project = copy_example(dest / "example")
    mailglot = str(Path(sys.executable).parent / "mailglot")
    command = [mailglot, "--project", str(project), "build", "--no-screenshots"]
    subprocess.run(command, check=False, capture_output=True)
    return project / "build"


def mailglot_html(mjml: str, inliner: str | None) -> str:
    compiled = compile_mjml(mjml)
    if inliner is None:
        return inline_module.inline_css(compiled)
    return inline_module.inline_css(compiled, inliner)


def shoot(page: Page, html: str, width: int, images: str, picture: bytes) -> Image.Image:
    def route(r: Route) -> None:
        if r.request.url == ORIGIN:
            r.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        elif r.request.resource_type == "image" and images == "placeholder":
            r.fulfill(status=200, content_type="image/png", body=picture)
        else:
            r.abort()

    page.unroute("**/*")
    page.route("**/*", route)
    page.set_viewport_size({"width": width, "height": 100})
    for attempt in (1, 2):  # Chromium under load now and then fails a capture: once more
        try:
            page.goto(ORIGIN, wait_until="load")
            page.evaluate("document.fonts.ready")
            return Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
        except PlaywrightError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


_SPACE = re.compile(r"[ \t\n\r\f]+")
READABLE = ("alt", "title", "href", "src", "aria-label", "lang", "dir")


def readable(page: str) -> list[str]:
    """What a screen reader or an images-off reader meets, in document order."""
    body = lxml_html.document_fromstring(page).body
    items: list[str] = []
    if body is None:
        return items
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "script"):
            continue
        for name in READABLE:
            value = element.get(name)
            if value is not None:
                items.append(f"<{element.tag} {name}={_collapse(value)!r}>")
        for text in (element.text, element.tail if element is not body else None):
            words = _collapse(text or "")
            if words:
                items.append(words)
    return items


def _collapse(text: str) -> str:
    """HTML's white space (not the no-break spaces a translator typed) as one space."""
    return _SPACE.sub(" ", text).strip(" ")


def first_difference(ours: str, node: str) -> str:
    a, b = readable(ours), readable(node)
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"#{i}: mailglot {x[:60]!r} / Node {y[:60]!r}"
    if len(a) != len(b):
        return f"mailglot has {len(a)} items, Node {len(b)}"
    return ""


def compare(a: Image.Image, b: Image.Image) -> float:
    w, h = max(a.width, b.width), max(a.height, b.height)
    pa, pb = Image.new("RGB", (w, h), "white"), Image.new("RGB", (w, h), "white")
    pa.paste(a, (0, 0))
    pb.paste(b, (0, 0))
    diff = ImageChops.difference(pa, pb).convert("L").point(lambda v: 255 if v else 0)
    return diff.histogram()[255] / (w * h)


def run(args: argparse.Namespace) -> list[Row]:
    paths = [Path(p) for p in args.paths] or [REPO / "tests" / "fidelity"]
    if not args.paths and not args.no_example:
        tmp = Path(tempfile.mkdtemp(prefix="mailglot-fidelity-"))
        paths.append(build_example(tmp))
    files = list(corpus(paths))
    if args.only:
        files = [(n, f) for n, f in files if any(o in n for o in args.only)]
    picture = placeholder_png()
    rows: list[Row] = []
    save = Path(args.save) if args.save else None
    with NodePeer() as peer, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(find_browser(None, None)), args=list(LAUNCH_ARGS)
        )
        page = browser.new_page(device_scale_factor=1)
        for name, path in files:
            mjml = path.read_text(encoding="utf-8")
            node = peer.run(mjml).html
            try:
                ours = mailglot_html(mjml, args.inliner)
            except Exception as exc:  # a compile failure is a result, not the end of the run
                print(f"{name}: mailglot failed: {exc}", file=sys.stderr)
                ours = f"<!doctype html><p>mailglot failed: {exc}</p>"
            words = first_difference(ours, node)
            for width in WIDTHS:
                for images in CONDITIONS:
                    a = shoot(page, ours, width, images, picture)
                    b = shoot(page, node, width, images, picture)
                    share = compare(a, b)
                    rows.append(
                        Row(
                            name,
                            width,
                            images,
                            share,
                            a.height - b.height,
                            (a.height, b.height),
                            words,
                        )
                    )
                    if save and share > 0:
                        out = save / name.replace("/", "_")
                        out.mkdir(parents=True, exist_ok=True)
                        a.save(out / f"{width}-{images}-mailglot.png")
                        b.save(out / f"{width}-{images}-node.png")
            if save:
                out = save / name.replace("/", "_")
                out.mkdir(parents=True, exist_ok=True)
                (out / "mailglot.html").write_text(ours, encoding="utf-8")
                (out / "node.html").write_text(node, encoding="utf-8")
        browser.close()
    return rows


def print_table(rows: list[Row]) -> None:
    by_name: dict[str, list[Row]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    cols = [f"{w}/{c}" for w in WIDTHS for c in CONDITIONS]
    print(f"| file | {' | '.join(cols)} | height diff (px) | readable text |")
    print("|---" * (len(cols) + 3) + "|")
    for name, group in by_name.items():
        cells = [f"{r.share * 100:.3f}%" + ("" if r.share <= GOAL else " ✗") for r in group]
        heights = sorted({r.height_diff for r in group}, key=abs)
        words = group[0].readable or "same"
        print(
            f"| {name} | {' | '.join(cells)} | {', '.join(f'{h:+d}' for h in heights)} | {words} |"
        )
    within = sum(all(r.share <= GOAL for r in g) for g in by_name.values())
    exact = sum(all(r.share == 0 for r in g) for g in by_name.values())
    same = sum(not g[0].readable for g in by_name.values())
    print(
        f"\n{within}/{len(by_name)} files within {GOAL * 100:.1f}% at every width and image "
        f"condition; {exact} pixel-identical; {same} with the same readable text as Node."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="MJML files or folders (default: the corpus)")
    parser.add_argument("--inliner", choices=["css-inline", "premailer"], default=None)
    parser.add_argument("--no-example", action="store_true", help="skip the example's emails")
    parser.add_argument("--only", action="append", help="only files whose name has this")
    parser.add_argument("--save", help="folder for the HTML and the screenshots that differ")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = run(args)
    print(f"Node: {json.dumps(versions())}")
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0 if all(r.share <= GOAL and not r.readable for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
