"""Msgids the templates use only as an attribute value, where no tag is read.

`l10n.typographic_tags` lets a translation add `<br>` or `<sup>`, which set text in an
email's body. In `alt="{{ _('Orbit poster') }}"` the same `Affiche<br>` is an attribute's text:
readers with images off, and screen readers, get "Affiche<br>" as typed. So the gettext calls
of each template are read with the HTML around them: a msgid whose every use is a literal
`_()`, `gettext()`, `pgettext()`... call printed inside an attribute value (`alt="..."`,
`title='...'`, `alt={{ ... }}`) is told with its attribute names, and `checks.safety` allows it
no tag at all, as for a subject.

Any use this reading is not sure of (a `{% trans %}` block, a call in a `{% set %}` or a macro's
argument, a tag written by an expression, an HTML comment) counts as a use in the body, so a
msgid is only held to plain text where every use is known to be an attribute's.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from jinja2.ext import extract_from_ast
from jinja2.lexer import Token

from mailglot.i18n.checks import usage

# Each call's msgid is its first argument, after the context for the p- forms.
_CALLS = {"_": 0, "gettext": 0, "ngettext": 0, "pgettext": 1, "npgettext": 1}
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.@")
_MEMO: dict[bytes, tuple[frozenset[tuple[str, str]], frozenset[str]]] = {}
_MEMO_LIMIT = 4096


def attribute_uses(
    sources: Iterable[bytes], elsewhere: Iterable[str] = ()
) -> frozenset[tuple[str, str]]:
    """(msgid, attribute) for each msgid the templates `sources` use only inside attribute
    values; `elsewhere`: msgids the project uses in other ways (campaign strings, events)."""
    in_attributes: set[tuple[str, str]] = set()
    in_text: set[str] = set(elsewhere)
    for data in sources:
        attrs, text = _read(data)
        in_attributes |= attrs
        in_text |= text
    return frozenset((m, a) for m, a in in_attributes if m not in in_text)


def _read(data: bytes) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    key = hashlib.blake2b(data, digest_size=16).digest()
    found = _MEMO.get(key)
    if found is None:
        found = _scan(data)
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[key] = found
    return found


def _scan(data: bytes) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """((msgid, attribute) of the calls printed in an attribute value, every other msgid the
    file uses as `mailglot extract` reads it)."""
    extracted = usage._msgids(data)
    if not extracted:
        return frozenset(), frozenset()
    try:
        source = data.decode("utf-8")
        with usage._LOCK:
            tokens = list(usage._environment()._tokenize(source, None))
    except Exception:  # a template Jinja cannot read: `extracted` says what it uses
        return frozenset(), extracted
    attrs, seen_in_attributes, text = _calls(tokens)
    if not attrs:  # most templates: no msgid printed in an attribute, no need to count uses
        return frozenset(), extracted
    try:
        with usage._LOCK:
            calls = list(extract_from_ast(usage._environment().parse(source), babel_style=True))
    except Exception:
        return frozenset(), extracted
    uses: Counter[str] = Counter()  # each msgid's uses as `mailglot extract` finds them
    for _, function, message in calls:
        strings = message if isinstance(message, tuple) else (message,)
        index = 1 if function in ("pgettext", "npgettext") else 0
        if index < len(strings) and isinstance(strings[index], str):
            uses[strings[index]] += 1
    # A use extracted but not read here as an attribute's (a {% trans %} block...) is in text.
    text |= {m for m, n in uses.items() if n > seen_in_attributes[m]}
    return frozenset(attrs), frozenset(text)


def _calls(tokens: list[Token]) -> tuple[set[tuple[str, str]], Counter[str], set[str]]:
    """The literal gettext calls of a template's tokens: ((msgid, attribute) printed in an
    attribute value, how many such calls each msgid has, the msgids of every other call)."""
    html = _Html()
    attrs: set[tuple[str, str]] = set()
    seen_in_attributes: Counter[str] = Counter()
    text: set[str] = set()
    printing: str | None = None  # the attribute a print statement is in, or "" (the body)
    for n, token in enumerate(tokens):
        if token.type == "data":
            html.feed(token.value)
        elif token.type == "variable_begin":
            printing = html.attribute()
        elif token.type == "variable_end":
            printing = None
            html.printed()
        elif token.type == "name" and token.value in _CALLS:
            msgid = _msgid(tokens, n, _CALLS[token.value])
            if msgid is None:
                continue
            if printing:
                attrs.add((msgid, printing))
                seen_in_attributes[msgid] += 1
            else:
                text.add(msgid)
    return attrs, seen_in_attributes, text


def _msgid(tokens: list[Token], n: int, index: int) -> str | None:
    """The literal msgid of the call at tokens[n] (`_('x')`, `pgettext('ctx', 'x')`)."""
    want = ["lparen"] + ["string", "comma"] * index + ["string"]
    found = tokens[n + 1 : n + 1 + len(want)]
    if [t.type for t in found] != want or n + 1 + len(want) >= len(tokens):
        return None
    if tokens[n + 1 + len(want)].type not in ("rparen", "comma"):
        return None  # "a" "b" (joined strings) or an expression: not a literal msgid
    return str(found[-1].value)


class _Html:
    """Where the template's own text has got to: in the body, in a tag, in an attribute's
    quoted value, or in a comment. Enough for a template's markup, not a parser."""

    def __init__(self) -> None:
        self.state = "text"  # text, tag, dq, sq, comment
        self.name = ""  # the attribute name last written in the tag
        self.after_equals = False  # `name=` was written: an unquoted value comes next

    def attribute(self) -> str:
        """The attribute a print statement here is the value of, else ''."""
        if self.state in ("dq", "sq") or (self.state == "tag" and self.after_equals):
            return self.name
        return ""

    def printed(self) -> None:
        """A print statement ended: an unquoted value it wrote is done."""
        if self.state == "tag":
            self.after_equals = False

    def feed(self, text: str) -> None:
        i, end = 0, len(text)
        while i < end:
            c = text[i]
            if self.state == "text":
                i = text.find("<", i)
                if i < 0:
                    return
                if text.startswith("<!--", i):
                    self.state, i = "comment", i + 4
                    continue
                if i + 1 < end and (text[i + 1].isalpha() or text[i + 1] == "/"):
                    self.state, self.name, self.after_equals = "tag", "", False
                i += 1
                continue
            if self.state == "comment":
                i = text.find("-->", i)
                if i < 0:
                    return
                self.state, i = "text", i + 3
                continue
            if self.state in ("dq", "sq"):
                i = text.find('"' if self.state == "dq" else "'", i)
                if i < 0:
                    return
                self.state, self.after_equals, i = "tag", False, i + 1
                continue
            if c == ">":
                self.state = "text"
            elif c == '"' or c == "'":
                self.state = "dq" if c == '"' else "sq"
            elif c == "=":
                self.after_equals = True
            elif c in _NAME_CHARS:
                start = i
                while i < end and text[i] in _NAME_CHARS:
                    i += 1
                if not self.after_equals:
                    self.name = text[start:i].lower()
                self.after_equals = False
                continue
            elif not c.isspace():
                self.after_equals = False
            i += 1
