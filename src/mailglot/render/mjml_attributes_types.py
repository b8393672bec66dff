"""The value types of Node mjml's attributes (`mjml-core/lib/types`), checked as Node checks.

A type is written as in Node's tables: `unit(px,%){1,4}`, `unitWithNegative(px,em)`,
`enum(left,right,center)`, `color`, `boolean`, `integer`, `string`. What Node accepts is
kept to the letter, quirks included, because a designer compares our warnings with Node's:
`color` accepts any value that contains an `rgb(...)`/`rgba(...)`, `integer` any value with
a digit in it, `boolean` only "true" and "false", `unit` up to N numbers each followed by a
unit (or a lone 0, or `auto` where listed), one space at most between them. JavaScript's
regular expressions differ from Python's in what `\\d`, `\\s`, `$` and case-folding match,
so the patterns below spell those out.

Node's message fills `$value` in with JavaScript's `String.replace`, whose replacement
patterns (`$$`, `$&`, `` $` ``, `$'`) act on a value that contains them; `fill` does the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from mailglot.render.mjml_attributes_table import COLOR_NAMES

# JavaScript's \s (regular-expression white space, ECMA-262 WhiteSpace and LineTerminator)
_JS_SPACE = "[\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_RGBA = re.compile(
    rf"rgba\([0-9]{{1,3}},{_JS_SPACE}?[0-9]{{1,3}},{_JS_SPACE}?[0-9]{{1,3}},{_JS_SPACE}?"
    r"[0-9](\.[0-9]{1,3})?\)",
    re.I | re.A,
)
_RGB = re.compile(
    rf"rgb\([0-9]{{1,3}},{_JS_SPACE}?[0-9]{{1,3}},{_JS_SPACE}?[0-9]{{1,3}}\)", re.I | re.A
)
_HEX = re.compile(r"#([0-9a-f]{3}){1,2}", re.I | re.A)
_NAMES = frozenset(COLOR_NAMES.split())
_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class NodeType:
    name: str  # the class name Node's default message shows ("Color", "NInteger"...)
    accepts: Callable[[str], bool]
    message: str = ""  # Node's own message, `$value` for the value; "" for the default one


def invalid(kind: str, value: str) -> str | None:
    """Node's message for `value` of the type written `kind` (after "Attribute NAME "), or
    None when the type accepts it."""
    checker = node_type(kind)
    if checker.accepts(value):
        return None
    return fill(checker.message or f"has invalid value: {value} for type {checker.name} ", value)


@lru_cache(maxsize=64)
def node_type(kind: str) -> NodeType:
    """mjml-core's `initializeType`: the first type whose name starts `kind`."""
    if kind.startswith("boolean"):
        return NodeType("Boolean", lambda value: value in ("true", "false"))
    if kind.startswith("enum"):
        return _enum(kind)
    if kind.startswith("color"):
        return NodeType("Color", _color)
    if re.match(r"(unit|unitWithNegative)\(.*\)", kind):
        return _unit(kind)
    if kind.startswith("string"):
        return NodeType("NString", lambda value: True)
    if kind.startswith("integer"):
        return NodeType("NInteger", lambda value: _DIGIT.search(value) is not None)
    raise ValueError(f"No type found for {kind}")  # as Node throws: a table out of date


def _color(value: str) -> bool:
    return bool(
        _RGBA.search(value) or _RGB.search(value) or _HEX.fullmatch(value) or value in _NAMES
    )


def _enum(kind: str) -> NodeType:
    words = _parenthesized(kind).split(",")
    allowed = frozenset(words)
    return NodeType(
        "Enum",
        lambda value: value in allowed,
        f"has invalid value: $value for type Enum, only accepts {', '.join(words)}",
    )


def _unit(kind: str) -> NodeType:
    negative = "-|" if kind.startswith("unitWithNegative") else ""
    units = _parenthesized(kind).split(",")
    counts = re.search(r"\{([^}]+)\}", kind)
    args = counts.group(1).split(",") if counts else ["1"]
    auto = "|auto" if "auto" in units else ""
    names = "|".join(re.escape(unit) for unit in units if unit != "auto")
    pattern = re.compile(
        rf"((({negative}[0-9]|,|\.){{1,}}({names})|0{auto})( )?){{{','.join(args)}}}"
    )
    return NodeType(
        "Unit",
        lambda value: pattern.fullmatch(value) is not None,
        f"has invalid value: $value for type Unit, only accepts ({', '.join(units)}) units"
        f" and {' to '.join(args)} value(s)",
    )


def _parenthesized(kind: str) -> str:
    found = re.search(r"\(([^)]+)\)", kind)
    if found is None:
        raise ValueError(f"No type found for {kind}")
    return found.group(1)


def fill(message: str, value: str) -> str:
    """`message.replace(/\\$value/g, value)` as JavaScript does it."""
    parts = message.split("$value")
    if len(parts) == 1:
        return message
    out = [parts[0]]
    at = len(parts[0])  # where this "$value" starts in `message`
    for part in parts[1:]:
        out.append(_substitution(value, message, at, at + 6))
        out.append(part)
        at += 6 + len(part)
    return "".join(out)


def _substitution(value: str, message: str, start: int, end: int) -> str:
    """ECMA-262 GetSubstitution with no capture groups: `$$`, `$&`, `` $` ``, `$'`."""
    if "$" not in value:
        return value
    special = {"$": "$", "&": message[start:end], "`": message[:start], "'": message[end:]}
    return re.sub(r"\$([$&`'])", lambda m: special[m.group(1)], value)
