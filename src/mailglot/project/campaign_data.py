"""A campaign's `data:` checked where it is typed, not where a job first needs it.

A `{by_market: ...}` value that gives no value for a market the campaign mails, or names a
market markets.yaml does not define (`UK` for `GB`), failed each job at render time as an
'internal' error without a line. A number of 28 digits failed the same way when the
formatting filters met it. An empty string under `strings:` was translated, in every
locale with a catalog, into the catalog's header ("Project-Id-Version: ..."), and an empty
value (`intro:`) showed 'None'. All are campaign errors at their line now, so the campaign
stops before any job is planned and the others build.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from typing import Any

from mailglot.errors import Diagnostic
from mailglot.invisible import describe, shows_nothing
from mailglot.project.yamlfile import Loc, YamlDoc, leaves, shown, string_leaves

BY_MARKET = "by_market"  # the key render.context.per_market picks a market's value by
DEFAULT = "default"
# A number of 26 digits or more cannot be shown by the number and currency filters (decimal's
# 28 digits of precision, once the decimals are added); no price or count needs that many.
MAX_NUMBER = 10**25
STRINGS_FORM = 'expected a mapping of names to msgids, like {headline: "The deal of the year"}'


def campaign_data_problems(
    doc: YamlDoc, data: dict[str, Any], mailed: Collection[str], markets: Collection[str]
) -> list[Diagnostic]:
    """`mailed`: the markets the campaign mails; `markets`: every market defined."""
    if "strings" in data and not isinstance(data["strings"], dict):  # at its own line
        return [doc.error(("data", "strings"), f"data.strings: {STRINGS_FORM}")]
    out = [
        doc.error(loc, f"{_dotted(loc)}: {_number_problem(value)}")
        for loc, value in _numbers(data, ("data",))
        if _number_problem(value)
    ]
    for loc, choices in _by_market(data, ("data",)):
        out += _choice_problems(doc, loc, choices, mailed, markets)
    out += [
        doc.error(loc, f"{_dotted(loc)}: {_blank(text)}")
        for loc, text in string_leaves(data.get("strings"), ("data", "strings"))
        if not text or shows_nothing(text)
    ]
    out += [
        doc.error(loc, f"{_dotted(loc)}: {_not_text(value)}")
        for loc, value in _leaves(data.get("strings", {}), ("data", "strings"))
        if not isinstance(value, str)
    ]
    return out


def _blank(text: str) -> str:
    """An empty msgid translates to the catalog's header; one that shows nothing is a msgid no
    translator can see."""
    if not text:
        return (
            "an empty string is no msgid (its translation is the catalog's header); give it "
            "text, or remove it"
        )
    return (
        f"shows nothing (only {describe(text)}), a msgid no translator can see; give it text, "
        "or remove it"
    )


def _not_text(value: Any) -> str:
    """`intro:` with nothing after it is null to YAML, and every email showed 'None'; `yes`,
    a number or a date was shown as Python writes it ('True') and never translated."""
    if value is None:
        return "no text (a key with nothing after it is empty to YAML); give it text, or remove it"
    return (
        f"expected text to translate, got {shown(value)}; write it in quotes, or move it out of "
        "strings: (data: holds the values that are not translated)"
    )


def _leaves(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    """Every value under the mapping or list `value` that is neither a mapping nor a list
    (`strings:` itself not a mapping is the schema's to report)."""
    return ((at, leaf) for at, leaf in leaves(value, loc) if len(at) > 2)


def _choice_problems(
    doc: YamlDoc, loc: Loc, choices: Any, mailed: Collection[str], markets: Collection[str]
) -> list[Diagnostic]:
    where = _dotted(loc)
    if not isinstance(choices, dict) or not choices:
        return [
            doc.error(
                loc,
                f"{where}: expected a mapping of market codes to values, like "
                "{US: 9.99, FR: 8.99, default: 9.99}",
            )
        ]
    out = [
        doc.error(
            (*loc, code),
            f"{where}: unknown market {code!r}; markets defined in calendars/markets.yaml: "
            f"{', '.join(markets) or 'none'} (or default)",
        )
        for code in choices
        if code != DEFAULT and code not in markets
    ]
    missing = [code for code in mailed if code not in choices]
    if missing and DEFAULT not in choices:
        out.append(
            doc.error(
                loc,
                f"{where}: no value for {', '.join(missing)}, which the campaign mails; add "
                "them, or a default",
            )
        )
    return out


def _number_problem(value: int | float) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a number an email can show; write a number, or text in quotes"
    if abs(value) >= MAX_NUMBER:
        return (
            f"{value} has more digits than a price or a count can be shown with (at most 25); "
            "write it as text in quotes"
        )
    return None


def _numbers(value: Any, loc: Loc) -> Iterator[tuple[Loc, int | float]]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _numbers(item, (*loc, i))


def _by_market(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    """Every by_market value, as per_market recognizes it: a mapping with that one key."""
    if isinstance(value, dict):
        if set(value) == {BY_MARKET}:
            yield (*loc, BY_MARKET), value[BY_MARKET]
            return
        for key, item in value.items():
            yield from _by_market(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _by_market(item, (*loc, i))


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)
