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
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from lxml import etree
from lxml import html as lxml_html

from mailglot.checks import scan
from mailglot.checks.reading import read_email, without_conditionals

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
_DECLARATION = re.compile(r"(?<![\w-])([a-z-]+)\s*:\s*([^;{}]+)", re.I)
_AT_RULE = re.compile(r"@([a-z-]+)([^{;]*)", re.I)
_PSEUDO = re.compile(r"(::?)([a-z-]+)", re.I)
_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")


class Usage(NamedTuple):
    """A feature, the first text that uses it (`property: value`, `<tag`, `attr=`) and whether
    any use is outside `<style>` (inline or markup). A tuple: every email makes dozens. No line
    in the delivered HTML: a finding is located in the templates or not reported, so counting
    lines for every job's first uses was paid for and never read."""

    slug: str
    sample: str
    outside_style: bool


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
def _declarations(css: str, slugs: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(slug, sample) for one CSS text; style attributes repeat a lot, so cached."""
    out = []
    for m in _DECLARATION.finditer(css):
        decl, value = m.group(0), m.group(2)
        slug = property_slug(m.group(1), slugs)
        if slug:
            out.append((slug, decl))
        out.extend((v, decl) for p, v in VALUE_FEATURES if p.search(decl))
        out.extend((f"css-unit-{u.group(1).lower()}", decl) for u in UNITS.finditer(value))
        if "%" in value:
            out.append(("css-unit-percent", decl))
    return tuple(out)


# Events are (slug, sample, outside <style>), only for slugs caniemail knows, in the order the
# document shows them: the first one of a slug gives its sample. Jobs built from one template
# share nearly every style block and element, so each distinct one is read once per process
# (bounded caches), and a document costs its reading and one lookup per distinct element.
Event = tuple[str, str, bool]


class Found(NamedTuple):
    """An event as the caches keep it, with the `Usage` its slug gets when it is the slug's
    first event, made once: an email uses ~50 features, and making their records for every
    job cost a third of the walk over its events."""

    slug: str
    outside_style: bool
    used_outside: Usage  # some use of the slug is outside <style>
    used_in_style: Usage  # every use is inside <style>


def _found(event: Event) -> Found:
    slug, sample, outside = event
    sample = sample.strip()[:120]
    return Found(slug, outside, Usage(slug, sample, True), Usage(slug, sample, False))


_DOCTYPE = _found(("html-doctype", "<!doctype html>", True))
_PARSER = etree.HTMLParser()


def _first_of_each(events: list[Event], slugs: frozenset[str]) -> tuple[Found, ...]:
    """A slug's first event in one element or one style block is the only one that can change
    what is found: the others come later from the same place (inside `<style>` or not)."""
    first: dict[str, Event] = {}
    for event in events:
        if event[0] in slugs:
            first.setdefault(event[0], event)
    return tuple(map(_found, first.values()))


@lru_cache(maxsize=512)
def _style_events(css: str, slugs: frozenset[str]) -> tuple[Found, ...]:
    """A `<style>` block's features: at-rules, then selectors, then declarations."""
    out: list[Event] = []
    for m in _AT_RULE.finditer(css):
        out.append((AT_RULES.get(m.group(1).lower(), ""), m.group(0), False))
        for feature, slug in MEDIA_FEATURES.items():
            if feature in m.group(2).lower():
                out.append((slug, m.group(0), False))
    for rule in _RULE.finditer(css):
        selector = rule.group(1)
        for pseudo in _PSEUDO.finditer(selector):
            kind = "element" if pseudo.group(1) == "::" else "class"
            out.append((f"css-pseudo-{kind}-{pseudo.group(2).lower()}", selector, False))
        if "[" in selector:
            out.append(("css-selector-attribute", selector, False))
        for combinator, slug in (
            (">", "css-selector-child"),
            ("+", "css-selector-adjacent-sibling"),
            ("~", "css-selector-general-sibling"),
        ):
            if combinator in selector:
                out.append((slug, selector, False))
    out.extend((slug, sample, False) for slug, sample in _declarations(css, slugs))
    return _first_of_each(out, slugs)


@lru_cache(maxsize=16384)
def _element_events(
    tag: str, attrs: tuple[tuple[str, str], ...], slugs: frozenset[str]
) -> tuple[Found, ...]:
    """An element's features (a `<style>` element's text is read apart)."""
    tag = tag.lower()
    out: list[Event] = [(ELEMENTS.get(tag, ""), f"<{tag}>", tag != "style")]
    if tag == "style":
        return _first_of_each(out, slugs)
    for attr, value in attrs:
        attr = attr.lower()
        out.append((ATTRIBUTES.get(attr, ""), f'{attr}="{value[:60]}"', True))
        if attr == "style":
            out.extend((slug, sample, True) for slug, sample in _declarations(value, slugs))
    get = dict(attrs).get
    href = (get("href") or "").strip().lower()
    if tag == "a" and href.startswith("mailto:"):
        out.append(("html-mailto-links", f'href="{href[:60]}"', True))
    if tag == "a" and href.startswith("#") and len(href) > 1:
        out.append(("html-anchor-links", f'href="{href[:60]}"', True))
    if tag == "meta" and (get("name") or "").lower() == "color-scheme":
        out.append(("html-meta-color-scheme", '<meta name="color-scheme">', True))
    if tag == "img":
        src = (get("src") or "").strip()
        if src.lower().startswith("data:"):
            out.append(("image-base64", "data: URL image", True))
        ext = src.split("?")[0].rsplit(".", 1)[-1].lower() if "." in src else ""
        out.append((IMAGE_FORMATS.get(ext, ""), src[:80], True))
    return _first_of_each(out, slugs)


@lru_cache(maxsize=16384)
def _token_events(token: str, slugs: frozenset[str]) -> tuple[Found, ...]:
    """A start tag's events, or a whole `<style>` element's (its own, then its text's)."""
    tag, attrs, text = scan.element(token)
    if text is None:
        return _element_events(tag, attrs, slugs)
    return _element_events(tag, (), slugs) + _style_events(text, slugs)


@lru_cache(maxsize=256)
def _head_events(head: str, slugs: frozenset[str]) -> tuple[Found, ...]:
    """A plain head's events (the same for every job of a template and locale), in order."""
    return tuple(e for token in scan.head_tokens(head) for e in _token_events(token, slugs))


def _parse(visible: str) -> etree._Element:
    """lxml.html's parser with plain elements (no Python class lookup per element); an empty
    document still fails as lxml.html says."""
    root = etree.fromstring(visible, _PARSER) if visible.strip() else None
    return lxml_html.document_fromstring(visible) if root is None else root


def _parsed_events(root: etree._Element, slugs: frozenset[str]) -> Iterator[tuple[Found, ...]]:
    for el in root.iter(etree.Element):  # elements only: no comments or instructions
        tag = el.tag
        if tag.lower() == "style":
            yield _element_events(tag, (), slugs) + _style_events(el.text or "", slugs)
        else:
            yield _element_events(tag, tuple(el.items()), slugs)


def features_used(source: str, slugs: frozenset[str]) -> dict[str, Usage]:
    """Every feature of `slugs` the HTML uses, in order of first appearance. Read from the
    start tags when `scan` may (a repeated element changes nothing: only its first time is
    read), from lxml's parse otherwise."""
    return features_read(source, slugs)[0]


def features_read(source: str, slugs: frozenset[str]) -> tuple[dict[str, Usage], bool]:
    """`features_used`, and whether the HTML was read from its start tags (`client_shapes`
    keeps only what such emails make)."""
    doctype, plain, visible = read_email(source, _parse)
    first: dict[str, Found] = {}  # slug -> its first event
    outside: set[str] = set()  # slugs used outside <style>: later uses change nothing
    if "html-doctype" in slugs and doctype:
        first["html-doctype"] = _DOCTYPE
        outside.add("html-doctype")
    elements = (
        _parsed_events(_parse(visible or without_conditionals(source)), slugs)
        if plain is None
        else [
            _head_events(plain.head, slugs),
            *(_token_events(token, slugs) for token in dict.fromkeys(plain.body)),
        ]
    )
    for events in elements:
        for event in events:
            slug = event[0]
            if slug in outside:
                continue
            if event[1]:
                outside.add(slug)
            if slug not in first:
                first[slug] = event
    used = {slug: event[2] if slug in outside else event[3] for slug, event in first.items()}
    return used, plain is not None
