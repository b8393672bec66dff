"""`{name}` placeholders in subjects, preheaders and campaign strings.

Filling is where text from outside the team meets other text: a campaign's `{o}{o}` with
`o: "{"`, or a translation's `{o}{o}`, is `{{` once filled, and a `{` written against
`{first_name}` is `{{{first_name}}}` once the field is the platform's merge tag (Handlebars'
unescaped HTML). Each piece is harmless alone, so the filled text is screened, with the same
detector as translations (`untrusted.CODE_SYNTAX`, after character references are decoded):
`fill` refuses to make such text (ValueError, which its callers answer with the source
text), and the campaign loader reports it at the campaign's line (`made_syntax`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from mailglot.i18n.untrusted import CODE_SYNTAX, decoded

_FORMATTER = string.Formatter()
# A merge field while a job renders (`merge.MergeFields.tokens`): it becomes `{{name}}`,
# `{{ name }}` or `*|NAME|*` in the platform's syntax, so a `{` or `|` before it and a `}` or
# `|` after it would join the tag's own `{{`, `}}`, `*|`, `|*` (exports retag to any of them).
_TOKEN = "MGLOT[0-9a-f]+F[0-9]+X"
_AGAINST_TOKEN = re.compile(f"[{{|]{_TOKEN}|{_TOKEN}[}}|]")
BEFORE_TAG, AFTER_TAG = "{|", "}|"
_MAY_HOLD_SYNTAX = re.compile(r"[{}|&]")
_OVERLAPPING = re.compile(f"(?=({CODE_SYNTAX.pattern}))")  # `{%}` holds `{%` and `%}`


LONE_BRACE = "a lone { or } (write {{ or }} for a literal brace)"
NO_FORMAT = (
    "a placeholder takes no format or conversion (numbers and dates are written the locale's way)"
)


@dataclass(frozen=True)
class Field:
    """One `{...}` of a text, as typed (`{percent:>9}`): a plain name, or a mistake."""

    name: str
    typed: str
    formatted: bool  # a format spec or a conversion after a name (`{expires:%Y}`, `{x!r}`)

    @property
    def plain(self) -> bool:
        return self.name.isidentifier() and not self.formatted


def fields(text: str) -> list[Field]:
    """Every `{...}` of `text` in order; `{{` and `}}` are literal braces. ValueError
    (LONE_BRACE) when a brace is neither."""
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:  # Python's words ("Single '}' encountered in format string")
        raise ValueError(LONE_BRACE) from None
    out = []
    for _, name, spec, conv in parsed:
        if name is not None:
            typed = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            out.append(Field(name, typed, bool(spec or conv)))
    return out


def field_names(text: str) -> set[str]:
    """Names used as `{name}`. Raises ValueError on bad syntax, naming the first placeholder
    that is no plain name as it was typed (`{percent:>9}`, not `{percent}`)."""
    names = set()
    for field in fields(text):
        if not field.plain:
            why = f": {NO_FORMAT}" if field.name.isidentifier() else ""
            raise ValueError(
                f"placeholder {field.typed} should be a plain name like {{first_name}}{why}"
            )
        names.add(field.name)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with its placeholders filled; ValueError when the result would hold merge-tag
    or template syntax that neither `text` nor a value holds alone."""
    out = []
    for literal, name, _, _ in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            out.append(values[name])
    filled = "".join(out)
    if _MAY_HOLD_SYNTAX.search(filled) is None:  # every piece of syntax has { } or |
        return filled
    shown = decoded(filled) if "&" in filled else filled
    if CODE_SYNTAX.search(shown) or _AGAINST_TOKEN.search(shown):
        raise ValueError("the filled text holds merge-tag or template syntax")
    return filled


def made_syntax(
    text: str,
    values: Mapping[str, str],
    fields: Collection[str],
    shown: Callable[[str], str] = decoded,
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """What filling `text` makes, `fields` being the names that become merge tags and
    `values` the others' text: the merge-tag or template syntax found outside the merge tags
    (in the text as `shown`: character references decoded, and for HTML text its markup
    removed too, `untrusted.visible`), and each field with the characters written against it
    that would join its tag's syntax, as (name, before, after)."""
    stretches, names, current = [], [], []
    for literal, name, _, _ in _FORMATTER.parse(text):
        current.append(literal)
        if name is None:
            continue
        if name in fields:
            stretches.append("".join(current))
            names.append(name)
            current = []
        else:
            current.append(values[name])
    stretches.append("".join(current))
    seen = [shown(s) for s in stretches]
    found = list(dict.fromkeys(m.group(1) for s in seen for m in _OVERLAPPING.finditer(s)))
    against = []
    for i, name in enumerate(names):
        before, after = seen[i][-1:], seen[i + 1][:1]
        before = before if before and before in BEFORE_TAG else ""
        after = after if after and after in AFTER_TAG else ""
        if before or after:
            against.append((name, before, after))
    return found, against
