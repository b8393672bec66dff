"""`{name}` placeholders of a campaign's subject, preheader and data.strings, checked at load.

Each must be a plain name, and name a recipient field or a top-level data value a reader
can be shown: text, a number or a date. data.strings were not checked here at all, so a
`{typo}`, `{0}` or a lone `{` failed every job at render time as an 'internal' KeyError with
no line; a list or mapping data key passed the check (it is a data key) and failed the same
way; and a null or yes/no value reached the inbox as Python writes it ('None', 'False').
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

from mailglot.errors import Diagnostic
from mailglot.project.campaigns import Campaign
from mailglot.project.yamlfile import Loc, YamlDoc, string_leaves
from mailglot.render.placeholders import NO_FORMAT, Field, fields

BY_MARKET = "by_market"  # the key render.context.per_market picks a market's value by
STRINGS = "strings"
DEFAULT = "default"
SHOWN_AS = "a placeholder shows text, a number or a date"


def placeholder_problems(
    doc: YamlDoc, campaign: Campaign, recipient: Collection[str], mailed: Collection[str]
) -> list[Diagnostic]:
    """Every placeholder that cannot be filled, at the line of the text that holds it.
    `mailed`: the markets the campaign mails (a `by_market` value is judged in each)."""
    data = campaign.data
    texts: list[tuple[Loc, str]] = [(("subject", k), v) for k, v in campaign.subject.items()]
    if campaign.preheader:
        texts.append((("preheader",), campaign.preheader))
    texts += list(string_leaves(data.get(STRINGS), ("data", STRINGS)))
    out = []
    values: dict[str, list[str]] | None = None  # each data key's problems, asked once
    for loc, text in texts:
        if "{" not in text and "}" not in text:
            continue  # every placeholder, and every lone brace, has one
        where = ".".join(str(p) for p in loc)
        try:
            found = fields(text)
        except ValueError as exc:
            out.append(doc.error(loc, f"{where}: {exc}"))
            continue
        if values is None:
            values = {k: list(_value_problems(k, v, mailed)) for k, v in data.items()}
        out += [doc.error(loc, m) for m in _text_problems(where, found, data, recipient, values)]
    return out


def _text_problems(
    where: str,
    found: list[Field],
    data: dict[str, Any],
    recipient: Collection[str],
    values: dict[str, list[str]],
) -> Iterator[str]:
    """The messages for one text's placeholders (`found`), in the order they are typed."""
    odd = list(dict.fromkeys(f.typed for f in found if not f.name.isidentifier()))
    if odd:
        if len(odd) == 1:
            yield f"{where}: placeholder {odd[0]} should be a plain name like {{first_name}}"
        else:
            shown = ", ".join(odd)
            yield f"{where}: placeholders {shown} should be plain names like {{first_name}}"
    formatted = list(dict.fromkeys(f.typed for f in found if f.name.isidentifier() and f.formatted))
    if formatted:
        shown = ", ".join(formatted)
        yield (
            f"{where}: placeholder {shown} should be a plain name like {{first_name}}: {NO_FORMAT}"
            if len(formatted) == 1
            else f"{where}: placeholders {shown} should be plain names like {{first_name}}: "
            f"{NO_FORMAT}"
        )
    names = dict.fromkeys(f.name for f in found if f.plain)  # the others are told above
    known = ", ".join(sorted({*recipient, *(k for k, v in values.items() if not v)}))
    for name in names:
        if name in recipient:
            continue
        if name not in data:
            yield (
                f"unknown placeholder {{{name}}} in {where}; expected a recipient field or a "
                f"data key: {known}"
            )
        for problem in values[name] if name in data else ():
            yield f"{where}: placeholder {{{name}}}: {problem}"


def _value_problems(name: str, value: Any, mailed: Collection[str]) -> Iterator[str]:
    """Why `data.<name>` cannot fill a placeholder (a `by_market` value: in the markets the
    campaign mails, those with the same problem named together)."""
    if name == STRINGS:
        yield f"data.{STRINGS} holds the campaign's msgids, not a text value; {SHOWN_AS}"
        return
    if isinstance(value, dict) and set(value) == {BY_MARKET} and isinstance(value[BY_MARKET], dict):
        choices = value[BY_MARKET]
        by_problem: dict[str, list[str]] = {}
        for market in mailed:
            if market in choices or DEFAULT in choices:
                what = _not_shown(choices.get(market, choices.get(DEFAULT)))
                if what:
                    by_problem.setdefault(what, []).append(market)
        for what, markets in by_problem.items():
            yield f"data.{name} for {', '.join(markets)} is {what}, not a text value; {SHOWN_AS}"
        return
    what = _not_shown(value)
    if what:
        yield f"data.{name} is {what}, not a text value; {SHOWN_AS}"


def _not_shown(value: Any) -> str:
    """What `value` is when a reader could not be shown it ('' when it can be)."""
    if isinstance(value, bool):  # before numbers: True is an int to Python
        return (
            f"{str(value).lower()} (YAML reads an unquoted yes, no, on, off, true or false as a "
            "yes/no value; write the word in quotes)"
        )
    if value is None:  # it showed 'None', and false 'False'
        return "null (a key with nothing after it is empty to YAML)"
    if isinstance(value, str | int | float | date):
        return ""
    if isinstance(value, list):
        return "a list (a template can show its items)"
    if isinstance(value, dict):
        return "a mapping (a template can show its values)"
    return type(value).__name__
