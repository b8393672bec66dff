"""A button's or a linked image's `title`, which MRML leaves off the link (a fix of
`mjml_fixes`).

Node mjml writes an mj-button's `title` on its `<a>`, and a linked mj-image's on the `<a>` as
well as on the `<img>`; MRML 6 drops the button's and keeps the image's on the `<img>` only.
The title is what a mouse shows on hover and what screen readers announce as the link's
description, so a designer who wrote one lost it without a word. Before compiling, such an
element's `href` gets an inert token at its end (MRML copies an href as it is written);
after compiling, the token leaves the `<a href>` and the title is written right after it.

A button without `href` is written by both as a `<p>`, which Node gives the title and MRML
does not: its token goes at the start of the button's content, which MRML copies into the
`<p>` as written, and after compiling the title is written in that `<p>` before its style.

Carried: a `title` written on the element itself, or given to mj-button by `mj-attributes`
(when no mj-class of the button sets one, as Node resolves it). Not carried (left as MRML writes
them): a title from an `mj-class`, and that of a button whose `href` is empty (Node writes
`<p href="">`, MRML `<a href="">`).
"""

from __future__ import annotations

import re
import secrets

from mailglot.render.fixing import Fixing, body_start, split_tag, with_token
from mailglot.render.mjml_defaults import read_defaults

# a start tag read whole: a quoted value may hold a '>'
_TARGET = re.compile(r"""<mj-(?:button|image)\b(?:[^>"']|"[^"]*"|'[^']*')*>""")


def _as_attribute(value: str) -> str:
    """An MJML attribute value as written (quoted either way, or bare) -> ` title="..."`,
    in the double quotes the rest of MRML's output uses."""
    if value[:1] == '"':
        return f" title={value}"
    inner = value[1:-1] if value[:1] == "'" else value
    return ' title="' + inner.replace('"', "&quot;") + '"'


def carry_link_titles(mjml: str, fixing: Fixing) -> str:
    if "title=" not in mjml:
        return mjml
    body = body_start(mjml)  # defaults in <mj-attributes> carry no token
    if body == -1:
        return mjml
    nonce = secrets.token_hex(4)
    defaults = read_defaults(mjml)
    default_title = defaults.tags.get("mj-button", {}).get("title")

    def carry(m: re.Match[str]) -> str:
        head, attrs, tail = split_tag(m.group(0))
        values = {name: value for _, name, _, value in attrs}
        title, href = values.get("title"), values.get("href")
        if title is None and default_title and head == "<mj-button":
            title = None if "title" in defaults.set_by_classes(values) else default_title
        if title and href is None:  # an href from mj-attributes: written here with the token
            href = defaults.resolve(head[1:], values, "href")
            attrs = attrs if href is None else [*attrs, (" ", "href", "=", href)]
        if not title or href in ('""', "''"):
            return m.group(0)
        token = f"mailglottitle{nonce}x{len(fixing.link_titles)}x"
        if not href:
            if not head.startswith("<mj-button") or tail.endswith("/>"):
                return m.group(0)
            fixing.link_titles[token] = _as_attribute(title)
            return m.group(0) + token  # at the start of the button's content
        fixing.link_titles[token] = _as_attribute(title)
        return with_token(head, attrs, tail, "href", token)

    before = len(fixing.link_titles)
    carried = mjml[:body] + _TARGET.sub(carry, mjml[body:])
    return carried if len(fixing.link_titles) > before else mjml


def restore_link_titles(html: str, fixing: Fixing) -> str:
    """One pass over the document: each token found leaves its place and its title is
    written in the tag that holds it, and the text between is copied once. Looking for each
    token from the start and rebuilding the whole text for each cost time in the square of
    the links."""
    titles = dict(fixing.link_titles)
    if not titles:
        return html
    first = next(iter(titles))
    prefix = first[: first.index("x", len("mailglottitle")) + 1]
    out: list[str] = []
    at = 0  # what is before `at` is in `out`; no tag before it is looked at again
    for m in re.finditer(re.escape(prefix) + r"\d+x", html):
        title = titles.pop(m.group(0), None)
        tag_start = html.rfind("<", at, m.start())
        if title is None or tag_start == -1:
            out.append(html[at : m.start()])  # the token is gone, the title not written
        elif html[m.start() - 1] == ">" and html.startswith("<p ", tag_start):
            out.append(html[at:tag_start] + _in_paragraph(html[tag_start : m.start()], title))
        elif html[m.end() : m.end() + 1] == '"' and html.startswith("<a ", tag_start):
            written = " title=" in html[tag_start : html.find(">", m.end())]
            out.append(html[at : m.start()] + ('"' if written else '"' + title))
            at = m.end() + 1
            continue
        else:
            out.append(html[at : m.start()])  # not an <a href="...">: the title not written
        at = m.end()
    out.append(html[at:])
    return "".join(out)


def _in_paragraph(tag: str, title: str) -> str:
    """The title in a `<p ...>` start tag, before its style, as Node writes it."""
    if " title=" in tag:
        return tag
    style = tag.find(' style="')
    at = style if style != -1 else len(tag) - 1
    return tag[:at] + title + tag[at:]
