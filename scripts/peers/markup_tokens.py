"""Markup as a list of tokens, compared one by one by scripts/mjml_sweep.py: only what cannot
matter is left out (see that script's docstring)."""

from __future__ import annotations

import difflib
import re

from lxml import etree
from lxml import html as lxml_html

_WS = re.compile(r"\s+")
_CSS_PUNCT = re.compile(r"\s*([{};:,>!])\s*")
# a carousel's id (16 hex digits from Node, 8 from MRML) and a navbar's hamburger checkbox id
_RANDOM_ID = re.compile(
    r"(?:(?<=mj-carousel-)(?:radio-)?|(?<=\sid=\")|(?<=\sfor=\"))([0-9a-f]{16}|[0-9a-f]{8})"
    r"(?![0-9a-f])"
)
_CONDITION = re.compile(r"^\[if ([^\]]*)\]>(.*?)<!\[endif\]$", re.S)
_IN_COMMENT = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^>]*?)(/?)>|([^<]+)")
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _attrs(tag: str, pairs: list[tuple[str, str]]) -> list[str]:
    """One token per attribute, named with its element so a difference reads on its own."""
    out = []
    for name, value in sorted(pairs):
        if name == "class":
            value = " ".join(sorted(value.split()))
        elif name == "style":
            value = _declarations(value)
        if name in ("class", "style") and not value:
            continue
        out.append(f'{tag} {name}="{value}"')
    return out


def _declarations(style: str) -> str:
    """A style attribute with white space around `:`/`;` and a last `;` dropped, and its
    declarations sorted when their order cannot matter: no property set twice, none the
    shorthand of another (`padding` and `padding-top`; `font`, which resets line-height)."""
    parts = [p.strip() for p in style.split(";") if p.strip()]
    pairs = [tuple(x.strip() for x in p.partition(":")[::2]) for p in parts]
    names = [n.lower() for n, _ in pairs]
    independent = len(set(names)) == len(names) and "font" not in names
    independent = independent and not any(
        a != b and b.startswith(a + "-") for a in names for b in names
    )
    declarations = [f"{n}:{v}" for n, v in pairs]
    return ";".join(sorted(declarations) if independent else declarations)


def _comment_tokens(text: str) -> list[str]:
    """Markup inside an Outlook conditional comment, as tokens (attributes sorted)."""
    out = []
    for m in _IN_COMMENT.finditer(text):
        if m.group(5) is not None:
            words = _WS.sub(" ", m.group(5)).strip()
            if words:
                out.append(words)
            continue
        pairs = []
        for a in _ATTR.finditer(m.group(3)):
            value = a.group(2) or ""
            pairs.append((a.group(1).lower(), value[1:-1] if value[:1] in "\"'" else value))
        tag = f"{m.group(1)}{m.group(2).lower()}"
        out.extend([f"<{tag}", *_attrs(tag, pairs), ">"])
    return out


def tokens(page: str) -> list[str]:
    """The document as a list of tokens compared one by one (see the module's docstring)."""
    ids: dict[str, str] = {}

    def stable(m: re.Match[str]) -> str:
        return m.group(0).replace(m.group(1), ids.setdefault(m.group(1), f"ID{len(ids)}"))

    root = lxml_html.document_fromstring(_RANDOM_ID.sub(stable, page))
    out: list[str] = []
    pending: tuple[str, list[str]] | None = None  # an open run of conditional comments

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            out.append(f"<!--[if {pending[0]}]>")
            out.extend(pending[1])
            out.append("<![endif]-->")
            pending = None

    def text(value: str | None, in_style: bool = False) -> None:
        if value is None or not value.strip():
            return
        flush()
        words = _WS.sub(" ", value).strip()
        out.append(_CSS_PUNCT.sub(r"\1", words).replace(";}", "}") if in_style else words)

    def walk(element: etree._Element) -> None:
        nonlocal pending
        if isinstance(element, etree._Comment):
            body = element.text or ""
            m = _CONDITION.match(body)
            if m is None:
                flush()
                out.append(f"<!--{_WS.sub(' ', body).strip()}-->")
            else:
                if pending is not None and pending[0] != m.group(1):
                    flush()
                if pending is None:
                    pending = (m.group(1), [])
                pending[1].extend(_comment_tokens(m.group(2)))
            text(element.tail)
            return
        if not isinstance(element.tag, str):
            return
        flush()
        pairs = [(k, v) for k, v in element.attrib.items()]
        out.extend([f"<{element.tag}", *_attrs(element.tag, pairs), ">"])
        text(element.text, element.tag == "style")
        for child in element:
            walk(child)
        flush()
        out.append(f"</{element.tag}>")
        text(element.tail)

    walk(root)
    flush()
    return out


def difference(ours: list[str], node: list[str]) -> tuple[tuple[str, str], ...]:
    """Each place the token lists differ, as (mailglot's tokens, Node's tokens)."""
    hunks = []
    matcher = difflib.SequenceMatcher(None, ours, node, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            hunks.append((" ".join(ours[a1:a2]), " ".join(node[b1:b2])))
    return tuple(hunks)


def short(hunk: tuple[str, str], width: int = 110) -> str:
    a, b = hunk
    prefix = len(_common_prefix(a, b))
    prefix = max(0, prefix - 20)
    return f"mailglot {a[prefix : prefix + width]!r} / Node {b[prefix : prefix + width]!r}"


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]
