"""`mj-class="muted big"`: Node lets the later class win where both set an attribute, MRML
the first; listing the classes in reverse gives MRML Node's result (a fix of `mjml_fixes`).
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, attributes_blocks, body_start, join_tag, split_tag

# a look at the whole document before the rewrite (it also matches a single class followed
# by another attribute, where the rewrite changes nothing but the quotes)
SEVERAL_CLASSES = re.compile(r"""mj-class\s*=\s*(?:"[^"]*\S\s+\S|'[^']*\S\s+\S)""")
_MJ_CLASS_VALUE = re.compile(r"""(\smj-class\s*=\s*)(?:"([^"]*)"|'([^']*)')""")


def last_mj_class_wins(value: str) -> str:
    return " ".join(reversed(value.split()))


def _reverse_classes(m: re.Match[str]) -> str:
    value = m.group(2) if m.group(2) is not None else m.group(3)
    return f'{m.group(1)}"{last_mj_class_wins(value)}"'


def reverse_mj_classes(mjml: str) -> str:
    """`_MJ_CLASS_VALUE.sub(_reverse_classes, mjml)`, tried only where "mj-class" is: the
    pattern starts with a space, so `sub` tried it after every space of the text. A match
    starts just before an "mj-class" and the next one no earlier than where it ends, so
    trying the places `str.find` gives, in order, finds the same matches. The document
    itself comes back when no value changes (one class, double-quoted): later fixes
    remember what they read of a document by its identity (`fixing.attributes_blocks`)."""
    out: list[str] = []
    done = 0
    changed = False
    at = mjml.find("mj-class", 1)
    while at != -1:
        m = _MJ_CLASS_VALUE.match(mjml, at - 1)
        if m is None:
            at = mjml.find("mj-class", at + 1)
            continue
        out.append(mjml[done : m.start()])
        reversed_value = _reverse_classes(m)
        changed = changed or reversed_value != m.group(0)
        out.append(reversed_value)
        done = m.end()
        at = mjml.find("mj-class", done + 1)
    if not changed:
        return mjml
    out.append(mjml[done:])
    return "".join(out)


# --- mj-class children: the defaults of an element using the class for its descendants ----

_HEAD_TAG = re.compile(r"""<(/?)(mj-[\w-]+)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_BODY_TOKEN = re.compile(r"""<!--|<(/?)(mj-[\w-]+)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
# components whose content Node keeps as HTML: no element inside them is an MJML element
_ENDING_TAGS = frozenset(
    (
        "mj-text",
        "mj-button",
        "mj-table",
        "mj-raw",
        "mj-navbar-link",
        "mj-accordion-title",
        "mj-accordion-text",
        "mj-social-element",
        "mj-carousel-image",
    )
)
# attributes Node reads on these tags only when written on the element itself (its raw
# attributes: an accordion title's or text's font-family, else the element's, else the
# accordion's), so a class child's value for them is not written on the element
_OWN_ONLY = frozenset((("font-family", "mj-accordion-title"), ("font-family", "mj-accordion-text")))
# class name -> tag -> the attributes its child of that tag sets (name, value as written)
ClassChildren = dict[str, dict[str, dict[str, str]]]


def mj_class_children(mjml: str, fixing: Fixing) -> str:
    """`<mj-class name="x"><mj-text color="red"/></mj-class>`: Node gives every mj-text
    inside an element whose mj-class is "x" (down to the next element with an mj-class of its
    own) `color="red"` unless the text sets it itself, above its own classes and the tag's
    defaults; MRML refuses the document ("unexpected token"). The children are taken out of
    the class (which keeps its own attributes) and their values written on the elements
    they apply to, where every later fix reads them as the element's own."""
    if "</mj-class" not in mjml:  # a class with children is closed by a tag of its own
        return mjml
    blocks = attributes_blocks(mjml)
    if not blocks:
        return mjml
    children: ClassChildren = {}
    out: list[str] = []
    at = 0
    for start, end in blocks:
        out.append(mjml[at:start])
        out.append(_classes_without_children(mjml[start:end], children))
        at = end
    if not any(children.values()):
        return mjml  # MRML takes an mj-class closed on nothing as it is
    out.append(mjml[at:])
    head_done = "".join(out)
    body = body_start(head_done)
    if body == -1:
        return head_done
    return head_done[:body] + _apply_class_children(head_done, body, children)


def _classes_without_children(block: str, children: ClassChildren) -> str:
    """An `<mj-attributes>` block with each mj-class's children taken out (into
    `children`, as Node reads them: a later child of the same tag replaces an earlier one, a
    later class of the same name replaces the tags it names); the class itself is kept,
    closed on its own attributes."""
    out: list[str] = []
    at = 0
    name: str | None = None  # the open mj-class, while its children are read
    depth = 0
    seen: dict[str, dict[str, str]] = {}
    for m in _HEAD_TAG.finditer(block):
        closing, tag, rest = m.group(1), m.group(2), m.group(3)
        self_closing = rest.rstrip().endswith("/")
        if name is None:
            if tag == "mj-class" and not closing and not self_closing:
                attrs = split_tag(m.group(0))[1]
                name = next((_unquoted(v) for _, n, eq, v in attrs if n == "name" and eq), "")
                out.append(block[at : m.start()])
                out.append(m.group(0)[:-1].rstrip() + " />")
                depth, seen = 0, {}
                at = m.end()
            continue
        if closing:
            if tag == "mj-class" and depth == 0:
                children[name] = {**children.get(name, {}), **seen}
                name = None
                at = m.end()
            else:
                depth -= 1
            continue
        if depth == 0:
            seen[tag] = {n: v for _, n, eq, v in split_tag(m.group(0))[1] if eq and n != "mj-class"}
        if not self_closing:
            depth += 1
    if name is not None or not out:  # no class with children, or one never closed
        return block
    out.append(block[at:])
    return "".join(out)


def _unquoted(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


def _apply_class_children(mjml: str, body: int, children: ClassChildren) -> str:
    """The body from `body` with each element given what the mj-class of its nearest
    ancestor that has one says for its tag, unless it sets that attribute itself (Node's
    `parentMjClass`: a class of several names merges theirs, the later winning)."""
    out: list[str] = []
    at = body
    stack: list[tuple[str, str]] = []  # (tag, the mj-class its children inherit)
    pos = body
    while True:
        m = _BODY_TOKEN.search(mjml, pos)
        if m is None:
            break
        if m.group(0) == "<!--":
            close = mjml.find("-->", m.end())
            if close == -1:
                break
            pos = close + 3
            continue
        closing, tag, rest = m.group(1), m.group(2), m.group(3)
        pos = m.end()
        if closing:
            if stack and stack[-1][0] == tag:
                stack.pop()
            continue
        parent = stack[-1][1] if stack else ""
        head, attrs, tail = split_tag(m.group(0))
        own = {n: v for _, n, eq, v in attrs}
        if parent:
            wanted: dict[str, str] = {}
            for cls in parent.split(" "):
                wanted.update(children.get(cls, {}).get(tag, {}))
            added = [
                (" ", n, "=", v)
                for n, v in wanted.items()
                if n not in own and (n, tag) not in _OWN_ONLY
            ]
            if added:
                out.append(mjml[at : m.start()])
                out.append(join_tag(head, attrs + added, tail))
                at = m.end()
        if rest.rstrip().endswith("/"):
            continue
        if tag in _ENDING_TAGS:  # its content is HTML: go on after its closing tag
            close = mjml.find(f"</{tag}", pos)
            pos = len(mjml) if close == -1 else close
            continue
        inherited = _unquoted(own["mj-class"]) if "mj-class" in own else parent
        stack.append((tag, inherited))
    out.append(mjml[at:])
    return "".join(out)
