"""Two things juice does with stylesheets that css-inline does differently, done juice's way.

1. Rules whose first selector uses a state pseudo-class or a text pseudo-element (`:hover`,
   `:focus`, `::selection`... juice's `ignoredPseudos`) cannot be inlined; juice keeps them
   in `<style>` (hover colours on buttons, carousel thumbnails), css-inline drops them. They
   are set aside before inlining and put back at the end of `<head>`.
2. `:checked` is matched by juice (cheerio) against the `checked` attribute, so MJML's
   carousel shows its first picture and its arrows statically; css-inline does not match it.
   Outside at-rules it is rewritten to `[checked]`, which css-inline matches the same way.
"""

from __future__ import annotations

import re

IGNORED_PSEUDOS = (
    "hover",
    "active",
    "focus",
    "visited",
    "link",
    "first-letter",
    "first-line",
    "marker",
    "selection",
    "placeholder",
)
# What any rule set aside or rewritten holds (case-sensitive: a head without it is left as
# it is, which the HTML inlined with placeholders relies on, see inline_runs)
HINT = re.compile(
    r":(?:hover|active|focus|visited|link|first-l|marker|selection|placehold|checked)"
)
_IGNORED = re.compile(r"::?(?:" + "|".join(IGNORED_PSEUDOS) + r")(?![\w-])", re.I)
_STYLE_OR_COMMENT = re.compile(r"<!--.*?-->|(<style\b[^>]*>)(.*?)(</style>)", re.S | re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)


def set_aside(html: str) -> tuple[str, str]:
    """The HTML to inline, and the rules to keep out of it (empty when there are none)."""
    head_end = _HEAD_END.search(html)
    if head_end is None or not HINT.search(html, 0, head_end.start()):
        return html, ""
    kept: list[str] = []

    def block(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return m.group(0)
        css = []
        for statement in statements(m.group(2)):
            if statement.lstrip().startswith("@") or "{" not in statement:
                css.append(statement)
                continue
            selector, _, rest = statement.partition("{")
            if _IGNORED.search(_first_selector(selector)):
                kept.append(statement.strip())
            else:
                css.append(selector.replace(":checked", "[checked]") + "{" + rest)
        return m.group(1) + "".join(css) + m.group(3)

    head = _STYLE_OR_COMMENT.sub(block, html[: head_end.start()])
    return head + html[head_end.start() :], "\n".join(kept)


def put_back(html: str, kept: str) -> str:
    if not kept:
        return html
    head_end = _HEAD_END.search(html)
    if head_end is None:
        return html
    at = head_end.start()
    return html[:at] + "<style>\n" + kept + "\n</style>" + html[at:]


def statements(css: str) -> list[str]:
    """Top-level statements of a stylesheet, text kept as written (so joining them gives
    the stylesheet back): rules and block at-rules end at their closing brace."""
    out: list[str] = []
    depth, start, i, n = 0, 0, 0, len(css)
    while i < n:
        c = css[i]
        if c == "/" and css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if c in "\"'":
            end = css.find(c, i + 1)
            i = n if end < 0 else end + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth <= 0:
                depth = 0
                out.append(css[start : i + 1])
                start = i + 1
        elif c == ";" and depth == 0:
            out.append(css[start : i + 1])
            start = i + 1
        i += 1
    if css[start:]:
        out.append(css[start:])
    return out


def _first_selector(selector: str) -> str:
    depth = 0
    for i, c in enumerate(selector):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            return selector[:i]
    return selector
