"""Where MRML (the Rust MJML compiler) differs from Node `mjml` 5, made to agree.

Each difference is one small named function, run in the order of `BEFORE` (on the MJML
source) and `AFTER` (on the compiled HTML), each with literal input -> expected output tests
in tests/test_mjml.py and a minimal reproduction in docs/mjml-divergences.md for upstream.
They work on text with regular expressions and return their input untouched (same object)
when it has nothing to fix, so the common email pays a few substring checks, not a parse.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from functools import lru_cache
from html import unescape

from cssselect import SelectorError
from lxml import html as lxml_html

from mailglot.render.accordion_styles import accordion_styles, note_accordion_titles
from mailglot.render.attribute_quotes import double_quoted_values
from mailglot.render.attribute_values import plain_attribute_values
from mailglot.render.body_attributes import body_attributes, carry_body_attributes
from mailglot.render.button_widths import button_widths, note_button_borders
from mailglot.render.carousel_thumbnails import hide_supported_thumbnails, supported_thumbnails
from mailglot.render.declarations import comments_and_tags, map_tags
from mailglot.render.fixing import (
    TAG_NAME,
    Attrs,
    Fixing,
    attributes_blocks,
    attributes_text,
    join_tag,
    note_components,
    split_tag,
)
from mailglot.render.full_width import not_full_width
from mailglot.render.group_columns import group_column_widths, note_group_columns
from mailglot.render.heroes import hero_height, hero_inner_padding, note_heroes
from mailglot.render.image_attributes import carry_image_attributes, restore_image_attributes
from mailglot.render.inner_borders import drop_inner_border_marks, mark_inner_borders
from mailglot.render.link_titles import carry_link_titles, restore_link_titles
from mailglot.render.mj_classes import SEVERAL_CLASSES, mj_class_children, reverse_mj_classes
from mailglot.render.mj_tables import mj_table_collapse, note_table_roles
from mailglot.render.mjml_defaults import ignored_defaults
from mailglot.render.mjml_heads import first_head_only
from mailglot.render.unitless_lengths import (
    BORDER_MARKED,
    MARKED,
    mark_borders,
    mark_paddings,
    marked_borders,
    marked_paddings,
    needs_marks,
)
from mailglot.render.wrapper_gaps import note_wrapper_gaps, wrapper_gaps

_CONDITIONAL = re.compile(
    r"<!--\[if [^\]]*\]>(?:<!-->)?.*?<!\[endif\]-->|<!--\[if [^\]]*\]><!-->|<!--<!\[endif\]-->",
    re.S,
)
_IMAGE_TAGS = ("mj-image", "mj-carousel-image", "mj-social-element")


# --- BEFORE compiling: the MJML source ---------------------------------------------------


def protect_conditional_comments(mjml: str, fixing: Fixing) -> str:
    """MRML parses markup inside `<!--[if mso]>...<![endif]-->` in mj-raw as elements and
    swallows what follows; Node copies conditional comments verbatim. They travel as inert
    tokens and come back after compiling (`restore_conditional_comments`)."""
    if "<!--[if" not in mjml and "<![endif]" not in mjml:
        return mjml
    nonce = secrets.token_hex(4)

    def token(m: re.Match[str]) -> str:
        key = f"mailglotcomment{nonce}x{len(fixing.comments)}x"
        fixing.comments[key] = m.group(0)
        return key

    return _CONDITIONAL.sub(token, mjml)


def keep_first_duplicate(attrs: Attrs) -> Attrs:
    """`color="a" color="b"`: Node (like browsers) keeps the first, MRML the last."""
    seen: set[str] = set()
    out = []
    for attr in attrs:
        if attr[1].lower() not in seen:
            seen.add(attr[1].lower())
            out.append(attr)
    return out


def newlines_as_entities(attrs: Attrs) -> Attrs:
    """A newline inside a value (a multi-line `style="..."` in mj-text) comes out of MRML as
    a literal backslash-n, which breaks every declaration after it; `&#10;` reaches the HTML
    as the same newline Node writes."""
    return [(sp, n, eq, re.sub(r"\r\n|\r|\n", "&#10;", v)) for sp, n, eq, v in attrs]


def empty_alt(name: str, attrs: Attrs) -> Attrs:
    """An image without `alt` gets `alt=""` from Node and none from MRML: with images off,
    clients then draw a broken-image box and the layout shifts. Also with an `mj-class`:
    this runs only when no `alt` is in `<mj-attributes>`, so no class can set one."""
    if name not in _IMAGE_TAGS or any(n == "alt" for _, n, _, _ in attrs):
        return attrs
    return [*attrs, (" ", "alt", "=", '""')]


def fix_tags(mjml: str, fixing: Fixing) -> str:
    """The attribute-level fixes above, in one pass over the start tags, when a tag has one
    to make and a look at the whole document finds it too (most documents have nothing).
    The tags are asked first, each answer remembered per tag text: the whole-document look
    (`_DUPLICATE` tried at every space of the text) cost three times as much, and with no
    tag to change its verdict cannot change the document. Paddings without a unit and borders
    whose width MRML misreads are marked here too (`unitless_lengths`), unless the document
    already holds such a mark (a conditional comment that does is put back only after the
    marks are taken out: `restore_conditional_comments`, `marked_borders`)."""
    alt_by_default = _alt_in_defaults(mjml)
    if "mj-class" in mjml and SEVERAL_CLASSES.search(mjml):
        mjml = reverse_mj_classes(mjml)
    tags = comments_and_tags(mjml)
    if _all_unchanged(tags, alt_by_default):
        return mjml
    marks = any(_marked_tag(text) != text for text in tags)
    marks = marks and not MARKED.search(mjml) and not BORDER_MARKED.search(mjml)
    if not (
        marks
        or (not alt_by_default and _IMAGE_WITHOUT_ALT.search(mjml))
        or _DUPLICATE.search(mjml)
        or _NEWLINE_IN_VALUE.search(mjml)
    ):
        return mjml
    fixing.unitless = marks
    return map_tags(mjml, lambda text: _fixed_tag(text, alt_by_default, marks))


# the tags `_fixed_tag` leaves as they are (marks on), for each `alt_by_default`: a
# template's emails write the same tags, so one set lookup answers for all of them
_UNCHANGED: tuple[set[str], set[str]] = (set(), set())


def _all_unchanged(tags: list[str], alt_by_default: bool) -> bool:
    """`all(_fixed_tag(text, alt_by_default, True) == text for text in tags)`, answered
    from the tags known to be unchanged, each other tag asked once and remembered."""
    known = _UNCHANGED[alt_by_default]
    if known.issuperset(tags):
        return True
    for text in tags:
        if text not in known:
            if _fixed_tag(text, alt_by_default, True) != text:
                return False
            if len(known) >= 4096:  # bounded: `serve` runs for hours
                known.clear()
            known.add(text)
    return True


@lru_cache(maxsize=4096)
def _fixed_tag(text: str, alt_by_default: bool, marks: bool = True) -> str:
    """One start tag (or comment, left as it is) with the fixes above made."""
    name = TAG_NAME.match(text)
    if name is None or "=" not in text or not _needs_fixing(name.group(1), text):
        return text
    head, attrs, tail = split_tag(text)
    fixed = keep_first_duplicate(attrs)
    if "\n" in text or "\r" in text:
        fixed = newlines_as_entities(fixed)
    if not alt_by_default:
        fixed = empty_alt(name.group(1), fixed)
    if marks:
        fixed = mark_borders(name.group(1), mark_paddings(name.group(1), fixed))
    return text if fixed == attrs else join_tag(head, fixed, tail)


def _marked_tag(text: str) -> str:
    """The tag with its paddings and borders marked (`unitless_lengths`) and nothing else."""
    name = TAG_NAME.match(text)
    if name is None or not needs_marks(name.group(1), text):
        return text
    head, attrs, tail = split_tag(text)
    marked = mark_borders(name.group(1), mark_paddings(name.group(1), attrs))
    return text if marked == attrs else join_tag(head, marked, tail)


_IMAGE_WITHOUT_ALT = re.compile(r"<mj-(?:image|carousel-image|social-element)\b(?![^>]*\salt\s*=)")
# an attribute whose name comes again among the attributes that follow it in the same tag;
# possessive names and spaces: a name is always read whole (a shorter one could not be
# followed by '=' or a space), so backing off into it is wasted work on every word of text
_DUPLICATE = re.compile(
    r"""\s([\w:-]++)\s*=\s*(?:"[^"]*"|'[^']*')"""
    r"""(?=(?:\s++[\w:-]++\s*=\s*(?:"[^"]*"|'[^']*'))*?\s+\1\s*=)"""
)
_ATTR_NAMES = re.compile(r"""\s([^\s"'=<>/]+)\s*=""")
_NEWLINE_IN_VALUE = re.compile(r"""=\s*(?:"[^"]*[\r\n]|'[^']*[\r\n])""")


def _needs_fixing(name: str, text: str) -> bool:
    """A cheap look before the full parse: most tags have nothing to fix."""
    if ("\n" in text or "\r" in text) and _NEWLINE_IN_VALUE.search(text):
        return True
    if needs_marks(name, text):
        return True
    names = _ATTR_NAMES.findall(text)
    if len(names) != len(set(names)):
        return True
    return name in _IMAGE_TAGS and "alt" not in names


def _alt_in_defaults(mjml: str) -> bool:
    return " alt=" in mjml and " alt=" in attributes_text(mjml)


_ELEMENT_DEFAULTS = re.compile(r"<mj-accordion-element\b[^>]*?/?>")


def accordion_element_defaults(mjml: str, fixing: Fixing) -> str:
    """MRML ignores `<mj-accordion-element>` defaults in mj-attributes (icon URLs, sizes,
    positions); they are written on each element that does not set them itself."""
    if "accordion" not in fixing.components or "<mj-accordion-element" not in mjml:
        return mjml
    blocks = attributes_blocks(mjml)
    text = "".join(mjml[start:end] for start, end in blocks)
    if "<mj-accordion-element" not in text:
        return mjml
    named: dict[str, tuple[str, str, str, str]] = {}  # a later tag's value wins, as in Node
    for tag in _ELEMENT_DEFAULTS.findall(text):
        named.update((attr[1], attr) for attr in keep_first_duplicate(split_tag(tag)[1]))
    defaults = list(named.values())
    if not defaults:
        return mjml

    def element(m: re.Match[str]) -> str:
        head, attrs, tail = split_tag(m.group(0))
        own = {n for _, n, _, _ in attrs}
        return join_tag(head, attrs + [d for d in defaults if d[1] not in own], tail)

    last = blocks[-1][1]  # the elements after the last block: its own tags are defaults
    return mjml[:last] + _ELEMENT_DEFAULTS.sub(element, mjml[last:])


_HTML_ATTRIBUTES = re.compile(r"<mj-html-attributes\b[^>]*>(.*?)</mj-html-attributes>", re.S)
_SELECTOR = re.compile(r"<mj-selector\s+path=(\"[^\"]*\"|'[^']*')\s*>(.*?)</mj-selector>", re.S)
_HTML_ATTRIBUTE = re.compile(
    r"<mj-html-attribute\s+name=(\"[^\"]*\"|'[^']*')\s*>(.*?)</mj-html-attribute>", re.S
)


def take_html_attributes(mjml: str, fixing: Fixing) -> str:
    """MRML refuses `<mj-html-attributes>` ("unexpected element"); it is taken out here and
    applied to the compiled HTML by `apply_html_attributes`, as Node does."""
    if "<mj-html-attributes" not in mjml:
        return mjml

    def take(m: re.Match[str]) -> str:
        for path, inner in _SELECTOR.findall(m.group(1)):
            pairs = [(n[1:-1], unescape(v.strip())) for n, v in _HTML_ATTRIBUTE.findall(inner)]
            fixing.html_attributes.append((unescape(path[1:-1]), pairs))
        return ""

    return _HTML_ATTRIBUTES.sub(take, mjml)


BEFORE: tuple[Callable[[str, Fixing], str], ...] = (
    first_head_only,
    mj_class_children,
    note_components,
    protect_conditional_comments,
    take_html_attributes,
    accordion_element_defaults,
    ignored_defaults,
    note_heroes,
    note_accordion_titles,
    note_table_roles,
    note_button_borders,
    note_group_columns,
    mark_inner_borders,
    not_full_width,
    note_wrapper_gaps,
    supported_thumbnails,
    fix_tags,
    carry_link_titles,
    carry_image_attributes,
    carry_body_attributes,
    double_quoted_values,
)


# --- AFTER compiling: the HTML ------------------------------------------------------------


def restore_conditional_comments(html: str, fixing: Fixing) -> str:
    """The comments `protect_conditional_comments` hid, put back; one holding text that looks
    like a border mark (`+3.0px `) is put back by `marked_borders` once the marks are out."""
    for key, comment in fixing.comments.items():
        if fixing.unitless and BORDER_MARKED.search(comment):
            continue
        html = html.replace(key, comment)
    return html


def apply_html_attributes(html: str, fixing: Fixing) -> str:
    if not fixing.html_attributes:
        return html
    doctype = re.match(r"\s*<!doctype[^>]*>", html, re.I)
    doc = lxml_html.document_fromstring(html)
    for path, pairs in fixing.html_attributes:
        try:
            elements = doc.cssselect(path)
        except SelectorError:
            continue  # Node skips a selector it cannot parse the same way
        for element in elements:
            for name, value in pairs:
                element.set(name, value)
    out = lxml_html.tostring(doc, encoding="unicode")
    return (doctype.group(0) if doctype else "") + out


def lowercase_doctype(html: str, fixing: Fixing) -> str:
    """MRML writes `<!DOCTYPE html>` after inlining `mj-style inline` rules itself, and
    `<!doctype html>` otherwise; Node always writes the latter."""
    return "<!doctype html>" + html[15:] if html.startswith("<!DOCTYPE html>") else html


def carousel_yahoo_query(html: str, fixing: Fixing) -> str:
    """mj-carousel's Yahoo-only rule is `@media screen yahoo` in Node (a query no browser
    matches, so the arrows show) and `@media screen, yahoo` in MRML (every screen matches,
    so the arrows are hidden everywhere)."""
    if "carousel" not in fixing.components:  # MRML writes the rule for carousels only
        return html
    return _STYLE_ELEMENT.sub(_yahoo_query, html)  # in style sheets, not a subject saying so


_STYLE_ELEMENT = re.compile(r"<style\b[^>]*+>.*?</style>", re.S)


def _yahoo_query(sheet: re.Match[str]) -> str:
    return sheet.group(0).replace("@media screen, yahoo {", "@media screen yahoo {")


_IMAGE_CELL = re.compile(r'<td style="width:(\d+)\.\d+px;">')
_IMG_WIDTH = re.compile(r'(<img\b[^>]*?\swidth=")(\d+)\.\d+"')


def whole_pixel_images(html: str, fixing: Fixing) -> str:
    """An mj-image in a column whose width is not a whole number of pixels (three 33.33%
    columns) gets `width="189.3144"` from MRML; Node truncates to whole pixels (189)."""
    if "." not in html or not _IMG_WIDTH.search(html):
        return html
    return _IMG_WIDTH.sub(r'\1\2"', _IMAGE_CELL.sub(r'<td style="width:\1px;">', html))


_ARTICLE_LABEL = re.compile(r'(<div\b[^>]*?\saria-label=")((?:[^"\\]|\\.)*)(")')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_aria_label(html: str, fixing: Fixing) -> str:
    """The email wrapper's `aria-label` is the `<mj-title>` text. Node copies the title's
    source text as it is; MRML writes it through Rust's debug format, so a no-break space
    (French typography: `Black Friday : -40 %`) reaches screen readers as the six characters
    `\\u{a0}`, and a literal `"` as `\\"`. The label is made the `<title>`'s text again
    (which MRML writes as Node does), with `"` written `&quot;` so it stays one attribute."""
    if "\\" not in html:  # then not in the label either: no `<div` read
        return html
    label = _ARTICLE_LABEL.search(html)
    if label is None or "\\" not in label.group(2):
        return html
    title = _TITLE.search(html)
    text = title.group(1) if title is not None else ""
    value = text.replace('"', "&quot;")
    return html[: label.start(2)] + value + html[label.end(2) :]


AFTER: tuple[Callable[[str, Fixing], str], ...] = (
    marked_paddings,
    drop_inner_border_marks,
    group_column_widths,
    lowercase_doctype,
    title_aria_label,
    plain_attribute_values,
    body_attributes,
    restore_link_titles,
    restore_image_attributes,
    whole_pixel_images,
    carousel_yahoo_query,
    restore_conditional_comments,
    mj_table_collapse,
    hero_height,
    hero_inner_padding,
    accordion_styles,
    wrapper_gaps,
    hide_supported_thumbnails,
    button_widths,
    marked_borders,
    apply_html_attributes,
)
