"""How MRML writes a run of text or an attribute value it passes through, so the compile of
a document with placeholders can be filled in with each job's own runs (`skeletons`).

MRML writes a run in one of a few forms, and a placeholder around `PROBE` shows which one
each place took (`FORMS`): the characters of the probe, a backslash and the references
`&#39;&#34;`, come out differently in each.
- as it came (`RAW`): text, which MRML copies without decoding a reference;
- through Rust's debug format (`DEBUG`): the values MRML quotes itself (`href`, `src`,
  `alt`, `title`, `lang`, the wrapper's label): a backslash, a `"`, a tab, a line feed are
  escaped (`\\\\`, `\\"`, `\\t`, `\\n`), and a character Rust does not print as it is (a
  format character, a space other than U+0020) as `\\u{hex}`;
- parsed and written again, when MRML applies `<mj-style inline="inline">` itself: the
  HTML it wrote (in one of the two forms above) is read by an HTML parser, which decodes
  references, and written back, `&`, a no-break space, `<` and `>` escaped in text
  (`TEXT_AGAIN`), `&`, a no-break space and `"` in an attribute (`DEBUG_AGAIN`).

A run is filled in only when its fate in each form is certain; anything else (a character
whose debug form depends on Rust's Unicode tables, such as a combining mark, a reference
an HTML parser may read in two ways, a control character) is refused, and the job compiles
its own MJML.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache
from html.entities import html5

# What a placeholder holds between its marks: characters each form writes its own way (a
# backslash, references, a tab, a no-break space), and others a transformation MRML might
# make would change (capitals, spaces, a letter outside ASCII, '=', '`'); no quote, since a
# placeholder may stand in a value in either quotes
PROBE = "Q \xe9\xa0`=\\&#39;&#34;\tZ"


class Form(Enum):
    RAW = "raw"
    DEBUG = "debug"
    TEXT_AGAIN = "text again"
    DEBUG_AGAIN = "debug again"
    ATTRIBUTE_AGAIN = "attribute again"
    DEBUG_TEXT_AGAIN = "debug text again"

    # members are compared by identity: hashed so too, in C (Enum's own `__hash__`, a
    # Python call, was a third of `written`'s cache lookup, ~17 a document)
    __hash__ = object.__hash__


# Characters refused anywhere: controls other than tab and line feed (a carriage return
# is made a line feed by an HTML parser, a NUL dropped), C1 controls, lone surrogates,
# noncharacters (MRML's parser refuses U+FFFE and U+FFFF), and `<` `>` (cut as markup).
_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f<>\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
# named references an HTML parser also reads without their ';' (`&copy` in `&copyright`):
# a run holding one of these names after an '&' is read in two ways and refused
_LEGACY = frozenset(name for name in html5 if not name.endswith(";"))
_LEGACY_START = re.compile("|".join(sorted(_LEGACY, key=len, reverse=True)))
# an '&' and what follows it: a decimal or hexadecimal reference, a name (and its ';'), '#'
_REFERENCE = re.compile(
    r"&(?:#([0-9]{1,7});|#[xX]([0-9A-Fa-f]{1,6});|([A-Za-z][A-Za-z0-9]*+)(;?)|(#?))"
)
_WHITE = " \t\n\f\r"  # an HTML parser's white space
_DEBUG_ASCII = {"\t": "\\t", "\n": "\\n", '"': '\\"', "\\": "\\\\"}
# general categories Rust's debug format always escapes (`printable.py` in Rust's core);
# it always prints letters, numbers, punctuation and symbols (L, N, P, S), whatever the
# Unicode version: marks are escaped or not by their Grapheme_Extend property, which Python
# does not give, and unassigned characters (here) may be assigned in Rust's tables
_ESCAPED = frozenset(["Cc", "Cf", "Co", "Zs", "Zl", "Zp"])
_GRAPHEME_EXTEND_LETTERS = frozenset("\uff9e\uff9f")  # halfwidth katakana sound marks


def text_run_ok(run: str) -> bool:
    """A text run whose every form is certain: no refused character, references read one
    way, and no white space at either end once they are read (an HTML parser moves white
    space alone in some places: the run must be placed as its placeholder is). The debug
    forms are checked when met (a title's text is also its wrapper's label)."""
    return _text_run_ok(run) if len(run) <= _CACHED else _text_run_ok.__wrapped__(run)


def value_run_ok(run: str) -> bool:
    """An attribute value whose every form is certain: as a text run, no quote (its own
    quote cannot be in it; the other would end the value when MRML's HTML is read again),
    and every character one whose debug form is known."""
    return _value_run_ok(run) if len(run) <= _CACHED else _value_run_ok.__wrapped__(run)


def written(run: str, form: Form) -> str | None:
    """`run` as MRML writes it in `form`, or None where that is not certain (a `"` in a
    value written again: the HTML parser would read it as the value's end)."""
    return _written(run, form) if len(run) <= _CACHED else _written.__wrapped__(run, form)


# a template's runs come again in each of its emails: the answers for runs up to _CACHED
# characters are kept (a few megabytes at most)
_CACHED = 2048


@lru_cache(maxsize=1024)
def _text_run_ok(run: str) -> bool:
    if _REFUSED.search(run) is not None:
        return False
    decoded = _decoded(run)
    return bool(decoded) and decoded[0] not in _WHITE and decoded[-1] not in _WHITE


@lru_cache(maxsize=1024)
def _value_run_ok(run: str) -> bool:
    return '"' not in run and "'" not in run and text_run_ok(run) and _debug(run) is not None


@lru_cache(maxsize=1024)
def _written(run: str, form: Form) -> str | None:
    if form is Form.RAW:
        return run
    if form is Form.DEBUG:
        return _debug(run)
    if form is Form.TEXT_AGAIN:
        decoded = _decoded(run)
        return None if decoded is None else _text_escaped(decoded)
    if '"' in run:
        return None
    if form is Form.ATTRIBUTE_AGAIN:
        decoded = _decoded(run)
        return None if decoded is None else _attribute_escaped(decoded)
    debugged = _debug(run)
    decoded = None if debugged is None else _decoded(debugged)  # its escapes hold no '&'
    if decoded is None:
        return None
    return _attribute_escaped(decoded) if form is Form.DEBUG_AGAIN else _text_escaped(decoded)


def _text_escaped(text: str) -> str:
    text = text.replace("&", "&amp;").replace("\xa0", "&nbsp;")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _attribute_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


def _decoded(run: str) -> str | None:
    """The run as an HTML parser reads it (text or attribute value alike), or None when the
    two would differ or a reference gives a character refused above. A reference is read
    when whole (`&name;` of the HTML standard, `&#...;`); an `&` followed by neither is
    kept, unless a name the parser also reads without ';' follows it."""
    if "&" not in run:
        return run
    refused = False

    def one(m: re.Match[str]) -> str:
        nonlocal refused
        decimal, hexadecimal, name = m.group(1), m.group(2), m.group(3)
        if decimal or hexadecimal:
            code = int(decimal, 10) if decimal else int(hexadecimal, 16)
            char = chr(code) if code <= 0x10FFFF else "\x00"
            if char not in "\t\n<>" and _REFUSED.match(char):  # also C1: read as cp1252
                refused = True
            return char
        if name is None:  # an '&' before anything else but '#'
            if m.group(5) == "#":
                refused = True  # '&#' not read as a whole reference
            return "&"
        if m.group(4) and f"{name};" in html5:
            return html5[f"{name};"]
        if _LEGACY_START.match(name):
            refused = True
        return m.group(0)

    decoded = _REFERENCE.sub(one, run)
    if refused or _REFUSED.search(decoded.replace("<", "").replace(">", "")):
        return None
    return decoded


def _debug(run: str) -> str | None:
    """The run through Rust's `{:?}` (without its quotes), or None for a character whose
    escape depends on Rust's Unicode tables."""
    if run.isascii():
        if "\\" not in run and '"' not in run and "\t" not in run and "\n" not in run:
            return run
        return "".join(_DEBUG_ASCII.get(c, c) for c in run)
    out = []
    for c in run:
        if c.isascii():
            out.append(_DEBUG_ASCII.get(c, c))
            continue
        category = unicodedata.category(c)
        if category in _ESCAPED:
            out.append(f"\\u{{{ord(c):x}}}")
        elif category[0] in "LNPS" and c not in _GRAPHEME_EXTEND_LETTERS:
            out.append(c)
        else:
            return None
    return "".join(out)


# the probe as each form writes it: what shows which form a placeholder's place took (the
# last two are not known to happen: a value MRML would quote plainly, text it would write
# through the debug format)
FORMS = {written(PROBE, form): form for form in Form}
