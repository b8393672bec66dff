"""Campaign and calendar text is input too: no merge-tag or template syntax, no control or
invisible characters, neither as typed nor once its placeholders are filled.

Subjects, preheaders and data values end up in the email and its headers; a `{{email}}` typed
there (or `&#123;&#123;email&#125;&#125;`, which the text part decodes) would reach the sending
platform as a merge tag mailglot did not make. Per-recipient fields are written `{first_name}`,
and mailglot turns them into the platform's tags itself. The same goes for what
`calendars/*.yaml` puts in emails: event names and a market's name and address.

Filling can join harmless pieces into syntax (`{o}{o}` with `o: "{"`, a `{` written against
`{first_name}`), so the filled text is screened too, with every market's values
(`render.placeholders.made_syntax`), once when the project is loaded: no job pays for it.
Zero-width and bidi control characters are refused by the rule translations get
(`catalog.invisible`, i18n/checks/text.py), called here so both stay in step.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from mailglot.errors import Diagnostic
from mailglot.i18n.checks.base import Pair, Policy
from mailglot.i18n.checks.text import check_invisible
from mailglot.i18n.untrusted import CODE_SYNTAX, CONTROL, decoded, visible
from mailglot.invisible import shows_nothing
from mailglot.project.yamlfile import Loc, YamlDoc, string_leaves
from mailglot.render.merge import merge_tag
from mailglot.render.placeholders import field_names, made_syntax

HEADERS = ("subject", "preheader")  # mail headers: a line break would split them
# Line and paragraph separators: no one types them, and mail clients and JSON readers break
# lines at them (they are refused wherever CR is).
SEPARATORS = "\u2028\u2029"
_FORMATTER = string.Formatter()
_NEVER_CODE = "campaign text is never code; per-recipient fields are written {first_name}"
_MAY_JOIN = re.compile(r"[{}|&]")
_CALENDAR = "calendar text is never code; emails show it as it is written"
BY_MARKET = "by_market"


def _literals(text: str) -> str:
    """The text of a `{name}`-formatted string without its placeholders (`{{` is a literal
    brace there)."""
    try:
        return "".join(literal for literal, *_ in _FORMATTER.parse(text))
    except ValueError:
        return text  # a lone brace is reported by the placeholder check


def _parsed(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(_FORMATTER.parse(text))
    except ValueError:
        return []


def _formatted(loc: Loc) -> bool:
    """Subjects, preheaders and data.strings are filled with str.format rules."""
    return loc[:1] in (("subject",), ("preheader",)) or _markup(loc)


def _markup(loc: Loc) -> bool:
    """data.strings are HTML (msgids, like `{% trans %}` text): their tags and comments are
    markup, removed from what the text part and an inbox show, so `{<b></b>{` shows `{{`.
    Subjects, preheaders and other values are text: a tag in them is shown as typed."""
    return loc[:2] == ("data", "strings")


def text_problems(
    where: str,
    text: str,
    *,
    header: bool,
    formatted: bool,
    locale: str | Sequence[str],
    never_code: str = _NEVER_CODE,
    markup: bool = False,
) -> list[str]:
    """Why `text`, written by someone outside the team, may not reach an email: the messages
    (each starting with `where`), none when it may. `header`: it goes into a mail header;
    `formatted`: `{name}` placeholders are filled in it; `locale`: the language it is
    written in (right-to-left text may hold direction marks), or the locales of the market
    that shows it (a mark one of them writes is fine); `markup`: it is HTML, judged also as
    shown once its markup is removed."""
    out = []
    typed = _literals(text) if formatted else text
    shown = decoded(typed)
    found, how = sorted(set(CODE_SYNTAX.findall(shown))), ""
    if not found and markup and "<" in typed:
        found, how = sorted(set(CODE_SYNTAX.findall(visible(typed)))), " once markup is removed"
    if found:
        syntax = " ".join(found)
        out.append(f"{where}: merge-tag or template syntax {syntax}{how} ({never_code})")
    breaks = "\r\n" if header else "\r"
    if CONTROL.search(shown) or any(c in shown for c in breaks + SEPARATORS):
        out.append(f"{where}: control characters or line breaks")
    # text made only of them is refused as blank by the schema, with that message alone
    invisible = "" if shows_nothing(text) else invisible_characters(text, locale)
    if invisible:
        out.append(
            f"{where}: invisible characters {invisible} (they hide or reorder what readers "
            "see; delete them, or retype the words around them)"
        )
    return out


def invisible_characters(text: str, locale: str | Sequence[str]) -> str:
    """The zero-width and bidi control characters translations may not add (named), as the
    translation check `catalog.invisible` judges them for a text in `locale`; '' if none.
    Several locales (a market's): '' when one of them writes them all (an Arabic market's
    right-to-left mark), else the fewest one of them refuses."""
    if text.isascii():
        return ""
    refused = []
    for one in [locale] if isinstance(locale, str) else dict.fromkeys(locale):
        policy = Policy(locale=one, source_locale=one)
        found = [f.text.rpartition(": ")[2] for f in check_invisible(Pair("", text, policy))]
        if not found:
            return ""
        refused.append(found[0])
    return min(refused, key=lambda names: names.count("U+"))


def campaign_text_problems(
    doc: YamlDoc,
    locale: str = "en_US",
    market_locales: Mapping[str, Sequence[str]] | None = None,
) -> list[Diagnostic]:
    """Every string of a campaign file, as typed. `locale`: the source locale, that of every
    text but a market's own values (`by_market: {SA: ...}`), judged by the locales that
    market mails (`market_locales`, by market code): a right-to-left mark in an Arabic
    market's value is Arabic text's, as in its translations."""
    out = []
    for loc, text in string_leaves(doc.data):
        where = ".".join(str(p) for p in loc)
        judged = _market_of(loc, market_locales or {}) or locale
        for message in text_problems(
            where,
            text,
            header=loc[0] in HEADERS,
            formatted=_formatted(loc),
            locale=judged,
            markup=_markup(loc),
        ):
            out.append(doc.error(loc, message))
    return out


def _market_of(loc: Loc, market_locales: Mapping[str, Sequence[str]]) -> Sequence[str]:
    """The locales of the market whose own value `loc` is (`... by_market: {SA: here}`);
    empty for other texts, `default` values included (every other market shows them)."""
    for i, part in enumerate(loc[:-1]):
        if part == BY_MARKET and loc[i + 1] in market_locales:
            return market_locales[loc[i + 1]]
    return ()


def calendar_text_problems(
    doc: YamlDoc, loc: Loc, text: str, locale: str | Sequence[str]
) -> list[Diagnostic]:
    """A text of calendars/*.yaml that emails show (an event's name, a market's name or
    address), screened as a campaign's data values are, at its line. `locale`: the source
    locale, or a market's locales for its own name and address."""
    where = ".".join(str(p) for p in loc)
    problems = text_problems(
        where, text, header=False, formatted=False, locale=locale, never_code=_CALENDAR
    )
    return [doc.error(loc, message) for message in problems]


def filled_text_problems(
    doc: YamlDoc, data: dict[str, Any], mailed: Collection[str], recipient: Collection[str]
) -> list[Diagnostic]:
    """Subjects, preheaders and data.strings once filled, with the values of every market the
    campaign mails (`recipient`: the fields that become merge tags). Texts whose placeholders
    do not parse or are unknown are left to the placeholder checks; texts already refused as
    typed are not reported again."""
    raw = doc.data if isinstance(doc.data, dict) else {}
    texts: list[tuple[Loc, str]] = []
    subject = raw.get("subject")
    if isinstance(subject, str):
        texts.append((("subject",), subject))
    elif isinstance(subject, dict):
        texts += [(("subject", k), v) for k, v in subject.items() if isinstance(v, str)]
    if isinstance(raw.get("preheader"), str):
        texts.append((("preheader",), raw["preheader"]))
    texts += list(string_leaves(data.get("strings"), ("data", "strings")))
    choices = _placeholder_values(data, mailed)
    # values that can take part in syntax: every piece of it has { } or | (or is a reference)
    special = {k for k, by in choices.items() if any(_MAY_JOIN.search(v) for v in by.values())}
    out = []
    edges = None  # made on the first text that needs them
    for loc, text in texts:
        literals = _literals(text)
        if CODE_SYNTAX.search(decoded(literals)) or (
            _markup(loc) and "<" in literals and CODE_SYNTAX.search(visible(literals))
        ):
            continue  # reported as typed
        if _MAY_JOIN.search(literals) is None and not special.intersection(
            name for _, name, _, _ in _parsed(text) if name
        ):
            continue  # nothing in it or its values can make syntax: the common case
        try:
            names = field_names(text)
        except ValueError:
            continue
        if any(n not in recipient and n not in choices for n in names):
            continue
        if edges is None:
            edges = _edge_choices(choices)
        out += [doc.error(loc, m) for m in _filled(loc, text, names, edges, recipient)]
    return out


def _edge_choices(choices: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """`choices` with each value as `_edges` has it, by market only where markets differ."""
    out = {}
    for key, by in choices.items():
        edges = {market: _edges(value) for market, value in by.items()}
        distinct = set(edges.values())
        out[key] = {"": distinct.pop()} if len(distinct) == 1 else edges
    return out


def _filled(
    loc: Loc,
    text: str,
    names: set[str],
    choices: dict[str, dict[str, str]],
    recipient: Collection[str],
) -> Iterator[str]:
    where = ".".join(str(p) for p in loc)
    order = dict.fromkeys(name for _, name, _, _ in _FORMATTER.parse(text) if name)
    used = [n for n in order if n in names and n not in recipient]
    # one fill per distinct combination of values (`_edges`: one in all, as a rule)
    combos: dict[tuple[str, ...], list[str]] = {}
    markets = sorted({m for n in used for m in choices[n] if m}) or [""]
    for market in markets:
        combo = tuple(choices[n].get(market, choices[n].get("", "")) for n in used)
        combos.setdefault(combo, []).append(market)
    hidden = _markup(loc) and "<" in text  # HTML with markup: judged as shown, too
    said: set[str] = set()
    for combo, where_markets in combos.items():
        values = dict(zip(used, combo, strict=True))
        found, against = made_syntax(text, values, recipient)
        how = {item: "" for item in [*found, *against]}
        if hidden and not found:
            shown_found, shown_against = made_syntax(text, values, recipient, visible)
            found = shown_found
            how.update({item: " once markup is removed" for item in shown_found})
            against += [a for a in shown_against if a not in how]
            how.update({a: " once markup is removed" for a in shown_against if a not in how})
        messages = []
        if found:
            fields = ", ".join(f"{{{n}}}" for n in used)
            verb = "is" if len(used) == 1 else "are"
            market = f" for market {where_markets[0]}" if len(combos) > 1 else ""
            removed = " and markup is removed" if how[found[0]] else ""
            messages.append(
                f"{where}: merge-tag or template syntax {' '.join(found)} once {fields} {verb} "
                f"filled in{market}{removed} ({_NEVER_CODE})"
            )
        messages += [_against_message(where, one, how[one]) for one in against]
        for message in messages:
            if message not in said:
                said.add(message)
                yield message


def _against_message(where: str, against: tuple[str, str, str], how: str) -> str:
    name, before, after = against
    written = " and ".join(f"'{c}'" for c in (before, after) if c)
    style = "mailchimp" if "|" in before + after else "handlebars"
    made = before + merge_tag(style, name) + after
    return (
        f"{where}: {written} written against {{{name}}}{how} would join its merge tag's "
        f"syntax ({made} once it is the platform's tag); leave a space or other text "
        "between them"
    )


_SYNTAX_CHARACTERS = frozenset("{}%#*|")
# text in which every `&` starts a whole character reference, `;` included
_WHOLE_REFERENCES = re.compile(r"(?:[^&]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)*")


def _edges(value: str) -> str:
    """What of a value can join the text around it into syntax: every piece of syntax is two
    characters, and the value's own were screened as typed, so its first and last characters
    (others as 'a'), unless a character reference in it could join what follows it. Values
    that differ only inside are filled once (ten markets' '{0'...'{9' are one fill)."""
    if "&" in value:  # decoded first when no reference in it can join the text around it
        if not _WHOLE_REFERENCES.fullmatch(value) or value[:1].isalnum() or value[:1] in "#;":
            return value
        plain = decoded(value)
        if "&" in plain:
            return value
        value = plain
    core = value if len(value) <= 2 else value[0] + "a" + value[-1]
    return "".join(c if c in _SYNTAX_CHARACTERS else "a" for c in core)


def _placeholder_values(data: dict[str, Any], mailed: Iterable[str]) -> dict[str, dict[str, str]]:
    """Each top-level data value a placeholder can take, by market ('' for every market), as
    text: numbers and dates stand as '0' (the locale's digits and separators are never
    syntax), strings as typed."""
    out: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        if key == "strings":
            continue
        if isinstance(value, dict) and set(value) == {BY_MARKET}:
            by_market = value[BY_MARKET] if isinstance(value[BY_MARKET], dict) else {}
            picked = {m: by_market.get(m, by_market.get("default")) for m in mailed}
            out[key] = {m: _as_text(v) for m, v in picked.items() if v is not None}
        else:
            out[key] = {"": _as_text(value)}
    return out


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        return "0"
    if isinstance(value, (dict, list)):
        return ""
    return str(value)
