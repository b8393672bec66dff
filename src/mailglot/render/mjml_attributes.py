"""Attributes Node mjml refuses, in its words: one its component does not take
(`mjml.attribute`, "Attribute paddng is illegal") or a value its type does not accept
(`mjml.attribute-value`, "Attribute align has invalid value: centre for type Enum, only
accepts left, right, center, justify").

MRML compiles both without a word (a misspelt `paddng` is dropped, `align="centre"` falls
back to its default), so a designer used to Node sees them only in Node. These are
mjml-validator's `validAttributes` and `validTypes` rules, which Node runs at its default
level ("soft") on every component, `mj-attributes`' children included, against the tables
in `mjml_attributes_table` (generated from Node's components; to follow a newer mjml,
`scripts/validator_parity.py --table` writes that module again and `--check-table` says
whether it is current). Values are read as Node's parser reads them: entities not decoded,
the first of duplicated attributes kept, "true" and "false" as booleans.

The validator (mjml_validator.py) judges each distinct start tag once per process: a
template's jobs write the same few tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailglot.render.mjml_attributes_table import ALLOWED_ATTRIBUTES, WHITELIST
from mailglot.render.mjml_attributes_types import invalid

ILLEGAL = "mjml.attribute"
INVALID = "mjml.attribute-value"

# tag -> attribute -> type, in Node's order
ALLOWED: dict[str, dict[str, str]] = {
    tag: dict(word.split("=", 1) for word in spec.split())
    for tag, spec in ALLOWED_ATTRIBUTES.items()
}
# htmlparser2's attributes: a name up to white space, "/", ">" or "=" (its first character
# may be "="); a value quoted or up to white space or ">" (entities left as written:
# mjml-parser-xml's decodeEntities off)
_SPACE = "[\t\n\f\r ]"
_ATTRIBUTE = re.compile(
    rf"""([^\t\n\f\r />][^\t\n\f\r />=]*)(?:{_SPACE}*={_SPACE}*("[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?"""
)
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]{0,9}")


@dataclass(frozen=True)
class Refused:
    code: str
    message: str
    attributes: tuple[str, ...]  # the attributes it is about (to find where they are written)


def refused(name: str, written: str) -> tuple[Refused, ...]:
    """What Node says about the attributes `written` (as in the start tag, after its name)
    of component `name`: the illegal ones in one message, then each invalid value."""
    attributes = parse_attributes(written)
    if not attributes:
        return ()
    types = ALLOWED.get(name, {})
    out = []
    illegal = [a for a in attributes if a not in types and a not in WHITELIST]
    if illegal:
        several = len(illegal) > 1
        text = f"{'Attributes' if several else 'Attribute'} {', '.join(illegal)}"
        out.append(Refused(ILLEGAL, f"{text} {'are' if several else 'is'} illegal", tuple(illegal)))
    for attribute, value in attributes.items():
        kind = types.get(attribute)
        problem = invalid(kind, value) if kind else None
        if problem:
            out.append(Refused(INVALID, f"Attribute {attribute} {problem}", (attribute,)))
    return tuple(out)


def parse_attributes(written: str) -> dict[str, str]:
    """Name -> value as Node's parser gives them, in the order JavaScript lists an object's
    keys (names that are array indices first, in numeric order)."""
    out: dict[str, str] = {}
    for name, raw in _ATTRIBUTE.findall(written):
        if name not in out:
            quoted = len(raw) > 1 and raw[0] in "\"'" and raw[-1] == raw[0]
            out[name] = raw[1:-1] if quoted else raw
    if any(_is_index(name) for name in out):
        indices = sorted((n for n in out if _is_index(n)), key=int)
        out = {n: out[n] for n in [*indices, *(n for n in out if not _is_index(n))]}
    return out


def _is_index(name: str) -> bool:
    return _ARRAY_INDEX.fullmatch(name) is not None and int(name) < 2**32 - 1
