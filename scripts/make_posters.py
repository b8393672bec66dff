"""Draw the example project's poster images (templates/assets/posters/<id>.png).

The recommendations template shows one poster per pick. They are generated, not drawn by
hand, so the example carries no third-party artwork: a vertical gradient in the pick's
colour, a few soft shapes, and the title. Run once; the PNGs are committed.

    .venv/bin/python scripts/make_posters.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SIZE = (300, 400)
POSTERS = {
    # id: (title, top colour, bottom colour, motif)
    "lighthouse": ("The Lighthouse\nKeepers", "#1e3a5f", "#0b1320", "beam"),
    "night_market": ("Night\nMarket", "#7c2d12", "#1c0a05", "lanterns"),
    "orbit9": ("Orbit 9", "#134e4a", "#04110f", "planet"),
}
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def gradient(top: str, bottom: str) -> Image.Image:
    (r1, g1, b1), (r2, g2, b2) = rgb(top), rgb(bottom)
    w, h = SIZE
    img = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / (h - 1)
        draw.line(
            [(0, y), (w, y)],
            fill=(round(r1 + (r2 - r1) * t), round(g1 + (g2 - g1) * t), round(b1 + (b2 - b1) * t)),
        )
    return img


def motif(kind: str) -> Image.Image:
    """Soft light shapes on a transparent layer, blurred so they read as atmosphere."""
    layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    if kind == "beam":
        draw.polygon([(244, 110), (300, 70), (300, 150)], fill=(255, 244, 200, 90))
        draw.rectangle([236, 108, 252, 240], fill=(240, 240, 235, 200))
        draw.ellipse([230, 94, 258, 122], fill=(255, 236, 170, 255))
    elif kind == "lanterns":
        for i, (x, y) in enumerate([(50, 70), (120, 50), (190, 80), (250, 60), (90, 130)]):
            r = 16 + (i % 3) * 4
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 170, 60, 170))
    else:
        draw.ellipse([120, 40, 280, 200], fill=(120, 220, 200, 130))
        draw.ellipse([90, 105, 310, 135], outline=(200, 255, 240, 160), width=3)
    return layer.filter(ImageFilter.GaussianBlur(3))


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_CANDIDATES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def poster(title: str, top: str, bottom: str, kind: str) -> Image.Image:
    img = gradient(top, bottom).convert("RGBA")
    img.alpha_composite(motif(kind))
    draw = ImageDraw.Draw(img)
    draw.multiline_text(
        (24, 300), title, font=font(30), fill=(255, 255, 255, 255), spacing=4, anchor="ld"
    )
    draw.text((24, 360), "STREAMLY ORIGINAL", font=font(13), fill=(255, 255, 255, 170))
    return img.convert("RGB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates" / "assets" / "posters")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for pid, (title, top, bottom, kind) in POSTERS.items():
        path = args.out / f"{pid}.png"
        poster(title, top, bottom, kind).save(path, optimize=True)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
