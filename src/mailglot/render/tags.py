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
# Possessive: each part stops where the next must start, so giving back characters never
# makes a match (tests/test_render_fast_paths.py), and not trying to is a quarter faster.
ATTRIBUTES = r"""(?:\s++[^\s=/>"']++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?+)*+"""


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


def with_values(attributes: list[Attribute], values: dict[str, str]) -> list[Attribute]:
    """`values` set where the attributes already are (names match without regard to case, as
    in HTML), so a compiler's attribute order survives; missing ones go first, where
    compilers write `lang` and `dir`."""
    wanted = {k.lower(): (k, v) for k, v in values.items()}
    kept = [
        Attribute(a.name, wanted[a.name.lower()][1], '"') if a.name.lower() in wanted else a
        for a in attributes
    ]
    present = {a.name.lower() for a in attributes}
    missing = [Attribute(k, v, '"') for key, (k, v) in wanted.items() if key not in present]
    return [*missing, *kept]
