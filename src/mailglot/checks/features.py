"""Which caniemail features an email actually uses: HTML elements and attributes, CSS
properties, values, units and functions (inline and in `<style>`), at-rules, the riskier
selectors, and image formats, each with where it first appears.

Content of conditional comments (`<!--[if mso]>`) is for Outlook alone and is not read.
Everything in `<style>` is recorded as such: after inlining, a `<style>` block only carries
progressive enhancements (media queries, dark mode, hover), so the check judges it apart.
Vendor-prefixed and `mso-` properties have no caniemail entry and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import html as lxml_html

ELEMENTS = {
    **{
        t: f"html-{t}"
        for t in [
            "abbr",
            "acronym",
            "address",
            "audio",
            "base",
            "bdi",
            "blockquote",
            "body",
            "code",
            "del",
            "dfn",
            "dialog",
            "div",
            "hr",
            "img",
            "link",
            "marquee",
            "meter",
            "object",
            "p",
            "picture",
            "pre",
            "progress",
            "rp",
            "rt",
            "ruby",
            "select",
            "small",
            "span",
            "strike",
            "strong",
            "style",
            "svg",
            "table",
            "textarea",
            "video",
            "wbr",
        ]
    },
    **{f"h{n}": "html-h1-h6" for n in range(1, 7)},
    **{t: "html-lists" for t in ("ul", "ol", "dl")},
    **{
        t: "html-semantics"
        for t in ("article", "aside", "footer", "header", "main", "nav", "section")
    },
    "form": "html-form",
    "map": "html-image-maps",
}
ATTRIBUTES = {
    a: f"html-{a}"
    for a in [
        "align",
        "valign",
        "width",
        "height",
        "background",
        "cellpadding",
        "cellspacing",
        "dir",
        "lang",
        "role",
        "srcset",
        "target",
        "hidden",
        "required",
        "popover",
        "aria-label",
        "aria-hidden",
        "aria-describedby",
        "aria-labelledby",
        "aria-live",
    ]
} | {"loading": "html-loading-attribute", "inert": "css-inert-attribute"}
IMAGE_FORMATS = {
    "png": "image-png",
    "gif": "image-gif",
    "jpg": "image-jpg",
    "jpeg": "image-jpg",
    "webp": "image-webp",
    "svg": "image-svg",
    "avif": "image-avif",
    "bmp": "image-bmp",
    "ico": "image-ico",
    "tif": "image-tiff",
    "tiff": "image-tiff",
    "heic": "image-heif",
    "heif": "image-heif",
    "apng": "image-apng",
}
VALUE_FEATURES = [
    (re.compile(r"\bdisplay\s*:\s*(inline-)?flex\b", re.I), "css-display-flex"),
    (re.compile(r"\bdisplay\s*:\s*(inline-)?grid\b", re.I), "css-display-grid"),
    (re.compile(r"\bdisplay\s*:\s*none\b", re.I), "css-display-none"),
    (re.compile(r"linear-gradient\(", re.I), "css-linear-gradient"),
    (re.compile(r"radial-gradient\(", re.I), "css-radial-gradient"),
    (re.compile(r"conic-gradient\(", re.I), "css-conic-gradient"),
    (re.compile(r"\bcalc\(", re.I), "css-unit-calc"),
    (re.compile(r"\bmin\(", re.I), "css-function-min"),
    (re.compile(r"\bmax\(", re.I), "css-function-max"),
    (re.compile(r"\bclamp\(", re.I), "css-function-clamp"),
    (re.compile(r"\blight-dark\(", re.I), "css-function-light-dark"),
    (re.compile(r"\brgb\(", re.I), "css-rgb"),
    (re.compile(r"\brgba\(", re.I), "css-rgba"),
    (re.compile(r"\bvar\(\s*--", re.I), "css-variables"),
    (re.compile(r"!\s*important", re.I), "css-important"),
    (re.compile(r"\bsystem-ui\b", re.I), "css-sytem-ui"),  # sic: caniemail's slug
]
UNITS = re.compile(r"(?<![\w#.-])\d*\.?\d+(rem|em|vh|vw|vmin|vmax|ch|ex|cm|mm|in|pt|pc)\b", re.I)
AT_RULES = {
    "media": "css-at-media",
    "font-face": "css-at-font-face",
    "import": "css-at-import",
    "keyframes": "css-at-keyframes",
    "supports": "css-at-supports",
}
MEDIA_FEATURES = {
    "prefers-color-scheme": "css-at-media-prefers-color-scheme",
    "prefers-reduced-motion": "css-at-media-prefers-reduced-motion",
    "orientation": "css-at-media-orientation",
    "hover": "css-at-media-hover",
    "device-pixel-ratio": "css-at-media-device-pixel-ratio",
}
SPECIAL_PROPERTIES = {"border-top-left-radius": "css-border-radius"}
_CONDITIONAL = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->", re.S | re.I)
_DECLARATION = re.compile(r"(?<![\w-])([a-z-]+)\s*:\s*([^;{}]+)", re.I)
_AT_RULE = re.compile(r"@([a-z-]+)([^{;]*)", re.I)
_PSEUDO = re.compile(r"(::?)([a-z-]+)", re.I)
_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")


@dataclass(frozen=True)
class Usage:
    """A feature and the first text that uses it (`property: value`, `<tag`, `attr=`), its
    line in the delivered HTML and whether any use is outside `<style>` (inline or markup)."""

    slug: str
    sample: str
    html_line: int
    outside_style: bool


class _Found:
    def __init__(self, slugs: frozenset[str], source: str):
        self.slugs, self.source = slugs, source
        self.found: dict[str, Usage] = {}

    def add(self, slug: str, sample: str, offset: int, in_style: bool) -> None:
        if slug not in self.slugs:
            return
        first = self.found.get(slug)
        if first is None:
            line = self.source.count("\n", 0, max(offset, 0)) + 1
            self.found[slug] = Usage(slug, sample.strip()[:120], line, not in_style)
        elif not in_style and not first.outside_style:
            self.found[slug] = Usage(slug, first.sample, first.html_line, True)


def property_slug(name: str, slugs: frozenset[str]) -> str | None:
    name = name.lower()
    if name.startswith(("-", "mso-")):
        return None
    if name in SPECIAL_PROPERTIES or name.endswith("-radius"):
        return "css-border-radius"
    parts = name.split("-")
    while parts:  # padding-left -> css-padding; border-top-color -> css-border
        slug = "css-" + "-".join(parts)
        if slug in slugs:
            return slug
        parts.pop()
    return None


@lru_cache(maxsize=4096)
def _declarations(css: str, slugs: frozenset[str]) -> tuple[tuple[str, str, int], ...]:
    """(slug, sample, position) for one CSS text; style attributes repeat a lot, so cached."""
    out = []
    for m in _DECLARATION.finditer(css):
        decl, value = m.group(0), m.group(2)
        slug = property_slug(m.group(1), slugs)
        if slug:
            out.append((slug, decl, m.start()))
        out.extend((v, decl, m.start()) for p, v in VALUE_FEATURES if p.search(decl))
        out.extend(
            (f"css-unit-{u.group(1).lower()}", decl, m.start()) for u in UNITS.finditer(value)
        )
        if "%" in value:
            out.append(("css-unit-percent", decl, m.start()))
    return tuple(out)


def _css(found: _Found, css: str, start: int, in_style: bool) -> None:
    """`start` is where `css` begins in the source for a style block (each declaration is
    located on its own line); for a style attribute, the element's line."""
    for slug, sample, at in _declarations(css, found.slugs):
        found.add(slug, sample, start + at if in_style else start, in_style)


def _style_block(found: _Found, css: str, offset: int) -> None:
    for m in _AT_RULE.finditer(css):
        found.add(AT_RULES.get(m.group(1).lower(), ""), m.group(0), offset + m.start(), True)
        for feature, slug in MEDIA_FEATURES.items():
            if feature in m.group(2).lower():
                found.add(slug, m.group(0), offset + m.start(), True)
    for rule in _RULE.finditer(css):
        selector = rule.group(1)
        at = offset + rule.start()
        for pseudo in _PSEUDO.finditer(selector):
            kind = "element" if pseudo.group(1) == "::" else "class"
            found.add(f"css-pseudo-{kind}-{pseudo.group(2).lower()}", selector, at, True)
        if "[" in selector:
            found.add("css-selector-attribute", selector, at, True)
        for combinator, slug in (
            (">", "css-selector-child"),
            ("+", "css-selector-adjacent-sibling"),
            ("~", "css-selector-general-sibling"),
        ):
            if combinator in selector:
                found.add(slug, selector, at, True)
    _css(found, css, offset, True)


def features_used(source: str, slugs: frozenset[str]) -> dict[str, Usage]:
    """Every feature of `slugs` the HTML uses, in order of first appearance."""
    visible = _CONDITIONAL.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    found = _Found(slugs, visible)  # same lines as the source
    if visible.lstrip().lower().startswith("<!doctype"):
        found.add("html-doctype", "<!doctype html>", 0, False)
    root = lxml_html.document_fromstring(visible)
    line_offsets = [0]
    for line in visible.splitlines(keepends=True):
        line_offsets.append(line_offsets[-1] + len(line))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        offset = line_offsets[min((el.sourceline or 1) - 1, len(line_offsets) - 1)]
        tag = el.tag.lower()
        found.add(ELEMENTS.get(tag, ""), f"<{tag}>", offset, tag == "style")
        if tag == "style":
            text = el.text or ""
            _style_block(found, text, max(visible.find(text, offset), offset))
            continue
        for attr, value in el.attrib.items():
            attr = attr.lower()
            found.add(ATTRIBUTES.get(attr, ""), f'{attr}="{value[:60]}"', offset, False)
            if attr == "style":
                _css(found, value, offset, False)
        href = (el.get("href") or "").strip().lower()
        if tag == "a" and href.startswith("mailto:"):
            found.add("html-mailto-links", f'href="{href[:60]}"', offset, False)
        if tag == "a" and href.startswith("#") and len(href) > 1:
            found.add("html-anchor-links", f'href="{href[:60]}"', offset, False)
        if tag == "meta" and (el.get("name") or "").lower() == "color-scheme":
            found.add("html-meta-color-scheme", '<meta name="color-scheme">', offset, False)
        if tag == "img":
            src = (el.get("src") or "").strip()
            if src.lower().startswith("data:"):
                found.add("image-base64", "data: URL image", offset, False)
            ext = src.split("?")[0].rsplit(".", 1)[-1].lower() if "." in src else ""
            found.add(IMAGE_FORMATS.get(ext, ""), src[:80], offset, False)
    return found.found
