"""How Node mjml 5 reads the sizes it computes with: `parseInt`, the side of a shorthand, the
width of a border. The fixes that write a width as Node does (`heroes`, `button_widths`)
read the attributes the same way, so that a value MRML reads otherwise still gives Node's
number."""

from __future__ import annotations

import re

_INT = re.compile(r"\s*([+-]?\d+)")
_BORDER_WIDTH = re.compile(r"(?:^| )(\d+)")


def unquote(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


def parse_int(value: str) -> int:
    """JavaScript's parseInt(value, 10), 0 for what it reads as NaN (never a width here)."""
    m = _INT.match(value)
    return int(m.group(1)) if m else 0


def side(attrs: dict[str, str], name: str, which: str) -> int:
    """Node's getShorthandAttrValue(name, which): `name-which` if set, else that side of the
    shorthand as CSS reads it (one to four values), each read with parseInt."""
    if attrs.get(f"{name}-{which}"):
        return parse_int(attrs[f"{name}-{which}"])
    value = attrs.get(name)
    if not value:
        return 0
    parts = value.split()[:4]
    index = {2: 1, 3: 1, 4: 1 if which == "right" else 3}.get(len(parts))
    return parse_int(value if index is None else parts[index])


def border(attrs: dict[str, str], which: str, name: str = "border") -> int:
    """Node's getShorthandBorderValue(which, name): the first number of `name-which`, else
    of `name`, that starts the value or follows a space (`solid 2px red` is 2)."""
    value = attrs.get(f"{name}-{which}") or attrs.get(name) or "0"
    m = _BORDER_WIDTH.search(value)
    return int(m.group(1)) if m else 0
