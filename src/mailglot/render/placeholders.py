"""`{name}` placeholders in subjects, preheaders and campaign strings."""

from __future__ import annotations

import string
from collections.abc import Mapping

_FORMATTER = string.Formatter()


def field_names(text: str) -> set[str]:
    """Names used as `{name}`; `{{` and `}}` are literal braces. Raises ValueError on bad syntax."""
    names = set()
    for _, name, spec, conv in _FORMATTER.parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conv:
            raise ValueError(f"placeholder {{{name}}} should be a plain name like {{first_name}}")
        names.add(name)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    out = []
    for literal, name, _, _ in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            out.append(values[name])
    return "".join(out)
