"""Start tags read and rewritten one at a time, byte for byte elsewhere.

MJML is XML-ish but the contents of `mj-text`, `mj-raw` and friends are HTML that an XML
parser rejects (`&nbsp;`, `<br>`) and an HTML parser rewrites; the compiled HTML carries
Outlook conditional comments that neither keeps intact. The steps that only need to read or
set a few attributes therefore edit the start tags they target and copy every other byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One attribute: name, then an optional double-quoted, single-quoted or bare value.
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s=/>"']+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?"""
)
ATTRIBUTES = r"""(?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""


@dataclass(frozen=True)
class Attribute:
    name: str
    value: str  # as written (entities not decoded), "" for a bare attribute
    quote: str  # the quote it was written with ('"' for a new or bare one)


def parse_attributes(text: str) -> list[Attribute]:
    """The attributes of a start tag's attribute text, in the order written."""
    out = []
    for m in _ATTRIBUTE.finditer(text):
        if m["sq"] is not None:
            out.append(Attribute(m["name"], m["sq"], "'"))
        else:
            out.append(Attribute(m["name"], m["dq"] or m["bare"] or "", '"'))
    return out


def format_attributes(attributes: list[Attribute]) -> str:
    """Attribute text with a leading space per attribute, each in its original quotes."""
    return "".join(f" {a.name}={a.quote}{a.value}{a.quote}" for a in attributes)


def with_leading(attributes: list[Attribute], values: dict[str, str]) -> list[Attribute]:
    """`values` set first, in the order given (where compilers write `lang` and `dir`), then
    the other attributes as written; names match without regard to case, as in HTML."""
    names = {k.lower() for k in values}
    rest = [a for a in attributes if a.name.lower() not in names]
    return [*(Attribute(k, v, '"') for k, v in values.items()), *rest]
